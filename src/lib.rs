//! Concerto: a territorial concertation platform. This crate is the application: storage,
//! rules, pages and the command line; heavy pure work lives in the crates under `crates/`.

pub mod analyze;
pub mod auth;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod mail;
pub mod maps;
pub mod notify;
pub mod opinion_map;
pub mod pages;
pub mod personal_data;
pub mod postman;
pub mod process_cache;
pub mod revision_cache;
pub mod router;
pub mod secrets;
pub mod state;
pub mod synthesis;
pub mod tables;
pub mod territories;
pub mod web;
