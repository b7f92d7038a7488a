-- Registrations to events, with a counter kept on the event so capacity holds under load.

ALTER TABLE events ADD COLUMN registered BIGINT  NOT NULL DEFAULT 0;

CREATE TABLE registrations (
    event_id   BIGINT  NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    user_id    BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (event_id, user_id)
);
CREATE INDEX registrations_by_user ON registrations (user_id);
