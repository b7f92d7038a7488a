//! Needs (phase 1): contributing, the list with filters and search, the map, a need's page with
//! supports and comments, open-data exports and the Decidim import.

pub mod decidim;
pub mod exports;
pub mod pages;
pub mod rules;
pub mod store;
pub mod supports;
