//! Syntheses: the life of a version (running → draft → validated → published, then superseded
//! by the next publication), what may be changed when, which needs a synthesis covers, and
//! what a cluster's name and text may be.

use crate::features::needs::rules::validate_text;
use crate::platform::web::forms::FieldError;

/// Longest cluster name, in characters.
pub const MAX_LABEL_CHARS: usize = 120;
/// Longest text written for a cluster, in characters.
pub const MAX_SUMMARY_CHARS: usize = 2_000;
/// A running synthesis that has not reported progress for this long was interrupted (its
/// server stopped): it is shown as failed and another may start.
pub const STALE_AFTER_MS: i64 = 10 * 60 * 1000;

crate::text_enum! {
    /// Where a version of a synthesis stands.
    pub enum Status {
        /// Being computed.
        Running = "running",
        /// Computing stopped on an error, or was interrupted.
        Failed = "failed",
        /// Computed; people edit it.
        Draft = "draft",
        /// Validated: frozen, ready to publish.
        Validated = "validated",
        /// The version the public sees.
        Published = "published",
        /// Published once, then replaced by a newer publication.
        Superseded = "superseded",
    }
}

impl Status {
    /// The status people see: a running synthesis silent for too long was interrupted.
    pub fn seen(stored: Status, updated_at: i64, now: i64) -> Status {
        match stored {
            Status::Running if now - updated_at > STALE_AFTER_MS => Status::Failed,
            status => status,
        }
    }

    /// Whether its clusters may still be renamed, merged, split and its needs moved.
    pub fn editable(self) -> bool {
        self == Status::Draft
    }

    /// Whether the public may read it (the current publication and the ones it replaced).
    pub fn public(self) -> bool {
        matches!(self, Status::Published | Status::Superseded)
    }

    /// Whether it may be thrown away (never a validated or published version).
    pub fn discardable(self) -> bool {
        matches!(self, Status::Draft | Status::Failed)
    }
}

crate::text_enum! {
    /// What kind of scope a synthesis has, as stored beside its id.
    pub enum ScopeKind {
        /// All the published needs.
        All = "all",
        /// Those of one theme.
        Theme = "theme",
        /// Those placed in a territory.
        Territory = "territory",
        /// Those captured at one workshop.
        Workshop = "workshop",
    }
}

crate::text_enum! {
    /// The edit a button asks of a draft's cluster (its `action`, before `-NEED` for the edits
    /// of one need).
    pub enum ClusterEdit {
        /// Rename and describe it.
        Describe = "decrire",
        /// Merge another cluster of the same theme into it.
        Merge = "fusionner",
        /// Split it in two.
        Split = "diviser",
        /// Move the ticked needs to another cluster.
        Move = "deplacer",
        /// Confirm the theme suggested for a need.
        AcceptTheme = "accepter",
        /// Pin a need as a quote.
        Pin = "epingler",
        /// Unpin it.
        Unpin = "desepingler",
    }
}

crate::text_enum! {
    /// What a version's button decides.
    pub enum VersionDecision {
        /// Validate a draft (managers): it is frozen.
        Validate = "valider",
        /// Publish a validated version (managers).
        Publish = "publier",
        /// Throw away a draft or a failed run (the team).
        Discard = "abandonner",
    }
}

impl VersionDecision {
    /// Whether only the process's managers may take it.
    pub fn for_managers(self) -> bool {
        matches!(self, VersionDecision::Validate | VersionDecision::Publish)
    }
}

/// Which needs of a process a synthesis covers (always the published ones).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// All of them.
    All,
    /// Those of one theme.
    Theme(i64),
    /// Those placed in a territory (a commune, or an EPCI and its communes).
    Territory(i64),
    /// Those captured at one workshop.
    Workshop(i64),
}

impl Scope {
    /// The stored kind and id.
    pub fn stored(self) -> (ScopeKind, Option<i64>) {
        match self {
            Scope::All => (ScopeKind::All, None),
            Scope::Theme(id) => (ScopeKind::Theme, Some(id)),
            Scope::Territory(id) => (ScopeKind::Territory, Some(id)),
            Scope::Workshop(id) => (ScopeKind::Workshop, Some(id)),
        }
    }

