//! Solutions (phase 2): what a valid solution is, where it may stand (its place's scope, its
//! stage and progress, the official answer), and how the needs it answers are named.

use crate::platform::web::forms::FieldError;

/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 140;
/// Longest description (Markdown), in characters.
pub const MAX_BODY_CHARS: usize = 8_000;
/// Longest organisation name, in characters.
pub const MAX_ORGANISATION_CHARS: usize = 120;
/// Longest reason given with an official answer, or milestone text, in characters.
pub const MAX_NOTE_CHARS: usize = 2_000;
/// Most needs and clusters one solution answers: enough for a real project, few enough that
/// a form cannot make thousands of links (and notices).
pub const MAX_LINKS: usize = 50;
/// Most carriers on one solution's team.
pub const MAX_CARRIERS: usize = 12;

crate::text_enum! {
    /// How far a solution's place reaches.
    pub enum Scope {
        /// A point on the map (within a commune).
        Point = "point",
        /// A commune.
        Commune = "commune",
        /// An EPCI (intercommunalité).
        Epci = "epci",
        /// The whole territory of the process.
        Territory = "territory",
    }
}

crate::text_enum! {
    /// Where a solution comes from.
    pub enum Source {
        /// Proposed on the site by a participant.
        Online = "online",
        /// Invented at a workshop or an event, typed in by its facilitator.
        Event = "event",
        /// Imported (CSV, Decidim results).
        Import = "import",
    }
}

crate::text_enum! {
    /// Where a solution stands with moderation.
    pub enum SolutionStatus {
        /// Shown to everyone, counted.
        Published = "published",
        /// Hidden by a moderator, with a reason shown in its place.
        Hidden = "hidden",
        /// Merged into another solution, to which its address leads.
        Merged = "merged",
    }
}

crate::text_enum! {
    /// The process team's official answer to a solution.
    pub enum Answer {
        /// Taken up.
        Retained = "retenue",
        /// To be reworked.
        Rework = "a-retravailler",
        /// Outside what the process can take up.
        OutOfScope = "hors-champ",
    }
}

crate::text_enum! {
    /// How the list of solutions is ordered, as its address says (`tri`).
    pub enum Order {
        /// Newest first (also when `tri` says nothing).
        Recent = "recentes",
        /// Most supported first.
        Supported = "soutiens",
        /// Furthest along first.
        Advanced = "avancement",
        /// Most recently followed up first (a stage, a progress, a milestone, an answer).
        Updated = "suivi",
    }
}

impl Order {
    /// The column it orders by, highest first (then by id).
    pub fn column(self) -> &'static str {
        match self {
            Order::Recent => "created_at",
            Order::Supported => "supports_count",
            Order::Advanced => "progress",
            Order::Updated => "updated_at",
        }
    }
}

pub use crate::platform::web::forms::validate_line;

/// Reads a progress typed in percent: a whole number from 0 to 100.
pub fn parse_progress(raw: &str) -> Result<i64, FieldError> {
    raw.trim()
        .trim_end_matches('%')
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|p| (0..=100).contains(p))
        .ok_or(FieldError::NotAPercentage)
}

/// Reads a list of references to needs (numbers, `n°12`, or links to their pages), separated
/// by commas, semicolons, spaces or lines; keeps the first of each, in order. `Err` names the
/// first piece that is not a reference.
pub fn need_references(raw: &str) -> Result<Vec<i64>, String> {
    let mut ids: Vec<i64> = Vec::new();
    for piece in raw
        .split([',', ';', '\n', ' ', '\t', '|'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let id =
            crate::features::needs::rules::need_reference(piece).ok_or_else(|| piece.to_owned())?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// A date as `YYYY-MM-DD`, checked by the calendar.
pub fn validate_day(raw: &str) -> Result<String, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(FieldError::Required);
    }
    crate::features::processes::rules::Day::parse(raw)
        .map(|day| day.iso())
        .ok_or(FieldError::NotADate)
}

/// A stage's key: 2 to 40 characters among a–z, 0–9 and inner dashes or underscores (as it
/// stands in imports and exports; Decidim's status keys are written `in_progress`).
pub fn valid_stage_key(key: &str) -> bool {
    (2..=40).contains(&key.len())
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && !key.starts_with(['-', '_'])
        && !key.ends_with(['-', '_'])
}

/// The text of an HTML fragment (Decidim's rich descriptions): paragraphs and line breaks kept
/// as blank lines and line breaks, list items as dashes, tags dropped, the common entities
/// read.
pub fn html_to_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('>') else {
            rest = "";
            break;
        };
        let tag = rest[start + 1..start + end].trim().to_ascii_lowercase();
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        match (tag.starts_with('/'), name.as_str()) {
            (true, "p" | "div" | "ul" | "ol" | "h1" | "h2" | "h3" | "h4") => text.push_str("\n\n"),
            (false, "br") => text.push('\n'),
            (false, "li") => text.push_str("\n- "),
            _ => {}
        }
        rest = &rest[start + end + 1..];
    }
    text.push_str(rest);
    let text = text
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let mut joined = lines.join("\n");
    while joined.contains("\n\n\n") {
        joined = joined.replace("\n\n\n", "\n\n");
    }
    joined.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decidim_html_becomes_plain_paragraphs() {
        assert_eq!(
            html_to_text(
                "<p>Une navette&nbsp;le soir.</p><p>Pour <strong>tous</strong> &amp; toutes :</p><ul><li>Belfort</li><li>Delle</li></ul>"
            ),
            "Une navette le soir.\n\nPour tous & toutes :\n\n- Belfort\n- Delle"
        );
        assert_eq!(html_to_text("Texte brut"), "Texte brut");
        assert_eq!(html_to_text("a<br>b<br/>c"), "a\nb\nc");
    }

    #[test]
    fn progress_is_a_whole_percentage() {
        assert_eq!(parse_progress("40"), Ok(40));
        assert_eq!(parse_progress(" 100 % "), Ok(100));
        assert_eq!(parse_progress("0"), Ok(0));
        for bad in ["101", "-1", "", "quarante", "12.5"] {
            assert_eq!(
                parse_progress(bad),
                Err(FieldError::NotAPercentage),
                "{bad}"
            );
        }
    }

    #[test]
    fn needs_are_named_by_number_or_link_each_once() {
        assert_eq!(
            need_references("12, n°7; https://concerto.example/besoins/31#soutiens\n12"),
            Ok(vec![12, 7, 31])
        );
        assert_eq!(need_references("  "), Ok(vec![]));
        assert_eq!(need_references("12, douze"), Err("douze".to_owned()));
    }

    #[test]
    fn days_follow_the_calendar() {
        assert_eq!(validate_day("2027-02-28"), Ok("2027-02-28".into()));
        assert_eq!(validate_day("2027-02-30"), Err(FieldError::NotADate));
        assert_eq!(validate_day(""), Err(FieldError::Required));
    }

    #[test]
    fn stage_keys_are_address_safe() {
        assert!(valid_stage_key("recherche"));
        assert!(valid_stage_key("phase-2"));
        assert!(valid_stage_key("in_progress"));
        for bad in ["a", "Idée", "-x", "x-", "avec espace"] {
            assert!(!valid_stage_key(bad), "{bad}");
        }
    }
}
