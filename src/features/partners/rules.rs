//! What partners are made of, without IO: kinds of organisation, tiers' contributions and
//! counterparts, the checks of SIRET and RNA numbers, and amounts in euros.

use crate::platform::i18n::Lang;

crate::text_enum! {
    /// What sort of organisation a partner is.
    pub enum OrganisationKind {
        /// A company (SIRET).
        Company = "company",
        /// An association (RNA, or SIRET when it employs or trades).
        Association = "association",
        /// A public body: a commune, an EPCI, a department, a State service (SIRET).
        PublicBody = "public_body",
        /// A foundation or an endowment fund (SIRET).
        Foundation = "foundation",
    }
}

crate::text_enum! {
    /// What a tier asks of a partner.
    pub enum Contribution {
        /// Time: steering committees, trainings, co-facilitated workshops.
        Time = "time",
        /// An amount of money.
        Money = "money",
    }
}

crate::text_enum! {
    /// What a tier promises in return.
    pub enum CounterpartKind {
        /// The partner's logo on the process's partners page (delivered as soon as the
        /// organisation has a logo: the page shows it).
        Logo = "logo",
        /// A training in collective-intelligence tools, attended.
        Training = "training",
        /// A concertation workshop held in the company or a structure of its choice: it names
        /// its event in the agenda.
        Workshop = "workshop",
        /// Anything else the tier names.
        Other = "other",
    }
}

crate::text_enum! {
    /// Where a counterpart stands.
    pub enum CounterpartState {
        /// Promised, not yet given.
        Owed = "owed",
        /// Given.
        Delivered = "delivered",
    }
}

/// Why a SIRET or RNA number is refused (each a message key).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberError {
    /// Not 14 digits.
    SiretFormat,
    /// 14 digits whose check digit (Luhn) does not hold.
    SiretCheck,
    /// Not `W` and nine characters.
    RnaFormat,
}

impl NumberError {
    /// The message key in the locale files.
    pub fn message_key(self) -> &'static str {
        match self {
            NumberError::SiretFormat => "error-siret-format",
            NumberError::SiretCheck => "error-siret-check",
            NumberError::RnaFormat => "error-rna-format",
        }
    }
}

/// The SIREN of La Poste, whose establishments' SIRET numbers follow their own rule.
const LA_POSTE_SIREN: &str = "356000000";

/// Whether digits pass the Luhn check (every second digit from the right doubled).
fn luhn(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            match i % 2 {
                0 => d,
                _ if d * 2 > 9 => d * 2 - 9,
                _ => d * 2,
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// A SIRET number as typed (spaces, dots and dashes allowed between digits) checked by INSEE's
/// rule: 14 digits, the SIREN (the first nine) and the whole number each passing the Luhn
/// check; La Poste's establishments (SIREN 356 000 000) instead have digits summing to a
/// multiple of 5. Returns the 14 digits.
pub fn siret(raw: &str) -> Result<String, NumberError> {
    let digits: String = raw
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '.' | '-'))
        .collect();
    if digits.len() != 14 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NumberError::SiretFormat);
    }
    let valid = if digits.starts_with(LA_POSTE_SIREN) {
        luhn(&digits)
            || digits
                .bytes()
                .map(|b| u32::from(b - b'0'))
                .sum::<u32>()
                .is_multiple_of(5)
    } else {
        luhn(&digits[..9]) && luhn(&digits)
    };
    if valid {
        Ok(digits)
    } else {
        Err(NumberError::SiretCheck)
    }
}

/// An RNA number (Répertoire national des associations) as typed: `W` then nine characters,
/// the first three the registry's code (digits, or `2A`/`2B` then a digit in Corsica), the
/// six others digits. It carries no check digit. Returns it in capitals without spaces.
pub fn rna(raw: &str) -> Result<String, NumberError> {
    let number: String = raw
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    let bytes = number.as_bytes();
    let well_formed = bytes.len() == 10
        && bytes[0] == b'W'
        && bytes[1].is_ascii_digit()
        && (bytes[2].is_ascii_digit() || (bytes[1] == b'2' && matches!(bytes[2], b'A' | b'B')))
        && bytes[3..].iter().all(u8::is_ascii_digit);
    if well_formed {
        Ok(number)
    } else {
        Err(NumberError::RnaFormat)
    }
}

