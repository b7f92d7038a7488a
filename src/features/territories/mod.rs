//! Territories: their hierarchy, populations and boundaries, their public pages, GeoJSON imports,
//! point location and the maps drawn from them.

pub mod import;
pub mod maps;
pub mod pages;
pub mod store;
