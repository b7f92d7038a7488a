-- The evaluation framework's history: each process's standard indicators as computed on each
-- day (the day's last computation kept), one row per process, indicator and day.

CREATE TABLE indicator_snapshots (
    process_id INTEGER NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    indicator  TEXT    NOT NULL,
    day        TEXT    NOT NULL,
    value      DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (process_id, indicator, day)
);
