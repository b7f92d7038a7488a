//! Long work run in the background, one task per key at a time: whoever asks for the same
//! work while it runs joins it instead of starting it again, and may wait for its end as long
//! as it likes (the work carries on when nobody waits any more, so that it is done for the
//! next one).

use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::watch;

/// The keys whose work is under way, each with where its end is told.
pub struct UnderWay<K> {
    tasks: Arc<Mutex<HashMap<K, watch::Receiver<bool>>>>,
}

impl<K> Default for UnderWay<K> {
    fn default() -> Self {
        UnderWay {
            tasks: Arc::new(Mutex::new(HashMap::new())),
        }
    }
}

impl<K: Eq + Hash + Clone + Send + 'static> UnderWay<K> {
    /// Runs `work` in a task of its own unless work for `key` is already under way (then
    /// `work` is dropped unrun); the answer hears when the work under way ends. A failure or
    /// a panic in `work` ends it too: the work's own future reports what went wrong.
    pub fn start(&self, key: K, work: impl Future<Output = ()> + Send + 'static) -> Ending {
        let mut tasks = self.tasks.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(ending) = tasks.get(&key) {
            return Ending(ending.clone());
        }
        let (tell, ending) = watch::channel(false);
        tasks.insert(key.clone(), ending.clone());
        let tasks = self.tasks.clone();
        tokio::spawn(async move {
            // A task of its own, so that a panic in the work still clears the key (else the
            // work would never run again).
            if let Err(error) = tokio::spawn(work).await {
                tracing::warn!(%error, "background work failed");
            }
            tasks.lock().unwrap_or_else(|p| p.into_inner()).remove(&key);
            let _ = tell.send(true);
        });
        Ending(ending)
    }
}

/// Where the end of some work under way is told.
pub struct Ending(watch::Receiver<bool>);

impl Ending {
    /// Waits for the work to end, at most `patience` when there is one; whether it ended.
    pub async fn wait(mut self, patience: Option<Duration>) -> bool {
        let ended = self.0.wait_for(|ended| *ended);
        match patience {
            None => ended.await.is_ok(),
            Some(patience) => matches!(tokio::time::timeout(patience, ended).await, Ok(Ok(_))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn work_asked_for_while_it_runs_is_joined_not_run_twice() {
        let under_way = UnderWay::default();
        let runs = Arc::new(AtomicUsize::new(0));
        let (go, gate) = tokio::sync::oneshot::channel::<()>();
        let first = {
            let runs = runs.clone();
            under_way.start(1, async move {
                let _ = gate.await;
                runs.fetch_add(1, Ordering::SeqCst);
            })
        };
        let joined = {
            let runs = runs.clone();
            under_way.start(1, async move {
                runs.fetch_add(10, Ordering::SeqCst);
            })
        };
        let impatient = under_way.start(1, async {});
        assert!(!impatient.wait(Some(Duration::from_millis(20))).await);
        go.send(()).unwrap();
        assert!(first.wait(None).await);
        assert!(joined.wait(None).await);
        assert_eq!(runs.load(Ordering::SeqCst), 1, "the second was joined");
        // Once ended, the same key runs again.
        let again = {
            let runs = runs.clone();
            under_way.start(1, async move {
                runs.fetch_add(1, Ordering::SeqCst);
            })
        };
        assert!(again.wait(None).await);
        assert_eq!(runs.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn work_that_panics_ends_and_may_run_again() {
        let under_way = UnderWay::default();
        let failed = under_way.start("clé", async { panic!("voulu") });
        assert!(failed.wait(None).await);
        let runs = Arc::new(AtomicUsize::new(0));
        let again = {
            let runs = runs.clone();
            under_way.start("clé", async move {
                runs.fetch_add(1, Ordering::SeqCst);
            })
        };
        assert!(again.wait(None).await);
        assert_eq!(runs.load(Ordering::SeqCst), 1);
    }
}
