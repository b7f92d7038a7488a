//! French text analysis for Concerto, pure and deterministic for a given seed, parallel on
//! every core: normalisation (Unicode, case, elisions, accents), stop words and Snowball
//! stemming so that "école", "écoles" and "ecole" meet; TF-IDF vectors; theme suggestion;
//! clustering with readable labels; near-duplicates; the nearest texts to a new one; and the
//! scores that compare two partitions (NMI, ARI).

pub mod clusters;
pub mod corpus;
pub mod metrics;
pub mod near_duplicates;
pub mod nearest;
pub mod normalize;
pub mod parallel;
pub mod rng;
pub mod suggest;
pub mod synthesis;

pub use clusters::{ClusterOptions, ClusterSummary, Clustering, cluster, summarize};
pub use corpus::{Corpus, CorpusOptions, Row, SparseMatrix, Term};
pub use near_duplicates::near_duplicates;
pub use normalize::{fold, search_terms, shorten, tokens};
pub use suggest::{Suggester, Suggestion, ThemeText};
pub use synthesis::{Draft, DraftCluster, DraftTheme, draft, split_texts};
