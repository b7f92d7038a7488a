//! What the ressourcerie's pages call: a process's published catalogue kept in memory per
//! revision (parsed lists and French search stems), its search and filters, the resources
//! suggested on a solution's page, and the checks of a resource's fields as a form, a
//! suggestion or an import row sends them.

use std::sync::Arc;

use crate::features::partners;
use crate::features::processes::cache::ProcessSettings;
use crate::features::processes::rules::Day;
use crate::features::resources::rules::{
    self, Audience, Fitting, MAX_AMOUNT, ProjectStage, Publication, Recurrence, ResourceKind,
    SolutionContext,
};
use crate::features::resources::store::{self, Fields, Resource};
use crate::platform::db::Db;
use crate::platform::i18n::{Lang, Tr};
use crate::platform::permissions::{ProcessAction, ProcessRole};
use crate::platform::revision_cache::RevisionCache;
use crate::platform::web::forms::{FormErrors, Pairs, validate_line, validate_text};
use crate::platform::web::visitor::Visitor;

/// Longest title.
pub const MAX_TITLE_CHARS: usize = 160;
/// Longest summary.
pub const MAX_SUMMARY_CHARS: usize = 4_000;
/// Longest source, licence or funder.
const MAX_LINE_CHARS: usize = 200;
/// How many resources a solution's page suggests.
pub const SUGGESTED: usize = 6;
/// Processes whose catalogue is kept.
const PROCESSES_KEPT: usize = 256;

/// A published resource with what its filters and search read, parsed once.
pub struct Entry {
    /// The resource.
    pub resource: Resource,
    /// Its themes.
    pub themes: Vec<i64>,
    /// Its stages.
    pub stages: Vec<ProjectStage>,
    /// Its audiences.
    pub audiences: Vec<Audience>,
    /// Its perimeter.
    pub perimeter: Vec<i64>,
    /// Stems of its title, summary and funder, sorted, each once.
    terms: Vec<String>,
}

impl Entry {
    fn new(resource: Resource) -> Entry {
        let fields = resource.fields();
        let text = format!(
            "{} {} {}",
            resource.title, resource.summary, resource.funder
        );
        let mut terms = textkit::search_terms(&text);
        terms.sort();
        terms.dedup();
        Entry {
            terms,
            themes: fields.themes,
            stages: fields.stages,
            audiences: fields.audiences,
            perimeter: fields.perimeter,
            resource,
        }
    }

    /// What decides whether it fits a solution.
    pub fn fitting(&self) -> Fitting<'_> {
        Fitting {
            kind: self.resource.kind,
            themes: &self.themes,
            stages: &self.stages,
            perimeter: &self.perimeter,
            deadline: self.resource.deadline.as_deref(),
        }
    }

    /// Whether one of its terms starts with `stem` (`velo` finds `velos`: the stemmer leaves
    /// some plurals).
    fn has_term_from(&self, stem: &str) -> bool {
        let at = self.terms.partition_point(|t| t.as_str() < stem);
        self.terms.get(at).is_some_and(|t| t.starts_with(stem))
    }

    /// Whether a funding opportunity's deadline has passed on `today`.
    pub fn expired(&self, today: &str) -> bool {
        rules::expired(self.resource.kind, self.resource.deadline.as_deref(), today)
    }
}

/// A process's published resources, by title.
pub struct Catalogue {
    /// Its entries.
    pub entries: Vec<Entry>,
}

/// What a visitor looks for in the catalogue.
#[derive(Clone, Debug, Default)]
pub struct Filters {
    /// Words typed.
    pub text: String,
    /// A kind.
    pub kind: Option<ResourceKind>,
    /// A theme.
    pub theme: Option<i64>,
    /// A project stage.
    pub stage: Option<ProjectStage>,
    /// An audience.
    pub audience: Option<Audience>,
    /// A commune or EPCI of the process.
    pub place: Option<i64>,
    /// Whether funding whose deadline has passed is listed too.
    pub past: bool,
}

impl Filters {
    /// Reads the list's query (`q`, `type`, `theme`, `etape`, `public`, `lieu`, `echues`);
    /// what it does not know is ignored.
    pub fn read(query: &Pairs) -> Filters {
        Filters {
            text: query.get("q"),
            kind: query.get("type").parse().ok(),
            theme: query.get("theme").parse().ok(),
            stage: query.get("etape").parse().ok(),
            audience: query.get("public").parse().ok(),
            place: query.get("lieu").parse().ok(),
            past: query.get("echues") == "1",
        }
    }

