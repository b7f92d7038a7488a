//! The opinion map: what a valid statement is, what a vote is, how statements are moderated,
//! how an export numbers participants and statements.

use std::collections::HashMap;

use crate::features::needs::rules::validate_text;
use crate::platform::web::forms::FieldError;

/// Longest statement, in characters (as on Polis).
pub const MAX_STATEMENT_CHARS: usize = 140;

/// Checks a statement: one line, not empty, at most 140 characters.
pub fn validate_statement(raw: &str) -> Result<String, FieldError> {
    let text = validate_text(&raw.replace(['\r', '\n'], " "), MAX_STATEMENT_CHARS, true)?;
    Ok(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

crate::text_enum! {
    /// Where a statement stands.
    pub enum StatementStatus {
        /// Waiting for a moderator (when statements are moderated before publication).
        Pending = "pending",
        /// Published: people vote on it.
        Accepted = "accepted",
        /// Refused by a moderator: never shown.
        Refused = "refused",
        /// Withdrawn after votes: its votes count as passes for everyone.
        Out = "out",
    }
}

impl StatementStatus {
    /// The statuses whose statements count on the map (their votes are in it).
    pub const ON_THE_MAP: [StatementStatus; 2] = [StatementStatus::Accepted, StatementStatus::Out];

    /// The status of a new statement: published at once, or waiting for a moderator.
    pub fn of_new(premoderation: bool) -> StatementStatus {
        if premoderation {
            StatementStatus::Pending
        } else {
            StatementStatus::Accepted
        }
    }
}

crate::text_enum! {
    /// The button a voter pressed.
    pub enum Choice {
        /// D'accord: 1.
        Agree = "accord",
        /// Pas d'accord: -1.
        Disagree = "desaccord",
        /// Passer: 0.
        Pass = "passer",
    }
}

impl Choice {
    /// The vote as stored: 1, -1 or 0.
    pub fn value(self) -> i8 {
        match self {
            Choice::Agree => 1,
            Choice::Disagree => -1,
            Choice::Pass => 0,
        }
    }
}

crate::text_enum! {
    /// The button a moderator pressed on a statement.
    pub enum Decision {
        /// Publish it.
        Accept = "accepter",
        /// Refuse it.
        Refuse = "refuser",
        /// Withdraw it after votes.
        Withdraw = "retirer",
    }
}

impl Decision {
    /// The status it gives the statement.
    pub fn status(self) -> StatementStatus {
        match self {
            Decision::Accept => StatementStatus::Accepted,
            Decision::Refuse => StatementStatus::Refused,
            Decision::Withdraw => StatementStatus::Out,
        }
    }
}

crate::text_enum! {
    /// When statements are moderated, as the manager chooses.
    pub enum ModerationTime {
        /// Before they are published.
        Before = "avant",
        /// After: published at once, withdrawn if need be.
        After = "apres",
    }
}

/// The letter that names group `index` (A, B, C…).
pub fn group_letter(index: usize) -> char {
    char::from(b'A' + (index % 26) as u8)
}

/// Numbers 0, 1, 2… given to identifiers in an export, so that no account identifier leaves
/// the platform: first in a reference order (the map's), then any identifier the map has not
/// seen yet (a vote cast after it was computed), ascending.
#[derive(Debug, Default)]
pub struct Numbering {
    ids: Vec<i64>,
    number: HashMap<i64, usize>,
}

impl Numbering {
    /// Numbers `first` in its order, then the identifiers of `others` that are not in it.
    pub fn new(
        first: impl IntoIterator<Item = i64>,
        others: impl IntoIterator<Item = i64>,
    ) -> Self {
        let mut numbering = Numbering::default();
        for id in first {
            numbering.push(id);
        }
        let mut late: Vec<i64> = others
            .into_iter()
            .filter(|id| !numbering.number.contains_key(id))
            .collect();
        late.sort_unstable();
        late.dedup();
        for id in late {
            numbering.push(id);
        }
        numbering
    }

    fn push(&mut self, id: i64) {
        if let std::collections::hash_map::Entry::Vacant(entry) = self.number.entry(id) {
            entry.insert(self.ids.len());
            self.ids.push(id);
        }
    }

    /// The number of an identifier.
    pub fn of(&self, id: i64) -> Option<usize> {
        self.number.get(&id).copied()
    }

    /// The identifiers, by number.
    pub fn ids(&self) -> &[i64] {
        &self.ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_votes_and_decisions_are_read_strictly() {
        assert_eq!(
            validate_statement(" Plus de bus\nle soir ").as_deref(),
            Ok("Plus de bus le soir")
        );
        assert_eq!(validate_statement("  "), Err(FieldError::Required));
        assert_eq!(
            validate_statement(&"é".repeat(141)),
            Err(FieldError::TooLong)
        );
        let value = |choice: &str| choice.parse::<Choice>().ok().map(Choice::value);
        assert_eq!(value("accord"), Some(1));
        assert_eq!(value("desaccord"), Some(-1));
        assert_eq!(value("passer"), Some(0));
        assert_eq!(value("2"), None);
        let status = |action: &str| action.parse::<Decision>().ok().map(Decision::status);
        assert_eq!(status("retirer"), Some(StatementStatus::Out));
        assert_eq!(status("effacer"), None);
        assert_eq!(StatementStatus::of_new(true), StatementStatus::Pending);
        assert_eq!(group_letter(1), 'B');
    }

    #[test]
    fn numbering_follows_the_map_then_adds_latecomers_once_in_ascending_order() {
        let numbering = Numbering::new([30, 10, 20], [20, 99, 5, 99, 10]);
        assert_eq!(numbering.ids(), &[30, 10, 20, 5, 99]);
        assert_eq!(numbering.of(30), Some(0));
        assert_eq!(numbering.of(5), Some(3));
        assert_eq!(numbering.of(99), Some(4));
        assert_eq!(numbering.of(7), None);
    }
}
