//! From raw French text to comparable terms: NFC normalisation, lower case, elisions
//! (l', d', qu', j'…) removed, words split, stop words dropped, Snowball French stems, and
//! accents folded last so that text typed without accents still matches.

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

/// Common French words that carry no meaning for search or themes.
const STOP_WORDS: &[&str] = &[
    "a", "à", "au", "aux", "avec", "ce", "ces", "cet", "cette", "dans", "de", "des", "du", "elle",
    "en", "et", "eux", "il", "ils", "je", "la", "le", "les", "leur", "leurs", "lui", "ma", "mais",
    "me", "même", "mes", "moi", "mon", "ne", "nos", "notre", "nous", "on", "ou", "où", "par",
    "pas", "pour", "qu", "que", "qui", "sa", "se", "ses", "son", "sur", "ta", "te", "tes", "toi",
    "ton", "tu", "un", "une", "vos", "votre", "vous", "y", "est", "sont", "été", "être", "avoir",
    "ont", "fait", "faire", "plus", "très", "tout", "tous", "toute", "toutes", "aussi", "comme",
    "sans", "sous", "entre", "donc", "car", "ni", "si", "d", "l", "j", "m", "n", "s", "t", "c",
];

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::French))
}

/// Lower case without accents or ligatures: "Écoles Œuvre" → "ecoles oeuvre".
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfd() {
        match c {
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            c if unicode_normalization::char::is_combining_mark(c) => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Words that lose their vowel before another word: l'école, qu'il, jusqu'ici.
const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

fn strip_elision(word: &str) -> &str {
    match word.split_once('\'') {
        Some((head, rest)) if ELISIONS.contains(&head) => rest,
        _ => word,
    }
}

/// The words of a text, lower case, elisions removed ("l'école" → "école"), in order.
pub fn tokens(text: &str) -> Vec<String> {
    let normalized: String = text
        .nfc()
        .collect::<String>()
        .to_lowercase()
        .replace(['’', 'ʼ'], "'");
    normalized
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .flat_map(|word| word.split('-'))
        .map(strip_elision)
        .flat_map(|word| word.split('\''))
        .filter(|word| !word.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The terms under which a text is found: stemmed, folded, without stop words or repeats,
/// sorted. The same function reads queries, so a query matches the texts whose terms include
/// all of its own.
pub fn search_terms(text: &str) -> Vec<String> {
    let mut terms: Vec<String> = tokens(text)
        .into_iter()
        .filter(|word| {
            !STOP_WORDS.contains(&word.as_str()) && !STOP_WORDS.contains(&fold(word).as_str())
        })
        .map(|word| fold(&stemmer().stem(&word)))
        .filter(|term| !term.is_empty())
        .collect();
    terms.sort();
    terms.dedup();
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_and_ligatures() {
        assert_eq!(fold("Écoles Œuvre Noël"), "ecoles oeuvre noel");
    }

    #[test]
    fn removes_elisions_and_splits_words() {
        assert_eq!(
            tokens("L'école d’aujourd'hui, c'est-à-dire"),
            ["école", "aujourd", "hui", "est", "à", "dire"].map(String::from)
        );
        assert_eq!(tokens("qu'il vienne"), ["il", "vienne"].map(String::from));
    }

    #[test]
    fn singular_plural_and_unaccented_forms_share_their_terms() {
        let one = search_terms("école");
        assert_eq!(one, search_terms("écoles"));
        assert_eq!(one, search_terms("ecole"));
        assert_eq!(
            one,
            search_terms("Les ÉCOLES de la ville")
                .into_iter()
                .filter(|t| one.contains(t))
                .collect::<Vec<_>>()
        );
        assert_eq!(search_terms("transport"), search_terms("transports"));
    }

    #[test]
    fn stop_words_and_repeats_are_dropped() {
        let terms = search_terms("le bus et le bus de la ligne");
        assert_eq!(terms.len(), 2, "{terms:?}");
        assert!(search_terms("et de la").is_empty());
    }
}
