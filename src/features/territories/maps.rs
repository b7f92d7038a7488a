//! Maps of territories for the pages, and locating a point in a commune. Drawing a map or
//! indexing boundaries takes milliseconds, so both are cached in memory, keyed by the
//! territories' revision: an import on any server changes the revision and the caches follow.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use geokit::svg::{self, Drawing, Legend, MapSpec, Shape};
use geokit::{Geometry, locate::PointIndex};

use crate::features::territories;
use crate::features::territories::store::{OVERLAY_LEVELS, Shape as StoredShape};
use crate::platform::db::Db;

/// Most maps kept in memory; the cache is emptied when it grows past this.
const MAX_CACHED_MAPS: usize = 256;

/// Cached maps, drawings and the point locator.
#[derive(Default)]
pub struct GeoCache {
    maps: Mutex<HashMap<String, Arc<RenderedMap>>>,
    drawings: Mutex<HashMap<String, Arc<Prepared>>>,
    locator: Mutex<Option<IndexedLocator>>,
}

/// The shapes under some territories, drawn once: what maps of live values (needs per
/// commune, points) colour and title on each request.
struct Prepared {
    /// The deepest units with a boundary, in drawing order.
    leaves: Vec<StoredShape>,
    drawing: Drawing,
}

/// A locator and the territories' revision it was built from.
#[derive(Clone)]
struct IndexedLocator {
    revision: (i64, i64),
    locator: Arc<Locator>,
}

/// A map ready to embed, with the values behind its colours.
pub struct RenderedMap {
    /// The `<svg>` element.
    pub svg: String,
    /// The shapes drawn, with their values (for the accessible table under the map), by name.
    pub rows: Vec<MapRow>,
    /// The codes of the shapes, in the order the `<svg>` draws them.
    pub drawn_codes: Vec<String>,
    /// The legend entries `(colour, label)`.
    pub legend: Vec<(String, String)>,
    /// What the values are ("Population", "Besoins"…), for the table's header.
    pub value_label: String,
}

/// One shape of a map and its value.
#[derive(Clone, Debug)]
pub struct MapRow {
    /// Territory level.
    pub level: String,
    /// Territory code.
    pub code: String,
    /// Name.
    pub name: String,
    /// The value the colour shows.
    pub value: Option<f64>,
}

impl MapRow {
    /// The value written for people ("45 912", "3,2").
    pub fn value_text(&self) -> String {
        self.value.map(number_text).unwrap_or_default()
    }
}

/// Finds the commune holding a point.
pub struct Locator {
    index: PointIndex,
    communes: Vec<(i64, String, String)>,
}

/// What the map colours its shapes by.
#[derive(Clone, Debug, PartialEq)]
pub enum Colouring {
    /// One colour; shapes only.
    Plain,
    /// A choropleth of population.
    Population,
    /// A choropleth of given values, by territory id (shapes without a value count as 0).
    Values(HashMap<i64, f64>),
}

