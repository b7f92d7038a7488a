//! Needs (besoins): what a valid need is, where it may be placed, and when contributions are
//! open (while a current phase opens needs collection).

use crate::platform::web::forms::FieldError;

/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 120;
/// Longest description, in characters.
pub const MAX_BODY_CHARS: usize = 3_000;
/// Longest comment, in characters.
pub const MAX_COMMENT_CHARS: usize = 2_000;

crate::text_enum! {
    /// Where a need comes from.
    pub enum Source {
        /// Written on the site.
        Online = "online",
        /// Captured by a facilitator after a workshop.
        Workshop = "workshop",
        /// Imported from another platform.
        Import = "import",
    }
}

crate::text_enum! {
    /// Where a need stands.
    pub enum NeedStatus {
        /// Shown to everyone, counted, open to supports and comments.
        Published = "published",
        /// Hidden by a moderator, with a reason shown in its place.
        Hidden = "hidden",
        /// Merged into another need, to which its address leads.
        Merged = "merged",
    }
}

impl NeedStatus {
    /// Whether everyone sees it.
    pub fn is_published(self) -> bool {
        self == NeedStatus::Published
    }

    /// Whether moderation hid it.
    pub fn is_hidden(self) -> bool {
        self == NeedStatus::Hidden
    }
}

crate::text_enum! {
    /// Whether a comment shows.
    pub enum CommentStatus {
        /// Shown.
        Published = "published",
        /// Hidden by a moderator, with a reason shown in its place.
        Hidden = "hidden",
    }
}

crate::text_enum! {
    /// What the needs map shows.
    pub enum MapView {
        /// Each need at its place.
        Points = "points",
        /// Counts per commune.
        Communes = "communes",
        /// Counts per 1,000 inhabitants.
        Density = "densite",
    }
}

crate::text_enum! {
    /// How a list of needs is ordered, as the list's address says (`tri`).
    pub enum Order {
        /// Newest first (also when `tri` says nothing).
        Recent = "recents",
        /// Most supported first.
        Supported = "soutiens",
    }
}

crate::text_enum! {
    /// The support button pressed.
    pub enum SupportAction {
        /// Support the need.
        Add = "ajouter",
        /// Withdraw the support.
        Withdraw = "retirer",
    }
}

/// Checks a title: not empty, at most 120 characters, no control characters.
pub fn validate_title(raw: &str) -> Result<String, FieldError> {
    crate::platform::web::forms::validate_line(raw, MAX_TITLE_CHARS, true)
}

pub use crate::platform::web::forms::validate_text;

/// Reads a latitude and longitude typed or set by the map; `None` when either is missing or out
/// Most supports a need may bring from another platform: more people than live in France,
/// so any real count fits, and adding supports to it can never overflow.
pub const MAX_IMPORTED_SUPPORTS: i64 = 100_000_000;

/// Reads the supports an imported row brings (empty: none).
pub fn imported_supports(text: &str) -> Result<i64, FieldError> {
    match text.trim() {
        "" => Ok(0),
        count => count
            .parse::<i64>()
            .ok()
            .filter(|n| (0..=MAX_IMPORTED_SUPPORTS).contains(n))
            .ok_or(FieldError::NotACount),
    }
}

/// Most words a search looks for. Each word is one lookup, so a pasted page of text must not
/// become thousands of them; the longest words are kept, usually the most telling.
pub const MAX_SEARCH_TERMS: usize = 6;

/// The search terms of what someone typed (stems, without stop words), at most
/// `MAX_SEARCH_TERMS`, and whether some were left out.
pub fn search_terms(typed: &str) -> (Vec<String>, bool) {
    let mut terms = textkit::search_terms(typed);
    if terms.len() <= MAX_SEARCH_TERMS {
        return (terms, false);
    }
    terms.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    terms.truncate(MAX_SEARCH_TERMS);
    terms.sort();
    (terms, true)
}

/// of range.
pub fn parse_point(lat: &str, lon: &str) -> Option<[f64; 2]> {
    let (lat, lon) = (
        lat.trim().parse::<f64>().ok()?,
        lon.trim().parse::<f64>().ok()?,
    );
    ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)).then_some([lon, lat])
}

