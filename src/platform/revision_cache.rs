//! Values computed from the database and kept in memory until what they depend on changes:
//! each is kept under its id with the revision it was computed from (a number or tuple that
//! any change in the database moves), so a change made through any server is seen at the
//! next request.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Kept values by id, with their revisions.
pub struct RevisionCache<R, V> {
    kept: Mutex<HashMap<i64, (R, Arc<V>)>>,
    capacity: usize,
}

impl<R: PartialEq, V> RevisionCache<R, V> {
    /// An empty cache keeping at most `capacity` values (emptied when full).
    pub fn new(capacity: usize) -> Self {
        RevisionCache {
            kept: Mutex::new(HashMap::new()),
            capacity,
        }
    }

    /// The value kept for `id` if it was computed at `revision`.
    pub fn get(&self, id: i64, revision: &R) -> Option<Arc<V>> {
        let kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        kept.get(&id)
            .filter(|(r, _)| r == revision)
            .map(|(_, v)| v.clone())
    }

    /// Keeps `value` for `id` at `revision` and returns it.
    pub fn put(&self, id: i64, revision: R, value: V) -> Arc<V> {
        let value = Arc::new(value);
        let mut kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        if kept.len() >= self.capacity {
            kept.clear();
        }
        kept.insert(id, (revision, value.clone()));
        value
    }

    /// The value kept for `id` at `revision`, or else the one `make` computes from it, kept.
    pub fn get_or_make<E>(
        &self,
        id: i64,
        revision: R,
        make: impl FnOnce(&R) -> Result<V, E>,
    ) -> Result<Arc<V>, E> {
        if let Some(value) = self.get(id, &revision) {
            return Ok(value);
        }
        let value = make(&revision)?;
        Ok(self.put(id, revision, value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_kept_until_its_revision_moves() {
        let cache: RevisionCache<(i64, i64), String> = RevisionCache::new(2);
        assert!(cache.get(1, &(1, 0)).is_none());
        cache.put(1, (1, 0), "un".into());
        assert_eq!(
            cache.get(1, &(1, 0)).as_deref().map(String::as_str),
            Some("un")
        );
        assert!(cache.get(1, &(2, 0)).is_none(), "another revision");
        cache.put(2, (1, 0), "deux".into());
        cache.put(3, (1, 0), "trois".into());
        assert!(cache.get(1, &(1, 0)).is_none(), "emptied when full");
        let made = cache.get_or_make(3, (1, 0), |_| Err::<String, ()>(()));
        assert_eq!(
            made.as_deref().map(String::as_str),
            Ok("trois"),
            "kept: not made"
        );
        let made = cache.get_or_make(3, (2, 0), |r| Ok::<_, ()>(format!("v{}", r.0)));
        assert_eq!(
            made.as_deref().map(String::as_str),
            Ok("v2"),
            "made at the new revision"
        );
        assert_eq!(
            cache.get(3, &(2, 0)).as_deref().map(String::as_str),
            Some("v2")
        );
    }
}
