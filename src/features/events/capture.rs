//! Capturing at a workshop: the facilitator types in, one after another, the needs voiced by
//! the people who were there (the keyboard never leaves the form), or sends them at once as a
//! CSV file; every good row is kept, every bad one named with its line and reason.

use askama::Template;
use axum::Form;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::Response;
use serde::Deserialize;

use crate::features::events;
use crate::features::events::pages::facilitator;
use crate::features::events::store::Event;
use crate::features::needs;
use crate::features::needs::rules as need;
use crate::features::needs::service::{Contribution, Origin};
use crate::features::needs::setting::{Setting, setting, typed_text};
use crate::features::processes;
use crate::platform::clock::now_ms;
use crate::platform::error::{AppError, AppResult};
use crate::platform::i18n::Tr;
use crate::platform::tables::{RowReport, Table, cell};
use crate::platform::web::forms::{Choice, FormErrors};
use crate::platform::web::page::{PageCtx, redirect_with_flash, render_form};
use crate::platform::web::uploads::Upload;
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// The capture form.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct CaptureForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    theme: String,
    #[serde(default)]
    commune: String,
    #[serde(default)]
    body: String,
}

#[derive(Template)]
#[template(path = "events/templates/capture.html")]
struct CapturePage {
    page: PageCtx,
    event: Event,
    errors: FormErrors,
    form: CaptureForm,
    themes: Vec<Choice>,
    communes: Vec<Choice>,
    captured: Vec<(i64, String)>,
    report: Option<RowReport>,
}

/// Where the facilitator captures: the workshop, the needs' setting in its process, and the
/// facilitator's account id.
struct Capture {
    event: Event,
    setting: Setting,
    facilitator_id: i64,
}

