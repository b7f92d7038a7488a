//! French text analysis for Concerto, pure and deterministic: normalisation (Unicode, case,
//! elisions, accents), tokens, stop words and Snowball stemming, so that "école", "écoles" and
//! "ecole" meet. Later modules build TF-IDF, theme suggestion and clustering on these terms.

pub mod normalize;

pub use normalize::{fold, search_terms, tokens};
