//! Answering: a questionnaire's opening page, then one page per section shown (conditions
//! decided on earlier answers), saved section by section so that whoever leaves comes back
//! where they were (signed in: by their account, one response each; anonymous: by a resume
//! token kept in their browser); the team's preview, and its paper entry of whole
//! questionnaires from the keyboard, attributed to a workshop or to « saisie papier ».
//! Everything works without JavaScript.

use std::collections::HashSet;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};

use crate::features::events;
use crate::features::processes::rules::Day;
use crate::features::processes::store::Process;
use crate::features::questionnaires::asked::{Asked, Given, PickMap, asked};
use crate::features::questionnaires::build::{intro_html, state_said};
use crate::features::questionnaires::reading::{
    chosen_items, read_page, read_whole, shown_sections,
};
use crate::features::questionnaires::rules::{
    self, AnswerRow, Kind, Opening, Question, Section, Source,
};
use crate::features::questionnaires::service::{self, Loaded};
use crate::features::questionnaires::store::{self, Progress, Questionnaire, Respondent, Saving};
use crate::features::territories::maps::{Colouring, MapTexts};
use crate::platform::auth::{self, ClientIp};
use crate::platform::error::{AppError, AppResult};
use crate::platform::i18n::Tr;
use crate::platform::secrets;
use crate::platform::web::forms::{Choice, Pairs};
use crate::platform::web::page::{PageCtx, redirect_with_flash, render, render_form};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// How long an anonymous respondent's resume token is kept by their browser (90 days).
const RESUME_COOKIE_SECS: i64 = 90 * 24 * 3600;
/// Anonymous responses begun from one address per hour.
const ANONYMOUS_STARTS_PER_HOUR: i64 = 60;

/// The resume cookie of a questionnaire.
fn resume_cookie(id: i64) -> String {
    format!("concerto_questionnaire_{id}")
}

/// The visitor's response to a questionnaire, if they began one.
async fn progress(
    state: &AppState,
    visitor: &Visitor,
    headers: &HeaderMap,
    q: &Questionnaire,
) -> AppResult<Option<Progress>> {
    if let Some(account) = &visitor.account {
        return Ok(store::progress_of_account(&state.db, q.id, account.id).await?);
    }
    match state.cookies().get(headers, &resume_cookie(q.id)) {
        Some(token) => {
            Ok(store::progress_by_resume(&state.db, q.id, &secrets::token_digest(token)).await?)
        }
        None => Ok(None),
    }
}

/// Whether the questionnaire takes answers today (published, its process open, within its dates).
fn takes_answers(loaded: &Loaded) -> bool {
    let q = &loaded.questionnaire;
    q.published
        && loaded.process.status.is_open()
        && rules::opening(q.opens_on.as_deref(), q.closes_on.as_deref(), Day::today())
            == Opening::Open
}

#[derive(Template)]
#[template(path = "questionnaires/templates/intro.html")]
struct IntroPage {
    page: PageCtx,
    process: Process,
    questionnaire: Questionnaire,
    intro: String,
    state: String,
    open: bool,
    sections: usize,
    questions: usize,
    progress: Option<Progress>,
    runs: bool,
    results_visible: bool,
    needs_account: bool,
}

/// `GET /questionnaires/{id}`: what the questionnaire is about, whether it is open, and the
/// way in (start, resume where one left off, or thanks for an answer given).
pub async fn intro(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let loaded = service::load(&state, &visitor, id).await?;
    let sections = service::structure(&state, &loaded.questionnaire).await?;
    let progress = progress(&state, &visitor, &headers, &loaded.questionnaire).await?;
    let q = &loaded.questionnaire;
    render(&IntroPage {
        page: PageCtx::new(&state, &visitor),
        intro: intro_html(q),
        state: state_said(q, visitor.tr()),
        open: takes_answers(&loaded),
        sections: sections.len(),
        questions: sections.iter().map(|s| s.questions.len()).sum(),
        progress,
        runs: loaded.runs,
        results_visible: q.results_public || loaded.runs,
        needs_account: q.signed_in_only && visitor.account.is_none(),
        questionnaire: loaded.questionnaire,
        process: loaded.process,
    })
}