    /// Whether nothing narrows the list (the page kept in memory).
    pub fn is_default(&self) -> bool {
        self.text.is_empty()
            && self.kind.is_none()
            && self.theme.is_none()
            && self.stage.is_none()
            && self.audience.is_none()
            && self.place.is_none()
            && !self.past
    }
}

impl Catalogue {
    /// The entries that pass the filters on `today`, by title. A place keeps resources for
    /// the whole territory, for it, for the EPCI that holds it or for a commune it holds.
    pub fn find(&self, filters: &Filters, settings: &ProcessSettings, today: &str) -> Vec<&Entry> {
        let stems = textkit::search_terms(&filters.text);
        let places: Vec<i64> = filters
            .place
            .map(|place| places_of(settings, place, true))
            .unwrap_or_default();
        self.entries
            .iter()
            .filter(|e| filters.past || !e.expired(today))
            .filter(|e| filters.kind.is_none_or(|k| e.resource.kind == k))
            .filter(|e| filters.theme.is_none_or(|t| e.themes.contains(&t)))
            .filter(|e| {
                filters
                    .stage
                    .is_none_or(|s| e.stages.is_empty() || e.stages.contains(&s))
            })
            .filter(|e| {
                filters
                    .audience
                    .is_none_or(|a| e.audiences.is_empty() || e.audiences.contains(&a))
            })
            .filter(|e| {
                places.is_empty()
                    || e.perimeter.is_empty()
                    || e.perimeter.iter().any(|p| places.contains(p))
            })
            .filter(|e| stems.iter().all(|s| e.has_term_from(s)))
            .collect()
    }
}

/// A commune or EPCI, the unit that holds it, and (when `children`) the communes it holds.
fn places_of(settings: &ProcessSettings, place: i64, children: bool) -> Vec<i64> {
    let mut places = if children {
        settings.territory_and_children(place)
    } else {
        vec![place]
    };
    if let Some(parent) = settings.commune(place).and_then(|c| c.parent_id) {
        places.push(parent);
    }
    places
}

/// The ressourcerie's kept values.
pub struct ResourceCaches {
    /// Published catalogues, by process, at their revision.
    catalogues: RevisionCache<i64, Catalogue>,
    /// The list's unfiltered first page as written, by process, at its resource and settings
    /// revisions, in a language, on a day.
    pub first_pages: RevisionCache<(i64, i64, Lang, String), axum::body::Bytes>,
}

impl Default for ResourceCaches {
    fn default() -> Self {
        ResourceCaches {
            catalogues: RevisionCache::new(PROCESSES_KEPT),
            first_pages: RevisionCache::new(PROCESSES_KEPT),
        }
    }
}

/// A process's published catalogue as of its resource revision, with that revision.
pub async fn catalogue(
    db: &Db,
    caches: &ResourceCaches,
    process_id: i64,
) -> Result<(i64, Arc<Catalogue>), sqlx::Error> {
    let revision = store::revision(db, process_id).await?;
    if let Some(kept) = caches.catalogues.get(process_id, &revision) {
        return Ok((revision, kept));
    }
    let resources = store::with_status(db, process_id, Publication::Published).await?;
    let catalogue = Catalogue {
        entries: resources.into_iter().map(Entry::new).collect(),
    };
    Ok((
        revision,
        caches.catalogues.put(process_id, revision, catalogue),
    ))
}

/// Whether the visitor runs the ressourcerie: the process's facilitators and managers, and
/// instance admins.
pub fn runs(visitor: &Visitor, roles: &[ProcessRole]) -> bool {
    visitor.may_in_process(roles, ProcessAction::Facilitate)
}

/// Where a solution stands for the ressourcerie: its theme, its stage from its progress,
/// its place and the unit holding it, on `today`.
pub fn context_of(
    settings: &ProcessSettings,
    theme_id: Option<i64>,
    progress: i64,
    territory_id: Option<i64>,
    today: Day,
) -> SolutionContext {
    SolutionContext {
        theme_id,
        stage: ProjectStage::of_progress(progress),
        places: territory_id
            .map(|place| places_of(settings, place, false))
            .unwrap_or_default(),
        today: today.iso(),
    }
}

