-- Reports of needs and comments, and what moderation decided.

CREATE TABLE reports (
    id          INTEGER PRIMARY KEY,
    process_id  INTEGER NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    need_id     INTEGER REFERENCES needs (id) ON DELETE CASCADE,
    comment_id  INTEGER REFERENCES comments (id) ON DELETE CASCADE,
    reporter_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    reason      TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    resolved_at INTEGER,
    resolved_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    outcome     TEXT,
    UNIQUE (reporter_id, need_id),
    UNIQUE (reporter_id, comment_id)
);
CREATE INDEX reports_open ON reports (process_id, resolved_at, created_at);
