-- The evaluation framework's history: each process's standard indicators as computed on each
-- day (the day's last computation kept), one row per process, indicator and day.

CREATE TABLE indicator_snapshots (
    process_id BIGINT NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    indicator  TEXT    NOT NULL,
    day        TEXT    NOT NULL,
    value      DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (process_id, indicator, day)
);

-- The team's own indicators: the evaluative question each answers, its unit, baseline, target,
-- source and frequency; their values are kept in `indicator_snapshots` under `custom-{id}`,
-- one per day entered.
CREATE TABLE custom_indicators (
    id         BIGINT PRIMARY KEY,
    process_id BIGINT NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    question   TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    unit       TEXT    NOT NULL,
    baseline   DOUBLE PRECISION,
    target     DOUBLE PRECISION,
    source     TEXT    NOT NULL,
    frequency  TEXT    NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX custom_indicators_by_process ON custom_indicators (process_id, created_at);

-- Targets the team sets for the standard indicators.
CREATE TABLE indicator_targets (
    process_id BIGINT NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    indicator  TEXT    NOT NULL,
    target     DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (process_id, indicator)
);

-- Mid-term and final evaluation reports: the team's written analysis per evaluative question
-- (JSON object, Markdown texts), published or not.
CREATE TABLE evaluation_reports (
    process_id BIGINT NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    analyses   TEXT    NOT NULL,
    published  BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (process_id, kind)
);
