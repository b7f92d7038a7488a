//! The team's evaluation framework (`/gestion/demarches/{slug}/indicateurs`, the process's
//! managers): targets for the computed indicators, the team's own indicators (question,
//! unit, baseline, target, source, frequency), their values entered one by one or imported
//! from a CSV file (good lines kept, each refused one named), an indicator removed.

use askama::Template;
use axum::Form;
use axum::extract::{Multipart, Path, State};
use axum::response::Response;

use crate::features::indicators::framework::{self, Question, written};
use crate::features::indicators::rules::{Frequency, Indicator, Unit, custom_key};
use crate::features::indicators::store::{self, NewCustom};
use crate::features::processes::manage::editable;
use crate::features::processes::rules::Day;
use crate::features::processes::store::Process;
use crate::platform::audit;
use crate::platform::error::{AppError, AppResult};
use crate::platform::i18n::Tr;
use crate::platform::tables::{Table, cell};
use crate::platform::web::forms::{Choice, FieldError, FormErrors, Pairs};
use crate::platform::web::page::{PageCtx, redirect_with_flash, render_form};
use crate::platform::web::uploads::Upload;
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// A computed indicator's row in the targets' form.
struct TargetRow {
    key: &'static str,
    label: String,
    now: String,
    target: String,
}

/// A team's indicator as listed with its forms.
struct CustomRow {
    id: i64,
    question: String,
    name: String,
    unit: String,
    aims: String,
    now: String,
}

/// What a form or an import said of an indicator's values.
struct ValuesNote {
    id: i64,
    summary: String,
    refused: Vec<String>,
}

#[derive(Template)]
#[template(path = "indicators/templates/manage.html")]
struct ManagePage {
    page: PageCtx,
    process: Process,
    targets: Vec<TargetRow>,
    customs: Vec<CustomRow>,
    units: Vec<Choice>,
    frequencies: Vec<Choice>,
    errors: FormErrors,
    form: Pairs,
    /// The indicator whose value form holds `errors` (`valeur`, `jour`).
    errors_for: Option<i64>,
    note: Option<ValuesNote>,
}