#[derive(Template)]
#[template(path = "questionnaires/templates/section.html")]
struct SectionPage {
    page: PageCtx,
    process: Process,
    questionnaire: Questionnaire,
    section: Section,
    /// Rank among the sections shown, from 1, and how many are shown.
    step: usize,
    steps: usize,
    step_said: String,
    /// The section's address rank (from 1).
    rank: usize,
    previous: Option<usize>,
    asked: Vec<Asked>,
    /// Whether a place is picked on a map (the page then loads the map script).
    picks_on_map: bool,
    errors: usize,
    last: bool,
}

/// The condition of a question said, when it is decided on its own page (a choice of a
/// question of the same page), so that a person without JavaScript knows when to answer.
fn page_condition(question: &Question, page: &[&Question], tr: Tr) -> Option<String> {
    let choice = question.shown_if_choice?;
    page.iter().find_map(|q| {
        q.choices.iter().find(|c| c.id == choice).map(|c| {
            tr.t_args(
                "questionnaire-answer-if",
                &[("choice", &c.label), ("question", &q.label)],
            )
        })
    })
}

/// The questions a page asks: those whose condition is met by earlier pages' choices or
/// decided on the page itself.
fn page_questions<'a>(section: &'a Section, earlier: &HashSet<i64>) -> Vec<&'a Question> {
    let on_page: HashSet<i64> = section
        .questions
        .iter()
        .flat_map(|q| q.choices.iter().map(|c| c.id))
        .collect();
    section
        .questions
        .iter()
        .filter(|q| {
            q.shown_if_choice
                .is_none_or(|c| on_page.contains(&c) || earlier.contains(&c))
        })
        .collect()
}

/// The choices made on pages other than `rank`.
fn earlier_choices(sections: &[Section], rows: &[AnswerRow], rank: usize) -> HashSet<i64> {
    let here: HashSet<i64> = sections[rank].questions.iter().map(|q| q.id).collect();
    let others: Vec<AnswerRow> = rows
        .iter()
        .filter(|r| !here.contains(&r.question_id))
        .cloned()
        .collect();
    chosen_items(sections.iter().flat_map(|s| s.questions.iter()), &others)
}

/// The map of the process's communes a place is picked on, or of its IRIS where the
/// territory holds their boundaries when an IRIS is asked for (none where the territory has
/// no boundaries).
async fn pick_map(
    state: &AppState,
    loaded: &Loaded,
    tr: Tr,
    field: &str,
    iris: bool,
) -> AppResult<Option<PickMap>> {
    let (title, description) = if iris {
        (
            "questionnaire-pick-iris-map-title",
            "questionnaire-pick-iris-map-description",
        )
    } else {
        (
            "questionnaire-pick-map-title",
            "questionnaire-pick-map-description",
        )
    };
    let title = tr.t1(title, "title", &loaded.process.title);
    let mut texts = MapTexts::population(tr, title, description);
    texts.iris = iris;
    let field_map = format!("carte-{field}");
    let map = service::unlinked_map(state, loaded, Colouring::Plain, texts, &field_map).await?;
    Ok((!map.drawn_codes.is_empty()).then(|| PickMap {
        svg: map.svg.clone(),
        codes: map.drawn_codes.join(" "),
    }))
}

