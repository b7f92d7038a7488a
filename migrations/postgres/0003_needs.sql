-- Needs (besoins) with their search terms, supports and comments.

CREATE TABLE needs (
    id                BIGINT PRIMARY KEY,
    process_id        BIGINT  NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    title             TEXT    NOT NULL,
    body              TEXT    NOT NULL,
    theme_id          BIGINT  REFERENCES themes (id) ON DELETE SET NULL,
    territory_id      BIGINT  REFERENCES territories (id) ON DELETE SET NULL,
    lon               DOUBLE PRECISION,
    lat               DOUBLE PRECISION,
    source            TEXT    NOT NULL,
    author_id         BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    entered_by        BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    status            TEXT    NOT NULL,
    moderation_reason TEXT,
    merged_into       BIGINT  REFERENCES needs (id) ON DELETE SET NULL,
    supports_count    BIGINT  NOT NULL,
    comments_count    BIGINT  NOT NULL,
    created_at        BIGINT  NOT NULL
);
CREATE INDEX needs_recent ON needs (process_id, status, created_at, id);
CREATE INDEX needs_supported ON needs (process_id, status, supports_count, id);
CREATE INDEX needs_by_theme ON needs (process_id, theme_id);
CREATE INDEX needs_by_territory ON needs (process_id, territory_id);

CREATE TABLE need_terms (
    term    TEXT    NOT NULL,
    need_id BIGINT  NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    PRIMARY KEY (term, need_id)
);
CREATE INDEX need_terms_by_need ON need_terms (need_id);

CREATE TABLE supports (
    need_id    BIGINT  NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    user_id    BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (need_id, user_id)
);
CREATE INDEX supports_by_user ON supports (user_id);

CREATE TABLE comments (
    id                BIGINT PRIMARY KEY,
    need_id           BIGINT  NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    parent_id         BIGINT  REFERENCES comments (id) ON DELETE CASCADE,
    author_id         BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    body              TEXT    NOT NULL,
    status            TEXT    NOT NULL,
    moderation_reason TEXT,
    created_at        BIGINT  NOT NULL
);
CREATE INDEX comments_by_need ON comments (need_id, created_at);
