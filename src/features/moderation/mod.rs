//! Moderation: reports, hiding and restoring needs and comments with a reason, merging duplicates,
//! and the grouped e-mails that tell authors what happened to their needs.

pub mod digests;
pub mod notices;
pub mod pages;
pub mod store;