/// Texts of a map in the visitor's language.
pub struct MapTexts {
    /// Accessible title.
    pub title: String,
    /// Accessible description.
    pub description: String,
    /// Legend title.
    pub legend_title: String,
    /// Unit after values ("habitants").
    pub unit: String,
    /// For counts: the message that writes the unit after each shape's value in the right
    /// number ("1 besoin", "2 besoins"); `unit` otherwise.
    pub count_unit: Option<(crate::platform::i18n::Tr, &'static str)>,
    /// Points drawn over the shapes.
    pub markers: Vec<svg::Marker>,
    /// Whether each shape links to its territory's page (not on a map people click to place
    /// something, where links would also be so many stops for the keyboard).
    pub links: bool,
    /// Whether IRIS are drawn where the territory holds their boundaries (a map to pick an
    /// IRIS on); other maps draw communes, the units their figures are counted in.
    pub iris: bool,
    /// For a map of live values (needs per commune, points): a key that changes whenever they
    /// or the texts do, so that the map can be kept until then.
    pub live_key: Option<String>,
}

impl MapTexts {
    /// Texts of a population map: its title and description, in the visitor's language.
    pub fn population(
        tr: crate::platform::i18n::Tr,
        title: String,
        description_key: &str,
    ) -> MapTexts {
        MapTexts {
            title,
            description: tr.t(description_key),
            legend_title: tr.t("map-legend-population"),
            unit: tr.t("unit-inhabitants"),
            count_unit: None,
            markers: Vec::new(),
            links: true,
            iris: false,
            live_key: None,
        }
    }
}

impl GeoCache {
    /// Forgets every cached map and index (after an import in this process).
    pub fn clear(&self) {
        self.maps.lock().unwrap_or_else(|p| p.into_inner()).clear();
        self.drawings
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
        *self.locator.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    /// The map of the territories under `roots`: the deepest units with a boundary, linked to
    /// their pages, the roots' outline on top.
    pub async fn territory_map(
        &self,
        db: &Db,
        roots: &[i64],
        colouring: Colouring,
        texts: MapTexts,
        id: &str,
    ) -> Result<Arc<RenderedMap>, sqlx::Error> {
        let revision = territories::store::revision(db).await?;
        // Population and plain maps are the same for every visitor: they are kept. Maps of
        // live values are kept under their live key, or else drawn each time.
        let cacheable = texts.live_key.is_some()
            || (texts.markers.is_empty() && !matches!(colouring, Colouring::Values(_)));
        let key = match &texts.live_key {
            Some(live) => live_map_key(revision, roots, live, id),
            None => format!(
                "{revision:?}|{roots:?}|{colouring:?}|{}|{}|{}|{id}",
                texts.title, texts.legend_title, texts.iris
            ),
        };
        if cacheable && let Some(map) = self.kept_map(&key) {
            return Ok(map);
        }
        let prepared = self.prepared(db, revision, roots, texts.iris).await?;
        let map = Arc::new(draw(&prepared, &colouring, texts, id));
        if cacheable {
            let mut maps = self.maps.lock().unwrap_or_else(|p| p.into_inner());
            if maps.len() >= MAX_CACHED_MAPS {
                maps.clear();
            }
            maps.insert(key, map.clone());
        }
        Ok(map)
    }

    /// A map of live values kept under `live_key` (see `MapTexts::live_key`), if there is
    /// one: callers ask before reading the values.
    pub async fn kept(
        &self,
        db: &Db,
        roots: &[i64],
        live_key: &str,
        id: &str,
    ) -> Result<Option<Arc<RenderedMap>>, sqlx::Error> {
        let revision = territories::store::revision(db).await?;
        Ok(self.kept_map(&live_map_key(revision, roots, live_key, id)))
    }

    fn kept_map(&self, key: &str) -> Option<Arc<RenderedMap>> {
        self.maps
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(key)
            .cloned()
    }

    /// The drawing of the territories under `roots`, made once per revision.
    async fn prepared(
        &self,
        db: &Db,
        revision: (i64, i64),
        roots: &[i64],
        iris: bool,
    ) -> Result<Arc<Prepared>, sqlx::Error> {
        let key = format!("{revision:?}|{roots:?}|{iris}");
        if let Some(prepared) = self
            .drawings
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&key)
        {
            return Ok(prepared.clone());
        }
        let stored = territories::store::shapes_under(db, roots).await?;
        let roots = roots.to_vec();
        let prepared = Arc::new(
            tokio::task::spawn_blocking(move || prepare(stored, &roots, iris))
                .await
                .map_err(|e| sqlx::Error::Protocol(e.to_string()))?,
        );
        let mut drawings = self.drawings.lock().unwrap_or_else(|p| p.into_inner());
        if drawings.len() >= MAX_CACHED_MAPS {
            drawings.clear();
        }
        drawings.insert(key, prepared.clone());
        Ok(prepared)
    }

