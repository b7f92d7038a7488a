//! Writing resources: the team adds one (a draft, for review or published at once) and edits
//! it; anyone else signed in suggests a new one (waiting for review) or an edit (kept beside
//! the resource until the team decides). A file is judged by its bytes and kept by the
//! server, hidden until the resource is published.

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::response::Response;

use crate::features::media;
use crate::features::processes::cache::ProcessSettings;
use crate::features::processes::pages::{visible_process, visible_process_by_id};
use crate::features::processes::store::Process;
use crate::features::resources::list::{place_choices, theme_choices};
use crate::features::resources::rules::{
    Audience, ProjectStage, Publication, Recurrence, ResourceKind,
};
use crate::features::resources::service::{self, to_pairs};
use crate::features::resources::store::{self, NewResource, Resource};
use crate::platform::auth;
use crate::platform::error::{AppError, AppResult};
use crate::platform::i18n::Tr;
use crate::platform::web::forms::{Choice, FormErrors, Pairs, validate_text};
use crate::platform::web::page::{PageCtx, redirect_with_flash, render_form};
use crate::platform::web::uploads::Upload;
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// Resources and edits someone outside the team may suggest in an hour.
const SUGGESTIONS_PER_HOUR: i64 = 20;
/// Longest note beside a suggested edit.
const MAX_NOTE_CHARS: usize = 1_000;

#[derive(Template)]
#[template(path = "resources/templates/form.html")]
struct ResourceForm {
    page: PageCtx,
    process: Process,
    /// Where it posts.
    action: String,
    /// The resource edited, if any.
    editing: Option<i64>,
    /// Whether the visitor runs the ressourcerie (else they suggest).
    team: bool,
    kinds: Vec<Choice>,
    themes: Vec<Choice>,
    stages: Vec<Choice>,
    audiences: Vec<Choice>,
    places: Vec<Choice>,
    recurrences: Vec<Choice>,
    statuses: Vec<Choice>,
    errors: FormErrors,
    form: Pairs,
}

/// Choices a field may repeat, those the form holds checked.
fn checked(
    pairs: impl IntoIterator<Item = (String, String)>,
    form: &Pairs,
    field: &str,
) -> Vec<Choice> {
    let chosen = form.all(field);
    pairs
        .into_iter()
        .map(|(value, label)| Choice {
            selected: chosen.contains(&value),
            value,
            label,
        })
        .collect()
}

/// Stored words labelled by `{prefix}{word}`, as pairs.
fn words<'a>(
    words: impl IntoIterator<Item = &'a str>,
    prefix: &str,
    tr: Tr,
) -> Vec<(String, String)> {
    words
        .into_iter()
        .map(|w| (w.to_owned(), tr.t(&format!("{prefix}{w}"))))
        .collect()
}

/// The form, new or editing, with what was typed and its errors.
#[allow(clippy::too_many_arguments)]
fn form_page(
    state: &AppState,
    visitor: &Visitor,
    process: Process,
    settings: &ProcessSettings,
    editing: Option<i64>,
    team: bool,
    errors: FormErrors,
    form: Pairs,
) -> AppResult<Response> {
    let tr = visitor.tr();
    let mut recurrences = vec![Choice::new(
        "",
        tr.t("recurrence-none"),
        &form.get("recurrence"),
    )];
    recurrences.extend(Choice::words(
        Recurrence::ALL.iter().map(|r| r.as_str()),
        "recurrence-",
        tr,
        &form.get("recurrence"),
    ));
    let status = match form.get("statut") {
        s if s.is_empty() => Publication::Published.as_str().to_owned(),
        s => s,
    };
    let page = ResourceForm {
        page: PageCtx::new(state, visitor),
        action: match editing {
            Some(id) => format!("/ressources/{id}/modifier"),
            None => format!("/demarches/{}/ressources", process.slug),
        },
        editing,
        team,
        kinds: Choice::words(
            ResourceKind::ALL.iter().map(|k| k.as_str()),
            "resource-kind-",
            tr,
            &form.get("type"),
        ),
        themes: checked(
            theme_choices(settings, tr, "")
                .into_iter()
                .skip(1)
                .map(|c| (c.value, c.label)),
            &form,
            "themes",
        ),
        stages: checked(
            words(
                ProjectStage::ALL.iter().map(|s| s.as_str()),
                "project-stage-",
                tr,
            ),
            &form,
            "etapes",
        ),
        audiences: checked(
            words(Audience::ALL.iter().map(|a| a.as_str()), "audience-", tr),
            &form,
            "publics",
        ),
        places: place_choices(settings, tr, &form.all("perimetre")),
        recurrences,
        statuses: Choice::words(
            [
                Publication::Published,
                Publication::Review,
                Publication::Draft,
            ]
            .iter()
            .map(|s| s.as_str()),
            "publication-",
            tr,
            &status,
        ),
        process,
        errors,
        form,
    };
    render_form(&page, page.errors.is_empty())
}

