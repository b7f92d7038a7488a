-- The ressourcerie: a process's resources (guides, templates, tools, funding opportunities,
-- trainings, contacts, places), each a link or a file kept in `media`, described by its
-- themes, project stages, audiences and perimeter (comma-separated ids and names: the
-- catalogue is read whole and filtered in memory), with its source and licence, and for
-- funding its funder, amount or rate range, deadline and recurrence. `status` follows the
-- publication workflow: draft → review → published → archived.
CREATE TABLE resources (
    id          INTEGER PRIMARY KEY,
    process_id  INTEGER NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL,
    title       TEXT    NOT NULL,
    summary     TEXT    NOT NULL,
    url         TEXT,
    media_id    INTEGER REFERENCES media (id) ON DELETE SET NULL,
    themes      TEXT    NOT NULL,
    stages      TEXT    NOT NULL,
    audiences   TEXT    NOT NULL,
    perimeter   TEXT    NOT NULL,
    source      TEXT    NOT NULL,
    licence     TEXT    NOT NULL,
    funder      TEXT    NOT NULL,
    amount_min  INTEGER,
    amount_max  INTEGER,
    rate_min    INTEGER,
    rate_max    INTEGER,
    deadline    TEXT,
    recurrence  TEXT,
    status      TEXT    NOT NULL,
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX resources_by_process ON resources (process_id, status);
CREATE INDEX resources_by_author ON resources (created_by);

-- An edit anyone signed in suggests to a resource: the whole resource as it would read
-- (JSON), until the team accepts it (applied) or refuses it.
CREATE TABLE resource_edits (
    id          INTEGER PRIMARY KEY,
    resource_id INTEGER NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    proposed_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    proposal    TEXT    NOT NULL,
    note        TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    decided_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL,
    decided_at  INTEGER
);
CREATE INDEX resource_edits_by_resource ON resource_edits (resource_id, status);
CREATE INDEX resource_edits_by_author ON resource_edits (proposed_by);
CREATE INDEX resource_edits_by_decider ON resource_edits (decided_by);

-- Moved by every change to a process's resources (in the same transaction): the catalogue
-- kept in memory follows it.
CREATE TABLE resource_revisions (
    process_id INTEGER PRIMARY KEY REFERENCES processes (id) ON DELETE CASCADE,
    revision   INTEGER NOT NULL
);

-- A process's public budget (optional): its declared total and whether it is shown, and its
-- lines of receipts and spending, each an amount (cents) or a share of the total (tenths of a
-- percent).
CREATE TABLE budgets (
    process_id INTEGER PRIMARY KEY REFERENCES processes (id) ON DELETE CASCADE,
    total_cents INTEGER,
    published  INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE budget_lines (
    id         INTEGER PRIMARY KEY,
    process_id INTEGER NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    side       TEXT    NOT NULL,
    label      TEXT    NOT NULL,
    cents      INTEGER,
    tenths     INTEGER,
    position   INTEGER NOT NULL
);
CREATE INDEX budget_lines_by_process ON budget_lines (process_id, side, position);
