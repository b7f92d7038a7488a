//! What other features ask of processes: those that cover a territory.

pub use crate::features::processes::store::{Process, public_covering};