/// The resources that fit a solution best, at most `SUGGESTED`: the most specific first,
/// then funding by nearest deadline, then by title.
pub fn suggestions<'a>(catalogue: &'a Catalogue, solution: &SolutionContext) -> Vec<&'a Entry> {
    let mut fitting: Vec<(u32, &Entry)> = catalogue
        .entries
        .iter()
        .filter_map(|e| rules::fit(e.fitting(), solution).map(|score| (score, e)))
        .collect();
    let deadline = |e: &Entry| e.resource.deadline.clone().unwrap_or_else(|| "9999".into());
    fitting.sort_by(|(a, x), (b, y)| {
        b.cmp(a)
            .then_with(|| deadline(x).cmp(&deadline(y)))
            .then_with(|| x.resource.title.cmp(&y.resource.title))
    });
    fitting
        .into_iter()
        .take(SUGGESTED)
        .map(|(_, e)| e)
        .collect()
}

/// What a funding opportunity offers, written: its funder, amount and rate ranges, deadline
/// and recurrence (empty for other kinds).
pub fn funding_line(resource: &Resource, tr: Tr) -> String {
    if resource.kind != ResourceKind::Funding {
        return String::new();
    }
    let euros = |n: i64| partners::rules::format_euros(n * 100, tr.lang);
    let percent = |n: i64| format!("{n}\u{a0}%");
    let range = |least: Option<i64>, most: Option<i64>, write: &dyn Fn(i64) -> String| match (
        least, most,
    ) {
        (Some(l), Some(m)) if l == m => Some(write(l)),
        (Some(l), Some(m)) => Some(tr.t_args(
            "resource-range",
            &[("least", &write(l)), ("most", &write(m))],
        )),
        (Some(l), None) => Some(tr.t1("resource-range-from", "least", write(l))),
        (None, Some(m)) => Some(tr.t1("resource-range-to", "most", write(m))),
        (None, None) => None,
    };
    let mut parts = Vec::new();
    if !resource.funder.is_empty() {
        parts.push(resource.funder.clone());
    }
    parts.extend(range(resource.amount_min, resource.amount_max, &euros));
    parts.extend(range(resource.rate_min, resource.rate_max, &percent));
    match &resource.deadline {
        Some(day) => parts.push(tr.t1(
            "resource-deadline",
            "day",
            Day::parse(day).map_or_else(|| day.clone(), |d| d.long(tr.lang == Lang::En)),
        )),
        None => parts.push(tr.t("resource-no-deadline")),
    }
    if let Some(recurrence) = resource.recurrence {
        parts.push(tr.t(&format!("recurrence-{}", recurrence.as_str())));
    }
    parts.join(" · ")
}

