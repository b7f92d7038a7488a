//! Rules and types of the product, with no input or output: what is valid, who may do what.
//! Handlers call these before they store anything.

pub mod account;
pub mod event;
pub mod markdown;
pub mod need;
pub mod opinion;
pub mod permissions;
pub mod process;
pub mod synthesis;
