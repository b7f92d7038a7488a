//! Workshops and events: their kinds, the publics they target, and their dates.

/// Kinds of events, as the seed's field practice names them.
pub const KINDS: [&str; 5] = [
    "atelier",
    "marche_exploratoire",
    "table_ronde",
    "evenement_synthese",
    "grand_evenement",
];

/// Publics an event targets (the seed's publics).
pub const AUDIENCES: [&str; 4] = [
    "grand_public",
    "jeunesse",
    "publics_eloignes",
    "entreprises_ess",
];

/// Largest attendance a facilitator can record.
pub const MAX_ATTENDANCE: i64 = 100_000;

/// A local date and time as `YYYY-MM-DDTHH:MM` (what a datetime-local field sends).
pub fn parse_local_time(text: &str) -> Option<time::PrimitiveDateTime> {
    let format = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]");
    time::PrimitiveDateTime::parse(text.trim(), &format).ok()
}

/// `30 novembre 2026, 18 h 30` or `30 November 2026, 18:30`.
pub fn long_local_time(text: &str, english: bool) -> String {
    match parse_local_time(text) {
        Some(at) => {
            let day = crate::domain::process::Day(at.date()).long(english);
            if english {
                format!("{day}, {:02}:{:02}", at.hour(), at.minute())
            } else {
                format!("{day}, {} h {:02}", at.hour(), at.minute())
            }
        }
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_local_times() {
        assert!(parse_local_time("2026-11-30T18:30").is_some());
        assert!(parse_local_time("30/11/2026").is_none());
        assert_eq!(
            long_local_time("2026-11-30T18:30", false),
            "30 novembre 2026, 18 h 30"
        );
        assert!(parse_local_time("2026-11-30T18:30") < parse_local_time("2026-11-30T20:00"));
    }
}