async fn section_page(
    state: &AppState,
    visitor: &Visitor,
    loaded: Loaded,
    sections: &[Section],
    rows: &[AnswerRow],
    rank: usize,
    typed: Option<(&Pairs, &[(i64, rules::AnswerError)])>,
) -> AppResult<Response> {
    let tr = visitor.tr();
    let chosen = chosen_items(sections.iter().flat_map(|s| s.questions.iter()), rows);
    let shown = shown_sections(sections, &chosen);
    let step = shown.iter().position(|&r| r == rank).map_or(1, |p| p + 1);
    let previous = shown
        .iter()
        .take_while(|&&r| r < rank)
        .last()
        .map(|r| r + 1);
    let earlier = earlier_choices(sections, rows, rank);
    let places = service::places(state, &loaded, sections).await?;
    let section = sections[rank].clone();
    let questions = page_questions(&section, &earlier);
    let errors = typed.map_or(&[][..], |(_, e)| e);
    let mut asked: Vec<Asked> = questions
        .iter()
        .map(|q| {
            let given = match typed {
                Some((form, _)) => Given::Typed(form),
                None => Given::Stored(rows),
            };
            let error = errors
                .iter()
                .find(|(id, _)| *id == q.id)
                .map(|(_, e)| e.message(tr));
            asked(
                q,
                &given,
                &places,
                page_condition(q, &questions, tr),
                error,
                tr,
            )
        })
        .collect();
    for (place, question) in asked.iter_mut().zip(&questions) {
        if place.widget == "select" {
            let iris = question.kind == Kind::Iris;
            place.map = pick_map(state, &loaded, tr, &place.field, iris).await?;
        }
    }
    let page = SectionPage {
        page: PageCtx::new(state, visitor),
        process: loaded.process,
        questionnaire: loaded.questionnaire,
        step,
        steps: shown.len(),
        step_said: tr.t_args(
            "questionnaire-step",
            &[
                ("step", &step.to_string()),
                ("steps", &shown.len().to_string()),
            ],
        ),
        rank: rank + 1,
        previous,
        last: shown.last() == Some(&rank),
        errors: errors.len(),
        picks_on_map: asked.iter().any(|a| a.map.is_some()),
        asked,
        section,
    };
    render_form(&page, page.errors == 0)
}

/// The questionnaire and the visitor's progress, for a section page: refused when it does not
/// take answers or needs an account; a submitted response goes back to the opening page.
async fn answering(
    state: &AppState,
    visitor: &Visitor,
    headers: &HeaderMap,
    id: i64,
) -> AppResult<Result<(Loaded, Option<Progress>), Response>> {
    let loaded = service::load(state, visitor, id).await?;
    if !takes_answers(&loaded) {
        return Ok(Err(
            Redirect::to(&format!("/questionnaires/{id}")).into_response()
        ));
    }
    if loaded.questionnaire.signed_in_only {
        visitor.require_account()?;
    }
    let progress = progress(state, visitor, headers, &loaded.questionnaire).await?;
    if progress.is_some_and(|p| p.submitted) {
        return Ok(Err(
            Redirect::to(&format!("/questionnaires/{id}")).into_response()
        ));
    }
    Ok(Ok((loaded, progress)))
}

/// The section rank to show for an address rank: itself when it is shown and reached, else
/// the section to answer next.
fn reachable(
    sections: &[Section],
    rows: &[AnswerRow],
    progress: Option<Progress>,
    asked: usize,
) -> usize {
    let chosen = chosen_items(sections.iter().flat_map(|s| s.questions.iter()), rows);
    let shown = shown_sections(sections, &chosen);
    let next = progress.map_or(0, |p| p.next_section as usize);
    let next_shown = shown
        .iter()
        .copied()
        .find(|&r| r >= next)
        .or(shown.last().copied())
        .unwrap_or(0);
    if asked >= 1 && shown.contains(&(asked - 1)) && asked - 1 <= next_shown {
        asked - 1
    } else {
        next_shown
    }
}

/// `GET /questionnaires/{id}/sections/{rank}`: a section's page, with what was answered.
pub async fn show_section(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: HeaderMap,
    Path((id, rank)): Path<(i64, usize)>,
) -> AppResult<Response> {
    let (loaded, progress) = match answering(&state, &visitor, &headers, id).await? {
        Ok(found) => found,
        Err(redirect) => return Ok(redirect),
    };
    let sections = service::structure(&state, &loaded.questionnaire).await?;
    if sections.is_empty() {
        return Err(AppError::NotFound);
    }
    let rows = match progress {
        Some(p) => store::answers_of(&state.db, p.id).await?,
        None => Vec::new(),
    };
    let at = reachable(&sections, &rows, progress, rank);
    if at + 1 != rank {
        return Ok(
            Redirect::to(&format!("/questionnaires/{id}/sections/{}", at + 1)).into_response(),
        );
    }
    section_page(&state, &visitor, loaded, &sections, &rows, at, None).await
}