/// An amount of euros as typed (`150`, `1 500`, `150,50 €`, `1500.5`): whole cents, at least
/// one, at most a hundred million euros. `None` when it is not one.
pub fn euros(raw: &str) -> Option<i64> {
    let cleaned: String = raw
        .trim()
        .trim_end_matches('€')
        .trim_end_matches("EUR")
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    let (whole, fraction) = match cleaned.split_once([',', '.']) {
        Some((whole, fraction)) => (whole, fraction),
        None => (cleaned.as_str(), ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 9 || !all_digits(whole) || fraction.len() > 2 {
        return None;
    }
    if !all_digits(fraction) {
        return None;
    }
    let cents = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().ok()? * 10,
        _ => fraction.parse::<i64>().ok()?,
    };
    let total = whole.parse::<i64>().ok()? * 100 + cents;
    (total > 0 && total <= 10_000_000_000).then_some(total)
}

/// An amount in cents written for people: `1 500 €`, `150,50 €` in French (a narrow
/// no-break space between thousands), `€1,500` and `€150.50` in English.
pub fn format_euros(cents: i64, lang: Lang) -> String {
    let (thousands, decimal) = match lang {
        Lang::Fr => ('\u{202f}', ','),
        Lang::En => (',', '.'),
    };
    let whole = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(thousands);
        }
        grouped.push(digit);
    }
    if cents % 100 != 0 {
        grouped.push(decimal);
        grouped.push_str(&format!("{:02}", cents % 100));
    }
    match lang {
        Lang::Fr => format!("{grouped}\u{a0}€"),
        Lang::En => format!("€{grouped}"),
    }
}

/// A website as typed: empty, or an `http(s)` address without spaces (`https://` added when
/// it names none). `None` when it is not one.
pub fn website(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Some(String::new());
    }
    let address = if raw.starts_with("https://") || raw.starts_with("http://") {
        raw.to_owned()
    } else {
        format!("https://{raw}")
    };
    let authority = address.split_once("://")?.1.split(['/', '?', '#']).next()?;
    let (host, port) = authority.split_once(':').unwrap_or((authority, "80"));
    let fine = address.len() <= 300
        && !address
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"')
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        && !port.is_empty()
        && port.bytes().all(|b| b.is_ascii_digit());
    fine.then_some(address)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn siret_numbers_pass_insee_s_check() {
        // Toulouse's town hall, spaced as printed; La Poste's head office.
        assert_eq!(siret("213 105 554 00017").as_deref(), Ok("21310555400017"));
        assert_eq!(siret("35600000000048").as_deref(), Ok("35600000000048"));
        // La Poste's offices: digits summing to a multiple of 5, Luhn or not.
        assert!(!luhn("35600000049837") && siret("35600000049837").is_ok());
        assert_eq!(siret("35600000049838"), Err(NumberError::SiretCheck));
        assert_eq!(siret("21310555400016"), Err(NumberError::SiretCheck));
        // The whole number passes Luhn, its SIREN does not.
        assert!(luhn("12345678900007") && !luhn("123456789"));
        assert_eq!(siret("12345678900007"), Err(NumberError::SiretCheck));
        assert_eq!(siret("2131055540001"), Err(NumberError::SiretFormat));
        assert_eq!(siret("2131055540001A"), Err(NumberError::SiretFormat));
    }

    #[test]
    fn rna_numbers_are_w_and_nine_characters() {
        assert_eq!(rna(" w751208541 ").as_deref(), Ok("W751208541"));
        assert_eq!(rna("W2A1000123").as_deref(), Ok("W2A1000123"));
        assert_eq!(rna("W75120854"), Err(NumberError::RnaFormat));
        assert_eq!(rna("X751208541"), Err(NumberError::RnaFormat));
        assert_eq!(rna("W3A1000123"), Err(NumberError::RnaFormat));
        assert_eq!(rna("W75120854Z"), Err(NumberError::RnaFormat));
    }

    #[test]
    fn euros_are_read_and_written_the_french_way() {
        assert_eq!(euros("150"), Some(15_000));
        assert_eq!(euros("1 500 €"), Some(150_000));
        assert_eq!(euros("150,5"), Some(15_050));
        assert_eq!(euros("150.05"), Some(15_005));
        assert_eq!(euros("0"), None);
        assert_eq!(euros("-5"), None);
        assert_eq!(euros("1,234"), None);
        assert_eq!(euros("cent"), None);
        assert_eq!(format_euros(12_219_400, Lang::Fr), "122\u{202f}194\u{a0}€");
        assert_eq!(format_euros(15_050, Lang::Fr), "150,50\u{a0}€");
        assert_eq!(format_euros(5_000, Lang::En), "€50");
        assert_eq!(format_euros(150_000_000, Lang::En), "€1,500,000");
    }

    #[test]
    fn websites_are_addresses_or_nothing() {
        assert_eq!(website("").as_deref(), Some(""));
        assert_eq!(
            website("exemple.fr/partenaires").as_deref(),
            Some("https://exemple.fr/partenaires")
        );
        assert_eq!(
            website("http://mairie.fr").as_deref(),
            Some("http://mairie.fr")
        );
        assert_eq!(website("javascript:alert(1)"), None);
        assert_eq!(website("javascript:alert(document.cookie)"), None);
        assert_eq!(
            website("https://exemple.fr:8443/a?b").as_deref(),
            Some("https://exemple.fr:8443/a?b")
        );
        assert_eq!(website("un site"), None);
    }
}
