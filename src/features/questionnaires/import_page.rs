//! The team's import of answers: choose a CSV file with the answers export's columns, read
//! what every row would do (dry run), then import the good rows as submitted responses, in
//! one transaction.

use std::collections::HashSet;

use askama::Template;
use axum::Form;
use axum::extract::{Multipart, Path, State};
use axum::response::Response;

use crate::features::processes::store::Process;
use crate::features::questionnaires::import::{self, Checked};
use crate::features::questionnaires::rules::Source;
use crate::features::questionnaires::service::{self, Loaded};
use crate::features::questionnaires::store::{self, Questionnaire, Respondent};
use crate::platform::audit;
use crate::platform::error::{AppError, AppResult};
use crate::platform::web::dry_run::{DryRun, Outcome};
use crate::platform::web::forms::{FormErrors, Pairs};
use crate::platform::web::page::{PageCtx, render, render_form};
use crate::platform::web::uploads::Upload;
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "questionnaires/templates/import.html")]
struct ImportPage {
    page: PageCtx,
    process: Process,
    questionnaire: Questionnaire,
    errors: FormErrors,
    /// What the file does or did, row by row.
    report: DryRun,
}

impl ImportPage {
    fn new(state: &AppState, visitor: &Visitor, loaded: Loaded) -> ImportPage {
        ImportPage {
            page: PageCtx::new(state, visitor),
            process: loaded.process,
            questionnaire: loaded.questionnaire,
            errors: FormErrors::default(),
            report: DryRun::default(),
        }
    }

    /// The page reporting on a checked file.
    fn with_report(mut self, checked: &Checked, visitor: &Visitor) -> ImportPage {
        let tr = visitor.tr();
        let good = checked
            .good
            .iter()
            .map(|(line, rows)| {
                let answered: HashSet<i64> = rows.iter().map(|r| r.question_id).collect();
                (
                    *line,
                    Outcome::Create(tr.t_count("questionnaire-import-response", answered.len())),
                )
            })
            .collect();
        let manage = format!("/gestion/questionnaires/{}", self.questionnaire.id);
        self.report = DryRun::of(good, &checked.refused, tr).around(
            format!("{manage}/import/confirmation"),
            Vec::new(),
            (
                format!("/questionnaires/{}/resultats", self.questionnaire.id),
                tr.t("questionnaire-results"),
            ),
        );
        self
    }
}

/// `GET /gestion/questionnaires/{id}/import`: the upload form. The team.
pub async fn form(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let loaded = service::load_run(&state, &visitor, id).await?;
    render(&ImportPage::new(&state, &visitor, loaded))
}

/// Checks a file's rows against the questionnaire as it is now.
async fn checked(
    state: &AppState,
    visitor: &Visitor,
    loaded: &Loaded,
    bytes: &[u8],
) -> AppResult<Result<Checked, String>> {
    let sections = store::structure(&state.db, loaded.questionnaire.id).await?;
    let places = service::places(state, loaded, &sections).await?;
    let tr = visitor.tr();
    Ok(import::check(bytes, &sections, &places, tr).map_err(|problem| problem.message(tr)))
}

/// `POST /gestion/questionnaires/{id}/import`: reads the file and shows what each row would
/// do, nothing stored yet. The team.
pub async fn dry_run(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    multipart: Multipart,
) -> AppResult<Response> {
    let loaded = service::load_run(&state, &visitor, id).await?;
    let upload = Upload::read(multipart).await?;
    let bytes = upload.file("file");
    let result = checked(&state, &visitor, &loaded, bytes).await?;
    let mut page = ImportPage::new(&state, &visitor, loaded);
    match result {
        Ok(checked) => {
            page = page.with_report(&checked, &visitor);
            page.report.content = Some(String::from_utf8_lossy(bytes).into_owned());
            render(&page)
        }
        Err(message) => {
            page.errors.add_message("file", message);
            render_form(&page, false)
        }
    }
}

/// `POST /gestion/questionnaires/{id}/import/confirmation`: checks the rows again and stores
/// every good one as a submitted response (source « import »), all in one transaction; the
/// report names the refused ones. The team.
pub async fn confirm(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let account = visitor.require_account()?.id;
    let loaded = service::load_run(&state, &visitor, id).await?;
    let content = Pairs(fields)
        .all("content")
        .into_iter()
        .next()
        .unwrap_or_default();
    let checked = checked(&state, &visitor, &loaded, content.as_bytes())
        .await?
        .map_err(|_| AppError::BadRequest)?;
    let sections = store::structure(&state.db, id).await?;
    let responses: Vec<(Respondent, Vec<_>)> = checked
        .good
        .iter()
        .map(|(_, rows)| {
            let respondent = Respondent {
                account_id: None,
                resume_hash: None,
                source: Source::Import,
                event_id: None,
                entered_by: Some(account),
            };
            (respondent, rows.clone())
        })
        .collect();
    if !responses.is_empty() {
        store::submit_many(&state.db, id, &responses, sections.len() as i64).await?;
    }
    audit::record(
        &state.db,
        Some(account),
        "questionnaire.import",
        &format!("questionnaire:{id}"),
        &format!(
            "{} kept, {} refused",
            responses.len(),
            checked.refused.len()
        ),
    )
    .await?;
    let mut page = ImportPage::new(&state, &visitor, loaded).with_report(&checked, &visitor);
    page.report.done = true;
    render(&page)
}
