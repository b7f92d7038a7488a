//! Syntheses: running one in the background, editing the draft, validating and publishing it, the
//! public synthesis; and `concerto analyze`.

pub mod analyze;
pub mod jobs;
pub mod pages;
pub mod rules;
pub mod store;
