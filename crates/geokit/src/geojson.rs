//! Reading GeoJSON (RFC 7946) features: their properties and their polygon geometry. Every
//! problem is reported with the feature's position, and never stops the other features.

use serde_json::{Map, Value};

use crate::geometry::{Geometry, Polygon, Ring};

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
    let value: Value = serde_json::from_str(text).map_err(|e| FileError::NotJson(e.to_string()))?;
    let features: Vec<&Value> = match value.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => value
            .get("features")
            .and_then(Value::as_array)
            .ok_or(FileError::NotGeoJson)?
            .iter()
            .collect(),
        Some("Feature") => vec![&value],
        _ => return Err(FileError::NotGeoJson),
    };
    Ok(features
        .into_iter()
        .enumerate()
        .map(|(index, feature)| Feature {
            position: index + 1,
            properties: feature
                .get("properties")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default(),
            geometry: feature
                .get("geometry")
                .ok_or_else(|| "no geometry".to_owned())
                .and_then(parse_geometry),
        })
        .collect())
}

/// Reads a GeoJSON geometry object (Polygon or MultiPolygon).
pub fn parse_geometry(value: &Value) -> Result<Geometry, String> {
    let coordinates = value.get("coordinates").ok_or("no coordinates")?;
    match value.get("type").and_then(Value::as_str) {
        Some("Polygon") => Ok(Geometry {
            polygons: vec![parse_polygon(coordinates)?],
        }),
        Some("MultiPolygon") => Ok(Geometry {
            polygons: coordinates
                .as_array()
                .ok_or("MultiPolygon coordinates are not a list")?
                .iter()
                .map(parse_polygon)
                .collect::<Result<_, _>>()?,
        }),
        Some(other) => Err(format!(
            "{other} is not a surface (Polygon or MultiPolygon expected)"
        )),
        None => Err("geometry without a type".to_owned()),
    }
}

fn parse_polygon(value: &Value) -> Result<Polygon, String> {
    let rings = value
        .as_array()
        .ok_or("polygon coordinates are not a list")?;
    Ok(Polygon {
        rings: rings.iter().map(parse_ring).collect::<Result<_, _>>()?,
    })
}

fn parse_ring(value: &Value) -> Result<Ring, String> {
    value
        .as_array()
        .ok_or("ring is not a list")?
        .iter()
        .map(|point| {
            let pair = point
                .as_array()
                .filter(|p| p.len() >= 2)
                .ok_or("a position needs two numbers")?;
            match (pair[0].as_f64(), pair[1].as_f64()) {
                (Some(x), Some(y)) => Ok([x, y]),
                _ => Err("a position holds something other than numbers".to_owned()),
            }
        })
        .collect()
}

/// Writes a geometry as a GeoJSON geometry object, with coordinates rounded to 1e-6 degree.
pub fn geometry_to_json(geometry: &Geometry) -> Value {
    let ring = |r: &Ring| {
        Value::Array(
            r.iter()
                .map(|[x, y]| serde_json::json!([round6(*x), round6(*y)]))
                .collect(),
        )
    };
    let polygon = |p: &Polygon| Value::Array(p.rings.iter().map(ring).collect());
    if geometry.polygons.len() == 1 {
        serde_json::json!({"type": "Polygon", "coordinates": polygon(&geometry.polygons[0])})
    } else {
        serde_json::json!({"type": "MultiPolygon", "coordinates": geometry.polygons.iter().map(polygon).collect::<Vec<_>>()})
    }
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
        let geometry = parse_geometry(&serde_json::from_str(text).unwrap()).unwrap();
        assert_eq!(geometry.polygons.len(), 2);
        assert_eq!(
            parse_geometry(&geometry_to_json(&geometry)).unwrap(),
            geometry
        );
    }
}
