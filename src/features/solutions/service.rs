//! What other features and every way in ask of solutions: proposing them (form, event capture,
//! import, demo), moving them on (stage, progress, milestone, official answer), each change
//! told to the authors and supporters of the needs they answer; and the solutions answering a
//! need or a cluster, for their pages.

use crate::features::moderation::notices::{self, Kind};
use crate::features::solutions::rules::Answer;
use crate::features::solutions::store::{self, NewSolution, Stage};
use crate::platform::db::Db;

pub use crate::features::solutions::store::Answering;
pub use crate::features::solutions::trail::{Voiced, need_trail_html};

/// Why the needs and clusters given for a solution cannot be linked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// It names none.
    Missing,
    /// These ids are not needs of the process.
    UnknownNeeds(Vec<i64>),
    /// These needs are hidden or merged.
    UnpublishedNeeds(Vec<i64>),
    /// These ids are not clusters of a published synthesis of the process.
    UnknownClusters(Vec<i64>),
}

/// Checks that a solution answers at least one need or cluster, all of them published in its
/// process.
pub async fn check_links(
    db: &Db,
    process_id: i64,
    needs: &[i64],
    clusters: &[i64],
) -> Result<Result<(), LinkError>, sqlx::Error> {
    if needs.is_empty() && clusters.is_empty() {
        return Ok(Err(LinkError::Missing));
    }
    let found = store::needs_in_process(db, process_id, needs).await?;
    let unknown: Vec<i64> = needs
        .iter()
        .copied()
        .filter(|id| !found.iter().any(|(f, _, _)| f == id))
        .collect();
    if !unknown.is_empty() {
        return Ok(Err(LinkError::UnknownNeeds(unknown)));
    }
    let unpublished: Vec<i64> = needs
        .iter()
        .copied()
        .filter(|id| found.iter().any(|(f, s, _)| f == id && s != "published"))
        .collect();
    if !unpublished.is_empty() {
        return Ok(Err(LinkError::UnpublishedNeeds(unpublished)));
    }
    let known = store::clusters_in_process(db, process_id, clusters).await?;
    let unknown: Vec<i64> = clusters
        .iter()
        .copied()
        .filter(|id| !known.contains(id))
        .collect();
    if !unknown.is_empty() {
        return Ok(Err(LinkError::UnknownClusters(unknown)));
    }
    Ok(Ok(()))
}

/// Stores solutions whose links were checked, in one transaction, and tells the followers of
/// the needs each answers. Returns their ids in order.
pub async fn propose_many(db: &Db, solutions: &[NewSolution]) -> Result<Vec<i64>, sqlx::Error> {
    let ids = store::create_many(db, solutions).await?;
    for (solution, id) in solutions.iter().zip(&ids) {
        let actor = solution.entered_by.unwrap_or_default();
        tell_followers(db, *id, actor, Kind::Answered, "").await?;
    }
    Ok(ids)
}

/// Stores one solution whose links were checked; returns its id.
pub async fn propose(db: &Db, solution: &NewSolution) -> Result<i64, sqlx::Error> {
    Ok(propose_many(db, std::slice::from_ref(solution)).await?[0])
}

/// Moves a solution to a stage with a progress; the followers of its needs hear of a new
/// stage, or of a new progress at the same stage.
pub async fn move_on(
    db: &Db,
    solution: &store::Solution,
    stage: Option<&Stage>,
    progress: i64,
    actor: i64,
) -> Result<(), sqlx::Error> {
    let stage_id = stage.map(|s| s.id);
    if stage_id == solution.stage_id && progress == solution.progress {
        return Ok(());
    }
    store::set_stage(db, solution.id, stage_id, progress).await?;
    match stage {
        Some(stage) if stage_id != solution.stage_id => {
            tell_followers(db, solution.id, actor, Kind::Staged, &stage.label).await
        }
        _ => {
            let detail = progress.to_string();
            tell_followers(db, solution.id, actor, Kind::Progressed, &detail).await
        }
    }
}

/// Adds a dated milestone and tells the followers of the solution's needs.
pub async fn add_milestone(
    db: &Db,
    solution_id: i64,
    happened_on: &str,
    title: &str,
    body: &str,
    media_id: Option<i64>,
    actor: i64,
) -> Result<i64, sqlx::Error> {
    let id =
        store::add_milestone(db, solution_id, happened_on, title, body, media_id, actor).await?;
    tell_followers(db, solution_id, actor, Kind::Milestone, title).await?;
    Ok(id)
}

/// Gives (or withdraws) the process team's official answer; followers hear of a new one.
pub async fn answer(
    db: &Db,
    solution_id: i64,
    answer: Option<Answer>,
    reason: &str,
    actor: i64,
) -> Result<(), sqlx::Error> {
    store::set_answer(db, solution_id, answer, reason).await?;
    match answer {
        Some(answer) => {
            tell_followers(
                db,
                solution_id,
                actor,
                Kind::OfficialAnswer,
                answer.as_str(),
            )
            .await
        }
        None => Ok(()),
    }
}

/// Queues a notice for every author and supporter of the solution's published needs, once per
/// person and need, but the person who acted.
async fn tell_followers(
    db: &Db,
    solution_id: i64,
    actor: i64,
    kind: Kind,
    detail: &str,
) -> Result<(), sqlx::Error> {
    let followers = store::followers(db, solution_id, actor).await?;
    notices::enqueue_about_solution(db, &followers, solution_id, kind, detail).await
}

/// Tells a solution's carriers (but the commenter) that someone commented it, in their
/// notifications and grouped e-mail, filed under a need it answers.
pub async fn tell_carriers_of_comment(
    db: &Db,
    solution_id: i64,
    commenter: i64,
    commenter_name: &str,
) -> Result<(), sqlx::Error> {
    let carriers = store::carriers_to_tell(db, solution_id, commenter).await?;
    notices::enqueue_about_solution(
        db,
        &carriers,
        solution_id,
        Kind::SolutionCommented,
        commenter_name,
    )
    .await
}

/// The published solutions answering a need, oldest first.
pub async fn answering_need(db: &Db, need_id: i64) -> Result<Vec<Answering>, sqlx::Error> {
    store::answering_need(db, need_id).await
}

/// The published solutions answering a cluster or a need in it, oldest first.
pub async fn answering_cluster(db: &Db, cluster_id: i64) -> Result<Vec<Answering>, sqlx::Error> {
    store::answering_cluster(db, cluster_id).await
}

/// Tells the followers of a solution's needs that it reached a stage (an import moved it).
pub async fn tell_of_stage(
    db: &Db,
    solution_id: i64,
    stage_label: &str,
    actor: i64,
) -> Result<(), sqlx::Error> {
    tell_followers(db, solution_id, actor, Kind::Staged, stage_label).await
}