/// Reads which need a moderator means: its number, or a link to its page
/// (`https://…/besoins/123#soutiens`). `None` when neither.
pub fn need_reference(input: &str) -> Option<i64> {
    let input = input.trim();
    let tail = match input.rfind("/besoins/") {
        Some(at) => &input[at + "/besoins/".len()..],
        None => input.trim_start_matches(['n', 'N', '°', 'º', ' ']),
    };
    let digits: &str = tail.split(['#', '?', '/']).next().unwrap_or("");
    digits.parse().ok().filter(|id: &i64| *id > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imported_supports_are_counts_that_cannot_overflow() {
        assert_eq!(imported_supports(""), Ok(0));
        assert_eq!(imported_supports(" 42 "), Ok(42));
        assert_eq!(imported_supports("100000000"), Ok(MAX_IMPORTED_SUPPORTS));
        for bad in ["9223372036854775807", "100000001", "-3", "douze", "1.5"] {
            assert_eq!(imported_supports(bad), Err(FieldError::NotACount), "{bad}");
        }
    }

    #[test]
    fn a_search_keeps_its_longest_words_and_says_so() {
        assert_eq!(search_terms("des écoles"), (vec!["ecol".to_owned()], false));
        let pasted = (0..5_000)
            .map(|n| format!("mot{n}"))
            .collect::<Vec<_>>()
            .join(" ");
        let (terms, cut) = search_terms(&format!("{pasted} transports intercommunaux"));
        assert!(cut);
        assert_eq!(terms.len(), MAX_SEARCH_TERMS);
        assert!(
            terms.iter().any(|t| t.starts_with("intercommunal")),
            "{terms:?}"
        );
        assert!(
            terms.iter().any(|t| t.starts_with("transport")),
            "{terms:?}"
        );
    }
    use crate::features::processes::rules::{Day, Module, module_open};

    #[test]
    fn titles_are_required_and_bounded() {
        assert_eq!(
            validate_title("  Plus de bus le dimanche "),
            Ok("Plus de bus le dimanche".into())
        );
        assert_eq!(validate_title("   "), Err(FieldError::Required));
        assert_eq!(validate_title(&"a".repeat(121)), Err(FieldError::TooLong));
        assert!(validate_title(&"é".repeat(120)).is_ok());
    }

    #[test]
    fn descriptions_keep_line_breaks() {
        assert_eq!(
            validate_text("ligne 1\r\nligne 2\u{7}", 3000, false),
            Ok("ligne 1\nligne 2".into())
        );
        assert_eq!(validate_text("", 3000, true), Err(FieldError::Required));
        assert_eq!(
            validate_text(&"x".repeat(3001), 3000, false),
            Err(FieldError::TooLong)
        );
    }

    #[test]
    fn points_are_read_in_range() {
        assert_eq!(parse_point("47.63", "6.86"), Some([6.86, 47.63]));
        assert_eq!(parse_point("", "6.86"), None);
        assert_eq!(parse_point("95", "6.86"), None);
    }

    #[test]
    fn collection_is_open_during_a_needs_phase_only() {
        let today = Day::parse("2026-11-23").unwrap();
        let open = |phase| module_open([phase], Module::Needs, today);
        assert!(open(("2026-01-01", "2026-12-31", "needs,events")));
        assert!(!open(("2026-01-01", "2026-12-31", "solutions")));
        assert!(!open(("2027-01-01", "2027-12-31", "needs")));
    }

    #[test]
    fn a_need_is_named_by_its_number_or_its_link() {
        assert_eq!(need_reference(" 4242 "), Some(4242));
        assert_eq!(need_reference("n° 17"), Some(17));
        assert_eq!(
            need_reference("https://concerto.example/besoins/99#soutiens"),
            Some(99)
        );
        assert_eq!(need_reference("/besoins/12?x=1"), Some(12));
        assert_eq!(need_reference("https://concerto.example/demarches/x"), None);
        assert_eq!(need_reference("douze"), None);
        assert_eq!(need_reference("0"), None);
        assert_eq!(need_reference(""), None);
    }
}
