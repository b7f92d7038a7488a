-- Notices to authors waiting for the next grouped e-mail, and the anonymous breakdown of
-- who attended an event.

CREATE TABLE notifications (
    id         BIGINT  PRIMARY KEY,
    user_id    BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    need_id    BIGINT  NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    detail     TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    sent_at    BIGINT
);
CREATE INDEX notifications_pending ON notifications (sent_at, user_id);

CREATE TABLE attendance_counts (
    event_id BIGINT  NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    category TEXT    NOT NULL,
    value    TEXT    NOT NULL,
    count    BIGINT  NOT NULL,
    PRIMARY KEY (event_id, category, value)
);
