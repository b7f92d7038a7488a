//! Reads kept in memory on PostgreSQL until PostgreSQL says their tables changed.
//!
//! On PostgreSQL every statement is a round trip to another process: a list page that reads
//! its process and its rows pays two, and on one machine the database's own work for them
//! costs more than the rest of the page. Yet the busiest pages read tables that change far
//! less often than they are read. So the statements over a *family* of followed tables
//! (`Family`) may be kept (`Db::read_kept`): the rows a statement returned, under its text
//! and parameters, until a table of its family moves. The contributions (processes, needs,
//! territories) are one family; the accounts behind sessions (sessions, users, their roles)
//! another, so that a support, which changes a need, does not send every signed-in visitor's
//! next request to the database for their session.
//!
//! Tables move through this server or another. A trigger on each followed table (migrations
//! 0026, 0027 and 0028) sends a notification on `CHANNEL`, its payload the table's schema and
//! name (a server hears only its own schema's), when a statement changes it; PostgreSQL delivers it to every listening server once the change is
//! committed, and each server's listener (`follow`) then drops everything its family kept.
//! A change made through this server also drops it as soon as it is made: the contributions
//! and the questionnaires once any request that may have written is answered and after any
//! write (`KeptReads::written_here`), the accounts by the functions that write them, so that a
//! person reads what they just wrote whichever way the notification goes. While the listener
//! is not connected (PostgreSQL restarting, the connection cut) nothing is kept and every
//! read goes to the database; once it listens again it starts from nothing, since changes
//! made meanwhile told no one. A connection can also die without a word (a network cut): the
//! listener sends itself a probe through PostgreSQL every 10 s and, should one go unheard
//! until the next, counts the connection as lost.
//!
//! A read that began before a change and ends after it must not be kept: each read notes its
//! family's generation (the count of changes seen) before it asks, and is kept only if no
//! change came in between.

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use sqlx::PgPool;
use sqlx::postgres::{PgListener, PgPoolOptions};

/// The channel on which the followed tables' triggers notify.
const CHANNEL: &str = "concerto_changes";

/// A family of followed tables: a kept statement reads the tables of one family only, and is
/// dropped when any of them changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// Processes, needs and territories: the lists, searches and maps.
    Contributions,
    /// Sessions, the accounts behind them and their roles: who is signed in.
    Accounts,
    /// Questionnaires' rows (their settings and revision), read by every page of one; apart
    /// from the contributions, since each submitted response moves its questionnaire.
    Questionnaires,
}

impl Family {
    const ALL: [Family; 3] = [
        Family::Contributions,
        Family::Accounts,
        Family::Questionnaires,
    ];

    /// Tables whose changes are told on `CHANNEL`: by their own triggers (migrations 0026,
    /// 0027 and 0028), or, for `need_ranks`, by those of the needs it follows (0029).
    fn tables(self) -> &'static [&'static str] {
        match self {
            Family::Contributions => &[
                "processes",
                "needs",
                "need_ranks",
                "need_terms",
                "territories",
            ],
            Family::Accounts => &["sessions", "users", "user_roles"],
            Family::Questionnaires => &["questionnaires"],
        }
    }

    /// Most statements kept at once (emptied when full): a list page is a few kilobytes, a
    /// session a few dozen bytes.
    fn capacity(self) -> usize {
        match self {
            Family::Contributions => 2048,
            Family::Accounts => 65_536,
            Family::Questionnaires => 1024,
        }
    }

    /// The family a notified table belongs to.
    fn of_table(table: &str) -> Option<Family> {
        Family::ALL
            .into_iter()
            .find(|family| family.tables().contains(&table))
    }
}

/// What one family keeps, as of which generation.
#[derive(Default)]
struct Store {
    /// Changes seen since the start; moves with each.
    generation: u64,
    /// Rows by statement and parameters.
    rows: HashMap<String, Arc<dyn Any + Send + Sync>>,
}

/// What is kept.
struct Kept {
    /// Whether the listener is connected: nothing is kept otherwise.
    listening: bool,
    /// By family, in the order of `Family::ALL`.
    families: [Store; 3],
}

impl Kept {
    fn store(&mut self, family: Family) -> &mut Store {
        &mut self.families[family as usize]
    }
}

/// The reads a database's pool keeps, and what drops them.
pub struct KeptReads {
    kept: Mutex<Kept>,
    /// Dropped with the reads: tells the listener to stop.
    _stop: tokio::sync::watch::Sender<()>,
}

