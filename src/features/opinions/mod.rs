//! The opinion map: statements, votes, moderation, the map and its groups, exports in Polis's
//! format, the report; and `concerto opinion-map`.

pub mod cli;
pub mod pages;
pub mod rules;
pub mod store;
