//! Reading GeoJSON (RFC 7946) features: their properties and their polygon geometry, read by
//! the `geojson` crate. Every problem is reported with the feature's position, and never stops
//! the other features.

use geo::{MapCoords, MultiPolygon};
use geojson::GeometryValue;
use serde_json::{Map, Value};

use crate::geometry::Geometry;

/// One feature as read.
#[derive(Clone, Debug)]
pub struct Feature {
    /// Position in the file, from 1.
    pub position: usize,
    /// Its properties.
    pub properties: Map<String, Value>,
    /// Its geometry, or why it could not be read.
    pub geometry: Result<Geometry, String>,
}

impl Feature {
    /// A property as text (strings as they are, numbers written out); `None` if absent,
    /// null or empty.
    pub fn text(&self, name: &str) -> Option<String> {
        match self.properties.get(name)? {
            Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }

    /// A property as a whole number (a number, or text holding one).
    pub fn integer(&self, name: &str) -> Option<i64> {
        match self.properties.get(name)? {
            Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f.round() as i64)),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
}

/// Why a file could not be read at all.
#[derive(Clone, Debug, PartialEq)]
pub enum FileError {
    /// Not JSON.
    NotJson(String),
    /// JSON, but neither a FeatureCollection nor a Feature.
    NotGeoJson,
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileError::NotJson(e) => write!(f, "not JSON: {e}"),
            FileError::NotGeoJson => {
                f.write_str("not GeoJSON: expected a FeatureCollection or a Feature")
            }
        }
    }
}

/// Reads the features of a FeatureCollection (or a single Feature).
pub fn read_features(text: &str) -> Result<Vec<Feature>, FileError> {
    let mut value: Value =
        serde_json::from_str(text).map_err(|e| FileError::NotJson(e.to_string()))?;
    let features: Vec<Value> = match value.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => match value.get_mut("features").map(Value::take) {
            Some(Value::Array(features)) => features,
            _ => return Err(FileError::NotGeoJson),
        },
        Some("Feature") => vec![value],
        _ => return Err(FileError::NotGeoJson),
    };
    Ok(features
        .into_iter()
        .enumerate()
        .map(|(index, mut feature)| Feature {
            position: index + 1,
            properties: match feature.get_mut("properties").map(Value::take) {
                Some(Value::Object(properties)) => properties,
                _ => Map::new(),
            },
            geometry: match feature.get_mut("geometry").map(Value::take) {
                None | Some(Value::Null) => Err("no geometry".to_owned()),
                Some(geometry) => geometry_from_value(geometry),
            },
        })
        .collect())
}

/// Reads a GeoJSON geometry object (Polygon or MultiPolygon) from its text.
pub fn parse_geometry(text: &str) -> Result<Geometry, String> {
    surface(serde_json::from_str(text).map_err(|e| e.to_string())?)
}

/// Reads a GeoJSON geometry object (Polygon or MultiPolygon) already read as JSON.
pub fn geometry_from_value(value: Value) -> Result<Geometry, String> {
    surface(serde_json::from_value(value).map_err(|e| e.to_string())?)
}

/// A Polygon or MultiPolygon as our geometry; any other type, or an open ring, is refused.
fn surface(geometry: geojson::Geometry) -> Result<Geometry, String> {
    let rings: Vec<&Vec<geojson::Position>> = match &geometry.value {
        GeometryValue::Polygon { coordinates } => coordinates.iter().collect(),
        GeometryValue::MultiPolygon { coordinates } => coordinates.iter().flatten().collect(),
        other => {
            return Err(format!(
                "{} is not a surface (Polygon or MultiPolygon expected)",
                other.type_name()
            ));
        }
    };
    // RFC 7946 §3.1.1: a position holds a longitude and a latitude (an altitude may follow).
    let incomplete =
        |p: &geojson::Position| p.len() < 2 || p.as_slice().iter().any(|c| !c.is_finite());
    if rings.iter().flat_map(|ring| ring.iter()).any(incomplete) {
        return Err("a position needs a longitude and a latitude".to_owned());
    }
    // RFC 7946 §3.1.6: a ring has at least four positions and its last repeats its first
    // (`geo` would close it quietly).
    if rings.iter().any(|ring| ring.len() < 4) {
        return Err("a ring has fewer than four positions".to_owned());
    }
    if rings.iter().any(|ring| ring.first() != ring.last()) {
        return Err("a ring does not end where it starts".to_owned());
    }
    match geo::Geometry::<f64>::try_from(&geometry.value).map_err(|e| e.to_string())? {
        geo::Geometry::Polygon(polygon) => Ok(Geometry::new(MultiPolygon(vec![polygon]))),
        geo::Geometry::MultiPolygon(polygons) => Ok(Geometry::new(polygons)),
        _ => Err("not a surface".to_owned()),
    }
}

