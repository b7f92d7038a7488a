//! What other features ask of syntheses: the one a process has published.

pub use crate::features::syntheses::store::published;
