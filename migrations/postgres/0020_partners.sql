-- Phase 3's partners: organisations (companies, associations, public bodies, foundations)
-- with their contact people, the engagement tiers a process's managers define (time or an
-- amount, and the counterparts promised), each organisation's engagement in a process, and
-- the counterparts it is owed until they are delivered. A logo is a file anyone may see:
-- `media.process_id` becomes optional (no process: public on the whole site).
ALTER TABLE media ALTER COLUMN process_id DROP NOT NULL;

CREATE TABLE organisations (
    id           BIGINT PRIMARY KEY,
    name         TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    siret        TEXT,
    rna          TEXT,
    website      TEXT    NOT NULL,
    description  TEXT    NOT NULL,
    territory_id BIGINT REFERENCES territories (id) ON DELETE SET NULL,
    logo_id      BIGINT REFERENCES media (id) ON DELETE SET NULL,
    created_by   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at   BIGINT NOT NULL
);
CREATE UNIQUE INDEX organisations_by_siret ON organisations (siret);
CREATE UNIQUE INDEX organisations_by_rna ON organisations (rna);
CREATE INDEX organisations_by_name ON organisations (name);

-- The accounts that speak and edit for an organisation.
CREATE TABLE organisation_contacts (
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id         BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    added_at        BIGINT NOT NULL,
    PRIMARY KEY (organisation_id, user_id)
);
CREATE INDEX organisation_contacts_by_user ON organisation_contacts (user_id);

-- A process's ways to engage: `contribution` is 'time' or 'money' (then `amount_cents`).
CREATE TABLE partner_tiers (
    id           BIGINT PRIMARY KEY,
    process_id   BIGINT NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    position     BIGINT NOT NULL,
    label        TEXT    NOT NULL,
    contribution TEXT    NOT NULL,
    amount_cents BIGINT,
    description  TEXT    NOT NULL
);
CREATE INDEX partner_tiers_by_process ON partner_tiers (process_id, position);

-- What a tier promises in return: `kind` is 'logo', 'training', 'workshop' or 'other'.
CREATE TABLE partner_tier_counterparts (
    id       BIGINT PRIMARY KEY,
    tier_id  BIGINT NOT NULL REFERENCES partner_tiers (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    kind     TEXT    NOT NULL,
    label    TEXT    NOT NULL
);
CREATE INDEX partner_tier_counterparts_by_tier ON partner_tier_counterparts (tier_id, position);

-- An organisation's engagement in a process, at one tier.
CREATE TABLE partner_engagements (
    id              BIGINT PRIMARY KEY,
    process_id      BIGINT NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    tier_id         BIGINT NOT NULL REFERENCES partner_tiers (id),
    amount_cents    BIGINT,
    created_at      BIGINT NOT NULL,
    UNIQUE (process_id, organisation_id)
);
CREATE INDEX partner_engagements_by_organisation ON partner_engagements (organisation_id);
CREATE INDEX partner_engagements_by_tier ON partner_engagements (tier_id);

-- What an engagement is owed, copied from its tier when it begins: 'owed' until 'delivered'
-- (a workshop held names its event).
CREATE TABLE partner_counterparts (
    id            BIGINT PRIMARY KEY,
    engagement_id BIGINT NOT NULL REFERENCES partner_engagements (id) ON DELETE CASCADE,
    position      BIGINT NOT NULL,
    kind          TEXT    NOT NULL,
    label         TEXT    NOT NULL,
    state         TEXT    NOT NULL,
    event_id      BIGINT REFERENCES events (id) ON DELETE SET NULL,
    note          TEXT    NOT NULL,
    delivered_at  BIGINT
);
CREATE INDEX partner_counterparts_by_engagement ON partner_counterparts (engagement_id, position);
