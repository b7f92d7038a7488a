//! Account rules: what a valid e-mail, display name and password are, and the lifetimes of
//! sessions and one-time links.

/// Shortest password accepted, in characters.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Longest password accepted, in characters (hashing cost stays bounded).
pub const MAX_PASSWORD_CHARS: usize = 256;
/// Longest display name, in characters.
pub const MAX_NAME_CHARS: usize = 80;
/// How long an e-mail confirmation link stays valid.
pub const CONFIRMATION_TTL_MS: i64 = 48 * 3600 * 1000;
/// How long a password reset link stays valid.
pub const RESET_TTL_MS: i64 = 3600 * 1000;

/// Age brackets a participant may give (all optional).
pub const AGE_BRACKETS: [&str; 6] = ["moins-18", "18-29", "30-44", "45-59", "60-74", "75-plus"];

/// Situations a participant may give: the publics of the consultation.
pub const SITUATIONS: [&str; 4] = crate::features::events::rules::AUDIENCES;

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
        }
    }
}

/// Normalises an e-mail address (trimmed, lower case) or says why it is not one.
pub fn normalize_email(raw: &str) -> Result<String, FieldError> {
    let email = raw.trim().to_lowercase();
    if email.is_empty() {
        return Err(FieldError::Required);
    }
    if email.chars().count() > 254 {
        return Err(FieldError::TooLong);
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Err(FieldError::InvalidEmail);
    };
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>()[]\\,;:\"@".contains(c));
    if domain_ok && local_ok {
        Ok(email)
    } else {
        Err(FieldError::InvalidEmail)
    }
}

/// Validates a display name: trimmed, not empty, not too long, no control characters.
pub fn validate_display_name(raw: &str) -> Result<String, FieldError> {
    let visible: String = raw.chars().filter(|c| !c.is_control()).collect();
    let name = visible.trim().to_owned();
    if name.is_empty() {
        Err(FieldError::Required)
    } else if name.chars().count() > MAX_NAME_CHARS {
        Err(FieldError::TooLong)
    } else {
        Ok(name)
    }
}

/// Validates a new password and its confirmation.
pub fn validate_new_password(password: &str, confirmation: &str) -> Result<(), FieldError> {
    let chars = password.chars().count();
    if chars == 0 {
        Err(FieldError::Required)
    } else if chars < MIN_PASSWORD_CHARS {
        Err(FieldError::PasswordTooShort)
    } else if chars > MAX_PASSWORD_CHARS {
        Err(FieldError::TooLong)
    } else if password != confirmation {
        Err(FieldError::PasswordMismatch)
    } else {
        Ok(())
    }
}

/// The purpose of a one-time link sent by e-mail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenPurpose {
    /// Confirms the address given at sign-up.
    ConfirmEmail,
    /// Lets someone choose a new password.
    ResetPassword,
    /// Confirms a new address before it replaces the old one.
    ChangeEmail,
}

impl TokenPurpose {
    /// The stored name of the purpose.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenPurpose::ConfirmEmail => "confirm_email",
            TokenPurpose::ResetPassword => "reset_password",
            TokenPurpose::ChangeEmail => "change_email",
        }
    }

    /// How long a link of this purpose stays valid.
    pub fn ttl_ms(self) -> i64 {
        match self {
            TokenPurpose::ConfirmEmail | TokenPurpose::ChangeEmail => CONFIRMATION_TTL_MS,
            TokenPurpose::ResetPassword => RESET_TTL_MS,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_or_refused() {
        assert_eq!(
            normalize_email("  Camille.Durand@Exemple.FR "),
            Ok("camille.durand@exemple.fr".into())
        );
        assert_eq!(normalize_email(""), Err(FieldError::Required));
        assert_eq!(normalize_email("camille"), Err(FieldError::InvalidEmail));
        assert_eq!(normalize_email("a@b"), Err(FieldError::InvalidEmail));
        assert_eq!(normalize_email("a b@c.fr"), Err(FieldError::InvalidEmail));
        assert_eq!(normalize_email("<a>@c.fr"), Err(FieldError::InvalidEmail));
    }

    #[test]
    fn passwords_need_twelve_characters_and_a_match() {
        assert_eq!(validate_new_password("", ""), Err(FieldError::Required));
        assert_eq!(
            validate_new_password("court", "court"),
            Err(FieldError::PasswordTooShort)
        );
        assert_eq!(
            validate_new_password("douze-carac", "douze-carac"),
            Err(FieldError::PasswordTooShort)
        );
        assert_eq!(
            validate_new_password("douze-caract", "douze-caract"),
            Ok(())
        );
        assert_eq!(
            validate_new_password("douze-caract", "douze-caracT"),
            Err(FieldError::PasswordMismatch)
        );
    }

    #[test]
    fn display_names_are_trimmed_and_bounded() {
        assert_eq!(validate_display_name("  Léa \u{7} "), Ok("Léa".into()));
        assert_eq!(validate_display_name("   "), Err(FieldError::Required));
        assert_eq!(
            validate_display_name(&"é".repeat(81)),
            Err(FieldError::TooLong)
        );
    }
}
