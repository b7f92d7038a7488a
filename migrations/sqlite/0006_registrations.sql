-- Registrations to events, with a counter kept on the event so capacity holds under load.

ALTER TABLE events ADD COLUMN registered INTEGER NOT NULL DEFAULT 0;

CREATE TABLE registrations (
    event_id   INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (event_id, user_id)
);
CREATE INDEX registrations_by_user ON registrations (user_id);
