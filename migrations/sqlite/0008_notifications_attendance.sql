-- Notices to authors waiting for the next grouped e-mail, and the anonymous breakdown of
-- who attended an event.

CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    need_id    INTEGER NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    detail     TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    sent_at    INTEGER
);
CREATE INDEX notifications_pending ON notifications (sent_at, user_id);

CREATE TABLE attendance_counts (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    category TEXT    NOT NULL,
    value    TEXT    NOT NULL,
    count    INTEGER NOT NULL,
    PRIMARY KEY (event_id, category, value)
);
