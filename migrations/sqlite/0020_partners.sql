-- Phase 3's partners: organisations (companies, associations, public bodies, foundations)
-- with their contact people, the engagement tiers a process's managers define (time or an
-- amount, and the counterparts promised), each organisation's engagement in a process, and
-- the counterparts it is owed until they are delivered. A logo is a file anyone may see:
-- `media.process_id` becomes optional (no process: public on the whole site).
-- concerto: rebuilds tables (SQLite cannot drop a NOT NULL: the runner turns foreign keys off
-- around this migration and checks them before it commits)
CREATE TABLE media_rebuilt (
    id          INTEGER PRIMARY KEY,
    process_id  INTEGER REFERENCES processes (id) ON DELETE CASCADE,
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
INSERT INTO media_rebuilt SELECT * FROM media;
DROP TABLE media;
ALTER TABLE media_rebuilt RENAME TO media;
CREATE INDEX media_by_uploader ON media (uploaded_by);

CREATE TABLE organisations (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    siret        TEXT,
    rna          TEXT,
    website      TEXT    NOT NULL,
    description  TEXT    NOT NULL,
    territory_id INTEGER REFERENCES territories (id) ON DELETE SET NULL,
    logo_id      INTEGER REFERENCES media (id) ON DELETE SET NULL,
    created_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL
);
CREATE UNIQUE INDEX organisations_by_siret ON organisations (siret);
CREATE UNIQUE INDEX organisations_by_rna ON organisations (rna);
CREATE INDEX organisations_by_name ON organisations (name);

-- The accounts that speak and edit for an organisation.
CREATE TABLE organisation_contacts (
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    added_at        INTEGER NOT NULL,
    PRIMARY KEY (organisation_id, user_id)
);
CREATE INDEX organisation_contacts_by_user ON organisation_contacts (user_id);

-- A process's ways to engage: `contribution` is 'time' or 'money' (then `amount_cents`).
CREATE TABLE partner_tiers (
    id           INTEGER PRIMARY KEY,
    process_id   INTEGER NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    label        TEXT    NOT NULL,
    contribution TEXT    NOT NULL,
    amount_cents INTEGER,
    description  TEXT    NOT NULL
);
CREATE INDEX partner_tiers_by_process ON partner_tiers (process_id, position);

-- What a tier promises in return: `kind` is 'logo', 'training', 'workshop' or 'other'.
CREATE TABLE partner_tier_counterparts (
    id       INTEGER PRIMARY KEY,
    tier_id  INTEGER NOT NULL REFERENCES partner_tiers (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind     TEXT    NOT NULL,
    label    TEXT    NOT NULL
);
CREATE INDEX partner_tier_counterparts_by_tier ON partner_tier_counterparts (tier_id, position);

-- An organisation's engagement in a process, at one tier.
CREATE TABLE partner_engagements (
    id              INTEGER PRIMARY KEY,
    process_id      INTEGER NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    tier_id         INTEGER NOT NULL REFERENCES partner_tiers (id),
    amount_cents    INTEGER,
    created_at      INTEGER NOT NULL,
    UNIQUE (process_id, organisation_id)
);
CREATE INDEX partner_engagements_by_organisation ON partner_engagements (organisation_id);
CREATE INDEX partner_engagements_by_tier ON partner_engagements (tier_id);

-- What an engagement is owed, copied from its tier when it begins: 'owed' until 'delivered'
-- (a workshop held names its event).
CREATE TABLE partner_counterparts (
    id            INTEGER PRIMARY KEY,
    engagement_id INTEGER NOT NULL REFERENCES partner_engagements (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    kind          TEXT    NOT NULL,
    label         TEXT    NOT NULL,
    state         TEXT    NOT NULL,
    event_id      INTEGER REFERENCES events (id) ON DELETE SET NULL,
    note          TEXT    NOT NULL,
    delivered_at  INTEGER
);
CREATE INDEX partner_counterparts_by_engagement ON partner_counterparts (engagement_id, position);
