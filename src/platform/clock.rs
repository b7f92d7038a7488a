//! Time and identifiers, both made in Rust so that both engines store the same values.
//! Timestamps are milliseconds since the Unix epoch, UTC; ids are time-ordered 63-bit integers.

use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch, UTC.
pub fn now_ms() -> i64 {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("the clock is after 1970");
    i64::try_from(since.as_millis()).expect("milliseconds fit in i64 until the year 292278994")
}

/// Custom epoch for ids (2024-01-01T00:00:00Z) so that 42 bits of milliseconds last a century.
const ID_EPOCH_MS: i64 = 1_704_067_200_000;
const NODE_BITS: u32 = 10;
const SEQUENCE_BITS: u32 = 11;

struct IdState {
    node: i64,
    last_ms: i64,
    sequence: i64,
}

static ID_STATE: Mutex<Option<IdState>> = Mutex::new(None);

/// A new unique id: milliseconds, then a random node number drawn once per process, then a
/// per-millisecond sequence. Ids sort by creation time, and two app servers collide only if
/// they draw the same node number and write in the same millisecond at the same sequence.
pub fn new_id() -> i64 {
    let mut guard = ID_STATE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let state = guard.get_or_insert_with(|| IdState {
        node: (crate::platform::secrets::random_u64() % (1 << NODE_BITS)) as i64,
        last_ms: 0,
        sequence: 0,
    });
    let mut ms = now_ms() - ID_EPOCH_MS;
    if ms <= state.last_ms {
        // Same millisecond (or the clock stepped back): move along the sequence, borrowing
        // the next millisecond when it is exhausted.
        ms = state.last_ms;
        state.sequence += 1;
        if state.sequence >= 1 << SEQUENCE_BITS {
            ms += 1;
            state.sequence = 0;
        }
    } else {
        state.sequence = 0;
    }
    state.last_ms = ms;
    (ms << (NODE_BITS + SEQUENCE_BITS)) | (state.node << SEQUENCE_BITS) | state.sequence
}

/// Formats a timestamp as `2026-11-23 14:05 UTC`, for pages and logs.
pub fn format_utc(ms: i64) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|t| t.format(&format).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_increasing() {
        let ids: Vec<i64> = (0..10_000).map(|_| new_id()).collect();
        assert!(ids.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(ids.iter().all(|id| *id > 0));
    }

    #[test]
    fn formats_utc_timestamps() {
        assert_eq!(format_utc(1_779_545_100_000), "2026-05-23 14:05 UTC");
    }
}
