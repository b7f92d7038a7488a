//! The site around the features: the home page, legal, privacy, accessibility and about pages, the
//! language switch, health and metrics, and unknown addresses.

pub mod pages;
pub mod system;
