-- Reports of needs and comments, and what moderation decided.

CREATE TABLE reports (
    id          BIGINT PRIMARY KEY,
    process_id  BIGINT  NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    need_id     BIGINT  REFERENCES needs (id) ON DELETE CASCADE,
    comment_id  BIGINT  REFERENCES comments (id) ON DELETE CASCADE,
    reporter_id BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    reason      TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    resolved_at BIGINT,
    resolved_by BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    outcome     TEXT,
    UNIQUE (reporter_id, need_id),
    UNIQUE (reporter_id, comment_id)
);
CREATE INDEX reports_open ON reports (process_id, resolved_at, created_at);
