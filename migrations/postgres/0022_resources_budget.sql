-- The ressourcerie: a process's resources (guides, templates, tools, funding opportunities,
-- trainings, contacts, places), each a link or a file kept in `media`, described by its
-- themes, project stages, audiences and perimeter (comma-separated ids and names: the
-- catalogue is read whole and filtered in memory), with its source and licence, and for
-- funding its funder, amount or rate range, deadline and recurrence. `status` follows the
-- publication workflow: draft → review → published → archived.
CREATE TABLE resources (
    id          BIGINT PRIMARY KEY,
    process_id  BIGINT  NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL,
    title       TEXT    NOT NULL,
    summary     TEXT    NOT NULL,
    url         TEXT,
    media_id    BIGINT  REFERENCES media (id) ON DELETE SET NULL,
    themes      TEXT    NOT NULL,
    stages      TEXT    NOT NULL,
    audiences   TEXT    NOT NULL,
    perimeter   TEXT    NOT NULL,
    source      TEXT    NOT NULL,
    licence     TEXT    NOT NULL,
    funder      TEXT    NOT NULL,
    amount_min  BIGINT,
    amount_max  BIGINT,
    rate_min    BIGINT,
    rate_max    BIGINT,
    deadline    TEXT,
    recurrence  TEXT,
    status      TEXT    NOT NULL,
    created_by  BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    created_at  BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL
);
CREATE INDEX resources_by_process ON resources (process_id, status);
CREATE INDEX resources_by_author ON resources (created_by);

-- An edit anyone signed in suggests to a resource: the whole resource as it would read
-- (JSON), until the team accepts it (applied) or refuses it.
CREATE TABLE resource_edits (
    id          BIGINT PRIMARY KEY,
    resource_id BIGINT  NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    proposed_by BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    proposal    TEXT    NOT NULL,
    note        TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    decided_by  BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    created_at  BIGINT  NOT NULL,
    decided_at  BIGINT
);
CREATE INDEX resource_edits_by_resource ON resource_edits (resource_id, status);
CREATE INDEX resource_edits_by_author ON resource_edits (proposed_by);
CREATE INDEX resource_edits_by_decider ON resource_edits (decided_by);

-- Moved by every change to a process's resources (in the same transaction): the catalogue
-- kept in memory follows it.
CREATE TABLE resource_revisions (
    process_id BIGINT PRIMARY KEY REFERENCES processes (id) ON DELETE CASCADE,
    revision   BIGINT  NOT NULL
);

-- A process's public budget (optional): its declared total and whether it is shown, and its
-- lines of receipts and spending, each an amount (cents) or a share of the total (tenths of a
-- percent).
CREATE TABLE budgets (
    process_id BIGINT PRIMARY KEY REFERENCES processes (id) ON DELETE CASCADE,
    total_cents BIGINT,
    published  BIGINT  NOT NULL,
    updated_at BIGINT  NOT NULL
);

CREATE TABLE budget_lines (
    id         BIGINT PRIMARY KEY,
    process_id BIGINT  NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    side       TEXT    NOT NULL,
    label      TEXT    NOT NULL,
    cents      BIGINT,
    tenths     BIGINT,
    position   BIGINT  NOT NULL
);
CREATE INDEX budget_lines_by_process ON budget_lines (process_id, side, position);
