-- Needs (besoins) with their search terms, supports and comments.

CREATE TABLE needs (
    id                INTEGER PRIMARY KEY,
    process_id        INTEGER NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    title             TEXT    NOT NULL,
    body              TEXT    NOT NULL,
    theme_id          INTEGER REFERENCES themes (id) ON DELETE SET NULL,
    territory_id      INTEGER REFERENCES territories (id) ON DELETE SET NULL,
    lon               DOUBLE PRECISION,
    lat               DOUBLE PRECISION,
    source            TEXT    NOT NULL,
    author_id         INTEGER REFERENCES users (id) ON DELETE SET NULL,
    entered_by        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    status            TEXT    NOT NULL,
    moderation_reason TEXT,
    merged_into       INTEGER REFERENCES needs (id) ON DELETE SET NULL,
    supports_count    INTEGER NOT NULL,
    comments_count    INTEGER NOT NULL,
    created_at        INTEGER NOT NULL
);
CREATE INDEX needs_recent ON needs (process_id, status, created_at, id);
CREATE INDEX needs_supported ON needs (process_id, status, supports_count, id);
CREATE INDEX needs_by_theme ON needs (process_id, theme_id);
CREATE INDEX needs_by_territory ON needs (process_id, territory_id);

CREATE TABLE need_terms (
    term    TEXT    NOT NULL,
    need_id INTEGER NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    PRIMARY KEY (term, need_id)
);
CREATE INDEX need_terms_by_need ON need_terms (need_id);

CREATE TABLE supports (
    need_id    INTEGER NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (need_id, user_id)
);
CREATE INDEX supports_by_user ON supports (user_id);

CREATE TABLE comments (
    id                INTEGER PRIMARY KEY,
    need_id           INTEGER NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    parent_id         INTEGER REFERENCES comments (id) ON DELETE CASCADE,
    author_id         INTEGER REFERENCES users (id) ON DELETE SET NULL,
    body              TEXT    NOT NULL,
    status            TEXT    NOT NULL,
    moderation_reason TEXT,
    created_at        INTEGER NOT NULL
);
CREATE INDEX comments_by_need ON comments (need_id, created_at);
