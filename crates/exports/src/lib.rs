//! Writers for Concerto's exports, from plain rows, pure and without IO: CSV for spreadsheets
//! and iCalendar (RFC 5545) for agendas.

pub mod csv;
pub mod ical;