/// `POST /questionnaires/{id}/sections/{rank}`: saves a section's answers (every question of
/// the section replaced at once), then goes to the next section shown, or submits the
/// response after the last one (answers to sections a changed choice now hides are removed).
/// A refused answer is said next to its question, with everything typed kept.
pub async fn save_section(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    Path((id, rank)): Path<(i64, usize)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (loaded, progress) = match answering(&state, &visitor, &headers, id).await? {
        Ok(found) => found,
        Err(redirect) => return Ok(redirect),
    };
    let sections = service::structure(&state, &loaded.questionnaire).await?;
    let form = Pairs(fields);
    let stored = match progress {
        Some(p) => store::answers_of(&state.db, p.id).await?,
        None => Vec::new(),
    };
    let at = reachable(&sections, &stored, progress, rank);
    if at + 1 != rank || sections.is_empty() {
        return Ok(
            Redirect::to(&format!("/questionnaires/{id}/sections/{}", at + 1)).into_response(),
        );
    }
    let earlier = earlier_choices(&sections, &stored, at);
    let places = service::places(&state, &loaded, &sections).await?;
    let questions = page_questions(&sections[at], &earlier);
    let (rows, errors) = read_page(&questions, &form, &earlier, &places);
    if !errors.is_empty() {
        return section_page(
            &state,
            &visitor,
            loaded,
            &sections,
            &stored,
            at,
            Some((&form, &errors)),
        )
        .await;
    }
    // What the response holds once this page is saved, and where it goes next.
    let here: HashSet<i64> = sections[at].questions.iter().map(|q| q.id).collect();
    let mut after: Vec<AnswerRow> = stored
        .into_iter()
        .filter(|r| !here.contains(&r.question_id))
        .collect();
    after.extend(rows.iter().cloned());
    let chosen = chosen_items(sections.iter().flat_map(|s| s.questions.iter()), &after);
    let shown = shown_sections(&sections, &chosen);
    let next = shown.iter().copied().find(|&r| r > at);
    let mut replaced: Vec<i64> = here.into_iter().collect();
    if next.is_none() {
        // Submitting: answers left on sections now hidden go.
        for (r, section) in sections.iter().enumerate() {
            if !shown.contains(&r) {
                replaced.extend(section.questions.iter().map(|q| q.id));
            }
        }
    }
    let mut respondent = Respondent {
        account_id: visitor.account.as_ref().map(|a| a.id),
        resume_hash: None,
        source: Source::Online,
        event_id: None,
        entered_by: None,
    };
    let mut new_token = None;
    if progress.is_none() && respondent.account_id.is_none() {
        auth::limit(
            &state,
            &format!("questionnaire-start:{ip}"),
            ANONYMOUS_STARTS_PER_HOUR,
            3_600_000,
        )
        .await?;
        let token = secrets::new_token();
        respondent.resume_hash = Some(secrets::token_digest(&token));
        new_token = Some(token);
    }
    let next_section = next.unwrap_or(sections.len()) as i64;
    let saving = Saving {
        response_id: progress.map(|p| p.id),
        respondent: &respondent,
        replaced: &replaced,
        rows: &rows,
        next_section,
        submit: next.is_none(),
    };
    store::save(&state.db, id, &saving).await?;
    let mut response = match next {
        Some(n) => {
            Redirect::to(&format!("/questionnaires/{id}/sections/{}", n + 1)).into_response()
        }
        None => redirect_with_flash(
            &state,
            &format!("/questionnaires/{id}"),
            "flash-questionnaire-thanks",
        ),
    };
    if let Some(token) = new_token {
        response.headers_mut().append(
            header::SET_COOKIE,
            state
                .cookies()
                .set(&resume_cookie(id), &token, RESUME_COOKIE_SECS),
        );
    }
    Ok(response)
}

#[derive(Template)]
#[template(path = "questionnaires/templates/paper.html")]
struct PaperPage {
    page: PageCtx,
    process: Process,
    questionnaire: Questionnaire,
    /// Each section with its questions.
    sections: Vec<(Section, Vec<Asked>)>,
    workshops: Vec<Choice>,
    /// Whether this is the preview (no saving).
    preview: bool,
    errors: usize,
    entered: i64,
}

