//! Importing territories from GeoJSON: each feature is checked (code, name, geometry, parent,
//! duplicate) and kept or refused with its position and reason; good features are never lost
//! because of bad ones, and importing the same file again updates rather than duplicates.

use std::collections::HashMap;

use geokit::geojson::{self, Feature};

use crate::features::territories;
use crate::features::territories::store::NewTerritory;
use crate::platform::db::Db;

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
    /// Coordinates that are not longitudes and latitudes (a projected file: Lambert-93…).
    NotLongitudeLatitude,
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
            Refusal::NotLongitudeLatitude => "import-not-longitude-latitude",
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
            Refusal::NotLongitudeLatitude => {
                f.write_str("coordinates are not longitudes and latitudes (a projected file?)")
            }
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
    /// Reading the file stopped on a bug (the cause is logged).
    Crashed(String),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::NotGeoJson(e) => e.fmt(f),
            ImportError::Database(e) => write!(f, "database: {e}"),
            ImportError::Crashed(cause) => write!(f, "reading the file failed: {cause}"),
        }
    }
}

impl From<sqlx::Error> for ImportError {
    fn from(error: sqlx::Error) -> Self {
        ImportError::Database(error)
    }
}

/// A feature read and checked without the database (code, name, geometry), ready to store
/// once its parent is found.
struct Validated {
    code: String,
    name: String,
    parent_code: Option<String>,
    population: Option<i64>,
    boundary: (String, [f64; 4]),
}

/// Reads the file and checks each feature on its own: the costly part (parsing, validating
/// polygons, a sweep over every edge), run on a blocking thread. Each feature gets its position and code, and what it is or why not.
type ValidatedFeature = (usize, Option<String>, Result<Validated, Refusal>);

fn validate_all(text: &str, options: &ImportOptions) -> Result<Vec<ValidatedFeature>, ImportError> {
    let features = geojson::read_features(text).map_err(ImportError::NotGeoJson)?;
    Ok(features
        .iter()
        .map(|feature| {
            let code = feature.text(&options.code_property);
            (feature.position, code, validate(feature, options))
        })
        .collect())
}

fn validate(feature: &Feature, options: &ImportOptions) -> Result<Validated, Refusal> {
    let code = feature
        .text(&options.code_property)
        .ok_or(Refusal::MissingCode)?;
    let name = feature
        .text(&options.name_property)
        .ok_or(Refusal::MissingName)?;
    let geometry = feature
        .geometry
        .as_ref()
        .map_err(|why| Refusal::InvalidGeometry(why.clone()))?;
    geometry.validate().map_err(|problem| match problem {
        geokit::geometry::GeometryError::OutOfRange => Refusal::NotLongitudeLatitude,
        problem => Refusal::InvalidGeometry(problem.to_string()),
    })?;
    let bbox = geometry.bbox();
    Ok(Validated {
        code,
        name,
        parent_code: options
            .parent_property
            .as_deref()
            .and_then(|p| feature.text(p)),
        population: options
            .population_property
            .as_deref()
            .and_then(|p| feature.integer(p)),
        boundary: (
            geojson::geometry_to_json(geometry).to_string(),
            [bbox.min_x, bbox.min_y, bbox.max_x, bbox.max_y],
        ),
    })
}

/// Imports the features of a GeoJSON text: read and checked on a blocking thread, then each
/// good one's parent found and stored (a code seen earlier in the file is a duplicate).
pub async fn import_geojson(
    db: &Db,
    text: &str,
    options: &ImportOptions,
) -> Result<ImportReport, ImportError> {
    let validated = {
        let (text, options) = (text.to_owned(), options.clone());
        tokio::task::spawn_blocking(move || validate_all(&text, &options))
            .await
            .map_err(|e| ImportError::Crashed(e.to_string()))??
    };
    let mut report = ImportReport::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut parents: HashMap<String, Option<i64>> = HashMap::new();
    for (position, code, result) in validated {
        let stored = match result {
            Ok(unit) => store(db, unit, position, options, &mut seen, &mut parents).await?,
            Err(reason) => Err(reason),
        };
        match stored {
            Ok(true) => report.created += 1,
            Ok(false) => report.updated += 1,
            Err(reason) => report.refused.push(RefusedFeature {
                position,
                code,
                reason,
            }),
        }
    }
    Ok(report)
}

/// Finds a checked feature's parent and stores it; `Ok(Ok(created))`, or why it was refused.
async fn store(
    db: &Db,
    unit: Validated,
    position: usize,
    options: &ImportOptions,
    seen: &mut HashMap<String, usize>,
    parents: &mut HashMap<String, Option<i64>>,
) -> Result<Result<bool, Refusal>, sqlx::Error> {
    let parent_id = match unit.parent_code {
        None => None,
        Some(parent_code) => {
            if !parents.contains_key(&parent_code) {
                let found =
                    territories::store::parent_by_code(db, &parent_code, &options.level).await?;
                parents.insert(parent_code.clone(), found.map(|t| t.id));
            }
            match parents[&parent_code] {
                Some(id) => Some(id),
                None => return Ok(Err(Refusal::UnknownParent(parent_code))),
            }
        }
    };
    if seen.insert(unit.code.clone(), position).is_some() {
        return Ok(Err(Refusal::Duplicate));
    }
    let (_, created) = territories::store::upsert(
        db,
        &NewTerritory {
            level: &options.level,
            code: &unit.code,
            name: &unit.name,
            parent_id,
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
    Ok(Ok(created))
}
