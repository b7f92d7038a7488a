//! Concerto: a territorial concertation platform. This crate is the application: a platform
//! that knows no feature (`platform`), one folder per feature on top of it (`features`), the one
//! routing file (`router`), the state every request reaches (`state`) and the command line
//! (`cli`). Heavy pure work lives in the crates under `crates/`.

pub mod cli;
pub mod features;
pub mod jobs;
pub mod platform;
pub mod router;
pub mod state;
