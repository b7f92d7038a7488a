//! A solution's page: its text, place, carriers, the needs and clusters it answers, its stage,
//! progress, milestones and official answer; and the follow-up its carriers and the process
//! team do there (stage and progress, milestones, more needs), the official answer (the team
//! only) and moderation.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};

use crate::features::bourse;
use crate::features::comments;
use crate::features::media;
use crate::features::moderation;
use crate::features::moderation::service::Target;
use crate::features::processes::pages::visible_process_by_id;
use crate::features::processes::store::Process;
use crate::features::resources;
use crate::features::solutions::list::place_name;
use crate::features::solutions::propose::link_message;
use crate::features::solutions::rules::{self as solution, Answer, SolutionStatus};
use crate::features::solutions::service;
use crate::features::solutions::store::{
    self, LinkedCluster, LinkedNeed, Milestone, Solution, Stage,
};
use crate::features::territories::maps::{Colouring, MapTexts, RenderedMap};
use crate::platform::clock::format_utc;
use crate::platform::error::{AppError, AppResult};
use crate::platform::markdown::to_safe_html;
use crate::platform::permissions::ProcessAction;
use crate::platform::web::forms::{Choice, FormErrors, Pairs};
use crate::platform::web::page::{PageCtx, redirect_with_flash, render_form};
use crate::platform::web::uploads::Submitted;
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// What the visitor may do with a solution.
#[derive(Clone, Copy, Debug, Default)]
pub struct Rights {
    /// Move it on, add milestones and needs: its carriers and the process team.
    pub follow: bool,
    /// Ask the bourse aux initiatives for support: its carriers.
    pub carry: bool,
    /// Give the official answer: the process's managers.
    pub answer: bool,
    /// Hide it or publish it again: the process's moderators.
    pub moderate: bool,
}

/// The process of a solution, if the visitor may see it, and what they may do with it.
pub async fn rights(
    state: &AppState,
    visitor: &Visitor,
    solution: &Solution,
) -> AppResult<(Process, Rights)> {
    let (process, roles) = visible_process_by_id(state, visitor, solution.process_id).await?;
    let carrier = match &visitor.account {
        Some(account) => store::carries(&state.db, solution.id, account.id).await?,
        None => false,
    };
    let team = visitor.may_in_process(&roles, ProcessAction::Facilitate);
    let rights = Rights {
        follow: carrier || team,
        carry: carrier,
        answer: visitor.may_in_process(&roles, ProcessAction::Edit),
        moderate: visitor.may_in_process(&roles, ProcessAction::Moderate),
    };
    Ok((process, rights))
}

#[derive(Template)]
#[template(path = "solutions/templates/show.html")]
struct SolutionPage {
    page: PageCtx,
    solution: Solution,
    process: Process,
    rights: Rights,
    body_html: String,
    theme: Option<(String, String)>,
    place: String,
    stage: Option<Stage>,
    stages: Vec<Choice>,
    needs: Vec<LinkedNeed>,
    clusters: Vec<LinkedCluster>,
    carriers: Vec<String>,
    /// Its requests to the bourse: `(id, title, status)`.
    requests: Vec<(i64, String, String)>,
    /// Resources of the ressourcerie that fit it.
    resources: Vec<resources::list::Card>,
    milestones: Vec<(Milestone, String)>,
    answers: Vec<Choice>,
    answer_label: Option<String>,
    date: String,
    updated: String,
    map: Option<std::sync::Arc<RenderedMap>>,
    /// Whether the visitor supports it.
    supported: bool,
    /// Whether the process takes supports (published, not closed).
    open: bool,
    thread: comments::service::Thread,
    errors: FormErrors,
    form: Pairs,
}

