//! What the process team does with its ressourcerie: the resources waiting for review, the
//! drafts and the archived ones, and the edits suggested, each shown as what it changes, to
//! accept (applied at once) or refuse.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;

use crate::features::processes::cache::ProcessSettings;
use crate::features::processes::pages::visible_process;
use crate::features::processes::store::Process;
use crate::features::resources::rules::Publication;
use crate::features::resources::service::{self, to_pairs};
use crate::features::resources::store::{self, Edit, Resource};
use crate::platform::audit;
use crate::platform::error::{AppError, AppResult};
use crate::platform::i18n::Tr;
use crate::platform::web::forms::{FormErrors, Pairs};
use crate::platform::web::page::{PageCtx, redirect_with_flash, render};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// A suggested edit as the team reads it: what each changed field said and would say.
struct EditView {
    edit: Edit,
    /// `(field label, before, after)`.
    changes: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "resources/templates/manage.html")]
struct ManagePage {
    page: PageCtx,
    process: Process,
    /// `(status label, its resources)`, review first.
    queues: Vec<(String, Vec<Resource>)>,
    edits: Vec<EditView>,
}

/// The form fields a suggestion may change, with their labels' keys.
const COMPARED: [(&str, &str); 17] = [
    ("type", "field-resource-kind"),
    ("titre", "field-resource-title"),
    ("resume", "field-resource-summary"),
    ("lien", "field-resource-link"),
    ("themes", "field-resource-themes"),
    ("etapes", "field-project-stages"),
    ("publics", "field-audiences"),
    ("perimetre", "field-perimeter"),
    ("source", "field-resource-source"),
    ("licence", "field-resource-licence"),
    ("financeur", "field-funder"),
    ("montant_min", "field-amount-min"),
    ("montant_max", "field-amount-max"),
    ("taux_min", "field-rate-min"),
    ("taux_max", "field-rate-max"),
    ("echeance", "field-deadline"),
    ("recurrence", "field-recurrence"),
];

/// A field's value as people read it: kinds, stages, audiences and recurrences by their
/// labels, themes and places by their names.
fn readable(field: &str, value: &str, settings: &ProcessSettings, tr: Tr) -> String {
    let id = value.parse::<i64>().ok();
    let prefix = match field {
        "type" => "resource-kind-",
        "etapes" => "project-stage-",
        "publics" => "audience-",
        "recurrence" if !value.is_empty() => "recurrence-",
        "themes" => {
            return id
                .and_then(|id| settings.theme(id))
                .map_or_else(|| value.to_owned(), |t| t.name.clone());
        }
        "perimetre" => {
            return settings
                .communes
                .iter()
                .chain(&settings.epcis)
                .find(|t| Some(t.id) == id)
                .map_or_else(|| value.to_owned(), |t| t.name.clone());
        }
        _ => return value.to_owned(),
    };
    tr.t(&format!("{prefix}{value}"))
}

/// What a suggestion changes: each field whose values differ, before and after, readable.
fn changes(
    before: &Pairs,
    after: &Pairs,
    settings: &ProcessSettings,
    tr: Tr,
) -> Vec<(String, String, String)> {
    let written = |pairs: &Pairs, field: &str| -> String {
        pairs
            .all(field)
            .iter()
            .map(|v| readable(field, v, settings, tr))
            .collect::<Vec<_>>()
            .join(", ")
    };
    COMPARED
        .iter()
        .filter(|(field, _)| before.all(field) != after.all(field))
        .map(|(field, label)| (tr.t(label), written(before, field), written(after, field)))
        .collect()
}

/// The suggested form of an edit.
fn proposal(edit: &Edit) -> AppResult<Pairs> {
    serde_json::from_str::<Vec<(String, String)>>(&edit.proposal)
        .map(Pairs)
        .map_err(|e| AppError::Internal(e.to_string()))
}

/// The process, if the visitor runs its ressourcerie.
pub async fn run_by(state: &AppState, visitor: &Visitor, slug: &str) -> AppResult<Process> {
    visitor.require_account()?;
    let (process, roles) = visible_process(state, visitor, slug).await?;
    if !service::runs(visitor, &roles) {
        return Err(AppError::Forbidden);
    }
    Ok(process)
}

/// `GET /gestion/demarches/{slug}/ressources`: the review queue, drafts, archives and the
/// suggested edits. The process's facilitators and managers.
pub async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let process = run_by(&state, &visitor, &slug).await?;
    let tr = visitor.tr();
    let mut queues = Vec::new();
    for status in [
        Publication::Review,
        Publication::Draft,
        Publication::Archived,
    ] {
        queues.push((
            tr.t(&format!("publication-{}", status.as_str())),
            store::with_status(&state.db, process.id, status).await?,
        ));
    }
    let settings = state.processes.settings(&state.db, &process).await?;
    let mut edits = Vec::new();
    for edit in store::pending_edits(&state.db, process.id).await? {
        let Some(resource) = store::by_id(&state.db, edit.resource_id).await? else {
            continue;
        };
        let changes = changes(
            &to_pairs(&resource.fields()),
            &proposal(&edit)?,
            &settings,
            tr,
        );
        edits.push(EditView { edit, changes });
    }
    render(&ManagePage {
        page: PageCtx::new(&state, &visitor),
        process,
        queues,
        edits,
    })
}

/// `POST /gestion/demarches/{slug}/ressources/modifications/{id}`: accepts (`decision` =
/// `accepter`: applied, checked again against the process as it is now) or refuses an edit.
pub async fn decide(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, id)): Path<(String, i64)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let process = run_by(&state, &visitor, &slug).await?;
    let account = visitor.require_account()?.id;
    let edit = store::edit(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let resource = store::by_id(&state.db, edit.resource_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if resource.process_id != process.id {
        return Err(AppError::NotFound);
    }
    let accept = Pairs(fields).get("decision") == "accepter";
    let applied = if accept {
        let settings = state.processes.settings(&state.db, &process).await?;
        let mut errors = FormErrors::default();
        let fields = service::read_fields(&proposal(&edit)?, &settings, visitor.tr(), &mut errors);
        match fields {
            Some(fields) => Some(fields),
            // A theme or place removed since: the suggestion no longer holds.
            None => {
                return Ok(redirect_with_flash(
                    &state,
                    &format!("/gestion/demarches/{slug}/ressources"),
                    "flash-resource-edit-stale",
                ));
            }
        }
    } else {
        None
    };
    let decided =
        store::decide_edit(&state.db, &edit, process.id, applied.as_ref(), account).await?;
    if !decided {
        return Ok(redirect_with_flash(
            &state,
            &format!("/gestion/demarches/{slug}/ressources"),
            "flash-resource-edit-decided",
        ));
    }
    audit::record(
        &state.db,
        Some(account),
        "resources.edit",
        &format!("resource:{}", resource.id),
        if accept { "accepted" } else { "refused" },
    )
    .await?;
    let flash = if accept {
        "flash-resource-edit-accepted"
    } else {
        "flash-resource-edit-refused"
    };
    Ok(redirect_with_flash(
        &state,
        &format!("/gestion/demarches/{slug}/ressources"),
        flash,
    ))
}