impl std::fmt::Debug for KeptReads {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kept = self.lock();
        let mut debug = f.debug_struct("KeptReads");
        debug.field("listening", &kept.listening);
        for (family, store) in Family::ALL.iter().zip(&kept.families) {
            debug.field(
                &format!("{family:?}"),
                &(store.generation, store.rows.len()),
            );
        }
        debug.finish()
    }
}

impl KeptReads {
    /// Keeps reads of `pool`'s database while a listener on it hears every change.
    pub fn follow(pool: &PgPool) -> Arc<KeptReads> {
        let (stop, stopped) = tokio::sync::watch::channel(());
        let reads = Arc::new(KeptReads::new(stop, false));
        // One connection to listen, one to send the listener its probes.
        let listener_pool = PgPoolOptions::new()
            .max_connections(2)
            .connect_lazy_with((*pool.connect_options()).clone());
        tokio::spawn(listen(listener_pool, Arc::downgrade(&reads), stopped));
        reads
    }

    /// Nothing kept yet; the listener stops when `stop` is dropped.
    fn new(stop: tokio::sync::watch::Sender<()>, listening: bool) -> KeptReads {
        KeptReads {
            kept: Mutex::new(Kept {
                listening,
                families: Default::default(),
            }),
            _stop: stop,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Kept> {
        self.kept.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The rows `family` keeps for `key`, if any are kept and of type `T`.
    pub fn get<T: Clone + Send + Sync + 'static>(
        &self,
        family: Family,
        key: &str,
    ) -> Option<Vec<T>> {
        // The rows are copied out after the lock is let go: other requests wait only for a
        // lookup.
        let rows = self.lock().store(family).rows.get(key).cloned()?;
        rows.downcast_ref::<Vec<T>>().cloned()
    }

    /// Whether reads are kept now: the listener is connected.
    pub fn listening(&self) -> bool {
        self.lock().listening
    }

    /// The generation of `family` a read about to ask the database notes (see `keep`).
    pub fn generation(&self, family: Family) -> u64 {
        self.lock().store(family).generation
    }

    /// Keeps `rows` for `key` in `family` if they were read at `generation` and the listener
    /// hears.
    pub fn keep<T: Send + Sync + 'static>(
        &self,
        family: Family,
        key: String,
        generation: u64,
        rows: Vec<T>,
    ) {
        let mut kept = self.lock();
        let listening = kept.listening;
        let store = kept.store(family);
        if !listening || store.generation != generation {
            return;
        }
        if store.rows.len() >= family.capacity() {
            store.rows.clear();
        }
        store.rows.insert(key, Arc::new(rows));
    }

    /// Forgets the rows kept for one statement (a row this server changed in a way no one
    /// else needs to hear of, as a session's expiry slid forward).
    pub fn forget(&self, family: Family, key: &str) {
        let mut kept = self.lock();
        let store = kept.store(family);
        store.generation += 1;
        store.rows.remove(key);
    }

    /// Drops everything `family` kept: a change was made through this server, or was heard
    /// of.
    pub fn changed_here(&self, family: Family) {
        let mut kept = self.lock();
        let store = kept.store(family);
        store.generation += 1;
        store.rows.clear();
    }

    /// Drops what any write through this server may have changed: the contributions and the
    /// questionnaires (the accounts' writers drop theirs, so that a support or an answer does
    /// not send every session back to the database).
    pub fn written_here(&self) {
        self.changed_here(Family::Contributions);
        self.changed_here(Family::Questionnaires);
    }

    /// Drops everything kept; `listening` says whether the listener now hears.
    fn moved(&self, listening: bool) {
        let mut kept = self.lock();
        kept.listening = listening;
        for store in &mut kept.families {
            store.generation += 1;
            store.rows.clear();
        }
    }

    /// Drops what a notification about `table` concerns: its family's reads, or everything
    /// for a table of no family.
    fn heard(&self, table: &str) {
        match Family::of_table(table) {
            Some(family) => self.changed_here(family),
            None => {
                for family in Family::ALL {
                    self.changed_here(family);
                }
            }
        }
    }
}

/// How long the listener waits before connecting again after losing its connection.
const RECONNECT_DELAY: Duration = Duration::from_millis(200);

/// How often the listener sends itself a notification through PostgreSQL, and how long it
/// waits for it: a connection that died without a word (a network cut) is found within
/// twice this.
const PROBE_EVERY: Duration = Duration::from_secs(10);

/// The start of a probe's payload: the listeners of other servers let it pass.
const PROBE: &str = "probe:";

/// Listens on `CHANNEL` and drops the kept reads at each notification, until the reads are
/// dropped; connects again whenever the connection is lost or a probe goes unheard, and keeps
/// nothing meanwhile.
async fn listen(
    pool: PgPool,
    reads: Weak<KeptReads>,
    mut stopped: tokio::sync::watch::Receiver<()>,
) {
    let probe = format!("{PROBE}{:016x}", crate::platform::secrets::random_u64());
    loop {
        tokio::select! {
            outcome = listen_once(&pool, &reads, &probe) => {
                if let Err(error) = outcome {
                    tracing::warn!(%error, "change feed: not listening, reads not kept");
                }
            }
            _ = stopped.changed() => return,
        }
        match reads.upgrade() {
            Some(reads) => reads.moved(false),
            None => return,
        }
        tokio::select! {
            _ = tokio::time::sleep(RECONNECT_DELAY) => {}
            _ = stopped.changed() => return,
        }
    }
}

/// The table a notification's payload (`schema.table`) names if it is of `schema`; a payload
/// without a schema names a table of any.
fn of_schema<'a>(payload: &'a str, schema: &str) -> Option<&'a str> {
    match payload.split_once('.') {
        Some((of, table)) => (of == schema).then_some(table),
        None => Some(payload),
    }
}

