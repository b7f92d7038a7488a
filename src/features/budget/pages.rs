//! The budget's pages: the public one (a chart and a table per side), shown when the team
//! publishes it, and the team's, to declare the total, add and remove lines and publish.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;

use crate::features::budget::rules::{self, Line, Side, Value};
use crate::features::budget::service::{self, BudgetView};
use crate::features::budget::store;
use crate::features::partners;
use crate::features::processes::manage::editable;
use crate::features::processes::pages::visible_process;
use crate::features::processes::store::Process;
use crate::platform::error::{AppError, AppResult};
use crate::platform::permissions::ProcessAction;
use crate::platform::web::forms::{Choice, FormErrors, Pairs, validate_line};
use crate::platform::web::page::{PageCtx, redirect_with_flash, render, render_form};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// Longest line label.
const MAX_LABEL_CHARS: usize = 80;

#[derive(Template)]
#[template(path = "budget/templates/budget.html")]
struct BudgetPage {
    page: PageCtx,
    process: Process,
    budget: Option<BudgetView>,
    /// Whether the visitor edits it (and it may not be public yet).
    can_edit: bool,
    published: bool,
}

/// `GET /demarches/{slug}/budget`: the budget, when public (its managers see it before).
pub async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let (process, roles) = visible_process(&state, &visitor, &slug).await?;
    let can_edit = visitor.may_in_process(&roles, ProcessAction::Edit);
    let (total, published) = store::settings(&state.db, process.id).await?;
    if !published && !can_edit {
        return Err(AppError::NotFound);
    }
    render(&BudgetPage {
        page: PageCtx::new(&state, &visitor),
        budget: service::view(&state.db, process.id, total, visitor.tr()).await?,
        can_edit,
        published,
        process,
    })
}

/// A line as the team's page lists it: its id, label and value written.
type ListedLine = (i64, String, String);

#[derive(Template)]
#[template(path = "budget/templates/manage.html")]
struct ManagePage {
    page: PageCtx,
    process: Process,
    /// `(side title, its lines: id, label, value written)`.
    sides: Vec<(String, Vec<ListedLine>)>,
    total: String,
    published: bool,
    sides_choices: Vec<Choice>,
    errors: FormErrors,
    form: Pairs,
}

async fn manage_page(
    state: &AppState,
    visitor: &Visitor,
    process: Process,
    errors: FormErrors,
    form: Pairs,
) -> AppResult<Response> {
    let tr = visitor.tr();
    let (total, published) = store::settings(&state.db, process.id).await?;
    let english = tr.lang == crate::platform::i18n::Lang::En;
    let mut sides = Vec::new();
    for side in Side::ALL {
        let lines = store::lines(&state.db, process.id, *side).await?;
        sides.push((
            tr.t(&format!("budget-{}", side.as_str())),
            lines
                .into_iter()
                .map(|(id, line)| {
                    let value = match (line.cents, line.tenths) {
                        (Some(cents), _) => partners::rules::format_euros(cents, tr.lang),
                        (None, Some(tenths)) => rules::format_share(tenths, english),
                        (None, None) => String::new(),
                    };
                    (id, line.label, value)
                })
                .collect(),
        ));
    }
    let page = ManagePage {
        page: PageCtx::new(state, visitor),
        total: total.map_or_else(String::new, |c| (c / 100).to_string()),
        published,
        sides_choices: Choice::words(
            Side::ALL.iter().map(|s| s.as_str()),
            "budget-",
            tr,
            &form.get("cote"),
        ),
        sides,
        process,
        errors,
        form,
    };
    render_form(&page, page.errors.is_empty())
}

/// `GET /gestion/demarches/{slug}/budget`: the budget's lines and settings. Managers.
pub async fn manage(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    manage_page(
        &state,
        &visitor,
        process,
        FormErrors::default(),
        Pairs::default(),
    )
    .await
}

/// `POST /gestion/demarches/{slug}/budget`: the declared total (`total`, euros, optional)
/// and whether the budget is public (`publie`). Managers.
pub async fn save_settings(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    let form = Pairs(fields);
    let typed = form.get("total");
    let total = if typed.is_empty() {
        None
    } else if let Some(cents) = partners::rules::euros(&typed) {
        Some(cents)
    } else {
        let mut errors = FormErrors::default();
        errors.add_message("total", visitor.tr().t("error-budget-total"));
        return manage_page(&state, &visitor, process, errors, form).await;
    };
    store::set_settings(&state.db, process.id, total, form.get("publie") == "1").await?;
    Ok(redirect_with_flash(
        &state,
        &format!("/gestion/demarches/{slug}/budget"),
        "flash-budget-saved",
    ))
}

/// `POST /gestion/demarches/{slug}/budget/lignes`: adds a line (`cote`, `libelle`, `valeur`:
/// an amount or a share). A share needs a declared total. Managers.
pub async fn add_line(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    let form = Pairs(fields);
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    let side = form.get("cote").parse::<Side>().ok();
    if side.is_none() {
        errors.add_message("cote", tr.t("error-budget-side"));
    }
    let label = errors.check(
        tr,
        "libelle",
        validate_line(&form.get("libelle"), MAX_LABEL_CHARS, true),
    );
    let value = rules::parse_value(&form.get("valeur"));
    let (total, _) = store::settings(&state.db, process.id).await?;
    match value {
        None => errors.add_message("valeur", tr.t("error-budget-value")),
        Some(Value::Tenths(_)) if total.is_none() => {
            errors.add_message("valeur", tr.t("error-budget-share-without-total"))
        }
        Some(_) => {}
    }
    let (Some(side), Some(label), Some(value), true) = (side, label, value, errors.is_empty())
    else {
        return manage_page(&state, &visitor, process, errors, form).await;
    };
    let line = Line {
        label,
        cents: match value {
            Value::Cents(c) => Some(c),
            Value::Tenths(_) => None,
        },
        tenths: match value {
            Value::Tenths(t) => Some(t),
            Value::Cents(_) => None,
        },
    };
    store::add_line(&state.db, process.id, side, &line).await?;
    Ok(redirect_with_flash(
        &state,
        &format!("/gestion/demarches/{slug}/budget"),
        "flash-budget-line-added",
    ))
}

/// `POST /gestion/demarches/{slug}/budget/lignes/{id}/suppression`: removes a line. Managers.
pub async fn remove_line(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    if !store::remove_line(&state.db, process.id, id).await? {
        return Err(AppError::NotFound);
    }
    Ok(redirect_with_flash(
        &state,
        &format!("/gestion/demarches/{slug}/budget"),
        "flash-budget-line-removed",
    ))
}
