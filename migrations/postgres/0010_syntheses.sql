-- Syntheses of a process's needs: numbered versions (running, draft, validated, published,
-- superseded), their clusters under themes, and which need sits in which cluster (with the
-- need's source and commune, which the figures count without reading the needs).

CREATE TABLE syntheses (
    id           BIGINT  PRIMARY KEY,
    process_id   BIGINT  NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    version      BIGINT  NOT NULL,
    scope        TEXT    NOT NULL,
    scope_id     BIGINT,
    status       TEXT    NOT NULL,
    progress     BIGINT  NOT NULL,
    stage        TEXT    NOT NULL,
    error        TEXT,
    needs_count  BIGINT  NOT NULL,
    created_by   BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    created_at   BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL,
    revision     BIGINT  NOT NULL DEFAULT 0,
    validated_by BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    validated_at BIGINT,
    published_at BIGINT,
    UNIQUE (process_id, version)
);
CREATE INDEX syntheses_by_status ON syntheses (process_id, status);

CREATE TABLE synthesis_clusters (
    id           BIGINT  PRIMARY KEY,
    synthesis_id BIGINT  NOT NULL REFERENCES syntheses (id) ON DELETE CASCADE,
    theme_id     BIGINT  REFERENCES themes (id) ON DELETE SET NULL,
    label        TEXT    NOT NULL,
    summary      TEXT    NOT NULL,
    position     BIGINT  NOT NULL
);
CREATE INDEX synthesis_clusters_by_synthesis ON synthesis_clusters (synthesis_id, position);

CREATE TABLE synthesis_members (
    synthesis_id BIGINT  NOT NULL REFERENCES syntheses (id) ON DELETE CASCADE,
    need_id      BIGINT  NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    cluster_id   BIGINT  NOT NULL REFERENCES synthesis_clusters (id) ON DELETE CASCADE,
    source       TEXT    NOT NULL,
    territory_id BIGINT  REFERENCES territories (id) ON DELETE SET NULL,
    suggested    BIGINT  NOT NULL,
    confidence   DOUBLE PRECISION,
    quote_rank   BIGINT,
    pinned       BIGINT  NOT NULL,
    PRIMARY KEY (synthesis_id, need_id)
);
CREATE INDEX synthesis_members_by_cluster ON synthesis_members (cluster_id, need_id);
-- What the figures count, read from the index alone.
CREATE INDEX synthesis_members_figures
    ON synthesis_members (synthesis_id, cluster_id, territory_id, source, suggested);
-- The few quotes of a synthesis (representative or pinned), without reading its other needs.
CREATE INDEX synthesis_members_quotes ON synthesis_members (synthesis_id, cluster_id)
    WHERE quote_rank IS NOT NULL OR pinned = 1;