/// One listening connection, until it is lost, a probe goes unheard or the reads are dropped.
async fn listen_once(
    pool: &PgPool,
    reads: &Weak<KeptReads>,
    probe: &str,
) -> Result<(), sqlx::Error> {
    let mut listener = PgListener::connect_with(pool).await?;
    // Lost is lost: the next connection starts from nothing (below), not from where this one
    // left off.
    listener.eager_reconnect(false);
    listener.listen(CHANNEL).await?;
    let schema: String = sqlx::query_scalar("SELECT current_schema()")
        .fetch_one(pool)
        .await?;
    // Changes made while no one listened told no one: start from nothing.
    match reads.upgrade() {
        Some(kept) => kept.moved(true),
        None => return Ok(()),
    }
    // The connection is read in a task of its own, so that waiting for the next probe never
    // interrupts it mid-message; the task ends with this function.
    let (heard, mut payloads) = tokio::sync::mpsc::unbounded_channel();
    let reader = tokio::spawn(async move {
        // `try_recv` answers `None` when the connection is lost.
        while let Ok(Some(notification)) = listener.try_recv().await {
            if heard.send(notification.payload().to_owned()).is_err() {
                return;
            }
        }
    });
    let _reader = AbortOnDrop(reader);
    let mut probes = tokio::time::interval(PROBE_EVERY);
    let mut awaited = false;
    loop {
        tokio::select! {
            payload = payloads.recv() => match payload {
                None => return Ok(()),
                Some(payload) if payload == probe => awaited = false,
                Some(payload) if payload.starts_with(PROBE) => {}
                Some(changed) => {
                    let Some(table) = of_schema(&changed, &schema) else { continue };
                    match reads.upgrade() {
                        Some(reads) => reads.heard(table),
                        None => return Ok(()),
                    }
                }
            },
            _ = probes.tick() => {
                if awaited {
                    return Err(sqlx::Error::Protocol("change feed: a probe went unheard".into()));
                }
                sqlx::query("SELECT pg_notify($1, $2)")
                    .bind(CHANNEL)
                    .bind(probe)
                    .execute(pool)
                    .await?;
                awaited = true;
            }
        }
    }
}

/// Aborts a task when dropped.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Whether every table a statement reads (each name after `FROM` or `JOIN`) is of `family`.
pub(crate) fn reads_only_followed(family: Family, sql: &str) -> bool {
    let words: Vec<&str> = sql
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(2).all(|pair| {
        let keyword = pair[0].eq_ignore_ascii_case("from") || pair[0].eq_ignore_ascii_case("join");
        let table = pair[1].trim_end_matches([')', ';']);
        !keyword || pair[1].starts_with('(') || family.tables().contains(&table)
    })
}

