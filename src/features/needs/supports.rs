//! Supports, written in batches (group commit). Under load, the supports that arrive while
//! one batch is being written wait together and go into the next transaction: a hundred
//! supports cost one commit instead of a hundred. The batch first keeps the changes on needs
//! that may be supported (published, in a process that takes contributions: one statement
//! for the whole batch, in its transaction, so a need hidden meanwhile is not supported);
//! each kept change then counts against its giver's rate limit, in the same transaction; the
//! need's count follows by trigger (migration 0013).

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use tokio::sync::oneshot;

use crate::platform::auth::rate_limits;
use crate::platform::clock::now_ms;
use crate::platform::db::direct::{Tx, Value};
use crate::platform::db::{Db, placeholders};

/// A support given or withdrawn.
#[derive(Clone, Debug)]
pub struct SupportChange {
    /// The need.
    pub need_id: i64,
    /// Who supports it.
    pub user_id: i64,
    /// `true` to support, `false` to withdraw.
    pub add: bool,
    /// The rate-limit bucket it counts in, the hits allowed in a window, and the window.
    pub limit: (String, i64, i64),
}

/// What became of a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Written.
    Done,
    /// Nothing to do: already supported, or no support to withdraw.
    AlreadySo,
    /// Refused: too many supports in the window.
    TooMany,
    /// Refused: the need is not published, or its process takes no contributions.
    NotOpen,
}

type Reply = oneshot::Sender<Result<Outcome, sqlx::Error>>;

/// Supports waiting for the next batch, and the turn to write one.
#[derive(Default)]
pub struct SupportBatches {
    waiting: Mutex<Vec<(SupportChange, Reply)>>,
    turn: Arc<tokio::sync::Mutex<()>>,
}

impl SupportBatches {
    /// Writes a change with whatever else is waiting, and returns what became of it once it
    /// is committed.
    pub async fn write(&self, db: &Db, change: SupportChange) -> Result<Outcome, sqlx::Error> {
        let (reply, mut answer) = oneshot::channel();
        self.lock_waiting().push((change, reply));
        loop {
            let turn = self.turn.clone().lock_owned().await;
            // The batch before may have carried this change.
            match answer.try_recv() {
                Ok(result) => return result,
                Err(oneshot::error::TryRecvError::Closed) => {
                    return Err(sqlx::Error::WorkerCrashed);
                }
                Err(oneshot::error::TryRecvError::Empty) => {}
            }
            let batch: Vec<(SupportChange, Reply)> = {
                let mut waiting = self.lock_waiting();
                let taken = waiting.len().min(MAX_BATCH);
                waiting.drain(..taken).collect()
            };
            // A task of its own, holding the turn: the batch is written and answered even if
            // the request that took the turn goes away meanwhile.
            let db = db.clone();
            let written = tokio::spawn(async move {
                write_batch(&db, batch).await;
                drop(turn);
            });
            written.await.map_err(|_| sqlx::Error::WorkerCrashed)?;
            if let Ok(result) = answer.try_recv() {
                return result;
            }
        }
    }

    fn lock_waiting(&self) -> std::sync::MutexGuard<'_, Vec<(SupportChange, Reply)>> {
        self.waiting
            .lock()
            .expect("the waiting list is never left poisoned")
    }
}

/// Writes a batch in one transaction and answers each change; if the transaction fails, each
/// change is written alone so that one bad change fails only itself.
async fn write_batch(db: &Db, batch: Vec<(SupportChange, Reply)>) {
    let changes: Vec<&SupportChange> = batch.iter().map(|(change, _)| change).collect();
    match write_together(db, &changes).await {
        Ok(outcomes) => {
            for ((_, reply), outcome) in batch.into_iter().zip(outcomes) {
                let _ = reply.send(Ok(outcome));
            }
        }
        Err(error) if batch.len() == 1 => {
            if let Some((_, reply)) = batch.into_iter().next() {
                let _ = reply.send(Err(error));
            }
        }
        Err(_) => {
            for (change, reply) in batch {
                let alone = write_together(db, &[&change]).await;
                let _ = reply.send(alone.map(|outcomes| outcomes[0]));
            }
        }
    }
}

/// Most changes in one batch (each binds a few parameters; engines cap them).
const MAX_BATCH: usize = 500;