/// A solution's page, with the errors of a form posted on it.
pub(crate) async fn solution_page(
    state: &AppState,
    visitor: &Visitor,
    solution: Solution,
    errors: FormErrors,
    form: Pairs,
) -> AppResult<Response> {
    let (process, rights) = rights(state, visitor, &solution).await?;
    if solution.status == SolutionStatus::Hidden && !rights.moderate {
        return Err(AppError::NotFound);
    }
    let tr = visitor.tr();
    let settings = state.processes.settings(&state.db, &process).await?;
    let stages = state.solutions.stages(&state.db, &process).await?;
    let stage = solution
        .stage_id
        .and_then(|id| stages.iter().find(|s| s.id == id))
        .cloned();
    let chosen_stage = solution
        .stage_id
        .map(|id| id.to_string())
        .unwrap_or_default();
    let stage_choices = Choice::list(
        stages.iter().map(|s| (s.id.to_string(), s.label.clone())),
        &chosen_stage,
    );
    let theme = solution
        .theme_id
        .and_then(|id| settings.theme(id))
        .map(|t| (t.name.clone(), t.colour.clone()));
    let place = match solution.territory_id {
        Some(id) => place_name(&settings, id).unwrap_or_default(),
        None => tr.t("scope-territory"),
    };
    let map = match solution.territory_id {
        Some(territory) => {
            let title = tr.t1("solution-map-title", "title", &solution.title);
            let mut texts = MapTexts::population(tr, title, "solution-map-description");
            if let (Some(lon), Some(lat)) = (solution.lon, solution.lat) {
                texts.markers.push(geokit::svg::Marker {
                    position: [lon, lat],
                    title: solution.title.clone(),
                    href: None,
                    colour: theme
                        .as_ref()
                        .map_or_else(|| "#1d5c8f".to_owned(), |t| t.1.clone()),
                });
            }
            Some(
                state
                    .geo
                    .territory_map(
                        &state.db,
                        &[territory],
                        Colouring::Plain,
                        texts,
                        "carte-solution",
                    )
                    .await?,
            )
        }
        None => None,
    };
    let chosen_answer = solution.answer.map(|a| a.as_str()).unwrap_or("");
    let mut answers = vec![Choice::new("", tr.t("answer-none"), chosen_answer)];
    answers.extend(Choice::words(
        Answer::ALL.iter().map(|a| a.as_str()),
        "answer-",
        tr,
        chosen_answer,
    ));
    let supported = match &visitor.account {
        Some(account) => store::supports(&state.db, solution.id, account.id).await?,
        None => false,
    };
    let open = process.status.is_open();
    let thread = comments::service::thread(
        state,
        comments::service::Subject::Solution(solution.id),
        solution.comments_count,
        tr,
        visitor.account.is_some(),
        (
            solution.status == SolutionStatus::Published && open,
            open,
            rights.moderate,
        ),
    )
    .await?;
    let page = SolutionPage {
        page: PageCtx::new(state, visitor),
        supported,
        open,
        thread,
        rights,
        body_html: to_safe_html(&solution.body),
        theme,
        place,
        stage,
        stages: stage_choices,
        needs: store::needs_of(&state.db, solution.id).await?,
        clusters: store::clusters_of(&state.db, solution.id).await?,
        requests: bourse::service::requests_of_solution(&state.db, solution.id, tr).await?,
        resources: suggested_resources(state, &settings, &solution, tr).await?,
        carriers: store::carriers(&state.db, solution.id)
            .await?
            .into_iter()
            .map(|(_, name)| name)
            .collect(),
        milestones: store::milestones(&state.db, solution.id)
            .await?
            .into_iter()
            .map(|m| {
                let html = to_safe_html(&m.body);
                (m, html)
            })
            .collect(),
        answers,
        answer_label: solution
            .answer
            .map(|a| tr.t(&format!("answer-{}", a.as_str()))),
        date: format_utc(solution.created_at),
        updated: format_utc(solution.updated_at),
        map,
        errors,
        form,
        solution,
        process,
    };
    render_form(&page, page.errors.is_empty())
}

/// The resources that fit a solution (its theme, stage and place; funding still open).
async fn suggested_resources(
    state: &AppState,
    settings: &crate::features::processes::cache::ProcessSettings,
    solution: &Solution,
    tr: crate::platform::i18n::Tr,
) -> AppResult<Vec<resources::list::Card>> {
    let (_, catalogue) =
        resources::service::catalogue(&state.db, &state.resources, solution.process_id).await?;
    let today = crate::features::processes::rules::Day::today();
    let context = resources::service::context_of(
        settings,
        solution.theme_id,
        solution.progress,
        solution.territory_id,
        today,
    );
    Ok(resources::service::suggestions(&catalogue, &context)
        .into_iter()
        .map(|e| resources::list::Card::of(e, settings, tr, &context.today))
        .collect())
}

