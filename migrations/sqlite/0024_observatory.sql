-- The observatory: census and legal population tables imported by the team (each import a
-- dataset with its source, licence and per-row report), their figures per territorial unit.

CREATE TABLE census_datasets (
    id           INTEGER PRIMARY KEY,
    title        TEXT    NOT NULL,
    source       TEXT    NOT NULL,
    licence      TEXT    NOT NULL,
    level        TEXT    NOT NULL,
    year         INTEGER NOT NULL,
    columns      TEXT    NOT NULL,
    ignored      TEXT    NOT NULL,
    rows_kept    INTEGER NOT NULL,
    rows_refused INTEGER NOT NULL,
    report       TEXT    NOT NULL,
    created_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL
);

CREATE TABLE census_figures (
    dataset_id   INTEGER NOT NULL REFERENCES census_datasets (id) ON DELETE CASCADE,
    territory_id INTEGER NOT NULL REFERENCES territories (id) ON DELETE CASCADE,
    figures      TEXT    NOT NULL,
    PRIMARY KEY (dataset_id, territory_id)
);
CREATE INDEX census_figures_by_territory ON census_figures (territory_id);
