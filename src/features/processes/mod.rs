//! Processes: their public page, and for their team the management area (settings, territories,
//! themes, phases, team, copies); their settings and need counts kept by revision.

pub mod cache;
pub mod manage;
pub mod pages;
pub mod rules;
pub mod store;
