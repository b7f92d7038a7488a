-- Territories (a hierarchy with boundaries and populations), processes with their themes,
-- phases, modules, covered territories and team.

CREATE TABLE territories (
    id                INTEGER PRIMARY KEY,
    level             TEXT    NOT NULL,
    code              TEXT    NOT NULL,
    name              TEXT    NOT NULL,
    parent_id         INTEGER REFERENCES territories (id) ON DELETE SET NULL,
    population        INTEGER,
    population_year   INTEGER,
    population_source TEXT,
    geometry          TEXT,
    min_lon           DOUBLE PRECISION,
    min_lat           DOUBLE PRECISION,
    max_lon           DOUBLE PRECISION,
    max_lat           DOUBLE PRECISION,
    updated_at        INTEGER NOT NULL,
    UNIQUE (level, code)
);
CREATE INDEX territories_by_parent ON territories (parent_id);

CREATE TABLE processes (
    id          INTEGER PRIMARY KEY,
    slug        TEXT    NOT NULL UNIQUE,
    title       TEXT    NOT NULL,
    summary     TEXT    NOT NULL,
    description TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE process_territories (
    process_id   INTEGER NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    territory_id INTEGER NOT NULL REFERENCES territories (id) ON DELETE CASCADE,
    PRIMARY KEY (process_id, territory_id)
);

CREATE TABLE themes (
    id          INTEGER PRIMARY KEY,
    process_id  INTEGER NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    colour      TEXT    NOT NULL,
    description TEXT    NOT NULL,
    keywords    TEXT    NOT NULL
);
CREATE INDEX themes_by_process ON themes (process_id, position);

CREATE TABLE phases (
    id          INTEGER PRIMARY KEY,
    process_id  INTEGER NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    description TEXT    NOT NULL,
    starts_on   TEXT    NOT NULL,
    ends_on     TEXT    NOT NULL,
    modules     TEXT    NOT NULL
);
CREATE INDEX phases_by_process ON phases (process_id, position);

CREATE TABLE process_members (
    process_id INTEGER NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       TEXT    NOT NULL,
    granted_at INTEGER NOT NULL,
    PRIMARY KEY (process_id, user_id, role)
);
CREATE INDEX process_members_by_user ON process_members (user_id);
