//! Writers for Concerto's exports, from plain rows, pure and without IO: CSV and XLSX for
//! spreadsheets, iCalendar (RFC 5545) for agendas.

pub mod csv;
pub mod ical;
pub mod xlsx;
