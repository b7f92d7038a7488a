//! Importing solutions from a table: Concerto's own CSV (the open data's columns: what an
//! export holds re-imports unchanged, and a row naming an existing solution by `id` or
//! `id_externe` updates it) or the results of a Decidim Accountability export (linked to the
//! needs imported from its proposals). Every row is checked first; a dry run lists what each
//! row would do and why a row is refused; the import then stores every good row in one
//! transaction and names the refused ones.

use crate::features::needs::decidim::decidim_time;
use crate::features::needs::rules::{parse_point, validate_text};
use crate::features::needs::setting::Setting;
use crate::features::solutions::propose::link_message;
use crate::features::solutions::rules::{self as solution, Answer, Scope, Source};
use crate::features::solutions::service;
use crate::features::solutions::store::{self, Imported, NewSolution, Stage};
use crate::platform::db::Db;
use crate::platform::i18n::Tr;
use crate::platform::tables::{Table, TableError, cell, unquoted};

/// Which kind of file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Concerto's CSV (the open data's columns).
    Concerto,
    /// A Decidim Accountability results export.
    Decidim,
}

impl Format {
    /// The format named in a form (`decidim`, else Concerto's).
    pub fn named(name: &str) -> Format {
        if name == "decidim" {
            Format::Decidim
        } else {
            Format::Concerto
        }
    }

    /// Its name in forms.
    pub fn name(self) -> &'static str {
        match self {
            Format::Concerto => "concerto",
            Format::Decidim => "decidim",
        }
    }

    /// The column a file of this format must have.
    fn required(self) -> &'static [&'static str] {
        match self {
            Format::Concerto => &["titre"],
            Format::Decidim => &["title/fr", "title/en", "title"],
        }
    }
}

/// What a row will do once imported.
#[derive(Clone, Debug)]
pub enum Plan {
    /// Create this solution.
    Create(Box<NewSolution>),
    /// Change the solution with this id; its stage before the change.
    Update(i64, Box<Imported>, Option<i64>),
    /// Nothing: the solution already says what the row says.
    Unchanged(i64),
}

/// Every row of a file: its line and what it will do, or why it is refused.
pub struct Checked {
    /// `(line, plan)` of the good rows.
    pub plans: Vec<(usize, Plan)>,
    /// `(line, reason)` of the refused ones.
    pub refused: Vec<(usize, String)>,
}

impl Checked {
    /// How many rows create, update and leave a solution unchanged.
    pub fn counts(&self) -> (usize, usize, usize) {
        let count = |f: fn(&Plan) -> bool| self.plans.iter().filter(|(_, p)| f(p)).count();
        (
            count(|p| matches!(p, Plan::Create(_))),
            count(|p| matches!(p, Plan::Update(..))),
            count(|p| matches!(p, Plan::Unchanged(_))),
        )
    }
}

/// A row read from either format, before its checks.
#[derive(Default)]
struct Row {
    id: String,
    external_id: String,
    title: String,
    body: String,
    theme: String,
    scope: String,
    territory_code: String,
    lon: String,
    lat: String,
    organisation: String,
    stage: String,
    progress: String,
    answer: String,
    answer_reason: String,
    needs: Needs,
    clusters: String,
    created: String,
    /// Whether a theme the process does not have is left out rather than refused (another
    /// platform's categories seldom match the process's themes).
    lenient_theme: bool,
}

/// How a row names the needs it answers.
#[derive(Default)]
enum Needs {
    /// Concerto need ids.
    #[default]
    None,
    /// Need numbers or links, as typed.
    Ids(String),
    /// Decidim proposals' ids, which imported needs keep.
    Proposals(Vec<String>),
}