/// Reads the fields of a resource as a form posts them (`type`, `titre`, `resume`, `lien`,
/// `themes`, `etapes`, `publics`, `perimetre`, `source`, `licence`, `financeur`,
/// `montant_min`, `montant_max`, `taux_min`, `taux_max`, `echeance`, `recurrence`), checked
/// against the process's themes and places; each refusal noted next to its field.
pub fn read_fields(
    form: &Pairs,
    settings: &ProcessSettings,
    tr: Tr,
    errors: &mut FormErrors,
) -> Option<Fields> {
    let kind = form.get("type").parse::<ResourceKind>().ok();
    if kind.is_none() {
        errors.add_message("type", tr.t("error-resource-kind"));
    }
    let title = errors.check(
        tr,
        "titre",
        validate_line(&form.get("titre"), MAX_TITLE_CHARS, true),
    );
    let summary = errors.check(
        tr,
        "resume",
        validate_text(&form.get("resume"), MAX_SUMMARY_CHARS, true),
    );
    let url = match partners::rules::website(&form.get("lien")) {
        Some(link) if link.is_empty() => Some(None),
        Some(link) => Some(Some(link)),
        None => {
            errors.add_message("lien", tr.t("error-resource-link"));
            None
        }
    };
    let themes = chosen(form, "themes", errors, tr, |id: &i64| {
        settings.theme(*id).is_some()
    });
    let stages = chosen(form, "etapes", errors, tr, |_: &ProjectStage| true);
    let audiences = chosen(form, "publics", errors, tr, |_: &Audience| true);
    let perimeter = chosen(form, "perimetre", errors, tr, |id: &i64| {
        settings
            .communes
            .iter()
            .chain(&settings.epcis)
            .any(|t| t.id == *id)
    });
    let mut line = |field: &'static str| {
        errors.check(
            tr,
            field,
            validate_line(&form.get(field), MAX_LINE_CHARS, false),
        )
    };
    let (source, licence, funder) = (line("source"), line("licence"), line("financeur"));
    let mut range = |least: &'static str, most: &'static str, limit: i64| match rules::parse_range(
        &form.get(least),
        &form.get(most),
        limit,
    ) {
        Ok(range) => Some(range),
        Err(problem) => {
            errors.add_message(least, tr.t(problem.message_key()));
            None
        }
    };
    let amount = range("montant_min", "montant_max", MAX_AMOUNT);
    let rate = range("taux_min", "taux_max", 100);
    let deadline = match form.get("echeance") {
        typed if typed.is_empty() => Some(None),
        typed => match Day::parse(&typed) {
            Some(day) => Some(Some(day.iso())),
            None => {
                errors.add_message("echeance", tr.t("error-date-invalid"));
                None
            }
        },
    };
    let recurrence = match form.get("recurrence") {
        typed if typed.is_empty() => Some(None),
        typed => match typed.parse::<Recurrence>() {
            Ok(r) => Some(Some(r)),
            Err(_) => {
                errors.add_message("recurrence", tr.t("error-resource-recurrence"));
                None
            }
        },
    };
    Some(Fields {
        kind: kind?,
        title: title?,
        summary: summary?,
        url: url?,
        themes: themes?,
        stages: stages?,
        audiences: audiences?,
        perimeter: perimeter?,
        source: source?,
        licence: licence?,
        funder: funder?,
        amount: amount?,
        rate: rate?,
        deadline: deadline?,
        recurrence: recurrence?,
    })
    .filter(|_| errors.is_empty())
}

/// The values chosen in a repeated field (or one comma-separated), each known; an unknown
/// one refused next to the field.
fn chosen<T: std::str::FromStr + PartialEq>(
    form: &Pairs,
    field: &'static str,
    errors: &mut FormErrors,
    tr: Tr,
    known: impl Fn(&T) -> bool,
) -> Option<Vec<T>> {
    let mut values = Vec::new();
    for typed in form.all(field).iter().flat_map(|v| v.split(',')) {
        let typed = typed.trim();
        if typed.is_empty() {
            continue;
        }
        match typed.parse::<T>() {
            Ok(value) if known(&value) => {
                if !values.contains(&value) {
                    values.push(value);
                }
            }
            _ => {
                errors.add_message(field, tr.t1("error-resource-choice", "value", typed));
                return None;
            }
        }
    }
    Some(values)
}

/// A resource's fields as its form posts them: to fill the form, keep a suggested edit and
/// compare it with the resource.
pub fn to_pairs(fields: &Fields) -> Pairs {
    let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    let mut pairs: Vec<(String, String)> = vec![
        ("type".into(), fields.kind.as_str().into()),
        ("titre".into(), fields.title.clone()),
        ("resume".into(), fields.summary.clone()),
        ("lien".into(), fields.url.clone().unwrap_or_default()),
    ];
    let mut repeat = |field: &str, values: Vec<String>| {
        pairs.extend(values.into_iter().map(|v| (field.to_owned(), v)));
    };
    repeat(
        "themes",
        fields.themes.iter().map(ToString::to_string).collect(),
    );
    repeat(
        "etapes",
        fields.stages.iter().map(ToString::to_string).collect(),
    );
    repeat(
        "publics",
        fields.audiences.iter().map(ToString::to_string).collect(),
    );
    repeat(
        "perimetre",
        fields.perimeter.iter().map(ToString::to_string).collect(),
    );
    pairs.extend([
        ("source".into(), fields.source.clone()),
        ("licence".into(), fields.licence.clone()),
        ("financeur".into(), fields.funder.clone()),
        ("montant_min".into(), number(fields.amount.least)),
        ("montant_max".into(), number(fields.amount.most)),
        ("taux_min".into(), number(fields.rate.least)),
        ("taux_max".into(), number(fields.rate.most)),
        (
            "echeance".into(),
            fields.deadline.clone().unwrap_or_default(),
        ),
        (
            "recurrence".into(),
            fields
                .recurrence
                .map(|r| r.as_str().to_owned())
                .unwrap_or_default(),
        ),
    ]);
    Pairs(pairs)
}
