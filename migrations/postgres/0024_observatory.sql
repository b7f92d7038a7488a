-- The observatory: census and legal population tables imported by the team (each import a
-- dataset with its source, licence and per-row report), their figures per territorial unit.

CREATE TABLE census_datasets (
    id           BIGINT PRIMARY KEY,
    title        TEXT    NOT NULL,
    source       TEXT    NOT NULL,
    licence      TEXT    NOT NULL,
    level        TEXT    NOT NULL,
    year         BIGINT NOT NULL,
    columns      TEXT    NOT NULL,
    ignored      TEXT    NOT NULL,
    rows_kept    BIGINT NOT NULL,
    rows_refused BIGINT NOT NULL,
    report       TEXT    NOT NULL,
    created_by   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at   BIGINT NOT NULL
);

CREATE TABLE census_figures (
    dataset_id   BIGINT NOT NULL REFERENCES census_datasets (id) ON DELETE CASCADE,
    territory_id BIGINT NOT NULL REFERENCES territories (id) ON DELETE CASCADE,
    figures      TEXT    NOT NULL,
    PRIMARY KEY (dataset_id, territory_id)
);
CREATE INDEX census_figures_by_territory ON census_figures (territory_id);
