//! Writers for Concerto's exports, from plain rows, pure and without IO. For now the agenda as
//! iCalendar (RFC 5545); CSV, XLSX and GeoJSON writers join it with the open-data exports.

pub mod ical;
