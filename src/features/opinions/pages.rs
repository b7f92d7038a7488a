//! The opinion map of a process (module "carte des opinions"): participants submit short
//! statements and vote d'accord / pas d'accord / passer, one statement at a time, the most
//! informative first; the map shows where everyone stands, the groups, what each stands for
//! and what everyone shares; moderators accept, refuse or withdraw statements.

use std::sync::Arc;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use opinion::{OpinionMap, Side, Vote, VoteMatrix};
use serde::Deserialize;

use crate::features::events;
use crate::features::opinions;
use crate::features::opinions::rules::{
    self as rules, Choice, Decision, ModerationTime, StatementStatus, group_letter,
};
use crate::features::opinions::store::Statement;
use crate::features::processes;
use crate::features::processes::pages::{authorize_in, visible_process};
use crate::features::processes::rules::Module;
use crate::features::processes::store::Process;
use crate::platform::audit;
use crate::platform::auth;
use crate::platform::error::{AppError, AppResult};
use crate::platform::permissions::ProcessAction;
use crate::platform::revision_cache::RevisionCache;
use crate::platform::web::forms::{self, FormErrors};
use crate::platform::web::page::{ActionForm, PageCtx, redirect_with_flash, render, render_form};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// Votes one account may cast (or change) in an hour.
const VOTES_PER_HOUR: i64 = 600;
/// Statements one account may submit in an hour.
const STATEMENTS_PER_HOUR: i64 = 10;
/// Most participants drawn on the map (evenly sampled beyond).
const MAX_DOTS: usize = 2_000;
/// Size of the map's drawing, in SVG units.
const MAP_SIZE: f64 = 600.0;
/// Group colours, readable on white and told apart without colour by their letter.
const GROUP_COLOURS: [&str; 5] = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b"];
/// The colour of participants placed by their votes but in no group (too few votes).
const UNGROUPED_COLOUR: &str = "#6b7785";

/// A process's map, kept until its votes or statements change.
pub struct KeptMap {
    /// The map.
    pub map: OpinionMap,
    /// The statements that count (accepted or withdrawn), by id.
    pub statements: Vec<Statement>,
}

/// Opinion maps by process, with the revision of their votes and statements.
pub type OpinionCache = RevisionCache<(i64, i64, i64, i64), KeptMap>;

/// The process, and whether its opinion map is open for votes today.
pub(super) async fn opinion_process(
    state: &AppState,
    visitor: &Visitor,
    slug: &str,
) -> AppResult<(Process, bool)> {
    let (process, _) = visible_process(state, visitor, slug).await?;
    let settings = state.processes.settings(&state.db, &process).await?;
    let open = settings.opens(&process, Module::OpinionMap);
    Ok((process, open))
}

/// The process if its opinion map takes votes and statements today.
async fn open_process(
    state: &AppState,
    visitor: &Visitor,
    slug: &str,
) -> AppResult<Option<Process>> {
    let (process, open) = opinion_process(state, visitor, slug).await?;
    Ok(open.then_some(process))
}