    /// The commune holding `[longitude, latitude]`, as `(id, code, name)`.
    pub async fn locate(
        &self,
        db: &Db,
        point: [f64; 2],
    ) -> Result<Option<(i64, String, String)>, sqlx::Error> {
        let revision = territories::store::revision(db).await?;
        let current = self
            .locator
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        let locator = match current {
            Some(indexed) if indexed.revision == revision => indexed.locator,
            _ => {
                let shapes = territories::store::shapes_at_level(db, "commune").await?;
                let locator = Arc::new(
                    tokio::task::spawn_blocking(move || build_locator(&shapes))
                        .await
                        .map_err(|e| sqlx::Error::Protocol(e.to_string()))?,
                );
                *self.locator.lock().unwrap_or_else(|p| p.into_inner()) = Some(IndexedLocator {
                    revision,
                    locator: locator.clone(),
                });
                locator
            }
        };
        Ok(locator
            .index
            .locate(point)
            .map(|i| locator.communes[i].clone()))
    }
}

fn parse(stored: &StoredShape) -> Option<Geometry> {
    geokit::geojson::parse_geometry(&stored.geometry).ok()
}

fn build_locator(shapes: &[StoredShape]) -> Locator {
    let mut communes = Vec::new();
    let mut geometries = Vec::new();
    for shape in shapes {
        if let Some(geometry) = parse(shape) {
            communes.push((shape.id, shape.code.clone(), shape.name.clone()));
            geometries.push(geometry);
        }
    }
    Locator {
        index: PointIndex::new(geometries),
        communes,
    }
}

/// Where a map of live values is kept.
fn live_map_key(revision: (i64, i64), roots: &[i64], live_key: &str, id: &str) -> String {
    format!("{revision:?}|{roots:?}|{live_key}|{id}")
}

/// Parses and draws the deepest units with a boundary (a unit whose children have boundaries
/// is drawn through them), with the roots' outline on top.
fn prepare(stored: Vec<StoredShape>, roots: &[i64], iris: bool) -> Prepared {
    // Overlays (priority neighbourhoods…) are drawn only on their own page, IRIS only when
    // asked for.
    let drawn = |s: &StoredShape| {
        let level = s.level.as_str();
        !OVERLAY_LEVELS.contains(&level) && (iris || level != "iris")
    };
    let stored: Vec<StoredShape> = stored
        .into_iter()
        .filter(|s| roots.contains(&s.id) || drawn(s))
        .collect();
    let parents: std::collections::HashSet<i64> =
        stored.iter().filter_map(|s| s.parent_id).collect();
    let outline: Option<Geometry> = stored
        .iter()
        .filter(|s| roots.contains(&s.id) && parents.contains(&s.id))
        .find_map(parse);
    let (leaves, geometries): (Vec<StoredShape>, Vec<Geometry>) = stored
        .into_iter()
        .filter(|s| !parents.contains(&s.id))
        .filter_map(|s| parse(&s).map(|g| (s, g)))
        .unzip();
    let shapes: Vec<&Geometry> = geometries.iter().collect();
    Prepared {
        drawing: Drawing::new(&shapes, outline.as_ref()),
        leaves: leaves
            .into_iter()
            .map(|s| StoredShape {
                geometry: String::new(),
                ..s
            })
            .collect(),
    }
}

/// Colours, titles and legend of one map over a prepared drawing.
fn draw(prepared: &Prepared, colouring: &Colouring, texts: MapTexts, id: &str) -> RenderedMap {
    let leaves = &prepared.leaves;
    let value_of = |s: &StoredShape| -> Option<f64> {
        match colouring {
            Colouring::Plain => None,
            Colouring::Population => s.population.map(|p| p as f64),
            Colouring::Values(values) => Some(values.get(&s.id).copied().unwrap_or(0.0)),
        }
    };
    let values: Vec<f64> = leaves.iter().filter_map(value_of).collect();
    let breaks = svg::quantile_breaks(&values, svg::PALETTE.len());
    let legend: Vec<(String, String)> = breaks
        .iter()
        .enumerate()
        .map(|(i, (low, high))| {
            (
                svg::PALETTE[i].to_owned(),
                format!(
                    "{} – {} {}",
                    number_text(*low),
                    number_text(*high),
                    texts.unit
                ),
            )
        })
        .collect();
    let shapes = leaves
        .iter()
        .map(|s| {
            let value = value_of(s);
            Shape {
                title: match value {
                    Some(v) => {
                        let unit = match texts.count_unit {
                            Some((tr, key)) => tr.t_count(key, v as i64),
                            None => texts.unit.clone(),
                        };
                        format!("{} : {} {unit}", s.name, number_text(v))
                    }
                    None => s.name.clone(),
                },
                href: texts
                    .links
                    .then(|| format!("/territoires/{}/{}", s.level, s.code)),
                fill: value.map(|v| svg::PALETTE[svg::class_of(v, &breaks)].to_owned()),
            }
        })
        .collect();
    let spec = MapSpec {
        title: texts.title,
        description: texts.description,
        shapes,
        markers: texts.markers,
        legend: (!legend.is_empty()).then(|| Legend {
            title: texts.legend_title.clone(),
            entries: legend.clone(),
        }),
        id: id.to_owned(),
    };
    let mut rows: Vec<MapRow> = leaves
        .iter()
        .map(|s| MapRow {
            level: s.level.clone(),
            code: s.code.clone(),
            name: s.name.clone(),
            value: value_of(s),
        })
        .collect();
    let drawn_codes = rows.iter().map(|r| r.code.clone()).collect();
    rows.sort_by_cached_key(|row| textkit::normalize::fold(&row.name));
    RenderedMap {
        svg: svg::render(&spec, &prepared.drawing),
        rows,
        drawn_codes,
        legend,
        value_label: texts.legend_title,
    }
}

/// A whole number grouped by thousands, or a decimal with a French comma.
pub fn number_text(value: f64) -> String {
    if value.fract() == 0.0 {
        group(value)
    } else {
        format!("{value:.1}").replace('.', ",")
    }
}

/// Writes a number with thin spaces between thousands, as French does.
pub fn group(value: f64) -> String {
    let digits = format!("{}", value.round() as i64);
    let (sign, digits) = digits
        .strip_prefix('-')
        .map_or(("", digits.as_str()), |d| ("-", d));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(group(299_264.0), "299\u{202f}264");
        assert_eq!(group(45.0), "45");
        assert_eq!(group(1000.0), "1\u{202f}000");
    }
}