    /// Reads a stored kind and id; `None` when they do not fit together.
    pub fn from_stored(kind: ScopeKind, id: Option<i64>) -> Option<Scope> {
        match (kind, id) {
            (ScopeKind::All, _) => Some(Scope::All),
            (ScopeKind::Theme, Some(id)) => Some(Scope::Theme(id)),
            (ScopeKind::Territory, Some(id)) => Some(Scope::Territory(id)),
            (ScopeKind::Workshop, Some(id)) => Some(Scope::Workshop(id)),
            _ => None,
        }
    }

    /// Reads the scope chosen in a form: one value, `""` or `tout` for all, `theme-ID`,
    /// `territoire-ID` or `atelier-ID`.
    pub fn from_choice(choice: &str) -> Option<Scope> {
        let choice = choice.trim();
        if choice.is_empty() || choice == "tout" {
            return Some(Scope::All);
        }
        let (kind, id) = choice.split_once('-')?;
        let id = id.parse().ok()?;
        match kind {
            "theme" => Some(Scope::Theme(id)),
            "territoire" => Some(Scope::Territory(id)),
            "atelier" => Some(Scope::Workshop(id)),
            _ => None,
        }
    }
}

/// Checks a cluster's name: required, at most 120 characters, on one line.
pub fn validate_label(raw: &str) -> Result<String, FieldError> {
    let label = validate_text(&raw.replace(['\r', '\n'], " "), MAX_LABEL_CHARS, true)?;
    Ok(label.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Checks the text written for a cluster: optional, at most 2,000 characters.
pub fn validate_summary(raw: &str) -> Result<String, FieldError> {
    validate_text(raw, MAX_SUMMARY_CHARS, false)
}

/// The name a fresh cluster gets from its distinctive terms ("bus, gare, horaires").
pub fn label_from_terms(terms: &[String]) -> String {
    terms.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_drafts_change_and_only_drafts_or_failures_are_thrown_away() {
        for &status in Status::ALL {
            assert_eq!(status.as_str().parse::<Status>(), Ok(status));
            assert_eq!(status.editable(), status == Status::Draft);
            assert_eq!(
                status.discardable(),
                matches!(status, Status::Draft | Status::Failed)
            );
        }
        assert!(Status::Published.public() && Status::Superseded.public());
        assert!(!Status::Validated.public() && !Status::Draft.public());
    }

    #[test]
    fn a_silent_running_synthesis_was_interrupted() {
        let now = 100 * STALE_AFTER_MS;
        assert_eq!(
            Status::seen(Status::Running, now - 1_000, now),
            Status::Running
        );
        assert_eq!(
            Status::seen(Status::Running, now - STALE_AFTER_MS - 1, now),
            Status::Failed
        );
        assert_eq!(
            Status::seen(Status::Draft, 0, now),
            Status::Draft,
            "only running ones go stale"
        );
    }

    #[test]
    fn scopes_round_trip_and_bad_choices_are_refused() {
        for scope in [
            Scope::All,
            Scope::Theme(4),
            Scope::Territory(5),
            Scope::Workshop(6),
        ] {
            let (kind, id) = scope.stored();
            assert_eq!(Scope::from_stored(kind, id), Some(scope));
        }
        assert_eq!(Scope::from_choice(""), Some(Scope::All));
        assert_eq!(Scope::from_choice("theme-12"), Some(Scope::Theme(12)));
        assert_eq!(
            Scope::from_choice("territoire-3"),
            Some(Scope::Territory(3))
        );
        assert_eq!(Scope::from_choice("atelier-x"), None);
        assert_eq!(Scope::from_choice("commune-3"), None);
        assert_eq!(Scope::from_stored(ScopeKind::Theme, None), None);
    }

    #[test]
    fn labels_are_one_trimmed_line() {
        assert_eq!(
            validate_label("  Bus\r\nen soirée  ").as_deref(),
            Ok("Bus en soirée")
        );
        assert_eq!(validate_label("   "), Err(FieldError::Required));
        assert_eq!(validate_label(&"a".repeat(121)), Err(FieldError::TooLong));
        assert_eq!(validate_summary("").as_deref(), Ok(""));
        assert_eq!(
            validate_summary(&"é".repeat(2_001)),
            Err(FieldError::TooLong)
        );
    }
}
