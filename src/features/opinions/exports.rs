//! What a conversation gives out: its votes, statements and groups in Polis's open-data
//! format (for the team and the public), and the printable report for the team.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;

use crate::features::opinions;
use crate::features::opinions::pages::{current_map, opinion_process};
use crate::features::opinions::rules::{self as rules, StatementStatus, group_letter};
use crate::features::processes::pages::authorize_in;
use crate::features::processes::store::Process;
use crate::platform::error::{AppError, AppResult};
use crate::platform::permissions::ProcessAction;
use crate::platform::web::page::{PageCtx, render};
use crate::platform::web::visitor::Visitor;
use crate::state::AppState;

/// `GET /demarches/{slug}/opinions/export/{file}`: the conversation in Polis's open-data
/// format — `votes.csv`, `comments.csv` or `participants-votes.csv` (with each participant's
/// `group-id`). Participants and statements are numbered 0, 1, 2… in the map's order, then
/// whoever voted and whatever was published since the map was computed (no group yet): no
/// account identifier leaves the platform, and no vote is left out.
pub async fn export(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((slug, file)): Path<(String, String)>,
) -> AppResult<Response> {
    let (process, _) = opinion_process(&state, &visitor, &slug).await?;
    if !matches!(
        file.as_str(),
        "votes.csv" | "comments.csv" | "participants-votes.csv"
    ) {
        return Err(AppError::NotFound);
    }
    let kept = current_map(&state, process.id).await?;
    let map = &kept.map;
    // Read after the map: what arrived in between is numbered after what the map holds.
    let statements =
        opinions::store::statements(&state.db, process.id, &StatementStatus::ON_THE_MAP).await?;
    let votes = opinions::store::votes(&state.db, process.id).await?;
    let people = rules::Numbering::new(
        map.places.iter().map(|p| p.participant),
        votes
            .iter()
            .map(|v| v.0)
            .chain(statements.iter().filter_map(|s| s.author_id)),
    );
    let columns = rules::Numbering::new(
        map.statements.iter().copied(),
        statements.iter().map(|s| s.id),
    );
    let group: std::collections::HashMap<i64, usize> = map
        .places
        .iter()
        .filter_map(|p| Some((p.participant, p.group?)))
        .collect();
    let number = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut rows: Vec<Vec<String>> = Vec::new();
    match file.as_str() {
        "votes.csv" => {
            rows.push(
                ["timestamp", "datetime", "comment-id", "voter-id", "vote"]
                    .map(String::from)
                    .to_vec(),
            );
            let mut sorted: Vec<&(i64, i64, i64, i64)> = votes.iter().collect();
            sorted.sort_by_key(|(user, statement, _, at)| (*at, *user, *statement));
            for (user, statement, value, at) in sorted {
                rows.push(vec![
                    at.to_string(),
                    crate::platform::clock::format_utc(*at),
                    number(columns.of(*statement)),
                    number(people.of(*user)),
                    value.to_string(),
                ]);
            }
        }
        "comments.csv" => {
            rows.push(
                [
                    "timestamp",
                    "datetime",
                    "comment-id",
                    "author-id",
                    "agrees",
                    "disagrees",
                    "moderated",
                    "comment-body",
                ]
                .map(String::from)
                .to_vec(),
            );
            let mut tallies = vec![(0usize, 0usize); columns.ids().len()];
            for (_, statement, value, _) in &votes {
                if let Some(c) = columns.of(*statement) {
                    tallies[c].0 += usize::from(*value == 1);
                    tallies[c].1 += usize::from(*value == -1);
                }
            }
            for (c, id) in columns.ids().iter().enumerate() {
                let Some(statement) = statements.iter().find(|s| s.id == *id) else {
                    continue;
                };
                rows.push(vec![
                    statement.created_at.to_string(),
                    crate::platform::clock::format_utc(statement.created_at),
                    c.to_string(),
                    number(statement.author_id.and_then(|a| people.of(a))),
                    tallies[c].0.to_string(),
                    tallies[c].1.to_string(),
                    if statement.status == StatementStatus::Out {
                        "-1"
                    } else {
                        "1"
                    }
                    .to_owned(),
                    statement.body.clone(),
                ]);
            }
        }
        _ => {
            let mut header: Vec<String> = [
                "participant",
                "group-id",
                "n-comments",
                "n-votes",
                "n-agree",
                "n-disagree",
            ]
            .map(String::from)
            .to_vec();
            header.extend((0..columns.ids().len()).map(|c| c.to_string()));
            rows.push(header);
            let width = columns.ids().len();
            let mut cells = vec![String::new(); people.ids().len() * width];
            let mut counts = vec![[0usize; 4]; people.ids().len()];
            for (user, statement, value, _) in &votes {
                if let (Some(p), Some(c)) = (people.of(*user), columns.of(*statement)) {
                    cells[p * width + c] = value.to_string();
                    counts[p][1] += 1;
                    counts[p][2] += usize::from(*value == 1);
                    counts[p][3] += usize::from(*value == -1);
                }
            }
            for statement in &statements {
                if let Some(p) = statement.author_id.and_then(|a| people.of(a)) {
                    counts[p][0] += 1;
                }
            }
            for (p, id) in people.ids().iter().enumerate() {
                let mut row = vec![p.to_string(), number(group.get(id).copied())];
                row.extend(counts[p].iter().map(usize::to_string));
                row.extend(cells[p * width..(p + 1) * width].iter().cloned());
                rows.push(row);
            }
        }
    }
    for row in rows {
        out.write_record(&row)
            .map_err(|e| AppError::Internal(e.to_string()))?;
    }
    let body = out
        .into_inner()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(crate::features::needs::exports::download(
        "text/csv; charset=utf-8",
        file,
        body,
    ))
}

