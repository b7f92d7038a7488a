//! The opinion map: what a valid statement is, what a vote is, how statements are moderated.

use crate::domain::account::FieldError;
use crate::domain::need::validate_text;

/// Longest statement, in characters (as on Polis).
pub const MAX_STATEMENT_CHARS: usize = 140;

/// Checks a statement: one line, not empty, at most 140 characters.
pub fn validate_statement(raw: &str) -> Result<String, FieldError> {
    let text = validate_text(&raw.replace(['\r', '\n'], " "), MAX_STATEMENT_CHARS, true)?;
    Ok(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Reads the button pressed: `accord` 1, `desaccord` -1, `passer` 0.
pub fn parse_vote(choice: &str) -> Option<i8> {
    match choice {
        "accord" => Some(1),
        "desaccord" => Some(-1),
        "passer" => Some(0),
        _ => None,
    }
}

/// A moderator's decision on a statement, as stored.
pub fn moderation_status(action: &str) -> Option<&'static str> {
    match action {
        "accepter" => Some("accepted"),
        "refuser" => Some("refused"),
        "retirer" => Some("out"),
        _ => None,
    }
}

/// The status of a new statement: published at once, or waiting for a moderator.
pub fn new_statement_status(premoderation: bool) -> &'static str {
    if premoderation { "pending" } else { "accepted" }
}

/// The letter that names group `index` (A, B, C…).
pub fn group_letter(index: usize) -> char {
    char::from(b'A' + (index % 26) as u8)
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
        assert_eq!(parse_vote("accord"), Some(1));
        assert_eq!(parse_vote("desaccord"), Some(-1));
        assert_eq!(parse_vote("passer"), Some(0));
        assert_eq!(parse_vote("2"), None);
        assert_eq!(moderation_status("retirer"), Some("out"));
        assert_eq!(moderation_status("effacer"), None);
        assert_eq!(new_statement_status(true), "pending");
        assert_eq!(group_letter(1), 'B');
    }
}