/// Writes changes in one transaction with a few statements whatever their number: the
/// rate-limit hits of all, then the supports given, then those withdrawn. A change on a
/// support already changed earlier in the batch starts a new round, so that changes apply in
/// the order they came.
async fn write_together(db: &Db, changes: &[&SupportChange]) -> Result<Vec<Outcome>, sqlx::Error> {
    let changes: Vec<SupportChange> = changes.iter().map(|change| (*change).clone()).collect();
    db.write(async move |tx: &mut Tx<'_>| apply(tx, &changes).await)
        .await
}

/// The statements of `write_together`, in its transaction: the changes on needs that may be
/// supported go on (`apply_open`), the others are refused.
async fn apply(tx: &mut Tx<'_>, changes: &[SupportChange]) -> Result<Vec<Outcome>, sqlx::Error> {
    let mut needs: Vec<i64> = changes.iter().map(|change| change.need_id).collect();
    needs.sort_unstable();
    needs.dedup();
    let (sql, params) = open_needs_statement(tx.is_postgres(), needs);
    let open: Vec<(i64,)> = tx.rows(&sql, &params).await?;
    let open: HashSet<i64> = open.into_iter().map(|(id,)| id).collect();
    let (open_changes, positions): (Vec<SupportChange>, Vec<usize>) = changes
        .iter()
        .enumerate()
        .filter(|(_, change)| open.contains(&change.need_id))
        .map(|(i, change)| (change.clone(), i))
        .unzip();
    let mut outcomes = vec![Outcome::NotOpen; changes.len()];
    if !open_changes.is_empty() {
        let written = apply_open(tx, &open_changes).await?;
        for (outcome, i) in written.into_iter().zip(positions) {
            outcomes[i] = outcome;
        }
    }
    Ok(outcomes)
}

/// Which of `needs` may be supported: published, in a published process. On PostgreSQL the
/// ids go as one array, so that the statement is prepared once whatever their number.
fn open_needs_statement(postgres: bool, needs: Vec<i64>) -> (String, Vec<Value>) {
    let open = "SELECT n.id FROM needs n JOIN processes p ON p.id = n.process_id
         WHERE n.status = 'published' AND p.status = 'published' AND n.id";
    if postgres {
        return (format!("{open} = ANY($1)"), vec![Value::Ints(needs)]);
    }
    let ids: Vec<String> = (1..=needs.len()).map(|i| format!("${i}")).collect();
    let params = needs.into_iter().map(Value::Int).collect();
    (format!("{open} IN ({})", ids.join(", ")), params)
}

/// The rate limits and supports of changes on needs that may be supported.
async fn apply_open(
    tx: &mut Tx<'_>,
    changes: &[SupportChange],
) -> Result<Vec<Outcome>, sqlx::Error> {
    let now = now_ms();
    let mut outcomes = vec![Outcome::AlreadySo; changes.len()];
    for round in rounds(changes) {
        let round_changes = &changes[round.clone()];
        // Hits, one row per bucket.
        let mut buckets: Vec<(&str, i64, i64)> = Vec::new();
        for change in round_changes {
            let (bucket, _, window_ms) = &change.limit;
            match buckets.iter_mut().find(|(b, _, _)| *b == bucket.as_str()) {
                Some(row) => row.2 += 1,
                None => buckets.push((bucket, rate_limits::window_start(now, *window_ms), 1)),
            }
        }
        // Rows locked in one order whatever the batch (buckets by name, then supports by need
        // and person), so that batches written at once by several servers wait for each
        // other at worst, never in a circle.
        buckets.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let (sql, params) = hits_statement(tx.is_postgres(), &buckets);
        let totals: Vec<(String, i64)> = tx.rows(&sql, &params).await?;
        let allowed = allowed(round_changes, &buckets, &totals);
        for (i, ok) in allowed.iter().enumerate() {
            if !ok {
                outcomes[round.start + i] = Outcome::TooMany;
            }
        }
        for add in [true, false] {
            let mut chosen: Vec<usize> = (0..round_changes.len())
                .filter(|&i| allowed[i] && round_changes[i].add == add)
                .collect();
            chosen.sort_unstable_by_key(|&i| (round_changes[i].need_id, round_changes[i].user_id));
            if chosen.is_empty() {
                continue;
            }
            let pairs: Vec<(i64, i64)> = chosen
                .iter()
                .map(|&i| (round_changes[i].need_id, round_changes[i].user_id))
                .collect();
            let (sql, params) = supports_statement(tx.is_postgres(), add, &pairs, now);
            let written: Vec<(i64, i64)> = tx.rows(&sql, &params).await?;
            let written: HashSet<(i64, i64)> = written.into_iter().collect();
            for &i in &chosen {
                let pair = (round_changes[i].need_id, round_changes[i].user_id);
                if written.contains(&pair) {
                    outcomes[round.start + i] = Outcome::Done;
                }
            }
        }
    }
    Ok(outcomes)
}

/// Splits changes into rounds in which each support (need, person) appears once.
fn rounds(changes: &[SupportChange]) -> Vec<std::ops::Range<usize>> {
    let mut rounds = Vec::new();
    let mut start = 0;
    let mut seen = HashSet::new();
    for (i, change) in changes.iter().enumerate() {
        if !seen.insert((change.need_id, change.user_id)) {
            rounds.push(start..i);
            start = i;
            seen.clear();
            seen.insert((change.need_id, change.user_id));
        }
    }
    if start < changes.len() {
        rounds.push(start..changes.len());
    }
    rounds
}

/// Whether each change stays within its limit: the hits of a bucket were counted together, so
/// the k-th of its n changes was hit number `total - n + k`.
fn allowed(
    changes: &[SupportChange],
    buckets: &[(&str, i64, i64)],
    totals: &[(String, i64)],
) -> Vec<bool> {
    let mut seen: Vec<i64> = vec![0; buckets.len()];
    changes
        .iter()
        .map(|change| {
            let (bucket, max_hits, _) = &change.limit;
            let b = buckets
                .iter()
                .position(|(name, _, _)| *name == bucket.as_str())
                .expect("every change's bucket was counted");
            seen[b] += 1;
            let total = totals
                .iter()
                .find(|(name, _)| name == bucket)
                .map_or(i64::MAX, |(_, hits)| *hits);
            total - buckets[b].2 + seen[b] <= *max_hits
        })
        .collect()
}

/// Counts the hits of `buckets` (name, window start, hits): on PostgreSQL as three arrays.
fn hits_statement(postgres: bool, buckets: &[(&str, i64, i64)]) -> (String, Vec<Value>) {
    if postgres {
        let params = vec![
            Value::Texts(buckets.iter().map(|b| b.0.to_owned()).collect()),
            Value::Ints(buckets.iter().map(|b| b.1).collect()),
            Value::Ints(buckets.iter().map(|b| b.2).collect()),
        ];
        return (rate_limits::hits_from_arrays_sql(), params);
    }
    let params = buckets
        .iter()
        .flat_map(|(bucket, window_start, hits)| {
            [
                Value::Text((*bucket).to_owned()),
                Value::Int(*window_start),
                Value::Int(*hits),
            ]
        })
        .collect();
    (rate_limits::hits_sql(buckets.len()), params)
}

/// Gives (`add`, at `now`) or withdraws the supports of (need, person) `pairs`, returning the
/// pairs written. On PostgreSQL the needs and the people go as two arrays.
fn supports_statement(
    postgres: bool,
    add: bool,
    pairs: &[(i64, i64)],
    now: i64,
) -> (String, Vec<Value>) {
    let (give, withdraw) = (
        "INSERT INTO supports (need_id, user_id, created_at)",
        "DELETE FROM supports WHERE (need_id, user_id) IN",
    );
    let written = "RETURNING need_id, user_id";
    if postgres {
        let mut params = vec![
            Value::Ints(pairs.iter().map(|p| p.0).collect()),
            Value::Ints(pairs.iter().map(|p| p.1).collect()),
        ];
        let pairs = "SELECT * FROM unnest($1::bigint[], $2::bigint[])";
        let sql = if add {
            params.push(Value::Int(now));
            format!(
                "{give} SELECT need_id, user_id, $3 FROM ({pairs}) AS t(need_id, user_id)
                 ON CONFLICT (need_id, user_id) DO NOTHING {written}"
            )
        } else {
            format!("{withdraw} ({pairs}) {written}")
        };
        return (sql, params);
    }
    let mut params = Vec::new();
    for &(need, user) in pairs {
        params.extend([Value::Int(need), Value::Int(user)]);
        if add {
            params.push(Value::Int(now));
        }
    }
    let sql = if add {
        format!(
            "{give} VALUES {} ON CONFLICT (need_id, user_id) DO NOTHING {written}",
            placeholders(pairs.len(), 3)
        )
    } else {
        format!(
            "{withdraw} (VALUES {}) {written}",
            placeholders(pairs.len(), 2)
        )
    };
    (sql, params)
}
