//! SQLite's checkpoints, in the background.
//!
//! In WAL mode a commit appends the pages it changed to the write-ahead log; a checkpoint
//! copies them back into the database file. SQLite runs one in whichever commit finds the log
//! past 1,000 pages, so one write in a few pays for copying every page of the ones before it:
//! on the benchmark's supports, half the time of a batch. Here a thread of its own copies the
//! log back every few milliseconds, alongside the writers (a passive checkpoint waits for no
//! one and no one waits for it), and commits only append. The writers' own checkpoint stays,
//! much further out, should this thread fall behind.

use std::sync::{Arc, Weak};
use std::time::Duration;

use crate::platform::db::direct::{SqliteDirect, open_file};

/// Pages the log may hold before a commit checkpoints itself (SQLite's default is 1,000), as
/// the `wal_autocheckpoint` setting takes it.
pub const WRITER_CHECKPOINT_PAGES: &str = "20000";

/// How often the background checkpoint runs.
const EVERY: Duration = Duration::from_millis(20);

/// Starts the thread that checkpoints the database of `direct` while the database handle
/// holds it (the thread ends soon after the handle is dropped).
pub fn start(direct: &Arc<SqliteDirect>) -> std::io::Result<()> {
    let path = direct.path().to_owned();
    let alive: Weak<SqliteDirect> = Arc::downgrade(direct);
    std::thread::Builder::new()
        .name("sqlite-checkpoint".into())
        .spawn(move || {
            let mut connection = None;
            while alive.strong_count() > 0 {
                std::thread::sleep(EVERY);
                if connection.is_none() {
                    connection = open_file(&path).ok();
                }
                let Some(open) = &connection else { continue };
                if let Err(error) = open.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))
                {
                    tracing::warn!(%error, "background checkpoint failed");
                    connection = None;
                }
            }
        })
        .map(|_| ())
}
