//! The web layer around the handlers: who is visiting, CSRF, headers, error pages, metrics,
//! one read transaction per request, static assets and the page context every template receives.

pub mod assets;
pub mod chart;
pub mod cookies;
pub mod csrf;
pub mod dry_run;
pub mod error_pages;
pub mod forms;
pub mod headers;
pub mod metrics;
pub mod page;
pub mod reads;
pub mod serve;
pub mod uploads;
pub mod visitor;
