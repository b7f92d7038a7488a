//! The team's import page: choose a CSV file, read what every row would do (dry run), then
//! import.

use askama::Template;
use axum::Form;
use axum::extract::{Multipart, Path, State};
use axum::response::Response;

use crate::features::processes::store::Process;
use crate::features::resources::import::{self, Checked, Plan};
use crate::features::resources::manage::run_by;
use crate::features::resources::store::{self, NewResource};
use crate::platform::audit;
use crate::platform::error::{AppError, AppResult};
use crate::platform::web::dry_run::{DryRun, Outcome};
use crate::platform::web::forms::{FormErrors, Pairs};
use crate::platform::web::page::{PageCtx, render, render_form};
use crate::platform::web::uploads::Upload;
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "resources/templates/import.html")]
struct ImportPage {
    page: PageCtx,
    process: Process,
    errors: FormErrors,
    /// What the file does or did, row by row.
    report: DryRun,
}

impl ImportPage {
    fn new(state: &AppState, visitor: &Visitor, process: Process) -> ImportPage {
        ImportPage {
            page: PageCtx::new(state, visitor),
            process,
            errors: FormErrors::default(),
            report: DryRun::default(),
        }
    }

    /// The page reporting on a checked file.
    fn with_report(mut self, checked: &Checked, visitor: &Visitor) -> ImportPage {
        let good = checked
            .plans
            .iter()
            .map(|(line, plan, title)| {
                let outcome = match plan {
                    Plan::Create(..) => Outcome::Create(title.clone()),
                    Plan::Update(id, _) => {
                        Outcome::Update(title.clone(), format!("/ressources/{id}"))
                    }
                    Plan::Unchanged(id) => Outcome::Unchanged(format!("/ressources/{id}")),
                };
                (*line, outcome)
            })
            .collect();
        let tr = visitor.tr();
        let manage = format!("/gestion/demarches/{}/ressources", self.process.slug);
        self.report = DryRun::of(good, &checked.refused, tr).around(
            format!("{manage}/import/confirmation"),
            Vec::new(),
            (manage, tr.t("resources-manage")),
        );
        self
    }
}

/// `GET /gestion/demarches/{slug}/ressources/import`: the upload form. The team.
pub async fn form(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let process = run_by(&state, &visitor, &slug).await?;
    render(&ImportPage::new(&state, &visitor, process))
}

/// Checks a file's rows against the process as it is now.
async fn checked(
    state: &AppState,
    visitor: &Visitor,
    process: &Process,
    bytes: &[u8],
) -> AppResult<Result<Checked, String>> {
    let settings = state.processes.settings(&state.db, process).await?;
    let existing = store::all(&state.db, process.id).await?;
    let tr = visitor.tr();
    Ok(import::check(bytes, &existing, &settings, tr).map_err(|problem| problem.message(tr)))
}

/// `POST /gestion/demarches/{slug}/ressources/import`: reads the file and shows what each row
/// would do, nothing stored yet. The team.
pub async fn dry_run(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    multipart: Multipart,
) -> AppResult<Response> {
    let process = run_by(&state, &visitor, &slug).await?;
    let upload = Upload::read(multipart).await?;
    let bytes = upload.file("file");
    let mut page = ImportPage::new(&state, &visitor, process.clone());
    match checked(&state, &visitor, &process, bytes).await? {
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

/// `POST /gestion/demarches/{slug}/ressources/import/confirmation`: checks the rows again and
/// stores every good one in one transaction; the report names the refused ones. The team.
pub async fn confirm(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let process = run_by(&state, &visitor, &slug).await?;
    let account = visitor.require_account()?.id;
    let content = Pairs(fields)
        .all("content")
        .into_iter()
        .next()
        .unwrap_or_default();
    let checked = checked(&state, &visitor, &process, content.as_bytes())
        .await?
        .map_err(|_| AppError::BadRequest)?;
    let mut creates = Vec::new();
    let mut updates = Vec::new();
    for (_, plan, _) in &checked.plans {
        match plan {
            Plan::Create(fields, status) => creates.push(NewResource {
                fields: (**fields).clone(),
                media_id: None,
                status: *status,
                created_by: Some(account),
            }),
            Plan::Update(id, fields) => updates.push((*id, (**fields).clone(), None)),
            Plan::Unchanged(_) => {}
        }
    }
    if !creates.is_empty() || !updates.is_empty() {
        store::write(&state.db, process.id, &creates, &updates).await?;
    }
    let (created, updated, unchanged) = checked.counts();
    audit::record(
        &state.db,
        Some(account),
        "resources.import",
        &format!("process:{slug}"),
        &format!(
            "{created} created, {updated} updated, {unchanged} unchanged, {} refused",
            checked.refused.len()
        ),
    )
    .await?;
    let mut page = ImportPage::new(&state, &visitor, process).with_report(&checked, &visitor);
    page.report.done = true;
    render(&page)
}
