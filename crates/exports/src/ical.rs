//! iCalendar (RFC 5545) for an agenda that calendar applications subscribe to: CRLF line ends,
//! lines folded at 75 octets, text escaped, local times in Europe/Paris with its VTIMEZONE.
//!
//! Written here rather than with the `icalendar` crate: its 0.17 passes a lone carriage return
//! and other control characters through into the output (a value can then start a line of its
//! own, `X-INJECTED:…`), writes no VTIMEZONE, and brings chrono and iso8601 with it.

/// One event of the calendar.
pub struct CalendarEvent {
    /// Globally unique id, for example `event-42@concertation.exemple.fr`.
    pub uid: String,
    /// Start, local time in Europe/Paris, as `YYYYMMDDTHHMMSS`.
    pub starts: String,
    /// End, same form.
    pub ends: String,
    /// Title.
    pub summary: String,
    /// Description.
    pub description: String,
    /// Place.
    pub location: String,
    /// Page of the event.
    pub url: String,
}

/// The Europe/Paris time zone, as calendars need it to read local times.
const PARIS: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

/// Escapes a TEXT value: every line break (CRLF, LF or a lone CR) becomes `\n`, and other
/// control characters, which TEXT may not hold, are dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes a content line, folded so that no line exceeds 75 octets (never inside a character).
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let size = c.len_utf8();
        if width + size > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += size;
    }
    out.push_str("\r\n");
}

/// The whole calendar. `stamp` is the time of export in UTC, `YYYYMMDDTHHMMSSZ`.
pub fn calendar(name: &str, stamp: &str, events: &[CalendarEvent]) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Concerto//Agenda//FR");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    out.push_str(PARIS);
    for event in events {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", event.uid));
        line(&mut out, &format!("DTSTAMP:{stamp}"));
        line(
            &mut out,
            &format!("DTSTART;TZID=Europe/Paris:{}", event.starts),
        );
        line(&mut out, &format!("DTEND;TZID=Europe/Paris:{}", event.ends));
        line(&mut out, &format!("SUMMARY:{}", escape(&event.summary)));
        if !event.description.is_empty() {
            line(
                &mut out,
                &format!("DESCRIPTION:{}", escape(&event.description)),
            );
        }
        if !event.location.is_empty() {
            line(&mut out, &format!("LOCATION:{}", escape(&event.location)));
        }
        line(&mut out, &format!("URL:{}", event.url));
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_folded_escaped_crlf_lines() {
        let event = CalendarEvent {
            uid: "event-1@exemple.fr".into(),
            starts: "20261205T140000".into(),
            ends: "20261205T170000".into(),
            summary: "Atelier ; besoins, quartier".into(),
            description: "Une très longue description accentuée qui dépasse largement les soixante-quinze octets d'une ligne\\nSuite".into(),
            location: "Belfort".into(),
            url: "https://exemple.fr/ateliers/1".into(),
        };
        let text = calendar("Aux Actes Citoyens", "20261123T120000Z", &[event]);
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
        assert!(text.lines().all(|l| l.len() <= 76), "lines are folded");
        assert!(
            !text.replace("\r\n", "").contains('\n'),
            "only CRLF line ends"
        );
        assert!(text.contains("SUMMARY:Atelier \\; besoins\\, quartier"));
        let unfolded = text.replace("\r\n ", "");
        assert!(
            unfolded.contains(
                "DESCRIPTION:Une très longue description accentuée qui dépasse largement"
            )
        );
        assert!(text.contains("DTSTART;TZID=Europe/Paris:20261205T140000"));
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 1);
    }

    #[test]
    fn lone_carriage_returns_and_control_characters_cannot_break_a_line() {
        let event = CalendarEvent {
            uid: "event-2@exemple.fr".into(),
            starts: "20261205T140000".into(),
            ends: "20261205T170000".into(),
            summary: "Atelier\rX-INJECTED:oui\u{7}".into(),
            description: "a\r\nb\nc\rd\te".into(),
            location: "\u{0}Belfort".into(),
            url: "https://exemple.fr/ateliers/2".into(),
        };
        let text = calendar("Démarche\rX-WR-CALNAME:piège", "20261123T120000Z", &[event]);
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert!(lines.iter().all(|l| !l.contains(['\r', '\n'])));
        assert!(
            !lines
                .iter()
                .any(|l| l.starts_with("X-INJECTED") || l.starts_with("X-WR-CALNAME:piège"))
        );
        assert!(text.contains("SUMMARY:Atelier\\nX-INJECTED:oui\r\n"));
        assert!(text.contains("DESCRIPTION:a\\nb\\nc\\nd\te\r\n"));
        assert!(text.contains("LOCATION:Belfort\r\n"));
        assert!(!text.contains('\u{7}') && !text.contains('\u{0}'));
    }
}