/// The process's map, computed again only when a vote or a statement changed.
pub(super) async fn current_map(state: &AppState, process_id: i64) -> AppResult<Arc<KeptMap>> {
    let revision = opinions::store::revision(&state.db, process_id).await?;
    if let Some(kept) = state.opinions.get(process_id, &revision) {
        return Ok(kept);
    }
    let statements =
        opinions::store::statements(&state.db, process_id, &StatementStatus::ON_THE_MAP).await?;
    let votes: Vec<Vote> = opinions::store::votes(&state.db, process_id)
        .await?
        .into_iter()
        .map(|(participant, statement, value, at)| Vote {
            participant,
            statement,
            value: value as i8,
            at,
        })
        .collect();
    let ids: Vec<i64> = statements.iter().map(|s| s.id).collect();
    let out: Vec<i64> = statements
        .iter()
        .filter(|s| s.status == StatementStatus::Out)
        .map(|s| s.id)
        .collect();
    let map = tokio::task::spawn_blocking(move || {
        opinion::analyze(&VoteMatrix::new(&votes, &ids, &out), 1)
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(state
        .opinions
        .put(process_id, revision, KeptMap { map, statements }))
}

#[derive(Template)]
#[template(path = "opinions/templates/vote.html")]
struct VotePage {
    page: PageCtx,
    process: Process,
    open: bool,
    next: Option<Statement>,
    voted: usize,
    total: usize,
    statement: String,
    errors: FormErrors,
    premoderation: bool,
    can_moderate: bool,
    /// The process's workshops, for a facilitator entering statements voiced there (empty
    /// for others), after "none".
    workshops: Vec<forms::Choice>,
}

/// The statement form as typed, shown again with its errors.
#[derive(Default)]
struct Typed {
    statement: String,
    workshop: String,
}

async fn vote_page(
    state: &AppState,
    visitor: &Visitor,
    slug: &str,
    typed: Typed,
    errors: FormErrors,
) -> AppResult<Response> {
    let (process, open) = opinion_process(state, visitor, slug).await?;
    let kept = current_map(state, process.id).await?;
    let voted: Vec<i64> = match &visitor.account {
        Some(account) => opinions::store::votes_of(&state.db, process.id, account.id)
            .await?
            .into_iter()
            .map(|(statement, _)| statement)
            .collect(),
        None => Vec::new(),
    };
    let seen: Vec<bool> = kept
        .map
        .statements
        .iter()
        .map(|s| voted.contains(s))
        .collect();
    let next = kept
        .map
        .next_statement(&seen)
        .and_then(|c| {
            kept.statements
                .iter()
                .find(|s| s.id == kept.map.statements[c])
        })
        .cloned();
    let accepted = kept
        .statements
        .iter()
        .filter(|s| s.status == StatementStatus::Accepted);
    let roles = match &visitor.account {
        Some(account) => processes::store::roles_in(&state.db, process.id, account.id).await?,
        None => Vec::new(),
    };
    let workshops = if visitor.may_in_process(&roles, ProcessAction::Facilitate) {
        let none = (String::new(), visitor.tr().t("opinions-workshop-none"));
        let titles = events::store::titles_of_process(&state.db, process.id).await?;
        let workshops = titles
            .into_iter()
            .map(|(id, title)| (id.to_string(), title));
        forms::Choice::list(std::iter::once(none).chain(workshops), &typed.workshop)
    } else {
        Vec::new()
    };
    let valid = errors.is_empty();
    render_form(
        &VotePage {
            page: PageCtx::new(state, visitor),
            open,
            next,
            voted: accepted.clone().filter(|s| voted.contains(&s.id)).count(),
            total: accepted.count(),
            statement: typed.statement,
            workshops,
            errors,
            premoderation: process.opinion_premoderation,
            can_moderate: visitor.may_in_process(&roles, ProcessAction::Moderate),
            process,
        },
        valid,
    )
}

/// `GET /demarches/{slug}/opinions`: the next statement to vote on, and the form to add one.
pub async fn vote_form(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    vote_page(
        &state,
        &visitor,
        &slug,
        Typed::default(),
        FormErrors::default(),
    )
    .await
}

/// A vote.
#[derive(Deserialize)]
pub struct VoteForm {
    #[serde(default)]
    proposition: i64,
    #[serde(default)]
    vote: String,
}

/// `POST /demarches/{slug}/opinions/votes`: records a vote (a new one replaces the last),
/// then shows the next statement.
pub async fn vote(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Form(form): Form<VoteForm>,
) -> AppResult<Response> {
    let account = visitor.require_account()?;
    let here = format!("/demarches/{slug}/opinions");
    let Some(process) = open_process(&state, &visitor, &slug).await? else {
        return Ok(redirect_with_flash(&state, &here, "flash-opinions-closed"));
    };
    let value = form
        .vote
        .parse::<Choice>()
        .map_err(|_| AppError::BadRequest)?
        .value();
    let statement = opinions::store::statement(&state.db, form.proposition)
        .await?
        .filter(|s| s.process_id == process.id && s.status == StatementStatus::Accepted)
        .ok_or(AppError::NotFound)?;
    auth::limit(
        &state,
        &format!("opinion-votes:{}", account.id),
        VOTES_PER_HOUR,
        3_600_000,
    )
    .await?;
    opinions::store::vote(&state.db, process.id, statement.id, account.id, value).await?;
    Ok(redirect_with_flash(&state, &here, "flash-opinion-voted"))
}

/// A new statement, possibly voiced at a workshop (facilitators).
#[derive(Deserialize)]
pub struct StatementForm {
    #[serde(default)]
    statement: String,
    #[serde(default)]
    atelier: String,
}

/// `POST /demarches/{slug}/opinions/propositions`: adds a statement, published at once or
/// after moderation as the process chose; a facilitator may enter it on behalf of one of the
/// process's workshops (`atelier`), anyone else is refused that.
pub async fn submit(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Form(form): Form<StatementForm>,
) -> AppResult<Response> {
    let account = visitor.require_account()?;
    let here = format!("/demarches/{slug}/opinions");
    let Some(process) = open_process(&state, &visitor, &slug).await? else {
        return Ok(redirect_with_flash(&state, &here, "flash-opinions-closed"));
    };
    let tr = visitor.tr();
    let mut errors = FormErrors::default();
    let workshop = match form.atelier.trim() {
        "" => None,
        chosen => {
            authorize_in(&state, &visitor, process.id, ProcessAction::Facilitate).await?;
            let found = match chosen.parse::<i64>() {
                Ok(id) => events::store::by_id(&state.db, id)
                    .await?
                    .filter(|e| e.process_id == process.id),
                Err(_) => None,
            };
            if found.is_none() {
                errors.add_message("atelier", tr.t("opinions-error-workshop"));
            }
            found.map(|e| e.id)
        }
    };
    let body = errors.check(tr, "statement", rules::validate_statement(&form.statement));
    let Some(body) = body.filter(|_| errors.is_empty()) else {
        let typed = Typed {
            statement: form.statement,
            workshop: form.atelier,
        };
        return vote_page(&state, &visitor, &slug, typed, errors).await;
    };
    auth::limit(
        &state,
        &format!("opinion-statements:{}", account.id),
        STATEMENTS_PER_HOUR,
        3_600_000,
    )
    .await?;
    let premoderation = process.opinion_premoderation;
    let status = StatementStatus::of_new(premoderation);
    opinions::store::create_statement(&state.db, process.id, &body, account.id, workshop, status)
        .await?;
    let flash = if premoderation {
        "flash-statement-pending"
    } else {
        "flash-statement-published"
    };
    Ok(redirect_with_flash(&state, &here, flash))
}

/// A participant's dot on the map.
struct Dot {
    x: f64,
    y: f64,
    colour: &'static str,
}

/// A group as the map page shows it.
struct GroupView {
    letter: char,
    colour: &'static str,
    size: usize,
    outline: String,
    statements: Vec<StatementLine>,
}

/// A statement with the share of votes behind it.
struct StatementLine {
    text: String,
    agree: bool,
    percent: i64,
    votes: i64,
}

#[derive(Template)]
#[template(path = "opinions/templates/map.html")]
struct MapPage {
    page: PageCtx,
    process: Process,
    dots: Vec<Dot>,
    me: Option<(f64, f64)>,
    my_group: Option<char>,
    my_votes: usize,
    groups: Vec<GroupView>,
    consensus: Vec<StatementLine>,
    participants: usize,
    /// Participants placed on the map but in no group (too few votes).
    ungrouped: usize,
    /// Votes that admit a participant to the groups.
    votes_to_join: usize,
    /// The colour of the dots of participants in no group.
    ungrouped_colour: &'static str,
    size: f64,
}

/// Places a map coordinate in the drawing: the farthest participant lands near the edge.
struct Frame {
    scale: f64,
}

impl Frame {
    fn new(map: &OpinionMap) -> Frame {
        let reach = map
            .places
            .iter()
            .map(|p| p.x.abs().max(p.y.abs()))
            .fold(0.0f64, f64::max);
        Frame {
            scale: if reach > 0.0 {
                MAP_SIZE * 0.45 / reach
            } else {
                1.0
            },
        }
    }

    fn place(&self, x: f64, y: f64) -> (f64, f64) {
        let round = |v: f64| (v * 10.0).round() / 10.0;
        (
            round(MAP_SIZE / 2.0 + x * self.scale),
            round(MAP_SIZE / 2.0 - y * self.scale),
        )
    }
}

fn statement_line(
    kept: &KeptMap,
    column: usize,
    side: Side,
    successes: u32,
    trials: u32,
) -> StatementLine {
    let id = kept.map.statements[column];
    StatementLine {
        text: kept
            .statements
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.body.clone())
            .unwrap_or_default(),
        agree: side == Side::Agree,
        percent: if trials > 0 {
            (f64::from(successes) * 100.0 / f64::from(trials)).round() as i64
        } else {
            0
        },
        votes: i64::from(trials),
    }
}

/// `GET /demarches/{slug}/opinions/carte`: where everyone stands, the groups and what each
/// stands for, what everyone shares, and where the signed-in participant is.
pub async fn map(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let (process, _) = opinion_process(&state, &visitor, &slug).await?;
    let kept = current_map(&state, process.id).await?;
    let map = &kept.map;
    let frame = Frame::new(map);
    let colour =
        |g: Option<usize>| g.map_or(UNGROUPED_COLOUR, |g| GROUP_COLOURS[g % GROUP_COLOURS.len()]);
    let step = map.places.len().div_ceil(MAX_DOTS).max(1);
    let dots = map
        .places
        .iter()
        .step_by(step)
        .map(|p| {
            let (x, y) = frame.place(p.x, p.y);
            Dot {
                x,
                y,
                colour: colour(p.group),
            }
        })
        .collect();
    let groups = map
        .groups
        .iter()
        .enumerate()
        .map(|(g, group)| {
            let points: Vec<[f64; 2]> = map
                .places
                .iter()
                .filter(|p| p.group == Some(g))
                .map(|p| [p.x, p.y])
                .collect();
            let outline = opinion::hull::convex_hull(&points)
                .into_iter()
                .map(|[x, y]| {
                    let (x, y) = frame.place(x, y);
                    format!("{x},{y}")
                })
                .collect::<Vec<_>>()
                .join(" ");
            GroupView {
                letter: group_letter(g),
                colour: colour(Some(g)),
                size: group.members.len(),
                outline,
                statements: group
                    .representative
                    .iter()
                    .map(|s| statement_line(&kept, s.column, s.side, s.successes, s.trials))
                    .collect(),
            }
        })
        .collect();
    let consensus = map.consensus[0]
        .iter()
        .chain(&map.consensus[1])
        .map(|s| statement_line(&kept, s.column, s.side, s.successes, s.trials))
        .collect();
    let mine = visitor
        .account
        .as_ref()
        .and_then(|a| map.places.iter().find(|p| p.participant == a.id));
    render(&MapPage {
        page: PageCtx::new(&state, &visitor),
        me: mine.map(|p| frame.place(p.x, p.y)),
        my_group: mine.and_then(|p| p.group).map(group_letter),
        my_votes: mine.map_or(0, |p| p.votes),
        participants: map.places.len(),
        ungrouped: map.places.iter().filter(|p| p.group.is_none()).count(),
        votes_to_join: map.votes_to_join,
        ungrouped_colour: UNGROUPED_COLOUR,
        dots,
        groups,
        consensus,
        size: MAP_SIZE,
        process,
    })
}

#[derive(Template)]
#[template(path = "opinions/templates/moderation.html")]
struct ModerationPage {
    page: PageCtx,
    process: Process,
    pending: Vec<Statement>,
    published: Vec<Statement>,
    premoderation: bool,
    /// Whether the visitor may change the setting and print the report (managers).
    can_edit: bool,
}

/// `GET /demarches/{slug}/opinions/moderation`: statements waiting, and those published.
pub async fn moderation(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let (process, roles) = visible_process(&state, &visitor, &slug).await?;
    authorize_in(&state, &visitor, process.id, ProcessAction::Moderate).await?;
    render(&ModerationPage {
        can_edit: visitor.may_in_process(&roles, ProcessAction::Edit),
        page: PageCtx::new(&state, &visitor),
        pending: opinions::store::statements(&state.db, process.id, &[StatementStatus::Pending])
            .await?,
        published: opinions::store::statements(&state.db, process.id, &[StatementStatus::Accepted])
            .await?,
        premoderation: process.opinion_premoderation,
        process,
    })
}

/// `POST /opinions/propositions/{id}/moderation`: `accepter`, `refuser` or `retirer` (a
/// statement withdrawn after votes counts as a pass for everyone); in the audit log.
pub async fn decide(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(form): Form<ActionForm>,
) -> AppResult<Response> {
    let statement = opinions::store::statement(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let account = authorize_in(
        &state,
        &visitor,
        statement.process_id,
        ProcessAction::Moderate,
    )
    .await?;
    let status = form
        .action
        .parse::<Decision>()
        .map_err(|_| AppError::BadRequest)?
        .status();
    opinions::store::moderate(&state.db, id, status, account.id).await?;
    audit::record(
        &state.db,
        Some(account.id),
        &format!("opinion.statement.{status}"),
        &format!("statement:{id}"),
        &statement.body,
    )
    .await?;
    let process = processes::store::by_id(&state.db, statement.process_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(redirect_with_flash(
        &state,
        &format!("/demarches/{}/opinions/moderation", process.slug),
        "flash-statement-moderated",
    ))
}

/// The moderation setting.
#[derive(Deserialize)]
pub struct SettingForm {
    #[serde(default)]
    moderation: String,
}

/// `POST /demarches/{slug}/opinions/reglage`: managers choose whether statements are
/// moderated before or after publication.
pub async fn setting(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
    Form(form): Form<SettingForm>,
) -> AppResult<Response> {
    let (process, _) = visible_process(&state, &visitor, &slug).await?;
    authorize_in(&state, &visitor, process.id, ProcessAction::Edit).await?;
    let before = match form.moderation.parse() {
        Ok(ModerationTime::Before) => true,
        Ok(ModerationTime::After) => false,
        Err(_) => return Err(AppError::BadRequest),
    };
    opinions::store::set_premoderation(&state.db, process.id, before).await?;
    Ok(redirect_with_flash(
        &state,
        &format!("/demarches/{slug}/opinions/moderation"),
        "flash-process-saved",
    ))
}
