//! From raw French text to comparable terms: NFC normalisation, lower case, elisions
//! (l', d', qu', j'…) removed, words split, stop words dropped, Snowball French stems, and
//! accents folded last so that text typed without accents still matches.

use std::collections::HashSet;
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

/// Words that are not stop words for search (someone may look for them) but say nothing about
/// what a contribution is about, left out when texts are compared and grouped.
const DISCOURSE_WORDS: &[&str] = &[
    "faut",
    "falloir",
    "fallait",
    "faudrait",
    "doit",
    "doivent",
    "devrait",
    "devraient",
    "peut",
    "peuvent",
    "pourrait",
    "pourraient",
    "suis",
    "es",
    "sommes",
    "êtes",
    "était",
    "étaient",
    "serait",
    "seraient",
    "sera",
    "seront",
    "ai",
    "as",
    "avons",
    "avez",
    "avait",
    "aurait",
    "fais",
    "font",
    "faisant",
    "cela",
    "ça",
    "ceci",
    "celui",
    "celle",
    "ceux",
    "celles",
    "dont",
    "quoi",
    "quel",
    "quelle",
    "quels",
    "quelles",
    "etc",
    "bien",
    "peu",
    "trop",
    "beaucoup",
    "chaque",
    "autre",
    "autres",
    "quand",
    "alors",
    "ainsi",
    "puis",
    "cas",
    "déjà",
    "encore",
    "leurs",
    "lors",
    "afin",
    "depuis",
    "chez",
    "vers",
    "selon",
    "non",
    "oui",
    "surtout",
    "certains",
    "certaines",
    "plusieurs",
    "mieux",
    "moins",
    "là",
    "ici",
    "ceux-ci",
    "dès",
    "aujourd",
    "hui",
    "exemple",
    "notamment",
    "the",
    "of",
    "and",
    "to",
    "in",
    "is",
];

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::French))
}

/// The Snowball French stem of a lower-case word ("transports" → "transport").
pub fn stem(word: &str) -> std::borrow::Cow<'_, str> {
    stemmer().stem(word)
}

/// Whether a lower-case word says nothing about what a text is about: a stop word or a
/// discourse word, with or without its accents.
pub fn is_analysis_stop_word(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        STOP_WORDS
            .iter()
            .chain(DISCOURSE_WORDS)
            .map(|w| fold(w))
            .collect()
    });
    words.contains(&fold(word))
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

/// Calls `each` with every word of a text, lower case, elisions removed ("l'école" → "école"),
/// hyphenated words split, in order. One buffer serves every word: nothing is allocated per word.
pub fn for_each_word(text: &str, mut each: impl FnMut(&str)) {
    let mut word = String::with_capacity(32);
    let mut flush = |word: &mut String| {
        if !word.is_empty() {
            each(word);
            word.clear();
        }
    };
    let nfc: String;
    // Accents typed as separate combining marks (U+0300–U+036F, whose UTF-8 encodings start
    // with 0xCC or 0xCD), as some systems do, are composed first.
    let text = if text.bytes().any(|b| b == 0xcc || b == 0xcd) {
        nfc = text.nfc().collect();
        &nfc
    } else {
        text
    };
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        // Most characters are ASCII: decided from the byte, without the Unicode tables.
        let c = if byte.is_ascii() {
            at += 1;
            if byte.is_ascii_alphanumeric() {
                word.push(byte.to_ascii_lowercase() as char);
                continue;
            }
            byte as char
        } else {
            let c = text[at..].chars().next().expect("a character starts here");
            at += c.len_utf8();
            c
        };
        match c {
            '\'' | '’' | 'ʼ' => {
                // An elided article ends here: "l'" is dropped, "aujourd'hui" splits in two.
                if ELISIONS.contains(&word.as_str()) {
                    word.clear();
                } else {
                    flush(&mut word);
                }
            }
            // French accented letters (Latin-1) without the Unicode tables: à–ÿ are lower
            // case already, À–Þ are 32 code points below theirs; × and ÷ are signs.
            'à'..='ÿ' if c != '÷' => word.push(c),
            'À'..='Þ' if c != '×' => word.push(char::from_u32(c as u32 + 32).expect("a letter")),
            c if !c.is_ascii() && c.is_alphanumeric() => word.extend(c.to_lowercase()),
            _ => flush(&mut word),
        }
    }
    flush(&mut word);
}

/// The words of a text, lower case, elisions removed ("l'école" → "école"), in order.
pub fn tokens(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for_each_word(text, |word| words.push(word.to_owned()));
    words
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

/// `text` within `max_chars` characters: whole when it fits, else cut at the last space
/// before the limit (or at the limit in a word longer than half of it) and ended with « … ».
pub fn shorten(text: &str, max_chars: usize) -> std::borrow::Cow<'_, str> {
    let text = text.trim();
    if text.chars().count() <= max_chars || max_chars < 2 {
        return std::borrow::Cow::Borrowed(text);
    }
    let cut: String = text.chars().take(max_chars - 1).collect();
    let kept = match cut.rfind(char::is_whitespace) {
        Some(space) if cut[..space].chars().count() >= max_chars / 2 => cut[..space].trim_end(),
        _ => cut.as_str(),
    };
    std::borrow::Cow::Owned(format!(
        "{}…",
        kept.trim_end_matches([',', ';', ':', '.', ' '])
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_and_ligatures() {
        assert_eq!(fold("Écoles Œuvre Noël"), "ecoles oeuvre noel");
    }

    #[test]
    fn accents_typed_as_combining_marks_read_like_composed_ones() {
        assert_eq!(tokens("E\u{301}cole Noe\u{308}l"), tokens("École Noël"));
        assert_eq!(tokens("ÉCOLE ÀÇÈÔÙÏŒ × ÷"), ["école", "àçèôùïœ"]);
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

    #[test]
    fn shortened_texts_end_on_a_whole_word_within_the_limit() {
        assert_eq!(shorten("Un bus le soir", 20), "Un bus le soir");
        let long =
            "Des navettes pour rejoindre la gare depuis les villages, le soir et le dimanche";
        let short = shorten(long, 40);
        assert_eq!(short, "Des navettes pour rejoindre la gare…");
        assert!(short.chars().count() <= 40);
        let word = "a".repeat(50);
        assert_eq!(shorten(&word, 10).chars().count(), 10);
    }
}