/// The solution at `id`, or 404.
async fn found(state: &AppState, id: i64) -> AppResult<Solution> {
    store::by_id(&state.db, id).await?.ok_or(AppError::NotFound)
}

/// `GET /solutions/{id}`: a solution's page; a merged one leads to the one that was kept.
pub async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let solution = found(&state, id).await?;
    if let Some(kept) = solution
        .merged_into
        .filter(|_| solution.status == SolutionStatus::Merged)
    {
        return Ok(Redirect::permanent(&format!("/solutions/{kept}")).into_response());
    }
    solution_page(
        &state,
        &visitor,
        solution,
        FormErrors::default(),
        Pairs::default(),
    )
    .await
}

/// The solution and the signed-in account, refused unless `allowed` says the visitor may.
async fn allowed(
    state: &AppState,
    visitor: &Visitor,
    id: i64,
    allowed: impl Fn(Rights) -> bool,
) -> AppResult<(Solution, i64)> {
    let account = visitor.require_account()?.id;
    let solution = found(state, id).await?;
    let (_, rights) = rights(state, visitor, &solution).await?;
    if !allowed(rights) {
        return Err(AppError::Forbidden);
    }
    Ok((solution, account))
}

/// `POST /solutions/{id}/etape`: moves the solution to a stage, with its default progress
/// unless another is typed. Carriers and the process team.
pub async fn move_on(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = Pairs(fields);
    let (solution, actor) = allowed(&state, &visitor, id, |r| r.follow).await?;
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    let stages = store::stages(&state.db, solution.process_id).await?;
    let stage = form
        .get("etape")
        .parse::<i64>()
        .ok()
        .and_then(|id| stages.iter().find(|s| s.id == id));
    if stage.is_none() {
        errors.add_message("etape", tr.t("error-stage-unknown"));
    }
    let typed = form.get("avancement");
    let progress = match (typed.is_empty(), stage) {
        (true, Some(stage)) => Some(stage.progress.unwrap_or(solution.progress)),
        _ => errors.check(tr, "avancement", solution::parse_progress(&typed)),
    };
    let (Some(stage), Some(progress), true) = (stage, progress, errors.is_empty()) else {
        return solution_page(&state, &visitor, solution, errors, form).await;
    };
    service::move_on(&state.db, &solution, Some(stage), progress, actor).await?;
    Ok(redirect_with_flash(
        &state,
        &format!("/solutions/{id}#suivi"),
        "flash-solution-moved",
    ))
}

/// `POST /solutions/{id}/jalons`: adds a dated milestone, with a picture or a PDF document if
/// one is chosen (`jalon_fichier`, described in `jalon_fichier_texte`). Carriers and the process
/// team.
pub async fn add_milestone(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Submitted(upload): Submitted,
) -> AppResult<Response> {
    let form = upload.pairs();
    let (solution, actor) = allowed(&state, &visitor, id, |r| r.follow).await?;
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    let day = errors.check(
        tr,
        "jalon_date",
        solution::validate_day(&form.get("jalon_date")),
    );
    let title = errors.check(
        tr,
        "jalon_titre",
        solution::validate_line(&form.get("jalon_titre"), solution::MAX_TITLE_CHARS, true),
    );
    let body = errors.check(
        tr,
        "jalon_texte",
        crate::features::needs::rules::validate_text(
            &form.get("jalon_texte"),
            solution::MAX_NOTE_CHARS,
            false,
        ),
    );
    let description = errors.check(
        tr,
        "jalon_fichier_texte",
        solution::validate_line(
            &form.get("jalon_fichier_texte"),
            media::rules::MAX_DESCRIPTION_CHARS,
            false,
        ),
    );
    let (Some(day), Some(title), Some(body), Some(description), true) =
        (day, title, body, description, errors.is_empty())
    else {
        return solution_page(&state, &visitor, solution, errors, form).await;
    };
    let file = upload.file("jalon_fichier");
    let media_id = if file.is_empty() {
        None
    } else {
        let sent = media::service::Sent {
            bytes: file,
            file_name: upload.file_name("jalon_fichier"),
            description: &description,
        };
        let accepted = media::rules::Accepted::PictureOrDocument;
        match media::service::keep(&state, Some(solution.process_id), actor, sent, accepted).await?
        {
            Ok(media_id) => Some(media_id),
            Err(message) => {
                errors.add_message("jalon_fichier", tr.t(message));
                return solution_page(&state, &visitor, solution, errors, form).await;
            }
        }
    };
    service::add_milestone(&state.db, id, &day, &title, &body, media_id, actor).await?;
    Ok(redirect_with_flash(
        &state,
        &format!("/solutions/{id}#jalons"),
        "flash-milestone-added",
    ))
}

