//! What other features ask of syntheses: the one a process has published, its clusters and
//! their quotes.

pub use crate::features::syntheses::store::{clusters, published, quotes};