fn concerto_rows(table: &Table) -> Vec<(usize, Row)> {
    let column = |name: &str| table.optional_column(&[name]);
    let columns: Vec<Option<usize>> = crate::features::solutions::open_data::PUBLIC_COLUMNS
        .iter()
        .map(|c| match *c {
            // A capture file may name the commune rather than the territory code.
            "code_territoire" => column(c).or_else(|| column("commune")),
            _ => column(c),
        })
        .collect();
    let at = |name: &str| {
        let i = crate::features::solutions::open_data::PUBLIC_COLUMNS
            .iter()
            .position(|c| *c == name)
            .expect("a public column");
        columns[i]
    };
    table
        .rows
        .iter()
        .map(|(line, r)| {
            let get = |name: &str| unquoted(cell(r, at(name))).to_owned();
            (
                *line,
                Row {
                    id: get("id"),
                    external_id: get("id_externe"),
                    title: get("titre"),
                    body: get("description"),
                    theme: get("thematique"),
                    scope: get("portee"),
                    territory_code: get("code_territoire"),
                    lon: get("longitude"),
                    lat: get("latitude"),
                    organisation: get("organisation"),
                    stage: get("etape"),
                    progress: get("avancement"),
                    answer: get("reponse"),
                    answer_reason: get("motif_reponse"),
                    needs: Needs::Ids(get("besoins")),
                    clusters: get("groupes"),
                    created: String::new(),
                    lenient_theme: false,
                },
            )
        })
        .collect()
}

/// Decidim's ids of the proposals a result links to, from their addresses
/// (`…/proposals/123`).
pub fn proposal_ids(urls: &str) -> Vec<String> {
    urls.split([',', ' '])
        .filter_map(|url| url.trim().split("/proposals/").nth(1))
        .map(|tail| {
            tail.chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
        })
        .filter(|id| !id.is_empty())
        .collect()
}

fn decidim_rows(table: &Table) -> Vec<(usize, Row)> {
    let first = |names: &[&str]| table.optional_column(names);
    let [
        id,
        title,
        body,
        category,
        status_key,
        status_name,
        progress,
        created,
        urls,
        lat,
        lon,
    ] = [
        first(&["id"]),
        first(&["title/fr", "title/en", "title"]),
        first(&["description/fr", "description/en", "description"]),
        first(&["category/name/fr", "category/name/en"]),
        first(&["status/key"]),
        first(&["status/name/fr", "status/name/en"]),
        first(&["progress"]),
        first(&["created_at"]),
        first(&["proposal_urls"]),
        first(&["latitude"]),
        first(&["longitude"]),
    ];
    table
        .rows
        .iter()
        .map(|(line, r)| {
            let get = |column| cell(r, column).to_owned();
            let key = get(status_key);
            let progress = get(progress);
            // Decidim writes progress as a decimal (« 42.5 »): rounded to a whole percentage.
            let progress = progress
                .parse::<f64>()
                .map_or(progress, |p| (p.round() as i64).to_string());
            (
                *line,
                Row {
                    external_id: format!("decidim-{}", get(id)),
                    title: get(title),
                    body: solution::html_to_text(&get(body)),
                    theme: get(category),
                    stage: if key.is_empty() {
                        get(status_name)
                    } else {
                        key
                    },
                    progress,
                    needs: Needs::Proposals(proposal_ids(&get(urls))),
                    lat: get(lat),
                    lon: get(lon),
                    created: get(created),
                    lenient_theme: true,
                    ..Row::default()
                },
            )
        })
        .collect()
}

/// What an import checks rows against: the process, its stages, who imports.
pub struct Target<'a> {
    /// The process's setting (themes, communes, EPCI).
    pub setting: &'a Setting,
    /// Its stages.
    pub stages: &'a [Stage],
    /// The manager importing, or the facilitator typing in an event's solutions.
    pub manager_id: i64,
    /// The workshop or event whose solutions these are (a facilitator's capture file).
    pub event_id: Option<i64>,
    /// Now, for rows without a date.
    pub now: i64,
}

/// Reads a file and checks every row.
pub async fn check(
    db: &Db,
    target: &Target<'_>,
    format: Format,
    bytes: &[u8],
    tr: Tr,
) -> Result<Result<Checked, TableError>, sqlx::Error> {
    let table = match Table::read_with(bytes, format.required()) {
        Ok((table, _)) => table,
        Err(problem) => return Ok(Err(problem)),
    };
    let rows = match format {
        Format::Concerto => concerto_rows(&table),
        Format::Decidim => decidim_rows(&table),
    };
    let mut checked = Checked {
        plans: Vec::new(),
        refused: Vec::new(),
    };
    for (line, row) in rows {
        match plan(db, target, row, tr).await? {
            Ok(plan) => checked.plans.push((line, plan)),
            Err(reason) => checked.refused.push((line, reason)),
        }
    }
    Ok(Ok(checked))
}

/// A refusal naming its field.
fn refused(tr: Tr, field: &str, message: String) -> String {
    format!("{} : {message}", tr.t(field))
}

