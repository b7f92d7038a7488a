//! Account rules: what a valid e-mail address and display name are, and what a profile holds.

use crate::platform::web::forms::FieldError;

/// Longest display name, in characters.
pub const MAX_NAME_CHARS: usize = 80;

/// Age brackets a participant may give (all optional).
pub const AGE_BRACKETS: [&str; 6] = ["moins-18", "18-29", "30-44", "45-59", "60-74", "75-plus"];

crate::text_enum! {
    /// The profile form's button pressed.
    pub enum ProfileAction {
        /// Save the profile (consent given).
        Save = "enregistrer",
        /// Delete it (consent withdrawn).
        Delete = "supprimer",
    }
}

crate::text_enum! {
    /// The consultation's publics (the seed's): those a participant may say they belong to
    /// and those an event targets.
    pub enum Audience {
        /// Everyone.
        GeneralPublic = "grand_public",
        /// Young people.
        Youth = "jeunesse",
        /// People far from participation.
        HardToReach = "publics_eloignes",
        /// Companies and the social economy.
        Companies = "entreprises_ess",
    }
}

/// Situations a participant may give: the publics of the consultation.
pub fn situations() -> Vec<&'static str> {
    Audience::ALL
        .iter()
        .map(|audience| audience.as_str())
        .collect()
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
    fn display_names_are_trimmed_and_bounded() {
        assert_eq!(validate_display_name("  Léa \u{7} "), Ok("Léa".into()));
        assert_eq!(validate_display_name("   "), Err(FieldError::Required));
        assert_eq!(
            validate_display_name(&"é".repeat(81)),
            Err(FieldError::TooLong)
        );
    }
}