/// Writes a geometry as a GeoJSON geometry object (a Polygon when it has one polygon), with
/// coordinates rounded to 1e-6 degree (about 10 cm).
pub fn geometry_to_json(geometry: &Geometry) -> Value {
    let rounded = geometry.shape().map_coords(|c| geo::Coord {
        x: round6(c.x),
        y: round6(c.y),
    });
    let value = match rounded.0.as_slice() {
        [polygon] => GeometryValue::from(polygon),
        _ => GeometryValue::from(&rounded),
    };
    serde_json::to_value(geojson::Geometry::new(value)).expect("a geometry serialises")
}

fn round6(value: f64) -> f64 {
    (value * 1e6).round() / 1e6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_features_and_reports_each_problem_by_position() {
        let text = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"code":"90010","nom":"Belfort","population":45000},
             "geometry":{"type":"Polygon","coordinates":[[[6,47],[7,47],[7,48],[6,47]]]}},
            {"type":"Feature","properties":{"code":25056},"geometry":{"type":"Point","coordinates":[6,47]}},
            {"type":"Feature","properties":{},"geometry":null}
        ]}"#;
        let features = read_features(text).unwrap();
        assert_eq!(features.len(), 3);
        assert_eq!(features[0].text("nom").as_deref(), Some("Belfort"));
        assert_eq!(features[0].integer("population"), Some(45000));
        assert_eq!(features[1].text("code").as_deref(), Some("25056"));
        assert!(features[1].geometry.as_ref().unwrap_err().contains("Point"));
        assert_eq!(features[2].position, 3);
        assert!(features[2].geometry.is_err());
    }

    #[test]
    fn rings_must_close_and_positions_be_numbers() {
        let open = r#"{"type":"Polygon","coordinates":[[[6,47],[7,47],[7,48],[6,48]]]}"#;
        assert_eq!(
            parse_geometry(open).unwrap_err(),
            "a ring does not end where it starts"
        );
        let text = r#"{"type":"Polygon","coordinates":[[[6,"a"],[7,47],[6,"a"]]]}"#;
        assert!(parse_geometry(text).is_err());
        // An empty or one-number position, or a ring too short, is refused (not a panic).
        let empty = r#"{"type":"Polygon","coordinates":[[[6,47],[],[7,48],[6,47]]]}"#;
        let lone = r#"{"type":"Polygon","coordinates":[[[6,47],[7],[7,48],[6,47]]]}"#;
        for text in [empty, lone] {
            assert_eq!(
                parse_geometry(text).unwrap_err(),
                "a position needs a longitude and a latitude"
            );
        }
        let short = r#"{"type":"MultiPolygon","coordinates":[[[[6,47],[7,47],[6,47]]]]}"#;
        assert_eq!(
            parse_geometry(short).unwrap_err(),
            "a ring has fewer than four positions"
        );
    }

    #[test]
    fn refuses_what_is_not_geojson() {
        assert!(matches!(read_features("nope"), Err(FileError::NotJson(_))));
        assert_eq!(
            read_features("{\"a\":1}").unwrap_err(),
            FileError::NotGeoJson
        );
    }

    #[test]
    fn geometry_round_trips_through_json() {
        let text = r#"{"type":"MultiPolygon","coordinates":[[[[6,47],[7,47],[7,48],[6,47]]],[[[8,47],[9,47],[9,48],[8,47]]]]}"#;
        let geometry = parse_geometry(text).unwrap();
        assert_eq!(geometry.shape().0.len(), 2);
        assert_eq!(
            geometry_from_value(geometry_to_json(&geometry)).unwrap(),
            geometry
        );
    }
}
