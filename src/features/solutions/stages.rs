//! The stages of a process's solutions, as its managers set them: names, default progress,
//! order of creation; a stage no solution stands at can be removed.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;

use crate::features::processes::manage::editable;
use crate::features::processes::store::Process;
use crate::features::solutions::rules as solution;
use crate::features::solutions::store::{self, Stage};
use crate::platform::error::AppResult;
use crate::platform::i18n::Tr;
use crate::platform::web::forms::{FormErrors, Pairs};
use crate::platform::web::page::{PageCtx, redirect_with_flash, render_form};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// Longest stage name, in characters.
const MAX_LABEL_CHARS: usize = 60;

#[derive(Template)]
#[template(path = "solutions/templates/stages.html")]
struct StagesPage {
    page: PageCtx,
    process: Process,
    stages: Vec<Stage>,
    errors: FormErrors,
    form: Pairs,
}

async fn stages_page(
    state: &AppState,
    visitor: &Visitor,
    process: Process,
    errors: FormErrors,
    form: Pairs,
) -> AppResult<Response> {
    let page = StagesPage {
        page: PageCtx::new(state, visitor),
        stages: store::stages(&state.db, process.id).await?,
        process,
        errors,
        form,
    };
    render_form(&page, page.errors.is_empty())
}

/// `GET /gestion/demarches/{slug}/etapes`: the stages, to rename, add or remove. Managers.
pub async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    stages_page(
        &state,
        &visitor,
        process,
        FormErrors::default(),
        Pairs::default(),
    )
    .await
}

/// A stage's name and default progress (empty: a solution keeps its own) as posted.
fn label_and_progress(
    form: &Pairs,
    tr: Tr,
    errors: &mut FormErrors,
) -> Option<(String, Option<i64>)> {
    let label = errors.check(
        tr,
        "libelle",
        solution::validate_line(&form.get("libelle"), MAX_LABEL_CHARS, true),
    );
    let typed = form.get("avancement");
    let progress = if typed.is_empty() {
        Some(None)
    } else {
        errors
            .check(tr, "avancement", solution::parse_progress(&typed))
            .map(Some)
    };
    label.zip(progress)
}

/// `POST /gestion/demarches/{slug}/etapes`: adds (`cle`, `libelle`, `avancement`), renames
/// (`etape` and the same fields) or removes (`retirer`) a stage. Managers.
pub async fn change(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = Pairs(fields);
    let process = editable(&state, &visitor, &slug).await?;
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    let back = format!("/gestion/demarches/{slug}/etapes");
    if let Ok(stage) = form.get("retirer").parse::<i64>() {
        if store::remove_stage(&state.db, process.id, stage).await? {
            return Ok(redirect_with_flash(&state, &back, "flash-stages-saved"));
        }
        errors.add_message("form", tr.t("error-stage-in-use"));
        return stages_page(&state, &visitor, process, errors, form).await;
    }
    let fields = label_and_progress(&form, tr, &mut errors);
    let saved = match (form.get("etape").parse::<i64>(), fields) {
        (Ok(stage), Some((label, progress))) => {
            store::update_stage(&state.db, process.id, stage, &label, progress).await?
        }
        (Err(_), Some((label, progress))) => {
            let key = form.get("cle");
            if !solution::valid_stage_key(&key) {
                errors.add_message("cle", tr.t("error-stage-key"));
                false
            } else if store::add_stage(&state.db, process.id, &key, &label, progress)
                .await?
                .is_none()
            {
                errors.add_message("cle", tr.t("error-stage-key-taken"));
                false
            } else {
                true
            }
        }
        (_, None) => false,
    };
    if !saved && errors.is_empty() {
        errors.add_message("form", tr.t("error-stage-unknown"));
    }
    if !errors.is_empty() {
        return stages_page(&state, &visitor, process, errors, form).await;
    }
    Ok(redirect_with_flash(&state, &back, "flash-stages-saved"))
}