/// The whole questionnaire on one page: every question, its condition said.
async fn paper_page(
    state: &AppState,
    visitor: &Visitor,
    loaded: Loaded,
    sections: Vec<Section>,
    preview: bool,
    typed: Option<(&Pairs, &[(i64, rules::AnswerError)])>,
) -> AppResult<Response> {
    let tr = visitor.tr();
    let places = service::places(state, &loaded, &sections).await?;
    let all: Vec<&Question> = sections.iter().flat_map(|s| s.questions.iter()).collect();
    let errors = typed.map_or(&[][..], |(_, e)| e);
    let drawn = sections
        .iter()
        .map(|section| {
            let asked = section
                .questions
                .iter()
                .map(|q| {
                    let given = match typed {
                        Some((form, _)) => Given::Typed(form),
                        None => Given::Stored(&[]),
                    };
                    let error = errors
                        .iter()
                        .find(|(id, _)| *id == q.id)
                        .map(|(_, e)| e.message(tr));
                    asked(q, &given, &places, page_condition(q, &all, tr), error, tr)
                })
                .collect();
            (section.clone(), asked)
        })
        .collect();
    let chosen = typed.map(|(f, _)| f.get("atelier")).unwrap_or_default();
    let workshops = std::iter::once(Choice::new(
        "",
        tr.t("questionnaire-paper-no-workshop"),
        &chosen,
    ))
    .chain(
        events::store::titles_of_process(&state.db, loaded.process.id)
            .await?
            .into_iter()
            .map(|(id, title)| Choice::new(id.to_string(), title, &chosen)),
    )
    .collect();
    let (_, entered) = store::submitted_counts(&state.db, loaded.questionnaire.id).await?;
    let page = PaperPage {
        page: PageCtx::new(state, visitor),
        process: loaded.process,
        questionnaire: loaded.questionnaire,
        sections: drawn,
        workshops,
        preview,
        errors: errors.len(),
        entered,
    };
    render_form(&page, page.errors == 0)
}

/// The whole questionnaire on one page for the team: a preview, or the paper entry form.
async fn whole(state: &AppState, visitor: &Visitor, id: i64, preview: bool) -> AppResult<Response> {
    let loaded = service::load_run(state, visitor, id).await?;
    let sections = store::structure(&state.db, id).await?;
    paper_page(state, visitor, loaded, sections, preview, None).await
}

/// `GET /gestion/questionnaires/{id}/apercu`: the whole questionnaire as respondents will read
/// it, without saving. The team.
pub async fn preview(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    whole(&state, &visitor, id, true).await
}

/// `GET /gestion/questionnaires/{id}/saisie`: entering a paper questionnaire. The team.
pub async fn paper(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    whole(&state, &visitor, id, false).await
}

/// `POST /gestion/questionnaires/{id}/saisie`: saves a paper questionnaire, submitted at once,
/// attributed to a workshop of the process (`atelier`) or to « saisie papier », entered by the
/// visitor; conditions decided by the answers typed. The team.
pub async fn save_paper(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let account = visitor.require_account()?.id;
    let loaded = service::load_run(&state, &visitor, id).await?;
    let sections = store::structure(&state.db, id).await?;
    let form = Pairs(fields);
    let event_id = match form.get("atelier").as_str() {
        "" => None,
        typed => {
            let wanted = typed.parse::<i64>().map_err(|_| AppError::BadRequest)?;
            let known = events::store::titles_of_process(&state.db, loaded.process.id).await?;
            Some(
                known
                    .iter()
                    .find(|(id, _)| *id == wanted)
                    .ok_or(AppError::BadRequest)?
                    .0,
            )
        }
    };
    let places = service::places(&state, &loaded, &sections).await?;
    let (rows, errors) = read_whole(&sections, &form, &places);
    if !errors.is_empty() {
        return paper_page(
            &state,
            &visitor,
            loaded,
            sections,
            false,
            Some((&form, &errors)),
        )
        .await;
    }
    let respondent = Respondent {
        account_id: None,
        resume_hash: None,
        source: Source::Paper,
        event_id,
        entered_by: Some(account),
    };
    let saving = Saving {
        response_id: None,
        respondent: &respondent,
        replaced: &[],
        rows: &rows,
        next_section: sections.len() as i64,
        submit: true,
    };
    store::save(&state.db, id, &saving).await?;
    Ok(redirect_with_flash(
        &state,
        &format!("/gestion/questionnaires/{id}/saisie"),
        "flash-questionnaire-paper-saved",
    ))
}
