//! Importing the proposals of a Decidim export (its own `;`-separated CSV) into a process as
//! needs: the manager first confirms how Decidim's categories map to the process's themes,
//! then every proposal is kept with its date and support count, or named with the reason it
//! was refused.

use askama::Template;
use axum::Form;
use axum::extract::{Multipart, Path, State};
use axum::response::Response;

use crate::features::needs;
use crate::features::needs::rules::{self as need, Source};
use crate::features::needs::store::NewNeed;
use crate::features::processes;
use crate::features::processes::manage::editable;
use crate::features::processes::store::Process;
use crate::features::processes::store::Theme;
use crate::platform::audit;
use crate::platform::error::{AppError, AppResult};
use crate::platform::i18n::Tr;
use crate::platform::tables::{Table, TableError, cell};
use crate::platform::web::forms::FormErrors;
use crate::platform::web::page::{PageCtx, render, render_form};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// Decidim's column names for what a need takes.
const TITLE: [&str; 2] = ["title", "title/fr"];
const BODY: [&str; 2] = ["body", "body/fr"];
const CATEGORY: [&str; 2] = ["category/name/fr", "category/name/en"];
const VOTES: [&str; 2] = ["votes", "endorsements/total_count"];
const CREATED: [&str; 1] = ["created_at"];

/// One category of the file and the theme it maps to.
struct CategoryChoice {
    index: usize,
    name: String,
    count: usize,
    options: Vec<(String, String, bool)>,
}

#[derive(Template)]
#[template(path = "manage/decidim.html")]
struct DecidimPage {
    page: PageCtx,
    process: Process,
    errors: FormErrors,
    content: Option<String>,
    rows: usize,
    categories: Vec<CategoryChoice>,
    report: Option<ImportSummary>,
}

/// What an import kept, shortened and refused.
struct ImportSummary {
    kept: usize,
    shortened: usize,
    refused: Vec<(usize, String)>,
}

fn page(state: &AppState, visitor: &Visitor, process: Process, errors: FormErrors) -> DecidimPage {
    DecidimPage {
        page: PageCtx::new(state, visitor),
        process,
        errors,
        content: None,
        rows: 0,
        categories: Vec::new(),
        report: None,
    }
}

/// `GET /gestion/demarches/{slug}/import-decidim`: the upload form.
pub async fn form(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    render(&page(&state, &visitor, process, FormErrors::default()))
}

fn table_error(tr: Tr, problem: TableError) -> String {
    match problem {
        TableError::NotUtf8 => tr.t("import-not-utf8"),
        TableError::Empty => tr.t("import-file-required"),
        TableError::MissingColumn(name) => tr.t1("import-missing-column", "column", name),
        TableError::Malformed(line) => tr.t1("import-malformed", "line", line),
    }
}

/// The file's distinct categories, in order of appearance, with their counts.
fn categories(table: &Table) -> Vec<(String, usize)> {
    let column = table.optional_column(&CATEGORY);
    let mut found: Vec<(String, usize)> = Vec::new();
    for (_, row) in &table.rows {
        let name = cell(row, column);
        if name.is_empty() {
            continue;
        }
        match found.iter_mut().find(|(n, _)| n == name) {
            Some((_, count)) => *count += 1,
            None => found.push((name.to_owned(), 1)),
        }
    }
    found
}

/// The theme a category most likely maps to: the one sharing the most search terms.
fn suggested_theme(category: &str, themes: &[Theme]) -> Option<i64> {
    let terms = textkit::search_terms(category);
    themes
        .iter()
        .map(|t| {
            (
                textkit::search_terms(&format!("{} {}", t.name, t.keywords))
                    .iter()
                    .filter(|w| terms.contains(w))
                    .count(),
                t.id,
            )
        })
        .filter(|(shared, _)| *shared > 0)
        .max_by_key(|(shared, id)| (*shared, -id))
        .map(|(_, id)| id)
}

/// `POST /gestion/demarches/{slug}/import-decidim`: reads the file and asks how its
/// categories map to the process's themes.
pub async fn upload(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    mut multipart: Multipart,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    let tr = visitor.tr();
    let mut bytes = Vec::new();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::Internal("multipart".into()))?
    {
        if field.name() == Some("file") {
            bytes = field
                .bytes()
                .await
                .map_err(|_| AppError::Internal("upload".into()))?
                .to_vec();
        }
    }
    let table = Table::read(&bytes).and_then(|t| t.column(&TITLE).map(|_| t));
    let table = match table {
        Ok(table) => table,
        Err(problem) => {
            let mut errors = FormErrors::default();
            errors.add_message("file", table_error(tr, problem));
            let page = page(&state, &visitor, process, errors);
            return render_form(&page, false);
        }
    };
    let themes = processes::store::themes(&state.db, process.id).await?;
    let choices = categories(&table)
        .into_iter()
        .enumerate()
        .map(|(index, (name, count))| {
            let suggested = suggested_theme(&name, &themes);
            let mut options = vec![(String::new(), tr.t("decidim-no-theme"), suggested.is_none())];
            options.extend(
                themes
                    .iter()
                    .map(|t| (t.id.to_string(), t.name.clone(), Some(t.id) == suggested)),
            );
            CategoryChoice {
                index,
                name,
                count,
                options,
            }
        })
        .collect();
    let mut page = page(&state, &visitor, process, FormErrors::default());
    page.rows = table.rows.len();
    page.categories = choices;
    page.content = Some(String::from_utf8_lossy(&bytes).into_owned());
    render(&page)
}