/// What one row will do, or why it is refused.
async fn plan(
    db: &Db,
    target: &Target<'_>,
    row: Row,
    tr: Tr,
) -> Result<Result<Plan, String>, sqlx::Error> {
    let process_id = target.setting.process.id;
    let field = |key: &str, error: crate::platform::web::forms::FieldError| {
        refused(tr, key, tr.t(error.message_key()))
    };
    let title = match solution::validate_line(&row.title, solution::MAX_TITLE_CHARS, true) {
        Ok(title) => title,
        Err(e) => return Ok(Err(field("field-solution-title", e))),
    };
    let body = match validate_text(&row.body, solution::MAX_BODY_CHARS, false) {
        Ok(body) => body,
        Err(e) => return Ok(Err(field("field-solution-body", e))),
    };
    let folded = textkit::normalize::fold(&row.theme);
    let theme_id = match row.theme.as_str() {
        "" => None,
        _ => match target
            .setting
            .themes
            .iter()
            .find(|t| textkit::normalize::fold(&t.name) == folded)
        {
            Some(theme) => Some(theme.id),
            None if row.lenient_theme => None,
            None => {
                let message = tr.t1("import-theme-unknown", "theme", &row.theme);
                return Ok(Err(refused(tr, "field-theme", message)));
            }
        },
    };
    let stage = match row.stage.as_str() {
        "" => None,
        wanted => {
            let folded = textkit::normalize::fold(wanted);
            match target
                .stages
                .iter()
                .find(|s| s.key == wanted || textkit::normalize::fold(&s.label) == folded)
            {
                Some(stage) => Some(stage),
                None => {
                    let message = tr.t1("import-stage-unknown", "stage", wanted);
                    return Ok(Err(refused(tr, "field-stage", message)));
                }
            }
        }
    };
    let progress = match (row.progress.as_str(), stage) {
        ("", Some(stage)) => stage.progress.unwrap_or(0),
        ("", None) => 0,
        (typed, _) => match solution::parse_progress(typed) {
            Ok(progress) => progress,
            Err(e) => return Ok(Err(field("field-progress", e))),
        },
    };
    let answer = match row.answer.as_str() {
        "" => None,
        typed => match typed.parse::<Answer>() {
            Ok(answer) => Some(answer),
            Err(_) => {
                return Ok(Err(refused(
                    tr,
                    "field-answer",
                    tr.t("error-answer-unknown"),
                )));
            }
        },
    };
    let answer_reason = match validate_text(
        &row.answer_reason,
        solution::MAX_NOTE_CHARS,
        answer.is_some(),
    ) {
        Ok(reason) => reason,
        Err(e) => return Ok(Err(field("field-answer-reason", e))),
    };
    let organisation =
        match solution::validate_line(&row.organisation, solution::MAX_ORGANISATION_CHARS, false) {
            Ok(organisation) => organisation,
            Err(e) => return Ok(Err(field("field-organisation", e))),
        };
    let point = parse_point(&row.lat, &row.lon);
    let place = target
        .setting
        .communes
        .iter()
        .chain(&target.setting.epcis)
        .find(|t| t.code == row.territory_code);
    let scope = match row.scope.parse::<Scope>() {
        Ok(scope) => scope,
        Err(_) if point.is_some() => Scope::Point,
        Err(_) if place.is_some_and(|p| p.level == "epci") => Scope::Epci,
        Err(_) if place.is_some() => Scope::Commune,
        Err(_) => Scope::Territory,
    };
    let territory_id = match (scope, place) {
        (Scope::Territory, _) => None,
        (_, Some(place)) => Some(place.id),
        (_, None) if row.territory_code.is_empty() && scope == Scope::Point => None,
        (_, None) => {
            let message = tr.t1("import-commune-unknown", "commune", &row.territory_code);
            return Ok(Err(refused(tr, "field-place", message)));
        }
    };
    let mut needs: Vec<i64> = match &row.needs {
        Needs::None => Vec::new(),
        Needs::Ids(typed) => match solution::need_references(typed) {
            Ok(ids) => ids,
            Err(piece) => {
                let message = tr.t1("error-need-reference", "piece", piece);
                return Ok(Err(refused(tr, "field-solution-needs", message)));
            }
        },
        Needs::Proposals(proposals) => {
            let found = store::needs_by_external_ids(db, process_id, proposals).await?;
            found.into_iter().map(|(_, id)| id).collect()
        }
    };
    if let Needs::Proposals(proposals) = &row.needs
        && needs.is_empty()
    {
        let message = tr.t1("import-proposals-unknown", "ids", proposals.join(", "));
        return Ok(Err(refused(tr, "field-solution-needs", message)));
    }
    let mut clusters: Vec<i64> = row
        .clusters
        .split([',', ';', ' '])
        .filter_map(|c| c.trim().parse().ok())
        .collect();
    needs.sort_unstable();
    needs.dedup();
    clusters.sort_unstable();
    clusters.dedup();
    if needs.len() + clusters.len() > solution::MAX_LINKS {
        let message = tr.t1("error-links-too-many", "n", solution::MAX_LINKS);
        return Ok(Err(refused(tr, "field-solution-needs", message)));
    }
    if let Err(error) = service::check_links(db, process_id, &needs, &clusters).await? {
        let message = link_message(&error, tr);
        return Ok(Err(refused(tr, "field-solution-needs", message)));
    }
    let external_id = (!row.external_id.is_empty()).then(|| row.external_id.clone());
    let existing = match (row.id.parse::<i64>(), &external_id) {
        (Ok(id), _) => match store::by_id(db, id).await? {
            Some(found) if found.process_id == process_id => Some(found),
            _ => {
                let message = tr.t1("import-solution-unknown", "id", &row.id);
                return Ok(Err(refused(tr, "import-id", message)));
            }
        },
        (Err(_), Some(external)) => match store::by_external_id(db, process_id, external).await? {
            Some(id) => store::by_id(db, id).await?,
            None => None,
        },
        (Err(_), None) => None,
    };
    let imported = Imported {
        title,
        body,
        theme_id,
        scope,
        territory_id,
        point: if scope == Scope::Point { point } else { None },
        organisation,
        stage_id: stage.map(|s| s.id),
        progress,
        answer,
        answer_reason,
        external_id,
        needs,
        clusters,
    };
    if let Some(current) = existing {
        let id = current.id;
        let current = store::as_imported(db, current).await?;
        return Ok(Ok(if current == imported {
            Plan::Unchanged(id)
        } else {
            Plan::Update(id, Box::new(imported), current.stage_id)
        }));
    }
    let created_at = match row.created.as_str() {
        "" => target.now,
        text => match decidim_time(text) {
            Some(at) => at,
            None => {
                let message = tr.t1("decidim-bad-date", "date", text);
                return Ok(Err(refused(tr, "import-date", message)));
            }
        },
    };
    let terms = textkit::search_terms(&format!("{} {}", imported.title, imported.body));
    Ok(Ok(Plan::Create(Box::new(NewSolution {
        process_id,
        title: imported.title,
        body: imported.body,
        theme_id: imported.theme_id,
        scope: imported.scope,
        territory_id: imported.territory_id,
        point: imported.point,
        organisation: imported.organisation,
        stage_id: imported.stage_id,
        progress: imported.progress,
        source: if target.event_id.is_some() {
            Source::Event
        } else {
            Source::Import
        },
        event_id: target.event_id,
        author_id: None,
        entered_by: Some(target.manager_id),
        external_id: imported.external_id,
        answer: imported.answer.map(|a| (a, imported.answer_reason)),
        carriers: Vec::new(),
        needs: imported.needs,
        clusters: imported.clusters,
        terms,
        created_at,
    }))))
}

/// Stores what the checked rows say: new solutions (told to their needs' followers), then
/// changes to existing ones (a new stage told too), each set in one transaction. Returns the
/// ids created.
pub async fn apply(
    db: &Db,
    checked: &Checked,
    stages: &[Stage],
    actor: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let mut created = Vec::new();
    let mut updated = Vec::new();
    let mut previous = Vec::new();
    for (_, plan) in &checked.plans {
        match plan {
            Plan::Create(solution) => created.push((**solution).clone()),
            Plan::Update(id, changes, before) => {
                updated.push((*id, (**changes).clone()));
                previous.push(*before);
            }
            Plan::Unchanged(_) => {}
        }
    }
    let ids = service::propose_many(db, &created).await?;
    store::update_many(db, &updated).await?;
    for ((id, changes), before) in updated.iter().zip(previous) {
        if changes.stage_id != before
            && let Some(stage) = stages.iter().find(|s| Some(s.id) == changes.stage_id)
        {
            service::tell_of_stage(db, *id, &stage.label, actor).await?;
        }
    }
    Ok(ids)
}