/// One statement's row in the report: its text and the shares of votes, for everyone then
/// for each group.
struct ReportRow {
    text: String,
    withdrawn: bool,
    /// `(agree %, disagree %, pass %, votes)` for everyone, then each group.
    shares: Vec<(i64, i64, i64, u32)>,
}

#[derive(Template)]
#[template(path = "opinions/templates/report.html")]
struct ReportPage {
    page: PageCtx,
    process: Process,
    letters: Vec<char>,
    rows: Vec<ReportRow>,
    participants: usize,
    date: String,
}

/// `GET /demarches/{slug}/opinions/rapport`: every statement with how everyone and each group
/// voted, laid out to be printed (managers).
pub async fn report(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let (process, _) = opinion_process(&state, &visitor, &slug).await?;
    authorize_in(&state, &visitor, process.id, ProcessAction::Edit).await?;
    let kept = current_map(&state, process.id).await?;
    let map = &kept.map;
    let share = |t: &opinion::Tally| {
        let percent = |n: u32| {
            if t.seen == 0 {
                0
            } else {
                (f64::from(n) * 100.0 / f64::from(t.seen)).round() as i64
            }
        };
        let passes = t.seen - t.agree - t.disagree;
        (
            percent(t.agree),
            percent(t.disagree),
            percent(passes),
            t.seen,
        )
    };
    let rows = map
        .statements
        .iter()
        .enumerate()
        .filter_map(|(c, id)| {
            let statement = kept.statements.iter().find(|s| s.id == *id)?;
            let mut shares = vec![share(&map.totals[c])];
            shares.extend(map.group_tallies.iter().map(|g| share(&g[c])));
            Some(ReportRow {
                text: statement.body.clone(),
                withdrawn: statement.status == StatementStatus::Out,
                shares,
            })
        })
        .collect();
    render(&ReportPage {
        page: PageCtx::new(&state, &visitor),
        letters: (0..map.groups.len()).map(group_letter).collect(),
        rows,
        participants: map.places.len(),
        date: crate::platform::clock::format_utc(crate::platform::clock::now_ms()),
        process,
    })
}
