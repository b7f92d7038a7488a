//! The integration tests: one binary, one module per feature, each driving the real router
//! against a real database (SQLite by default, PostgreSQL when TEST_DATABASE_URL is set).

mod common;

mod access;
mod accounts;
mod bourse;
mod cli;
mod decidim;
mod demo;
mod events;
mod exports;
mod indicators;
mod layout;
mod links;
mod moderation;
mod needs;
mod observatory;
mod opinions;
mod parsers;
mod partners;
mod personal_data;
mod processes;
mod questionnaire_places;
mod questionnaire_results;
mod questionnaires;
mod resources;
mod roles;
mod security;
mod servers;
mod solutions;
mod storage;
mod syntheses;
mod territories;
mod uploads;