/// `GET /demarches/{slug}/ressources/nouvelle`: the form to add a resource (the team) or
/// suggest one (anyone signed in).
pub async fn new_resource(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    visitor.require_account()?;
    let (process, roles) = visible_process(&state, &visitor, &slug).await?;
    let settings = state.processes.settings(&state.db, &process).await?;
    form_page(
        &state,
        &visitor,
        process,
        &settings,
        None,
        service::runs(&visitor, &roles),
        FormErrors::default(),
        Pairs::default(),
    )
}

/// Where a file is kept: its process, who sent it, and whether its resource is published (a
/// file is hidden until it is).
struct FileFor {
    process_id: i64,
    account: i64,
    published: bool,
}

/// Keeps the file sent with a resource, if any; `Ok(Err(()))` when it was refused (the
/// message next to its field).
async fn kept_file(
    state: &AppState,
    to: FileFor,
    upload: &Upload,
    title: &str,
    errors: &mut FormErrors,
    tr: Tr,
) -> AppResult<Result<Option<i64>, ()>> {
    let bytes = upload.file("fichier");
    if bytes.is_empty() {
        return Ok(Ok(None));
    }
    let sent = media::service::Sent {
        bytes,
        file_name: upload.file_name("fichier"),
        description: title,
    };
    match media::service::keep(
        state,
        Some(to.process_id),
        to.account,
        sent,
        media::rules::Accepted::AnyDocument,
    )
    .await?
    {
        Ok(id) => {
            if !to.published {
                media::store::set_hidden(&state.db, &[id], true).await?;
            }
            Ok(Ok(Some(id)))
        }
        Err(key) => {
            errors.add_message("fichier", tr.t(key));
            Ok(Err(()))
        }
    }
}

/// `POST /demarches/{slug}/ressources`: adds a resource (the team: in the status chosen) or
/// suggests one (waiting for review). The form is multipart: it may carry a file.
pub async fn create(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    multipart: Multipart,
) -> AppResult<Response> {
    let account = visitor.require_account()?.id;
    let (process, roles) = visible_process(&state, &visitor, &slug).await?;
    let upload = Upload::read(multipart).await?;
    let form = upload.pairs();
    let team = service::runs(&visitor, &roles);
    let tr = visitor.tr();
    let settings = state.processes.settings(&state.db, &process).await?;
    let mut errors = FormErrors::default();
    let fields = service::read_fields(&form, &settings, tr, &mut errors);
    let status = if team {
        form.get("statut")
            .parse::<Publication>()
            .ok()
            .filter(|s| *s != Publication::Archived)
            .unwrap_or(Publication::Draft)
    } else {
        Publication::Review
    };
    let Some(fields) = fields else {
        return form_page(
            &state, &visitor, process, &settings, None, team, errors, form,
        );
    };
    if !team {
        limit_suggestions(&state, account).await?;
    }
    let to = FileFor {
        process_id: process.id,
        account,
        published: status == Publication::Published,
    };
    let Ok(media_id) = kept_file(&state, to, &upload, &fields.title, &mut errors, tr).await? else {
        return form_page(
            &state, &visitor, process, &settings, None, team, errors, form,
        );
    };
    let resource = NewResource {
        fields,
        media_id,
        status,
        created_by: Some(account),
    };
    let ids = store::write(&state.db, process.id, &[resource], &[]).await?;
    let flash = if team {
        "flash-resource-saved"
    } else {
        "flash-resource-suggested"
    };
    Ok(redirect_with_flash(
        &state,
        &format!("/ressources/{}", ids[0]),
        flash,
    ))
}

