//! Importing resources from a CSV table with the open data's columns (what an export holds
//! re-imports unchanged; a row naming one of the process's resources by `id` updates it).
//! Kinds, stages, audiences and recurrences may be written as stored or as labelled in the
//! visitor's language, themes by name, places by official code. Every row is checked with the
//! form's own checks; a dry run lists what each row would do and why a row is refused; the
//! import then stores every good row in one transaction and names the refused ones.

use crate::features::processes::cache::ProcessSettings;
use crate::features::resources::open_data::COLUMNS;
use crate::features::resources::rules::{
    Audience, ProjectStage, Publication, Recurrence, ResourceKind,
};
use crate::features::resources::service;
use crate::features::resources::store::{Fields, Resource};
use crate::platform::i18n::Tr;
use crate::platform::tables::{Table, TableError, cell, unquoted};
use crate::platform::web::forms::{FormErrors, Pairs};

/// What a row will do once imported.
#[derive(Clone, Debug)]
pub enum Plan {
    /// Create this resource in this status.
    Create(Box<Fields>, Publication),
    /// Rewrite the resource with this id.
    Update(i64, Box<Fields>),
    /// Nothing: the resource already says what the row says.
    Unchanged(i64),
}

/// Every row of a file: its line and what it will do, or why it is refused.
#[derive(Debug, Default)]
pub struct Checked {
    /// `(line, plan, title)` of the good rows.
    pub plans: Vec<(usize, Plan, String)>,
    /// `(line, reason)` of the refused ones.
    pub refused: Vec<(usize, String)>,
}

impl Checked {
    /// How many rows create, update and leave a resource unchanged.
    pub fn counts(&self) -> (usize, usize, usize) {
        let count = |f: fn(&Plan) -> bool| self.plans.iter().filter(|(_, p, _)| f(p)).count();
        (
            count(|p| matches!(p, Plan::Create(..))),
            count(|p| matches!(p, Plan::Update(..))),
            count(|p| matches!(p, Plan::Unchanged(_))),
        )
    }
}

/// A word as stored, or as labelled (`{prefix}{word}`) in the visitor's language, whatever
/// the case; `None` when it is neither.
fn word<T: Copy>(
    typed: &str,
    all: &[T],
    name: fn(T) -> &'static str,
    prefix: &str,
    tr: Tr,
) -> Option<&'static str> {
    let typed = typed.trim();
    all.iter().map(|w| name(*w)).find(|stored| {
        stored.eq_ignore_ascii_case(typed)
            || tr.t(&format!("{prefix}{stored}")).to_lowercase() == typed.to_lowercase()
    })
}

/// The values of a list cell.
fn values(text: &str) -> impl Iterator<Item = &str> {
    text.split('|').map(str::trim).filter(|v| !v.is_empty())
}

/// A row as the form would post it, or why one of its values is unknown.
fn as_form(
    get: &dyn Fn(&str) -> String,
    settings: &ProcessSettings,
    tr: Tr,
) -> Result<Pairs, String> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut put = |field: &str, value: String| pairs.push((field.to_owned(), value));
    let unknown = |column: &str, value: &str| {
        tr.t_args(
            "import-unknown-value",
            &[("column", column), ("value", value)],
        )
    };
    let kind = get("type");
    put(
        "type",
        word(
            &kind,
            ResourceKind::ALL,
            ResourceKind::as_str,
            "resource-kind-",
            tr,
        )
        .map_or(kind.clone(), str::to_owned),
    );
    for (column, field) in [
        ("titre", "titre"),
        ("resume", "resume"),
        ("lien", "lien"),
        ("source", "source"),
        ("licence", "licence"),
        ("financeur", "financeur"),
        ("montant_min", "montant_min"),
        ("montant_max", "montant_max"),
        ("taux_min", "taux_min"),
        ("taux_max", "taux_max"),
        ("echeance", "echeance"),
    ] {
        put(field, get(column));
    }
    let recurrence = get("recurrence");
    if !recurrence.is_empty() {
        let stored = word(
            &recurrence,
            Recurrence::ALL,
            Recurrence::as_str,
            "recurrence-",
            tr,
        )
        .ok_or_else(|| unknown("recurrence", &recurrence))?;
        put("recurrence", stored.to_owned());
    }
    for name in values(&get("thematiques")) {
        let theme = settings
            .themes
            .iter()
            .find(|t| t.name.to_lowercase() == name.to_lowercase())
            .ok_or_else(|| unknown("thematiques", name))?;
        put("themes", theme.id.to_string());
    }
    for stage in values(&get("etapes")) {
        let stored = word(
            stage,
            ProjectStage::ALL,
            ProjectStage::as_str,
            "project-stage-",
            tr,
        )
        .ok_or_else(|| unknown("etapes", stage))?;
        put("etapes", stored.to_owned());
    }
    for audience in values(&get("publics")) {
        let stored = word(audience, Audience::ALL, Audience::as_str, "audience-", tr)
            .ok_or_else(|| unknown("publics", audience))?;
        put("publics", stored.to_owned());
    }
    for code in values(&get("perimetre")) {
        let place = settings
            .epcis
            .iter()
            .chain(&settings.communes)
            .find(|t| t.code == code)
            .ok_or_else(|| unknown("perimetre", code))?;
        put("perimetre", place.id.to_string());
    }
    Ok(Pairs(pairs))
}

/// Checks every row of a CSV file against the process and its resources; a file that cannot
/// be read at all is refused whole.
pub fn check(
    bytes: &[u8],
    existing: &[Resource],
    settings: &ProcessSettings,
    tr: Tr,
) -> Result<Checked, TableError> {
    let (table, _) = Table::read_with(bytes, &["titre"])?;
    table.column(&["type"])?;
    let columns: Vec<Option<usize>> = COLUMNS
        .iter()
        .map(|c| table.optional_column(&[c]))
        .collect();
    let mut checked = Checked::default();
    for (line, row) in &table.rows {
        let get = |name: &str| -> String {
            let at = COLUMNS
                .iter()
                .position(|c| *c == name)
                .and_then(|i| columns[i]);
            unquoted(cell(row, at)).to_owned()
        };
        let form = match as_form(&get, settings, tr) {
            Ok(form) => form,
            Err(reason) => {
                checked.refused.push((*line, reason));
                continue;
            }
        };
        let mut errors = FormErrors::default();
        let Some(fields) = service::read_fields(&form, settings, tr, &mut errors) else {
            let reasons: Vec<String> = errors
                .all()
                .map(|(field, message)| format!("{field} : {message}"))
                .collect();
            checked.refused.push((*line, reasons.join(" ; ")));
            continue;
        };
        let title = fields.title.clone();
        let id = get("id");
        let plan = if id.is_empty() {
            let status = get("statut")
                .parse::<Publication>()
                .unwrap_or(Publication::Draft);
            Plan::Create(Box::new(fields), status)
        } else {
            match existing.iter().find(|r| r.id.to_string() == id) {
                Some(r) if r.fields() == fields => Plan::Unchanged(r.id),
                Some(r) => Plan::Update(r.id, Box::new(fields)),
                None => {
                    checked
                        .refused
                        .push((*line, tr.t1("import-unknown-resource", "id", &id)));
                    continue;
                }
            }
        };
        checked.plans.push((*line, plan, title));
    }
    Ok(checked)
}
