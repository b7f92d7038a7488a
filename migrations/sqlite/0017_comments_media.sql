-- Comments answer a need or a solution (exactly one of the two), with replies as before;
-- pictures and documents uploaded for solutions and their milestones.
-- concerto: rebuilds tables (SQLite cannot drop a NOT NULL: the runner turns foreign keys off
-- around this migration and checks them before it commits)
CREATE TABLE comments_rebuilt (
    id                INTEGER PRIMARY KEY,
    need_id           INTEGER REFERENCES needs (id) ON DELETE CASCADE,
    solution_id       INTEGER REFERENCES solutions (id) ON DELETE CASCADE,
    parent_id         INTEGER REFERENCES comments (id) ON DELETE CASCADE,
    author_id         INTEGER REFERENCES users (id) ON DELETE SET NULL,
    body              TEXT    NOT NULL,
    status            TEXT    NOT NULL,
    moderation_reason TEXT,
    created_at        INTEGER NOT NULL,
    CHECK ((need_id IS NULL) <> (solution_id IS NULL))
);
INSERT INTO comments_rebuilt (id, need_id, parent_id, author_id, body, status, moderation_reason, created_at)
    SELECT id, need_id, parent_id, author_id, body, status, moderation_reason, created_at FROM comments;
DROP TABLE comments;
ALTER TABLE comments_rebuilt RENAME TO comments;
CREATE INDEX comments_by_need ON comments (need_id, created_at);
CREATE INDEX comments_by_solution ON comments (solution_id, created_at);

ALTER TABLE solutions ADD COLUMN comments_count INTEGER NOT NULL DEFAULT 0;

-- Uploaded files, kept in the database with everything else (one backup holds all): pictures
-- re-encoded without metadata, documents (PDF) as sent. Hidden with what shows them.
CREATE TABLE media (
    id          INTEGER PRIMARY KEY,
    process_id  INTEGER NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    media_type  TEXT    NOT NULL,
    file_name   TEXT    NOT NULL,
    description TEXT    NOT NULL,
    bytes       BLOB    NOT NULL,
    byte_size   INTEGER NOT NULL,
    width       INTEGER,
    height      INTEGER,
    hidden      INTEGER NOT NULL DEFAULT 0,
    uploaded_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX media_by_uploader ON media (uploaded_by);

ALTER TABLE solutions ADD COLUMN image_id INTEGER REFERENCES media (id) ON DELETE SET NULL;
ALTER TABLE solution_milestones ADD COLUMN media_id INTEGER REFERENCES media (id) ON DELETE SET NULL;
