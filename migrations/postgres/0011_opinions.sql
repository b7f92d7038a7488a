-- The opinion map of a process: short statements (moderated before or after publication, as
-- the process chooses) and each participant's last vote on each.

ALTER TABLE processes ADD COLUMN opinion_premoderation BIGINT  NOT NULL DEFAULT 0;

CREATE TABLE opinion_statements (
    id           BIGINT  PRIMARY KEY,
    process_id   BIGINT  NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    body         TEXT    NOT NULL,
    author_id    BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    status       TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    moderated_by BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    moderated_at BIGINT
);
CREATE INDEX opinion_statements_by_process ON opinion_statements (process_id, status, created_at);

CREATE TABLE opinion_votes (
    statement_id BIGINT  NOT NULL REFERENCES opinion_statements (id) ON DELETE CASCADE,
    user_id      BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    process_id   BIGINT  NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    value        BIGINT  NOT NULL,
    voted_at     BIGINT  NOT NULL,
    PRIMARY KEY (statement_id, user_id)
);
CREATE INDEX opinion_votes_by_process ON opinion_votes (process_id, user_id);