/// `POST /solutions/{id}/reponse`: the process team's official answer, with a public reason.
/// Managers of the process only: a carrier cannot answer their own solution.
pub async fn answer(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = Pairs(fields);
    let (solution, actor) = allowed(&state, &visitor, id, |r| r.answer).await?;
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    let answer = match form.get("reponse").as_str() {
        "" => None,
        other => match other.parse::<Answer>() {
            Ok(answer) => Some(answer),
            Err(_) => {
                errors.add_message("reponse", tr.t("error-answer-unknown"));
                None
            }
        },
    };
    let reason = errors.check(
        tr,
        "motif",
        crate::features::needs::rules::validate_text(
            &form.get("motif"),
            solution::MAX_NOTE_CHARS,
            answer.is_some(),
        ),
    );
    let (Some(reason), true) = (reason, errors.is_empty()) else {
        return solution_page(&state, &visitor, solution, errors, form).await;
    };
    service::answer(&state.db, id, answer, &reason, actor).await?;
    Ok(redirect_with_flash(
        &state,
        &format!("/solutions/{id}#reponse"),
        "flash-solution-answered",
    ))
}

/// `POST /solutions/{id}/besoins`: links more needs (`besoins`: numbers or links), or unlinks
/// one (`retirer`), never the last. Carriers and the process team.
pub async fn links(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = Pairs(fields);
    let (solution, _) = allowed(&state, &visitor, id, |r| r.follow).await?;
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    if let Ok(need) = form.get("retirer").parse::<i64>() {
        if !store::unlink_need(&state.db, id, need).await? {
            errors.add_message("besoins", tr.t("error-last-link"));
            return solution_page(&state, &visitor, solution, errors, form).await;
        }
        return Ok(redirect_with_flash(
            &state,
            &format!("/solutions/{id}#besoins"),
            "flash-links-changed",
        ));
    }
    match solution::need_references(&form.get("besoins")) {
        Ok(ids) if ids.len() > solution::MAX_LINKS => errors.add_message(
            "besoins",
            tr.t1("error-links-too-many", "n", solution::MAX_LINKS),
        ),
        Ok(ids) => match service::check_links(&state.db, solution.process_id, &ids, &[]).await? {
            Ok(()) => {
                store::link_needs(&state.db, id, &ids).await?;
                return Ok(redirect_with_flash(
                    &state,
                    &format!("/solutions/{id}#besoins"),
                    "flash-links-changed",
                ));
            }
            Err(error) => errors.add_message("besoins", link_message(&error, tr)),
        },
        Err(piece) => errors.add_message("besoins", tr.t1("error-need-reference", "piece", piece)),
    }
    solution_page(&state, &visitor, solution, errors, form).await
}

/// Supports one account may give or withdraw in an hour.
const SUPPORTS_PER_HOUR: i64 = 300;

/// `POST /solutions/{id}/soutien`: supports the solution, or withdraws the support
/// (`action=retirer`), while its process is open.
pub async fn support(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = Pairs(fields);
    let account = visitor.require_account()?.id;
    let solution = found(&state, id).await?;
    let (process, _) = rights(&state, &visitor, &solution).await?;
    if solution.status != SolutionStatus::Published {
        return Err(AppError::NotFound);
    }
    if !process.status.is_open() {
        return Err(AppError::Forbidden);
    }
    crate::platform::auth::limit(
        &state,
        &format!("supports:{account}"),
        SUPPORTS_PER_HOUR,
        3_600_000,
    )
    .await?;
    let add = form.get("action") != "retirer";
    store::set_support(&state.db, id, account, add).await?;
    let flash = if add {
        "flash-support-added"
    } else {
        "flash-support-withdrawn"
    };
    Ok(redirect_with_flash(
        &state,
        &format!("/solutions/{id}#soutiens"),
        flash,
    ))
}