/// Reads Decidim's `2019-01-24 22:29:15 +0100` as milliseconds since the epoch.
fn decidim_time(text: &str) -> Option<i64> {
    let format = time::macros::format_description!(
        "[year]-[month]-[day] [hour]:[minute]:[second] [offset_hour sign:mandatory][offset_minute]"
    );
    let at = time::OffsetDateTime::parse(text.trim(), &format).ok()?;
    i64::try_from(at.unix_timestamp_nanos() / 1_000_000).ok()
}

/// `POST /gestion/demarches/{slug}/import-decidim/confirmation`: imports with the mapping.
pub async fn confirm(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    let account = visitor.require_account()?.clone();
    let tr = visitor.tr();
    let get = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    };
    let table = Table::read(get("content").as_bytes())
        .and_then(|t| t.column(&TITLE).map(|_| t))
        .map_err(|_| AppError::NotFound)?;
    let themes = processes::store::themes(&state.db, process.id).await?;
    let mapping: Vec<(String, Option<i64>)> = categories(&table)
        .into_iter()
        .enumerate()
        .map(|(index, (name, _))| {
            let theme = get(&format!("map_{index}"))
                .parse::<i64>()
                .ok()
                .filter(|id| themes.iter().any(|t| t.id == *id));
            (name, theme)
        })
        .collect();
    let columns = [
        table.optional_column(&TITLE),
        table.optional_column(&BODY),
        table.optional_column(&CATEGORY),
        table.optional_column(&VOTES),
        table.optional_column(&CREATED),
    ];
    let (mut kept, mut shortened, mut refused) = (0, 0, Vec::new());
    for (line, row) in &table.rows {
        let [title, body, category, votes, created] = columns.map(|c| cell(row, c));
        let mut title_text = title.trim().to_owned();
        let mut body_text = body.trim().to_owned();
        if title_text.chars().count() > need::MAX_TITLE_CHARS {
            // A long Decidim title is kept whole at the top of the description.
            body_text = format!("{title_text}\n\n{body_text}");
            title_text = format!(
                "{}…",
                title_text
                    .chars()
                    .take(need::MAX_TITLE_CHARS - 1)
                    .collect::<String>()
            );
            shortened += 1;
        }
        let checked = need::validate_title(&title_text)
            .map_err(|e| format!("{} : {}", tr.t("field-need-title"), tr.t(e.message_key())))
            .and_then(|t| {
                need::validate_text(&body_text, need::MAX_BODY_CHARS * 4, false)
                    .map(|b| (t, b))
                    .map_err(|e| format!("{} : {}", tr.t("field-need-body"), tr.t(e.message_key())))
            })
            .and_then(|(t, b)| {
                need::imported_supports(votes)
                    .map(|supports| (t, b, supports))
                    .map_err(|_| tr.t1("decidim-bad-votes", "votes", votes))
            });
        let created_at = decidim_time(created);
        match (
            checked,
            created_at.or(if created.is_empty() {
                Some(crate::platform::clock::now_ms())
            } else {
                None
            }),
        ) {
            (Ok((title, body, supports)), Some(created_at)) => {
                let theme_id = mapping
                    .iter()
                    .find(|(name, _)| name == category)
                    .and_then(|(_, t)| *t);
                let terms = textkit::search_terms(&format!("{title} {body}"));
                needs::store::create(
                    &state.db,
                    &NewNeed {
                        process_id: process.id,
                        title: &title,
                        body: &body,
                        theme_id,
                        territory_id: None,
                        point: None,
                        source: Source::Import,
                        author_id: None,
                        entered_by: Some(account.id),
                        workshop_id: None,
                        imported_supports: supports,
                        terms: &terms,
                        created_at,
                    },
                )
                .await?;
                kept += 1;
            }
            (Err(reason), _) => refused.push((*line, reason)),
            (Ok(_), None) => refused.push((*line, tr.t1("decidim-bad-date", "date", created))),
        }
    }
    audit::record(
        &state.db,
        Some(account.id),
        "needs.import.decidim",
        &format!("process:{slug}"),
        &format!("{kept} kept, {} refused", refused.len()),
    )
    .await?;
    let mut page = page(&state, &visitor, process, FormErrors::default());
    page.report = Some(ImportSummary {
        kept,
        shortened,
        refused,
    });
    render(&page)
}
