-- Workshops and events of a process, and needs captured at a workshop.

CREATE TABLE events (
    id           BIGINT PRIMARY KEY,
    process_id   BIGINT  NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    description  TEXT    NOT NULL,
    starts_at    TEXT    NOT NULL,
    ends_at      TEXT    NOT NULL,
    territory_id BIGINT  REFERENCES territories (id) ON DELETE SET NULL,
    place        TEXT    NOT NULL,
    capacity     BIGINT,
    audience     TEXT    NOT NULL,
    attendance   BIGINT,
    created_by   BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    created_at   BIGINT  NOT NULL
);
CREATE INDEX events_by_process ON events (process_id, starts_at);

ALTER TABLE needs ADD COLUMN workshop_id BIGINT  REFERENCES events (id) ON DELETE SET NULL;
CREATE INDEX needs_by_workshop ON needs (workshop_id);