/// The key a statement's rows are kept under: its text and its parameters.
pub(crate) fn key(sql: &str, params: &[super::direct::Value]) -> String {
    use std::fmt::Write;
    let mut key = String::with_capacity(sql.len() + 16 * params.len());
    key.push_str(sql);
    for param in params {
        let _ = write!(key, "\u{1f}{param:?}");
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_statements_over_one_familys_tables_may_be_kept() {
        use Family::{Accounts, Contributions};
        assert!(reads_only_followed(
            Contributions,
            "SELECT p.id FROM processes p WHERE p.slug = $1"
        ));
        assert!(reads_only_followed(
            Contributions,
            "SELECT n.id FROM need_terms nt CROSS JOIN needs n WHERE n.id IN (SELECT need_id FROM need_terms)"
        ));
        assert!(!reads_only_followed(
            Contributions,
            "SELECT n.id FROM needs n LEFT JOIN themes th ON th.id = n.theme_id"
        ));
        assert!(!reads_only_followed(Contributions, "SELECT id FROM users"));
        assert!(reads_only_followed(Accounts, "SELECT id FROM users"));
        assert!(!reads_only_followed(
            Accounts,
            "SELECT u.id FROM users u JOIN needs n ON n.author_id = u.id"
        ));
        assert!(!reads_only_followed(
            Contributions,
            "SELECT COUNT(*) FROM (SELECT 1 FROM supports) AS s"
        ));
    }

    #[test]
    fn rows_are_kept_until_a_change_and_a_read_a_change_overtook_is_not() {
        use Family::{Accounts, Contributions};
        let reads = KeptReads::new(tokio::sync::watch::channel(()).0, true);
        let before = reads.generation(Contributions);
        reads.keep(Contributions, "a".into(), before, vec![1_i64]);
        assert_eq!(reads.get::<i64>(Contributions, "a"), Some(vec![1]));
        assert_eq!(
            reads.get::<String>(Contributions, "a"),
            None,
            "another type is not these rows"
        );
        assert_eq!(
            reads.get::<i64>(Accounts, "a"),
            None,
            "nor another family's"
        );

        let asked = reads.generation(Contributions);
        reads.changed_here(Contributions);
        assert_eq!(
            reads.get::<i64>(Contributions, "a"),
            None,
            "a change drops what was kept"
        );
        reads.keep(Contributions, "b".into(), asked, vec![2_i64]);
        assert_eq!(
            reads.get::<i64>(Contributions, "b"),
            None,
            "read before the change, answered after: not kept"
        );

        reads.moved(false);
        reads.keep(
            Contributions,
            "c".into(),
            reads.generation(Contributions),
            vec![3_i64],
        );
        assert_eq!(
            reads.get::<i64>(Contributions, "c"),
            None,
            "nothing kept unheard"
        );
    }

    #[test]
    fn a_notification_of_another_schema_is_not_heard() {
        assert_eq!(of_schema("public.needs", "public"), Some("needs"));
        assert_eq!(of_schema("test_42.needs", "public"), None);
        assert_eq!(
            of_schema("needs", "public"),
            Some("needs"),
            "no schema: any"
        );
    }

    #[test]
    fn a_notification_drops_its_tables_family_only() {
        use Family::{Accounts, Contributions};
        let reads = KeptReads::new(tokio::sync::watch::channel(()).0, true);
        let keep_both = |reads: &KeptReads| {
            for family in Family::ALL {
                reads.keep(family, "k".into(), reads.generation(family), vec![1_i64]);
            }
        };
        keep_both(&reads);
        reads.heard("needs");
        assert_eq!(reads.get::<i64>(Contributions, "k"), None);
        assert_eq!(
            reads.get::<i64>(Accounts, "k"),
            Some(vec![1]),
            "a need changed: sessions stay kept"
        );
        reads.heard("user_roles");
        assert_eq!(reads.get::<i64>(Accounts, "k"), None);
        keep_both(&reads);
        reads.heard("a_table_of_no_family");
        assert_eq!(reads.get::<i64>(Contributions, "k"), None);
        assert_eq!(reads.get::<i64>(Accounts, "k"), None);

        keep_both(&reads);
        let asked = reads.generation(Accounts);
        reads.forget(Accounts, "k");
        assert_eq!(reads.get::<i64>(Accounts, "k"), None, "forgotten");
        reads.keep(Accounts, "k".into(), asked, vec![2_i64]);
        assert_eq!(
            reads.get::<i64>(Accounts, "k"),
            None,
            "read before it was forgotten: not kept"
        );
        assert_eq!(reads.get::<i64>(Contributions, "k"), Some(vec![1]));
    }

    #[test]
    fn keys_tell_parameters_apart() {
        use crate::platform::db::direct::Value;
        let sql = "SELECT id FROM needs WHERE id = $1";
        assert_ne!(key(sql, &[Value::Int(1)]), key(sql, &[Value::Int(12)]));
        assert_ne!(
            key(sql, &[Value::Int(1)]),
            key(sql, &[Value::Text("1".into())])
        );
    }
}