impl Capture {
    /// The workshop `id`, if the visitor facilitates in its process (else sign-in or 403).
    async fn of(state: &AppState, visitor: &Visitor, id: i64) -> AppResult<Capture> {
        let event = events::store::by_id(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let process = processes::store::by_id(&state.db, event.process_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let facilitator_id = facilitator(state, visitor, process.id).await?.id;
        let setting = setting(state, visitor, &process.slug).await?;
        Ok(Capture {
            event,
            setting,
            facilitator_id,
        })
    }

    /// The capture page, with the form as typed, its errors and an import's report.
    async fn page(
        self,
        state: &AppState,
        visitor: &Visitor,
        errors: FormErrors,
        form: CaptureForm,
        report: Option<RowReport>,
    ) -> AppResult<Response> {
        let tr = visitor.tr();
        let page = CapturePage {
            page: PageCtx::new(state, visitor),
            captured: events::store::captured(&state.db, self.event.id).await?,
            themes: self.setting.theme_choices(tr, &form.theme),
            communes: self.setting.commune_choices(tr, &form.commune),
            event: self.event,
            errors,
            form,
            report,
        };
        render_form(&page, page.errors.is_empty())
    }

    /// A need voiced at this workshop and typed in by its facilitator.
    fn need(&self, title: &str, body: &str) -> Contribution {
        Contribution::new(
            title,
            body,
            Origin::Workshop {
                workshop_id: self.event.id,
                facilitator_id: self.facilitator_id,
            },
            now_ms(),
        )
    }
}

/// The commune to start the capture form with.
#[derive(Deserialize)]
pub struct CommuneQuery {
    commune: Option<String>,
}

/// `GET /ateliers/{id}/saisie`: the capture form, the needs captured so far under it.
pub async fn capture_form(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Query(query): Query<CommuneQuery>,
) -> AppResult<Response> {
    let capture = Capture::of(&state, &visitor, id).await?;
    // The commune of the previous need, else the workshop's: the likely place of what was
    // said there.
    let communes = &capture.setting.communes;
    let workshop_commune = capture
        .event
        .territory_id
        .and_then(|t| communes.iter().find(|c| c.id == t))
        .map(|c| c.code.clone());
    let commune = query
        .commune
        .filter(|code| communes.iter().any(|c| &c.code == code))
        .or(workshop_commune)
        .unwrap_or_default();
    let form = CaptureForm {
        commune,
        ..CaptureForm::default()
    };
    capture
        .page(&state, &visitor, FormErrors::default(), form, None)
        .await
}

/// `POST /ateliers/{id}/saisie`: stores one captured need and comes back to an empty form
/// (the commune kept), ready for the next post-it.
pub async fn capture(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(form): Form<CaptureForm>,
) -> AppResult<Response> {
    let capture = Capture::of(&state, &visitor, id).await?;
    let tr = visitor.tr();
    let setting = &capture.setting;
    let mut errors = FormErrors::default();
    let text = typed_text(&form.title, &form.body, tr, &mut errors);
    let theme_id = setting.chosen_theme(&form.theme, tr, &mut errors);
    let territory_id = setting.chosen_commune(&form.commune, tr, &mut errors);
    let (Some((title, body)), true) = (text, errors.is_empty()) else {
        return capture.page(&state, &visitor, errors, form, None).await;
    };
    let need = Contribution {
        theme_id,
        territory_id,
        ..capture.need(&title, &body)
    };
    needs::service::contribute(&state.db, setting.process.id, &need).await?;
    let next = format!("/ateliers/{id}/saisie?commune={}", form.commune);
    Ok(redirect_with_flash(&state, &next, "flash-need-captured"))
}

/// `POST /ateliers/{id}/import`: captured needs from a CSV file (columns `titre`, and
/// optionally `description`, `thematique`, `commune`), stored together; the report says
/// which were kept and which lines were refused, and why.
pub async fn import(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    multipart: Multipart,
) -> AppResult<Response> {
    let capture = Capture::of(&state, &visitor, id).await?;
    let tr = visitor.tr();
    let upload = Upload::read(multipart).await?;
    let (table, title_column) = match Table::read_with(upload.file("file"), &["titre", "title"]) {
        Ok(found) => found,
        Err(problem) => {
            let mut errors = FormErrors::default();
            errors.add_message("file", problem.message(tr));
            let form = CaptureForm::default();
            return capture.page(&state, &visitor, errors, form, None).await;
        }
    };
    let columns = [
        Some(title_column),
        table.optional_column(&["description", "body", "texte"]),
        table.optional_column(&["thematique", "thématique", "theme"]),
        table.optional_column(&["commune", "code_commune"]),
    ];
    let mut report = RowReport::default();
    let mut kept = Vec::new();
    for (line, row) in &table.rows {
        match row_need(&capture, tr, row, columns) {
            Ok(need) => kept.push(need),
            Err(reason) => report.refused.push((*line, reason)),
        }
    }
    needs::service::import_many(&state.db, capture.setting.process.id, &kept).await?;
    report.kept = kept.len();
    let form = CaptureForm::default();
    capture
        .page(&state, &visitor, FormErrors::default(), form, Some(report))
        .await
}

/// Turns one CSV row into a need of the workshop, or says why not.
fn row_need(
    capture: &Capture,
    tr: Tr,
    row: &[String],
    columns: [Option<usize>; 4],
) -> Result<Contribution, String> {
    let [title, body, theme, commune] = columns.map(|c| cell(row, c));
    let (title, body) = needs::service::row_text(tr, title, body, need::MAX_BODY_CHARS)?;
    let folded = |text: &str| textkit::fold(text.trim());
    let setting = &capture.setting;
    let theme_id = match theme.trim() {
        "" => None,
        name => Some(
            setting
                .themes
                .iter()
                .find(|t| folded(&t.name) == folded(name))
                .map(|t| t.id)
                .ok_or_else(|| tr.t1("import-theme-unknown", "theme", name))?,
        ),
    };
    let territory_id = match commune.trim() {
        "" => None,
        place => Some(
            setting
                .communes
                .iter()
                .find(|c| c.code == place || folded(&c.name) == folded(place))
                .map(|c| c.id)
                .ok_or_else(|| tr.t1("import-commune-unknown", "commune", place))?,
        ),
    };
    Ok(Contribution {
        theme_id,
        territory_id,
        ..capture.need(&title, &body)
    })
}