/// `POST /solutions/{id}/moderation`: hides the solution with a reason (`masquer`), publishes
/// it again (`publier`), or merges it into the solution numbered in `fusion` (which its
/// address then leads to). The process's moderators.
pub async fn moderate(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = Pairs(fields);
    let (solution, moderator) = allowed(&state, &visitor, id, |r| r.moderate).await?;
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    match form.get("action").as_str() {
        "publier" => {
            moderation::service::set_visibility(
                &state.db,
                Target::Solution(id),
                false,
                None,
                moderator,
            )
            .await?;
        }
        "fusionner" => {
            let kept = solution_reference(&form.get("fusion"));
            let merged = match kept {
                Some(kept) => store::merge(&state.db, id, kept, moderator).await?,
                None => false,
            };
            if !merged {
                errors.add_message("fusion", tr.t("error-merge-solution"));
                return solution_page(&state, &visitor, solution, errors, form).await;
            }
            return Ok(redirect_with_flash(
                &state,
                &format!("/solutions/{}", kept.unwrap_or(id)),
                "flash-solution-merged",
            ));
        }
        _ => {
            let reason = errors.check(
                tr,
                "motif_moderation",
                solution::validate_line(
                    &form.get("motif_moderation"),
                    solution::MAX_NOTE_CHARS,
                    true,
                ),
            );
            let Some(reason) = reason else {
                return solution_page(&state, &visitor, solution, errors, form).await;
            };
            moderation::service::set_visibility(
                &state.db,
                Target::Solution(id),
                true,
                Some(&reason),
                moderator,
            )
            .await?;
        }
    }
    let decision = if form.get("action") == "publier" {
        "restore"
    } else {
        "hide"
    };
    let files = store::media_of(&state.db, id).await?;
    media::store::set_hidden(&state.db, &files, decision == "hide").await?;
    crate::platform::audit::record(
        &state.db,
        Some(moderator),
        &format!("moderation.solution.{decision}"),
        &Target::Solution(id).audit_subject().1,
        &form.get("motif_moderation"),
    )
    .await?;
    Ok(redirect_with_flash(
        &state,
        &format!("/solutions/{id}"),
        "flash-solution-moderated",
    ))
}

/// Which solution a moderator means: its number, or a link to its page.
fn solution_reference(input: &str) -> Option<i64> {
    let input = input.trim();
    let tail = match input.rfind("/solutions/") {
        Some(at) => &input[at + "/solutions/".len()..],
        None => input.trim_start_matches(['n', 'N', '°', 'º', ' ']),
    };
    tail.split(['#', '?', '/'])
        .next()
        .and_then(|digits| digits.parse().ok())
        .filter(|id: &i64| *id > 0)
}

/// Reports one account may make in an hour.
const REPORTS_PER_HOUR: i64 = 20;

/// `POST /solutions/{id}/signalement`: reports the solution to the process's moderators, once
/// per person, with a reason.
pub async fn report(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = Pairs(fields);
    let solution = found(&state, id).await?;
    let reported = Reported {
        target: Target::Solution(id),
        field: "signalement",
        back: format!("/solutions/{id}"),
    };
    file_report(&state, &visitor, solution, reported, form).await
}

/// What is reported from a solution's page: the solution or one of its comments.
pub(crate) struct Reported {
    /// The solution or the comment.
    pub target: Target,
    /// The field holding the reason.
    pub field: &'static str,
    /// Where the reporter returns.
    pub back: String,
}

/// Files a report made on a solution's page, the reason checked (shown again with its error
/// when empty) and the reporter's rate limited.
pub(crate) async fn file_report(
    state: &AppState,
    visitor: &Visitor,
    solution: Solution,
    reported: Reported,
    form: Pairs,
) -> AppResult<Response> {
    let account = visitor.require_account()?.id;
    rights(state, visitor, &solution).await?;
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    let reason = errors.check(
        tr,
        reported.field,
        crate::features::needs::rules::validate_text(
            &form.get(reported.field),
            solution::MAX_NOTE_CHARS,
            true,
        ),
    );
    let Some(reason) = reason else {
        return solution_page(state, visitor, solution, errors, form).await;
    };
    crate::platform::auth::limit(
        state,
        &format!("reports:{account}"),
        REPORTS_PER_HOUR,
        3_600_000,
    )
    .await?;
    moderation::service::report(
        &state.db,
        solution.process_id,
        reported.target,
        account,
        &reason,
    )
    .await?;
    Ok(redirect_with_flash(state, &reported.back, "flash-reported"))
}
