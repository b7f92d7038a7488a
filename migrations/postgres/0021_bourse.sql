-- The bourse aux initiatives: partners' offers (what an organisation gives, with a capacity
-- in places, hours or euros), carriers' requests for their solutions, the companionships
-- (compagnonnages) that pair one offer with one request once both sides accept, their log
-- (private to the pair and the process team), the ledger of the capacity each takes and
-- gives back, and the testimonies both sides leave at the end.
CREATE TABLE offers (
    id              BIGINT PRIMARY KEY,
    process_id      BIGINT NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL,
    title           TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    theme_id        BIGINT REFERENCES themes (id) ON DELETE SET NULL,
    territory_id    BIGINT REFERENCES territories (id) ON DELETE SET NULL,
    unit            TEXT    NOT NULL,
    capacity        BIGINT NOT NULL,
    remaining       BIGINT NOT NULL CHECK (remaining >= 0),
    ends_on         TEXT,
    status          TEXT    NOT NULL,
    created_by      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at      BIGINT NOT NULL
);
CREATE INDEX offers_by_process ON offers (process_id, status, created_at);
CREATE INDEX offers_by_organisation ON offers (organisation_id);

CREATE TABLE support_requests (
    id          BIGINT PRIMARY KEY,
    process_id  BIGINT NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    solution_id BIGINT NOT NULL REFERENCES solutions (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL,
    title       TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    unit        TEXT    NOT NULL,
    amount      BIGINT NOT NULL,
    needed_by   TEXT,
    status      TEXT    NOT NULL,
    created_by  BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX support_requests_by_process ON support_requests (process_id, status, created_at);
CREATE INDEX support_requests_by_solution ON support_requests (solution_id);

-- `state`: proposed → accepted → in_progress → completed, or refused / cancelled with a coded
-- `end_reason` and the side (`ended_by`) that ended it. Each side's acceptance is dated, and
-- the answer to the proposal (`answered_at`), from which a partner's reactivity is read.
CREATE TABLE companionships (
    id                  BIGINT PRIMARY KEY,
    process_id          BIGINT NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    offer_id            BIGINT NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
    request_id          BIGINT NOT NULL REFERENCES support_requests (id) ON DELETE CASCADE,
    units               BIGINT NOT NULL,
    state               TEXT    NOT NULL,
    proposed_by         TEXT    NOT NULL,
    partner_accepted_at BIGINT,
    carrier_accepted_at BIGINT,
    answered_at         BIGINT,
    end_reason          TEXT,
    ended_by            TEXT,
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL,
    reminded_at         BIGINT,
    escalated_at        BIGINT,
    UNIQUE (offer_id, request_id)
);
CREATE INDEX companionships_by_state ON companionships (state, created_at);
CREATE INDEX companionships_by_request ON companionships (request_id);
CREATE INDEX companionships_by_process ON companionships (process_id, created_at);

CREATE TABLE companionship_log (
    id               BIGINT PRIMARY KEY,
    companionship_id BIGINT NOT NULL REFERENCES companionships (id) ON DELETE CASCADE,
    author_id        BIGINT REFERENCES users (id) ON DELETE SET NULL,
    kind             TEXT    NOT NULL,
    happened_on      TEXT    NOT NULL,
    body             TEXT    NOT NULL,
    created_at       BIGINT NOT NULL
);
CREATE INDEX companionship_log_by_companionship ON companionship_log (companionship_id, happened_on);

-- Capacity taken from an offer (negative units) when a companionship is accepted, given back
-- (positive) when it is cancelled: an offer's `remaining` is its capacity plus its rows.
CREATE TABLE capacity_ledger (
    id               BIGINT PRIMARY KEY,
    offer_id         BIGINT NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
    companionship_id BIGINT NOT NULL REFERENCES companionships (id) ON DELETE CASCADE,
    units            BIGINT NOT NULL,
    created_at       BIGINT NOT NULL
);
CREATE INDEX capacity_ledger_by_offer ON capacity_ledger (offer_id);
CREATE INDEX capacity_ledger_by_companionship ON capacity_ledger (companionship_id);

CREATE TABLE testimonies (
    companionship_id BIGINT NOT NULL REFERENCES companionships (id) ON DELETE CASCADE,
    side             TEXT    NOT NULL,
    author_id        BIGINT REFERENCES users (id) ON DELETE SET NULL,
    body             TEXT    NOT NULL,
    created_at       BIGINT NOT NULL,
    PRIMARY KEY (companionship_id, side)
);
CREATE INDEX testimonies_by_author ON testimonies (author_id);

-- Moved by every change to a process's offers and requests (in the same transaction): the
-- matching index kept in memory follows it.
CREATE TABLE bourse_revisions (
    process_id BIGINT PRIMARY KEY REFERENCES processes (id) ON DELETE CASCADE,
    revision   BIGINT NOT NULL
);
