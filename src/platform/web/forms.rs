//! Forms: why a field was refused (a message key per reason), and the errors of a submitted
//! form, each shown next to its field in the visitor's language.

use crate::platform::i18n::Tr;

/// Why a field was refused; each maps to a French (or English) message by its key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldError {
    /// The field is empty.
    Required,
    /// Not an e-mail address.
    InvalidEmail,
    /// Longer than allowed.
    TooLong,
    /// Password shorter than `MIN_PASSWORD_CHARS`.
    PasswordTooShort,
    /// The two password fields differ.
    PasswordMismatch,
    /// The current password given is wrong.
    WrongPassword,
    /// The new e-mail is the current one.
    SameEmail,
    /// Not a whole number of people in range.
    NotACount,
    /// Not a whole percentage from 0 to 100.
    NotAPercentage,
    /// Not a date of the calendar (`YYYY-MM-DD`).
    NotADate,
}

impl FieldError {
    /// The message key in the locale files.
    pub fn message_key(self) -> &'static str {
        match self {
            FieldError::Required => "error-required",
            FieldError::InvalidEmail => "error-email-invalid",
            FieldError::TooLong => "error-too-long",
            FieldError::PasswordTooShort => "error-password-short",
            FieldError::PasswordMismatch => "error-password-mismatch",
            FieldError::WrongPassword => "error-password-wrong",
            FieldError::SameEmail => "error-email-same",
            FieldError::NotACount => "error-number-invalid",
            FieldError::NotAPercentage => "error-percentage-invalid",
            FieldError::NotADate => "error-date-invalid",
        }
    }
}

/// Errors of a submitted form, each next to its field, already translated.
#[derive(Clone, Debug, Default)]
pub struct FormErrors {
    fields: Vec<(&'static str, String)>,
}

impl FormErrors {
    /// Notes that `field` was refused for `error`.
    pub fn add(&mut self, tr: Tr, field: &'static str, error: FieldError) {
        self.add_message(field, tr.t(error.message_key()));
    }

    /// Notes a message for `field` (or `"form"` for the whole form).
    pub fn add_message(&mut self, field: &'static str, message: String) {
        if self.get(field).is_none() {
            self.fields.push((field, message));
        }
    }

    /// The message for `field`, if it was refused.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, message)| message.as_str())
    }

    /// Whether any field was refused.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// How many fields were refused.
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// Every refusal as `(field, message)`, in the order noted (an import row's reasons).
    pub fn all(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.fields.iter().map(|(f, m)| (*f, m.as_str()))
    }

    /// Validates a new password and its confirmation; a mismatch is shown next to the
    /// confirmation field, anything else next to the password.
    pub fn check_new_password(
        &mut self,
        tr: Tr,
        (password_field, confirm_field): (&'static str, &'static str),
        password: &str,
        confirmation: &str,
    ) {
        match crate::platform::auth::validate_new_password(password, confirmation) {
            Ok(()) => {}
            Err(FieldError::PasswordMismatch) => {
                self.add(tr, confirm_field, FieldError::PasswordMismatch)
            }
            Err(error) => self.add(tr, password_field, error),
        }
    }

    /// Records `result`'s error against `field` and returns its value, if any.
    pub fn check<T>(
        &mut self,
        tr: Tr,
        field: &'static str,
        result: Result<T, FieldError>,
    ) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.add(tr, field, error);
                None
            }
        }
    }
}

/// One choice offered by a form (a select's option, a checkbox): the value sent, the label
/// shown, and whether it is the one chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The value sent.
    pub value: String,
    /// The label shown.
    pub label: String,
    /// Whether it is chosen.
    pub selected: bool,
}

impl Choice {
    /// A choice, chosen when its value is `chosen`.
    pub fn new(value: impl Into<String>, label: impl Into<String>, chosen: &str) -> Choice {
        let value = value.into();
        Choice {
            selected: value == chosen,
            label: label.into(),
            value,
        }
    }

    /// Choices from `(value, label)` pairs, the one whose value is `chosen` selected.
    pub fn list(pairs: impl IntoIterator<Item = (String, String)>, chosen: &str) -> Vec<Choice> {
        pairs
            .into_iter()
            .map(|(value, label)| Choice::new(value, label, chosen))
            .collect()
    }

    /// Choices for stored words (an enum's `as_str`), each labelled by the message
    /// `{prefix}{word}`.
    pub fn words<'a>(
        words: impl IntoIterator<Item = &'a str>,
        prefix: &str,
        tr: Tr,
        chosen: &str,
    ) -> Vec<Choice> {
        words
            .into_iter()
            .map(|word| Choice::new(word, tr.t(&format!("{prefix}{word}")), chosen))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_trimmed_and_bounded() {
        assert_eq!(
            validate_line(" Un\tjardin ", 20, true),
            Ok("Unjardin".into())
        );
        assert_eq!(validate_line("", 20, true), Err(FieldError::Required));
        assert_eq!(validate_line("", 20, false), Ok(String::new()));
        assert_eq!(
            validate_line(&"a".repeat(21), 20, false),
            Err(FieldError::TooLong)
        );
    }

    #[test]
    fn form_errors_keep_the_first_message_per_field() {
        let mut errors = FormErrors::default();
        errors.add_message("email", "premier".into());
        errors.add_message("email", "second".into());
        assert_eq!(errors.get("email"), Some("premier"));
        assert_eq!(errors.len(), 1);
        assert!(errors.get("password").is_none());
    }
}

/// Checks a one-line text: control characters dropped, trimmed, at most `max` characters;
/// `required` refuses an empty one.
pub fn validate_line(raw: &str, max: usize, required: bool) -> Result<String, FieldError> {
    let line: String = raw.chars().filter(|c| !c.is_control()).collect();
    let line = line.trim().to_owned();
    if required && line.is_empty() {
        Err(FieldError::Required)
    } else if line.chars().count() > max {
        Err(FieldError::TooLong)
    } else {
        Ok(line)
    }
}

/// Checks a text (description or comment): line breaks kept, other control characters dropped,
/// at most `max` characters; `required` refuses an empty one.
pub fn validate_text(raw: &str, max: usize, required: bool) -> Result<String, FieldError> {
    let text: String = raw
        .replace("\r\n", "\n")
        .chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect();
    let text = text.trim().to_owned();
    if required && text.is_empty() {
        Err(FieldError::Required)
    } else if text.chars().count() > max {
        Err(FieldError::TooLong)
    } else {
        Ok(text)
    }
}

/// A posted form read as its fields in order, for forms that repeat a field (checkboxes).
#[derive(Clone, Debug, Default)]
pub struct Pairs(pub Vec<(String, String)>);

impl Pairs {
    /// The first value of a field, trimmed (empty when absent).
    pub fn get(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    }

    /// Every value of a field, in order.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }
}
