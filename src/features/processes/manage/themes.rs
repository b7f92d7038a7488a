//! A process's themes, managed by its team: added from the edit page, changed on a page of
//! their own, deleted.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;

use super::{Typed, check_text, edit_page, editable, found, saved};
use crate::features::processes;
use crate::features::processes::rules as process;
use crate::features::processes::store::Process;
use crate::platform::error::{AppError, AppResult};
use crate::platform::i18n::Tr;
use crate::platform::web::forms::{FieldError, FormErrors};
use crate::platform::web::page::{PageCtx, render_form};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// The theme form (adding or changing).
#[derive(Deserialize)]
pub struct ThemeForm {
    #[serde(default)]
    theme_name: String,
    #[serde(default)]
    theme_colour: String,
    #[serde(default)]
    theme_description: String,
    #[serde(default)]
    theme_keywords: String,
}

/// A theme that passed its checks.
struct ThemeValues {
    name: String,
    colour: String,
    description: String,
    keywords: String,
}

impl ThemeForm {
    /// Checks the theme: a name, a colour that carries white text, bounded texts.
    fn validate(&self, tr: Tr, errors: &mut FormErrors) -> Option<ThemeValues> {
        let name = check_text(errors, tr, "theme_name", &self.theme_name, 80);
        match process::parse_colour(&self.theme_colour) {
            None => errors.add_message("theme_colour", tr.t("error-colour-invalid")),
            Some(colour) if !process::colour_is_readable(colour) => {
                errors.add_message("theme_colour", tr.t("error-colour-contrast"))
            }
            Some(_) => {}
        }
        if self.theme_description.chars().count() > 300 {
            errors.add(tr, "theme_description", FieldError::TooLong);
        }
        if self.theme_keywords.chars().count() > 500 {
            errors.add(tr, "theme_keywords", FieldError::TooLong);
        }
        errors.is_empty().then(|| ThemeValues {
            name,
            colour: self.theme_colour.trim().to_lowercase(),
            description: self.theme_description.trim().to_owned(),
            keywords: self.theme_keywords.trim().to_owned(),
        })
    }

    fn typed(self) -> (String, String, String, String) {
        (
            self.theme_name,
            self.theme_colour,
            self.theme_description,
            self.theme_keywords,
        )
    }
}

/// `POST /gestion/demarches/{slug}/themes`: adds a theme.
pub async fn add_theme(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Form(form): Form<ThemeForm>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    let mut errors = FormErrors::default();
    let Some(theme) = form.validate(visitor.tr(), &mut errors) else {
        let typed = Typed {
            theme: form.typed(),
            ..Typed::default()
        };
        return edit_page(&state, &visitor, process, errors, typed).await;
    };
    processes::store::add_theme(
        &state.db,
        process.id,
        &theme.name,
        &theme.colour,
        &theme.description,
        &theme.keywords,
    )
    .await?;
    Ok(saved(&state, &slug, "themes"))
}

#[derive(Template)]
#[template(path = "processes/templates/manage/theme.html")]
struct ThemePage {
    page: PageCtx,
    process: Process,
    id: i64,
    errors: FormErrors,
    theme: (String, String, String, String),
}

fn theme_page(
    state: &AppState,
    visitor: &Visitor,
    process: Process,
    id: i64,
    errors: FormErrors,
    theme: (String, String, String, String),
) -> AppResult<Response> {
    let page = ThemePage {
        page: PageCtx::new(state, visitor),
        process,
        id,
        errors,
        theme,
    };
    render_form(&page, page.errors.is_empty())
}

/// `GET /gestion/demarches/{slug}/themes/{id}`: the form to change a theme.
pub async fn edit_theme(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    let theme = processes::store::themes(&state.db, process.id)
        .await?
        .into_iter()
        .find(|t| t.id == id)
        .ok_or(AppError::NotFound)?;
    theme_page(
        &state,
        &visitor,
        process,
        id,
        FormErrors::default(),
        (theme.name, theme.colour, theme.description, theme.keywords),
    )
}

/// `POST /gestion/demarches/{slug}/themes/{id}`: saves a changed theme.
pub async fn update_theme(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, id)): Path<(String, i64)>,
    Form(form): Form<ThemeForm>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    let mut errors = FormErrors::default();
    let Some(theme) = form.validate(visitor.tr(), &mut errors) else {
        return theme_page(&state, &visitor, process, id, errors, form.typed());
    };
    found(
        processes::store::update_theme(
            &state.db,
            process.id,
            id,
            &theme.name,
            &theme.colour,
            &theme.description,
            &theme.keywords,
        )
        .await?,
    )?;
    Ok(saved(&state, &slug, "themes"))
}

/// `POST /gestion/demarches/{slug}/themes/{id}/suppression`.
pub async fn delete_theme(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    found(processes::store::delete_theme(&state.db, process.id, id).await?)?;
    Ok(saved(&state, &slug, "themes"))
}