/// Counts one suggestion (a resource or an edit) against its author's hourly limit.
async fn limit_suggestions(state: &AppState, account: i64) -> AppResult<()> {
    auth::limit(
        state,
        &format!("resources:{account}"),
        SUGGESTIONS_PER_HOUR,
        3_600_000,
    )
    .await
}

/// A resource and its process, if the visitor may see it: published, or else to its team
/// and to whoever wrote or suggested it.
pub async fn visible_resource(
    state: &AppState,
    visitor: &Visitor,
    id: i64,
) -> AppResult<(Resource, Process, bool)> {
    let resource = store::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (process, roles) = visible_process_by_id(state, visitor, resource.process_id).await?;
    let team = service::runs(visitor, &roles);
    let author = visitor
        .account
        .as_ref()
        .is_some_and(|a| resource.created_by == Some(a.id));
    if resource.status != Publication::Published && !team && !author {
        return Err(AppError::NotFound);
    }
    Ok((resource, process, team))
}

/// `GET /ressources/{id}/modifier`: the form to edit a resource (the team) or suggest an
/// edit (anyone signed in).
pub async fn edit(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    visitor.require_account()?;
    let (resource, process, team) = visible_resource(&state, &visitor, id).await?;
    let settings = state.processes.settings(&state.db, &process).await?;
    let mut form = to_pairs(&resource.fields());
    form.0
        .push(("statut".into(), resource.status.as_str().into()));
    form_page(
        &state,
        &visitor,
        process,
        &settings,
        Some(id),
        team,
        FormErrors::default(),
        form,
    )
}

/// `POST /ressources/{id}/modifier`: the team's edit, stored at once (a new file replaces the
/// kept one); anyone else's, kept as a suggestion with its note (`note`).
pub async fn save(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    multipart: Multipart,
) -> AppResult<Response> {
    let account = visitor.require_account()?.id;
    let (resource, process, team) = visible_resource(&state, &visitor, id).await?;
    let upload = Upload::read(multipart).await?;
    let form = upload.pairs();
    let tr = visitor.tr();
    let settings = state.processes.settings(&state.db, &process).await?;
    let mut errors = FormErrors::default();
    let fields = service::read_fields(&form, &settings, tr, &mut errors);
    let note = errors.check(
        tr,
        "note",
        validate_text(&form.get("note"), MAX_NOTE_CHARS, false),
    );
    let (Some(fields), Some(note)) = (fields, note) else {
        return form_page(
            &state,
            &visitor,
            process,
            &settings,
            Some(id),
            team,
            errors,
            form,
        );
    };
    if !team {
        limit_suggestions(&state, account).await?;
        let proposal = serde_json::to_string(&to_pairs(&fields).0)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        store::suggest_edit(&state.db, &resource, account, &proposal, &note).await?;
        return Ok(redirect_with_flash(
            &state,
            &format!("/ressources/{id}"),
            "flash-resource-edit-suggested",
        ));
    }
    let to = FileFor {
        process_id: process.id,
        account,
        published: resource.status == Publication::Published,
    };
    let Ok(media_id) = kept_file(&state, to, &upload, &fields.title, &mut errors, tr).await? else {
        return form_page(
            &state,
            &visitor,
            process,
            &settings,
            Some(id),
            team,
            errors,
            form,
        );
    };
    store::write(&state.db, process.id, &[], &[(id, fields, media_id)]).await?;
    Ok(redirect_with_flash(
        &state,
        &format!("/ressources/{id}"),
        "flash-resource-saved",
    ))
}
