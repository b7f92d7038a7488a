//! Workshops and events: their kinds, the publics they target, their dates, and who came.

use crate::platform::web::forms::FieldError;

crate::text_enum! {
    /// Kinds of events, as the seed's field practice names them.
    pub enum EventKind {
        /// A workshop (in the street, a company, a social structure…).
        Workshop = "atelier",
        /// An exploratory walk.
        ExploratoryWalk = "marche_exploratoire",
        /// A round table.
        RoundTable = "table_ronde",
        /// An event that synthesises needs into themes.
        SynthesisEvent = "evenement_synthese",
        /// The large event of the whole territory.
        MainEvent = "grand_evenement",
    }
}

/// The publics an event targets are the consultation's publics, which a participant may also
/// say they belong to (accounts' profile).
pub use crate::features::accounts::rules::Audience;

crate::text_enum! {
    /// The categories of the anonymous breakdown of attendance.
    pub enum Category {
        /// By age bracket.
        Age = "age",
        /// By public.
        Public = "public",
    }
}

impl Category {
    /// The values a category takes, as stored.
    pub fn values(self) -> Vec<&'static str> {
        match self {
            Category::Age => crate::features::accounts::rules::AGE_BRACKETS.to_vec(),
            Category::Public => Audience::ALL.iter().map(|a| a.as_str()).collect(),
        }
    }

    /// The prefix of its values' message keys.
    pub fn label_prefix(self) -> &'static str {
        match self {
            Category::Age => "age-",
            Category::Public => "audience-",
        }
    }
}

crate::text_enum! {
    /// The registration button pressed.
    pub enum RegistrationAction {
        /// Register.
        Register = "inscrire",
        /// Cancel the registration.
        Cancel = "desinscrire",
    }
}

/// Largest attendance a facilitator can record.
pub const MAX_ATTENDANCE: i64 = 100_000;

/// Reads a number of people typed by a facilitator; an empty field is `None`.
pub fn head_count(text: &str) -> Result<Option<i64>, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<i64>() {
        Ok(n) if (0..=MAX_ATTENDANCE).contains(&n) => Ok(Some(n)),
        _ => Err(FieldError::NotACount),
    }
}

/// Whether the counts of one category fit in the number of people who came: lines may be
/// left blank (people who did not say), but they never add up to more people than came.
pub fn breakdown_fits(total: i64, counts: &[i64]) -> bool {
    counts.iter().sum::<i64>() <= total
}

/// A local date and time as `YYYY-MM-DDTHH:MM` (what a datetime-local field sends).
pub fn parse_local_time(text: &str) -> Option<time::PrimitiveDateTime> {
    let format = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]");
    time::PrimitiveDateTime::parse(text.trim(), &format).ok()
}

/// `30 novembre 2026, 18 h 30` or `30 November 2026, 18:30`.
pub fn long_local_time(text: &str, english: bool) -> String {
    match parse_local_time(text) {
        Some(at) => {
            let day = crate::features::processes::rules::Day(at.date()).long(english);
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

    #[test]
    fn head_counts_are_whole_numbers_in_range_or_blank() {
        assert_eq!(head_count(" 12 "), Ok(Some(12)));
        assert_eq!(head_count(""), Ok(None));
        assert_eq!(head_count("-1"), Err(FieldError::NotACount));
        assert_eq!(head_count("douze"), Err(FieldError::NotACount));
        assert_eq!(head_count("100001"), Err(FieldError::NotACount));
    }

    #[test]
    fn a_breakdown_never_counts_more_people_than_came() {
        assert!(breakdown_fits(30, &[10, 20]));
        assert!(breakdown_fits(30, &[10]));
        assert!(!breakdown_fits(30, &[10, 21]));
    }
}
