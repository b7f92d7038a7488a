-- Outgoing mail waits here until a server sends it: a request never waits for an SMTP server
-- (nor tells, by the time it takes, whether an address has an account), a message survives a
-- restart, and with several servers each message is claimed by one of them at a time.
-- `kind` is `message` (written by the request) or `password_reset` (written when sent: only
-- then is it known whether the address has an account).

CREATE TABLE mail_queue (
    id            INTEGER PRIMARY KEY,
    kind          TEXT    NOT NULL,
    user_id       INTEGER REFERENCES users (id) ON DELETE CASCADE,
    recipient     TEXT    NOT NULL,
    lang          TEXT    NOT NULL,
    subject       TEXT    NOT NULL,
    body          TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    due_at        INTEGER NOT NULL,
    claimed_until INTEGER,
    last_error    TEXT
);
CREATE INDEX mail_queue_due ON mail_queue (due_at);
CREATE INDEX mail_queue_by_user ON mail_queue (user_id);