async fn manage_page(
    state: &AppState,
    visitor: &Visitor,
    process: Process,
    errors: FormErrors,
    form: Pairs,
    (errors_for, note): (Option<i64>, Option<ValuesNote>),
) -> AppResult<Response> {
    let tr = visitor.tr();
    let questions: Vec<Question> = framework::read(state, process.id, tr).await?;
    let measures = || questions.iter().flat_map(|q| q.measures.iter());
    let targets = Indicator::ALL
        .iter()
        .filter_map(|indicator| {
            let m = measures().find(|m| m.key == indicator.key())?;
            let typed = form.get(&format!("cible-{}", indicator.key()));
            Some(TargetRow {
                key: indicator.key(),
                label: m.label.clone(),
                now: written(m.value, m.unit, tr),
                target: if typed.is_empty() {
                    m.target.map(|t| tr.lang.decimal(t, 2)).unwrap_or_default()
                } else {
                    typed
                },
            })
        })
        .collect();
    let customs = questions
        .iter()
        .flat_map(|q| q.measures.iter().map(move |m| (q, m)))
        .filter_map(|(q, m)| {
            Some(CustomRow {
                id: m.custom_id?,
                question: q.text.clone(),
                name: m.label.clone(),
                unit: tr.t(&format!("indicator-unit-{}", m.unit.as_str())),
                aims: [
                    m.baseline.map(|b| {
                        tr.t1("indicator-baseline", "value", written(Some(b), m.unit, tr))
                    }),
                    m.target
                        .map(|t| tr.t1("indicator-target", "value", written(Some(t), m.unit, tr))),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · "),
                now: written(m.value, m.unit, tr),
            })
        })
        .collect();
    let page = ManagePage {
        page: PageCtx::new(state, visitor),
        units: Choice::words(
            Unit::ALL.iter().map(|u| u.as_str()),
            "indicator-unit-",
            tr,
            &form.get("unite"),
        ),
        frequencies: Choice::words(
            Frequency::ALL.iter().map(|f| f.as_str()),
            "indicator-frequency-",
            tr,
            &form.get("frequence"),
        ),
        process,
        targets,
        customs,
        errors,
        form,
        errors_for,
        note,
    };
    render_form(&page, page.errors.is_empty())
}

/// `GET /gestion/demarches/{slug}/indicateurs`. Managers.
pub async fn manage(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    let nothing = (None, None);
    manage_page(
        &state,
        &visitor,
        process,
        FormErrors::default(),
        Pairs::default(),
        nothing,
    )
    .await
}

/// An optional number typed in a unit, or the error to show next to `field`.
fn optional_value(
    text: &str,
    unit: Unit,
    field: &'static str,
    errors: &mut FormErrors,
    tr: Tr,
) -> Option<f64> {
    if text.trim().is_empty() {
        return None;
    }
    unit.read(text)
        .map_err(|e| errors.add_message(field, tr.t(e.message_key())))
        .ok()
}

/// `POST /gestion/demarches/{slug}/indicateurs/cibles`: the computed indicators' targets
/// (`cible-{key}`, empty for none), all or none. Managers.
pub async fn save_targets(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    let tr = visitor.tr();
    let form = Pairs(fields);
    let mut errors = FormErrors::default();
    let mut targets = Vec::new();
    for indicator in Indicator::ALL {
        let text = form.get(&format!("cible-{}", indicator.key()));
        let field: &'static str = indicator.key();
        if let Some(target) = optional_value(&text, indicator.unit(), field, &mut errors, tr) {
            targets.push((indicator.key(), target));
        }
    }
    if !errors.is_empty() {
        return manage_page(&state, &visitor, process, errors, form, (None, None)).await;
    }
    store::set_targets(&state.db, process.id, &targets).await?;
    Ok(back(&state, &slug, "flash-indicator-targets-saved"))
}

/// `POST /gestion/demarches/{slug}/indicateurs/nouveau`: a team's indicator. Managers.
pub async fn add(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    let tr = visitor.tr();
    let form = Pairs(fields);
    let mut errors = FormErrors::default();
    let (question, name, source) = (form.get("question"), form.get("nom"), form.get("source"));
    for (field, value, longest) in [
        ("question", &question, 300),
        ("nom", &name, 200),
        ("source", &source, 200),
    ] {
        if value.trim().is_empty() {
            errors.add(tr, field, FieldError::Required);
        } else if value.chars().count() > longest {
            errors.add(tr, field, FieldError::TooLong);
        }
    }
    let unit: Option<Unit> = form.get("unite").parse().ok();
    let frequency: Option<Frequency> = form.get("frequence").parse().ok();
    if unit.is_none() {
        errors.add(tr, "unite", FieldError::Required);
    }
    if frequency.is_none() {
        errors.add(tr, "frequence", FieldError::Required);
    }
    let unit_or_score = unit.unwrap_or(Unit::Score);
    let baseline = optional_value(
        &form.get("depart"),
        unit_or_score,
        "depart",
        &mut errors,
        tr,
    );
    let target = optional_value(&form.get("cible"), unit_or_score, "cible", &mut errors, tr);
    let (Some(unit), Some(frequency), true) = (unit, frequency, errors.is_empty()) else {
        return manage_page(&state, &visitor, process, errors, form, (None, None)).await;
    };
    let new = NewCustom {
        question: question.trim(),
        name: name.trim(),
        unit: unit.as_str(),
        baseline,
        target,
        source: source.trim(),
        frequency: frequency.as_str(),
    };
    let id = store::add_custom(&state.db, process.id, &new).await?;
    let account = visitor.require_account()?.id;
    audit::record(
        &state.db,
        Some(account),
        "indicators.add",
        &id.to_string(),
        new.name,
    )
    .await?;
    Ok(back(&state, &slug, "flash-indicator-added"))
}

/// Back to the team's framework with a message.
fn back(state: &AppState, slug: &str, flash: &'static str) -> Response {
    redirect_with_flash(
        state,
        &format!("/gestion/demarches/{slug}/indicateurs"),
        flash,
    )
}

/// The process's own indicator `id`, or 404.
async fn own(state: &AppState, process_id: i64, id: i64) -> AppResult<store::CustomIndicator> {
    store::customs(&state.db, process_id)
        .await?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or(AppError::NotFound)
}

/// `POST /gestion/demarches/{slug}/indicateurs/{id}/valeurs`: one value (`jour`, `valeur`)
/// in the indicator's unit. Managers.
pub async fn add_value(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, id)): Path<(String, i64)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    let custom = own(&state, process.id, id).await?;
    let tr = visitor.tr();
    let form = Pairs(fields);
    let mut errors = FormErrors::default();
    let day = Day::parse(&form.get("jour"));
    if day.is_none() {
        errors.add_message("jour", tr.t("indicator-day-invalid"));
    }
    let unit: Unit = custom.unit.parse().unwrap_or(Unit::Score);
    let value = match unit.read(&form.get("valeur")) {
        Ok(value) => Some(value),
        Err(e) => {
            errors.add_message("valeur", tr.t(e.message_key()));
            None
        }
    };
    let (Some(day), Some(value)) = (day, value) else {
        return manage_page(&state, &visitor, process, errors, form, (Some(id), None)).await;
    };
    store::save_values(
        &state.db,
        process.id,
        &custom_key(id),
        &[(day.iso(), value)],
    )
    .await?;
    Ok(back(&state, &slug, "flash-indicator-value-saved"))
}

