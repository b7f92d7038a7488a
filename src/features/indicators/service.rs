//! What the dashboard, the daily job and the benchmark call: a process's indicators computed
//! and kept as the day's snapshot.

use crate::features::indicators::rules::Indicator;
use crate::features::indicators::store;
use crate::features::processes::rules::Day;
use crate::platform::db::Db;

/// Computes a process's indicators as they stand and keeps them as `day`'s snapshot.
pub async fn snapshot(
    db: &Db,
    process_id: i64,
    day: Day,
) -> Result<Vec<(Indicator, Option<f64>)>, sqlx::Error> {
    let values = store::compute(db, process_id, &format!("{}T23:59", day.iso())).await?;
    store::save_snapshot(db, process_id, &day.iso(), &values).await?;
    Ok(values)
}

/// Keeps `day`'s snapshot of every public process; returns how many.
pub async fn snapshot_all(db: &Db, day: Day) -> Result<usize, sqlx::Error> {
    let processes = store::public_processes(db).await?;
    for process in &processes {
        snapshot(db, *process, day).await?;
    }
    Ok(processes.len())
}
