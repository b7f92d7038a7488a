//! Rewriting a solution: its carriers and the process team change its title, description,
//! theme and organisation, and its picture (described for those who cannot see it); anyone
//! else is refused.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;

use crate::features::media;
use crate::features::needs::rules::validate_text;
use crate::features::processes::store::Process;
use crate::features::solutions::rules as solution;
use crate::features::solutions::solution_page::rights;
use crate::features::solutions::store::{self, Solution, TextChange};
use crate::platform::error::{AppError, AppResult};
use crate::platform::web::forms::{Choice, FormErrors, Pairs};
use crate::platform::web::page::{PageCtx, redirect_with_flash, render_form};
use crate::platform::web::uploads::{Submitted, Upload};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "solutions/templates/edit.html")]
struct EditPage {
    page: PageCtx,
    process: Process,
    solution: Solution,
    themes: Vec<Choice>,
    errors: FormErrors,
    form: Pairs,
}

/// The solution and its process, if the visitor carries it or is of the process's team.
async fn editable(state: &AppState, visitor: &Visitor, id: i64) -> AppResult<(Solution, Process)> {
    visitor.require_account()?;
    let solution = store::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (process, rights) = rights(state, visitor, &solution).await?;
    if !rights.follow {
        return Err(AppError::Forbidden);
    }
    Ok((solution, process))
}

async fn edit_page(
    state: &AppState,
    visitor: &Visitor,
    (solution, process): (Solution, Process),
    errors: FormErrors,
    form: Pairs,
) -> AppResult<Response> {
    let tr = visitor.tr();
    let settings = state.processes.settings(&state.db, &process).await?;
    let chosen = form.get("theme");
    let none = (String::new(), tr.t("need-theme-unknown"));
    let themes = settings
        .themes
        .iter()
        .map(|t| (t.id.to_string(), t.name.clone()));
    let page = EditPage {
        page: PageCtx::new(state, visitor),
        themes: Choice::list(std::iter::once(none).chain(themes), &chosen),
        process,
        solution,
        errors,
        form,
    };
    render_form(&page, page.errors.is_empty())
}

/// `GET /solutions/{id}/modifier`: the form, filled with the solution as it is.
pub async fn form(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let found = editable(&state, &visitor, id).await?;
    let form = edit_form(&found.0);
    edit_page(&state, &visitor, found, FormErrors::default(), form).await
}

/// The text form filled with the solution as it is.
fn edit_form(s: &Solution) -> Pairs {
    Pairs(vec![
        ("title".into(), s.title.clone()),
        ("body".into(), s.body.clone()),
        (
            "theme".into(),
            s.theme_id.map(|t| t.to_string()).unwrap_or_default(),
        ),
        ("organisation".into(), s.organisation.clone()),
        (
            "image_texte".into(),
            s.image_description.clone().unwrap_or_default(),
        ),
    ])
}

/// `POST /solutions/{id}/modifier`: saves the new text.
pub async fn save(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = Pairs(fields);
    let found = editable(&state, &visitor, id).await?;
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    let title = errors.check(
        tr,
        "title",
        solution::validate_line(&form.get("title"), solution::MAX_TITLE_CHARS, true),
    );
    let body = errors.check(
        tr,
        "body",
        validate_text(&form.get("body"), solution::MAX_BODY_CHARS, true),
    );
    let organisation = errors.check(
        tr,
        "organisation",
        solution::validate_line(
            &form.get("organisation"),
            solution::MAX_ORGANISATION_CHARS,
            false,
        ),
    );
    let settings = state.processes.settings(&state.db, &found.1).await?;
    let theme_id = match form.get("theme").as_str() {
        "" => None,
        typed => {
            let theme = typed
                .parse::<i64>()
                .ok()
                .filter(|t| settings.theme(*t).is_some());
            if theme.is_none() {
                errors.add_message("theme", tr.t("error-theme-unknown"));
            }
            theme
        }
    };
    let (Some(title), Some(body), Some(organisation), true) =
        (title, body, organisation, errors.is_empty())
    else {
        return edit_page(&state, &visitor, found, errors, form).await;
    };
    let terms = textkit::search_terms(&format!("{title} {body}"));
    let change = TextChange {
        title: &title,
        body: &body,
        theme_id,
        organisation: &organisation,
        terms: &terms,
    };
    store::update_text(&state.db, id, &change).await?;
    Ok(redirect_with_flash(
        &state,
        &format!("/solutions/{id}"),
        "flash-solution-edited",
    ))
}

/// `POST /solutions/{id}/image`: sets the solution's picture (`image`, described in
/// `image_texte`), or takes it away (`action=retirer`). The picture is re-encoded without its
/// metadata; the one it replaces is forgotten.
pub async fn picture(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Submitted(upload): Submitted,
) -> AppResult<Response> {
    let found = editable(&state, &visitor, id).await?;
    let form = upload.pairs();
    let new_picture = if form.get("action") == "retirer" {
        None
    } else {
        match new_picture(&state, &visitor, &found.0, &upload).await? {
            Ok(picture) => Some(picture),
            Err(errors) => {
                // What was typed first (a field reads its first value), the text form after.
                let mut shown = form;
                shown.0.extend(edit_form(&found.0).0);
                return edit_page(&state, &visitor, found, errors, shown).await;
            }
        }
    };
    if let Some(replaced) = store::set_image(&state.db, id, new_picture).await? {
        media::store::delete(&state.db, replaced).await?;
    }
    Ok(redirect_with_flash(
        &state,
        &format!("/solutions/{id}"),
        "flash-solution-picture",
    ))
}

/// Keeps the picture sent for a solution, described; or what to say next to the fields.
async fn new_picture(
    state: &AppState,
    visitor: &Visitor,
    solution: &Solution,
    upload: &Upload,
) -> AppResult<Result<i64, FormErrors>> {
    let account = visitor.require_account()?.id;
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    let typed = upload.field("image_texte");
    if typed.is_empty() {
        errors.add_message("image_texte", tr.t("error-image-description-required"));
        return Ok(Err(errors));
    }
    let limit = media::rules::MAX_DESCRIPTION_CHARS;
    let Some(description) = errors.check(
        tr,
        "image_texte",
        solution::validate_line(typed, limit, true),
    ) else {
        return Ok(Err(errors));
    };
    let sent = media::service::Sent {
        bytes: upload.file("image"),
        file_name: upload.file_name("image"),
        description: &description,
    };
    let accepted = media::rules::Accepted::Picture;
    match media::service::keep(state, Some(solution.process_id), account, sent, accepted).await? {
        Ok(picture) => Ok(Ok(picture)),
        Err(message) => {
            errors.add_message("image", tr.t(message));
            Ok(Err(errors))
        }
    }
}
