-- Workshops and events of a process, and needs captured at a workshop.

CREATE TABLE events (
    id           INTEGER PRIMARY KEY,
    process_id   INTEGER NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    description  TEXT    NOT NULL,
    starts_at    TEXT    NOT NULL,
    ends_at      TEXT    NOT NULL,
    territory_id INTEGER REFERENCES territories (id) ON DELETE SET NULL,
    place        TEXT    NOT NULL,
    capacity     INTEGER,
    audience     TEXT    NOT NULL,
    attendance   INTEGER,
    created_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL
);
CREATE INDEX events_by_process ON events (process_id, starts_at);

ALTER TABLE needs ADD COLUMN workshop_id INTEGER REFERENCES events (id) ON DELETE SET NULL;
CREATE INDEX needs_by_workshop ON needs (workshop_id);
