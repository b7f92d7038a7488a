//! Geography for Concerto, pure and without IO: read GeoJSON boundaries and say what is wrong
//! with them, project to Lambert-93, simplify to the display scale, find which shape holds a
//! point, and draw SVG maps (shapes, choropleths, points) that work without JavaScript. The
//! geometry is the georust crates' (`geojson`, `geo`, `rstar`) and the projection `proj4rs`'s;
//! the maps are ours.

pub mod geojson;
pub mod geometry;
pub mod locate;
pub mod project;
pub mod simplify;
pub mod svg;

pub use geometry::{BBox, Geometry, Ring};