/// `POST /gestion/demarches/{slug}/indicateurs/{id}/import`: values from a CSV file (a date
/// column and a value column); the good lines kept together, each refused one named.
/// Managers.
pub async fn import_values(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, id)): Path<(String, i64)>,
    multipart: Multipart,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    let custom = own(&state, process.id, id).await?;
    let tr = visitor.tr();
    let upload = Upload::read(multipart).await?;
    let unit: Unit = custom.unit.parse().unwrap_or(Unit::Score);
    let mut errors = FormErrors::default();
    let table = Table::read(upload.file("fichier")).and_then(|table| {
        let day = table.column(&["date", "jour", "day"])?;
        let value = table.column(&["valeur", "value"])?;
        Ok((table, day, value))
    });
    let (table, day_at, value_at) = match table {
        Ok(found) => found,
        Err(problem) => {
            errors.add_message("fichier", problem.message(tr));
            return manage_page(
                &state,
                &visitor,
                process,
                errors,
                Pairs::default(),
                (Some(id), None),
            )
            .await;
        }
    };
    let mut kept = Vec::new();
    let mut refused = Vec::new();
    for (line, row) in &table.rows {
        let day = Day::parse(cell(row, Some(day_at)));
        match (day, unit.read(cell(row, Some(value_at)))) {
            (Some(day), Ok(value)) => kept.push((day.iso(), value)),
            (None, _) => refused.push((*line, tr.t("indicator-day-invalid"))),
            (_, Err(e)) => refused.push((*line, tr.t(e.message_key()))),
        }
    }
    store::save_values(&state.db, process.id, &custom_key(id), &kept).await?;
    let note = ValuesNote {
        id,
        summary: tr.t_args(
            "indicator-values-report",
            &[
                ("kept", &kept.len().to_string()),
                ("refused", &refused.len().to_string()),
            ],
        ),
        refused: refused
            .iter()
            .map(|(line, reason)| {
                tr.t_args(
                    "indicator-values-refused-line",
                    &[("line", &line.to_string()), ("reason", reason)],
                )
            })
            .collect(),
    };
    manage_page(
        &state,
        &visitor,
        process,
        errors,
        Pairs::default(),
        (Some(id), Some(note)),
    )
    .await
}

/// `POST /gestion/demarches/{slug}/indicateurs/{id}/suppression`: removes a team's indicator
/// and its values. Managers.
pub async fn delete(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let process = editable(&state, &visitor, &slug).await?;
    if !store::delete_custom(&state.db, process.id, id).await? {
        return Err(AppError::NotFound);
    }
    let account = visitor.require_account()?.id;
    audit::record(
        &state.db,
        Some(account),
        "indicators.delete",
        &id.to_string(),
        "",
    )
    .await?;
    Ok(back(&state, &slug, "flash-indicator-deleted"))
}
