//! The managers' import page: choose a file and its kind (Concerto's CSV or Decidim results),
//! read what every row would do (dry run), then import.

use askama::Template;
use axum::Form;
use axum::extract::{Multipart, Path, State};
use axum::response::Response;

use crate::features::needs::setting::setting_for;
use crate::features::processes::manage::editable;
use crate::features::processes::rules::Module;
use crate::features::processes::store::Process;
use crate::features::solutions::import::{self, Checked, Format, Plan, Target};
use crate::features::solutions::store;
use crate::platform::audit;
use crate::platform::clock::now_ms;
use crate::platform::error::{AppError, AppResult};
use crate::platform::web::dry_run::{DryRun, Outcome};
use crate::platform::web::forms::{FormErrors, Pairs};
use crate::platform::web::page::{PageCtx, render, render_form};
use crate::platform::web::uploads::Upload;
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "solutions/templates/import.html")]
struct ImportPage {
    page: PageCtx,
    process: Process,
    errors: FormErrors,
    format: &'static str,
    /// What the file does or did, row by row.
    report: DryRun,
}

/// The report of a checked file in a format.
fn report(checked: &Checked, visitor: &Visitor, process: &Process, format: Format) -> DryRun {
    let good = checked
        .plans
        .iter()
        .map(|(line, plan)| {
            let outcome = match plan {
                Plan::Create(s) => Outcome::Create(s.title.clone()),
                Plan::Update(id, s, _) => {
                    Outcome::Update(s.title.clone(), format!("/solutions/{id}"))
                }
                Plan::Unchanged(id) => Outcome::Unchanged(format!("/solutions/{id}")),
            };
            (*line, outcome)
        })
        .collect();
    let tr = visitor.tr();
    DryRun::of(good, &checked.refused, tr).around(
        format!(
            "/gestion/demarches/{}/solutions/import/confirmation",
            process.slug
        ),
        vec![("format", format.name())],
        (
            format!("/demarches/{}/solutions", process.slug),
            tr.t("solutions-title"),
        ),
    )
}

fn empty_page(
    state: &AppState,
    visitor: &Visitor,
    process: Process,
    errors: FormErrors,
) -> ImportPage {
    ImportPage {
        page: PageCtx::new(state, visitor),
        process,
        errors,
        format: Format::Concerto.name(),
        report: DryRun::default(),
    }
}

/// `GET /gestion/demarches/{slug}/solutions/import`: the upload form. Managers.
pub async fn form(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    render(&empty_page(
        &state,
        &visitor,
        process,
        FormErrors::default(),
    ))
}

/// Checks a file's rows against the process.
async fn checked(
    state: &AppState,
    visitor: &Visitor,
    process: &Process,
    format: Format,
    bytes: &[u8],
) -> AppResult<Result<(Checked, Vec<store::Stage>), String>> {
    let account = visitor.require_account()?;
    let setting = setting_for(state, visitor, &process.slug, Module::Solutions).await?;
    let stages = store::stages(&state.db, process.id).await?;
    let target = Target {
        setting: &setting,
        stages: &stages,
        manager_id: account.id,
        event_id: None,
        now: now_ms(),
    };
    let tr = visitor.tr();
    Ok(
        match import::check(&state.db, &target, format, bytes, tr).await? {
            Ok(checked) => Ok((checked, stages)),
            Err(problem) => Err(problem.message(tr)),
        },
    )
}

/// `POST /gestion/demarches/{slug}/solutions/import`: reads the file and shows what each row
/// would do, nothing stored yet. Managers.
pub async fn dry_run(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    multipart: Multipart,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    let upload = Upload::read(multipart).await?;
    let format = Format::named(upload.field("format"));
    let bytes = upload.file("file");
    let (checked, _) = match checked(&state, &visitor, &process, format, bytes).await? {
        Ok(found) => found,
        Err(message) => {
            let mut errors = FormErrors::default();
            errors.add_message("file", message);
            let page = empty_page(&state, &visitor, process, errors);
            return render_form(&page, false);
        }
    };
    let mut page = empty_page(&state, &visitor, process, FormErrors::default());
    page.format = format.name();
    page.report = report(&checked, &visitor, &page.process, format);
    page.report.content = Some(String::from_utf8_lossy(bytes).into_owned());
    render(&page)
}

/// `POST /gestion/demarches/{slug}/solutions/import/confirmation`: checks the rows again and
/// stores every good one; the report names the refused ones. Managers.
pub async fn confirm(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = Pairs(fields);
    let process = editable(&state, &visitor, &slug).await?;
    let account = visitor.require_account()?.id;
    let format = Format::named(&form.get("format"));
    let content = form
        .0
        .iter()
        .find(|(k, _)| k == "content")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let (checked, stages) = checked(&state, &visitor, &process, format, content.as_bytes())
        .await?
        .map_err(|_| AppError::BadRequest)?;
    import::apply(&state.db, &checked, &stages, account).await?;
    let (created, updated, unchanged) = checked.counts();
    audit::record(
        &state.db,
        Some(account),
        "solutions.import",
        &format!("process:{slug}"),
        &format!(
            "{} {created} created, {updated} updated, {unchanged} unchanged, {} refused",
            format.name(),
            checked.refused.len()
        ),
    )
    .await?;
    let mut page = empty_page(&state, &visitor, process, FormErrors::default());
    page.format = format.name();
    page.report = report(&checked, &visitor, &page.process, format);
    page.report.done = true;
    render(&page)
}
