//! One folder per feature, each read alone: its routes (`routes()`, merged by `router.rs`), its
//! pages (thin handlers), its service (what pages, imports, the command line and the demo
//! call), its store (SQL), its rules (no IO), its caches. Features call each other only
//! through their services.

pub mod accounts;
pub mod admin;
pub mod bourse;
pub mod budget;
pub mod comments;
pub mod demo;
pub mod events;
pub mod indicators;
pub mod media;
pub mod moderation;
pub mod needs;
pub mod observatory;
pub mod opinions;
pub mod partners;
pub mod processes;
pub mod questionnaires;
pub mod resources;
pub mod site;
pub mod solutions;
pub mod syntheses;
pub mod territories;
