//! Workshops and events: the agenda and its iCalendar feed, registrations within capacity,
//! attendance with its anonymous breakdown, and the needs captured there.

pub mod pages;
pub mod rules;
pub mod store;
