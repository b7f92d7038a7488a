//! Importing the proposals of a Decidim export (its own `;`-separated CSV) into a process as
//! needs: the manager first confirms how Decidim's categories map to the process's themes,
//! then every proposal is kept with its date, support count and Decidim id (which results
//! imported later link to), or named with the reason it was refused.

use askama::Template;
use axum::Form;
use axum::extract::{Multipart, Path, State};
use axum::response::Response;

use crate::features::needs;
use crate::features::needs::rules as need;
use crate::features::needs::service::{Contribution, Origin};
use crate::features::processes;
use crate::features::processes::manage::editable;
use crate::features::processes::store::Process;
use crate::features::processes::store::Theme;
use crate::platform::audit;
use crate::platform::clock::now_ms;
use crate::platform::error::{AppError, AppResult};
use crate::platform::i18n::Tr;
use crate::platform::tables::{RowReport, Table, cell};
use crate::platform::web::forms::Choice;
use crate::platform::web::forms::FormErrors;
use crate::platform::web::page::{PageCtx, render, render_form};
use crate::platform::web::uploads::Upload;
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// Decidim's column names for what a need takes.
const TITLE: [&str; 2] = ["title", "title/fr"];
const BODY: [&str; 2] = ["body", "body/fr"];
const CATEGORY: [&str; 2] = ["category/name/fr", "category/name/en"];
const VOTES: [&str; 2] = ["votes", "endorsements/total_count"];
const CREATED: [&str; 1] = ["created_at"];
const ID: [&str; 1] = ["id"];

/// One category of the file and the theme it maps to.
struct CategoryChoice {
    index: usize,
    name: String,
    count: usize,
    options: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "needs/templates/decidim.html")]
struct DecidimPage {
    page: PageCtx,
    process: Process,
    errors: FormErrors,
    content: Option<String>,
    rows: usize,
    categories: Vec<CategoryChoice>,
    report: Option<RowReport>,
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
    multipart: Multipart,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    let tr = visitor.tr();
    let upload = Upload::read(multipart).await?;
    let bytes = upload.file("file");
    let table = match Table::read_with(bytes, &TITLE) {
        Ok((table, _)) => table,
        Err(problem) => {
            let mut errors = FormErrors::default();
            errors.add_message("file", problem.message(tr));
            let page = page(&state, &visitor, process, errors);
            return render_form(&page, false);
        }
    };
    let themes = processes::store::themes(&state.db, process.id).await?;
    let choices = categories(&table)
        .into_iter()
        .enumerate()
        .map(|(index, (name, count))| {
            let suggested =
                suggested_theme(&name, &themes).map_or(String::new(), |id| id.to_string());
            let none = (String::new(), tr.t("decidim-no-theme"));
            let themes = themes.iter().map(|t| (t.id.to_string(), t.name.clone()));
            let options = Choice::list(std::iter::once(none).chain(themes), &suggested);
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
    page.content = Some(String::from_utf8_lossy(bytes).into_owned());
    render(&page)
}

/// Reads Decidim's `2019-01-24 22:29:15 +0100` as milliseconds since the epoch.
pub fn decidim_time(text: &str) -> Option<i64> {
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
        table.optional_column(&ID),
    ];
    let mut report = RowReport::default();
    let mut kept = Vec::new();
    for (line, row) in &table.rows {
        let [title, body, category, votes, created, id] = columns.map(|c| cell(row, c));
        let theme_id = mapping
            .iter()
            .find(|(name, _)| name == category)
            .and_then(|(_, theme)| *theme);
        match proposal(tr, account.id, [title, body, votes, created]) {
            Ok((need, shortened)) => {
                report.shortened += usize::from(shortened);
                let external_id = (!id.is_empty()).then(|| id.to_owned());
                kept.push(Contribution {
                    theme_id,
                    external_id,
                    ..need
                });
            }
            Err(reason) => report.refused.push((*line, reason)),
        }
    }
    needs::service::import_many(&state.db, process.id, &kept).await?;
    report.kept = kept.len();
    audit::record(
        &state.db,
        Some(account.id),
        "needs.import.decidim",
        &format!("process:{slug}"),
        &format!("{} kept, {} refused", report.kept, report.refused.len()),
    )
    .await?;
    let mut page = page(&state, &visitor, process, FormErrors::default());
    page.report = Some(report);
    render(&page)
}

/// Turns one Decidim proposal (its title, body, votes and creation date) into a need, and
/// says whether its title had to be shortened; or says why it is refused.
fn proposal(
    tr: Tr,
    manager_id: i64,
    [title, body, votes, created]: [&str; 4],
) -> Result<(Contribution, bool), String> {
    let mut title = title.trim().to_owned();
    let mut body = body.trim().to_owned();
    let shortened = title.chars().count() > need::MAX_TITLE_CHARS;
    if shortened {
        // A long Decidim title is kept whole at the top of the description.
        body = format!("{title}\n\n{body}");
        let kept: String = title.chars().take(need::MAX_TITLE_CHARS - 1).collect();
        title = format!("{kept}…");
    }
    let (title, body) = needs::service::row_text(tr, &title, &body, need::MAX_BODY_CHARS * 4)?;
    let supports =
        need::imported_supports(votes).map_err(|_| tr.t1("decidim-bad-votes", "votes", votes))?;
    let created_at = match created.trim() {
        "" => now_ms(),
        text => decidim_time(text).ok_or_else(|| tr.t1("decidim-bad-date", "date", created))?,
    };
    let origin = Origin::Import {
        manager_id,
        supports,
    };
    Ok((
        Contribution::new(&title, &body, origin, created_at),
        shortened,
    ))
}
