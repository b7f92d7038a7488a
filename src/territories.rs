//! Importing territories from GeoJSON: each feature is checked (code, name, geometry, parent,
//! duplicate) and kept or refused with its position and reason; good features are never lost
//! because of bad ones, and importing the same file again updates rather than duplicates.

use std::collections::HashMap;

use geokit::geojson::{self, Feature};

use crate::db::territories::NewTerritory;
use crate::db::{self, Db};

/// How to read the features of a file (also the options of `concerto territories import`).
#[derive(clap::Args, Clone, Debug)]
pub struct ImportOptions {
    /// Level of every unit in the file: commune, epci, iris, quartier, departement…
    #[arg(long)]
    pub level: String,
    /// Property holding the official code (INSEE code, SIREN).
    #[arg(long, default_value = "code")]
    pub code_property: String,
    /// Property holding the name.
    #[arg(long, default_value = "nom")]
    pub name_property: String,
    /// Property holding the code of the unit that contains it (imported before).
    #[arg(long)]
    pub parent_property: Option<String>,
    /// Property holding the population.
    #[arg(long)]
    pub population_property: Option<String>,
    /// Year of the populations.
    #[arg(long)]
    pub population_year: Option<i64>,
    /// Source of the populations, for example "Insee, populations légales 2023".
    #[arg(long)]
    pub population_source: Option<String>,
}

/// Why a feature was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    /// No code in the code property.
    MissingCode,
    /// No name in the name property.
    MissingName,
    /// The geometry is missing, not a surface, or invalid.
    InvalidGeometry(String),
    /// The parent code matches no known territory.
    UnknownParent(String),
    /// The same code appeared earlier in the file.
    Duplicate,
}

impl Refusal {
    /// The message key for the interface.
    pub fn message_key(&self) -> &'static str {
        match self {
            Refusal::MissingCode => "import-missing-code",
            Refusal::MissingName => "import-missing-name",
            Refusal::InvalidGeometry(_) => "import-invalid-geometry",
            Refusal::UnknownParent(_) => "import-unknown-parent",
            Refusal::Duplicate => "import-duplicate",
        }
    }

    /// The detail to show after the message (the geometry problem, the unknown code).
    pub fn detail(&self) -> &str {
        match self {
            Refusal::InvalidGeometry(detail) | Refusal::UnknownParent(detail) => detail,
            _ => "",
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::MissingCode => f.write_str("missing code"),
            Refusal::MissingName => f.write_str("missing name"),
            Refusal::InvalidGeometry(why) => write!(f, "invalid geometry: {why}"),
            Refusal::UnknownParent(code) => write!(f, "unknown parent {code}"),
            Refusal::Duplicate => f.write_str("duplicate code in the file"),
        }
    }
}

/// A refused feature.
#[derive(Clone, Debug)]
pub struct RefusedFeature {
    /// Position in the file, from 1.
    pub position: usize,
    /// Its code, when it had one.
    pub code: Option<String>,
    /// Why.
    pub reason: Refusal,
}

/// The outcome of an import.
#[derive(Clone, Debug, Default)]
pub struct ImportReport {
    /// Units created.
    pub created: usize,
    /// Units that existed and were updated.
    pub updated: usize,
    /// Features refused, in file order.
    pub refused: Vec<RefusedFeature>,
}

impl ImportReport {
    /// Units kept (created or updated).
    pub fn kept(&self) -> usize {
        self.created + self.updated
    }
}

/// Why a whole file was refused.
#[derive(Debug)]
pub enum ImportError {
    /// The file is not GeoJSON.
    NotGeoJson(geojson::FileError),
    /// The database failed.
    Database(sqlx::Error),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::NotGeoJson(e) => e.fmt(f),
            ImportError::Database(e) => write!(f, "database: {e}"),
        }
    }
}

impl From<sqlx::Error> for ImportError {
    fn from(error: sqlx::Error) -> Self {
        ImportError::Database(error)
    }
}

/// A feature that passed every check, ready to store.
struct Checked {
    code: String,
    name: String,
    parent_id: Option<i64>,
    population: Option<i64>,
    boundary: (String, [f64; 4]),
}

/// Imports the features of a GeoJSON text.
pub async fn import_geojson(
    db: &Db,
    text: &str,
    options: &ImportOptions,
) -> Result<ImportReport, ImportError> {
    let features = geojson::read_features(text).map_err(ImportError::NotGeoJson)?;
    let mut report = ImportReport::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut parents: HashMap<String, Option<i64>> = HashMap::new();
    for feature in &features {
        match check(db, feature, options, &mut seen, &mut parents).await? {
            Ok(unit) => {
                let (_, created) = db::territories::upsert(
                    db,
                    &NewTerritory {
                        level: &options.level,
                        code: &unit.code,
                        name: &unit.name,
                        parent_id: unit.parent_id,
                        population: unit.population,
                        population_year: options
                            .population_year
                            .filter(|_| unit.population.is_some()),
                        population_source: options
                            .population_source
                            .as_deref()
                            .filter(|_| unit.population.is_some()),
                        boundary: Some(unit.boundary),
                    },
                )
                .await?;
                if created {
                    report.created += 1;
                } else {
                    report.updated += 1;
                }
            }
            Err(reason) => report.refused.push(RefusedFeature {
                position: feature.position,
                code: feature.text(&options.code_property),
                reason,
            }),
        }
    }
    Ok(report)
}

async fn check(
    db: &Db,
    feature: &Feature,
    options: &ImportOptions,
    seen: &mut HashMap<String, usize>,
    parents: &mut HashMap<String, Option<i64>>,
) -> Result<Result<Checked, Refusal>, sqlx::Error> {
    let Some(code) = feature.text(&options.code_property) else {
        return Ok(Err(Refusal::MissingCode));
    };
    let Some(name) = feature.text(&options.name_property) else {
        return Ok(Err(Refusal::MissingName));
    };
    let geometry = match &feature.geometry {
        Ok(geometry) => geometry,
        Err(why) => return Ok(Err(Refusal::InvalidGeometry(why.clone()))),
    };
    if let Err(problem) = geometry.validate() {
        return Ok(Err(Refusal::InvalidGeometry(problem.to_string())));
    }
    let parent_id = match options
        .parent_property
        .as_deref()
        .and_then(|p| feature.text(p))
    {
        None => None,
        Some(parent_code) => {
            if !parents.contains_key(&parent_code) {
                let found =
                    db::territories::parent_by_code(db, &parent_code, &options.level).await?;
                parents.insert(parent_code.clone(), found.map(|t| t.id));
            }
            match parents[&parent_code] {
                Some(id) => Some(id),
                None => return Ok(Err(Refusal::UnknownParent(parent_code))),
            }
        }
    };
    if seen.insert(code.clone(), feature.position).is_some() {
        return Ok(Err(Refusal::Duplicate));
    }
    let bbox = geometry.bbox();
    Ok(Ok(Checked {
        code,
        name,
        parent_id,
        population: options
            .population_property
            .as_deref()
            .and_then(|p| feature.integer(p)),
        boundary: (
            geojson::geometry_to_json(geometry).to_string(),
            [bbox.min_x, bbox.min_y, bbox.max_x, bbox.max_y],
        ),
    }))
}
