-- Solutions (phase 2): each answers needs or synthesis clusters of its process, is carried by
-- a team of accounts, moves through the process's stages with dated milestones, and may get an
-- official answer from the process team. Triggers keep the counters that the planisphère and
-- the needs coverage read: a need's `solutions_count` (published solutions answering it), the
-- `covered` needs beside `count` in need_counts, solution_counts per theme, place and stage,
-- and `solutions_revision` on the process, which caches follow.

CREATE TABLE solution_stages (
    id         INTEGER PRIMARY KEY,
    process_id INTEGER NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    key        TEXT    NOT NULL,
    label      TEXT    NOT NULL,
    progress   INTEGER,
    position   INTEGER NOT NULL,
    UNIQUE (process_id, key)
);

-- Every process starts with the stages of the design; its managers rename, add and remove.
CREATE TRIGGER processes_staged AFTER INSERT ON processes
BEGIN
    INSERT INTO solution_stages (process_id, key, label, progress, position) VALUES
        (NEW.id, 'idee', 'Idée', 0, 1),
        (NEW.id, 'projet', 'Projet', 20, 2),
        (NEW.id, 'recherche', 'Recherche d''accompagnement', 40, 3),
        (NEW.id, 'accompagnee', 'Accompagnée', 60, 4),
        (NEW.id, 'lancee', 'Lancée', 100, 5),
        (NEW.id, 'abandonnee', 'Abandonnée', NULL, 6);
END;
INSERT INTO solution_stages (process_id, key, label, progress, position)
SELECT p.id, s.key, s.label, s.progress, s.position FROM processes p, (
    SELECT 'idee' AS key, 'Idée' AS label, 0 AS progress, 1 AS position
    UNION ALL SELECT 'projet', 'Projet', 20, 2
    UNION ALL SELECT 'recherche', 'Recherche d''accompagnement', 40, 3
    UNION ALL SELECT 'accompagnee', 'Accompagnée', 60, 4
    UNION ALL SELECT 'lancee', 'Lancée', 100, 5
    UNION ALL SELECT 'abandonnee', 'Abandonnée', NULL, 6) s;

ALTER TABLE processes ADD COLUMN solutions_revision INTEGER NOT NULL DEFAULT 0;

CREATE TABLE solutions (
    id                INTEGER PRIMARY KEY,
    process_id        INTEGER NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    title             TEXT    NOT NULL,
    body              TEXT    NOT NULL,
    theme_id          INTEGER REFERENCES themes (id) ON DELETE SET NULL,
    scope             TEXT    NOT NULL,
    territory_id      INTEGER REFERENCES territories (id) ON DELETE SET NULL,
    lon               DOUBLE PRECISION,
    lat               DOUBLE PRECISION,
    organisation      TEXT    NOT NULL,
    stage_id          INTEGER REFERENCES solution_stages (id) ON DELETE SET NULL,
    progress          INTEGER NOT NULL,
    answer            TEXT,
    answer_reason     TEXT    NOT NULL,
    answered_at       INTEGER,
    source            TEXT    NOT NULL,
    event_id          INTEGER REFERENCES events (id) ON DELETE SET NULL,
    author_id         INTEGER REFERENCES users (id) ON DELETE SET NULL,
    entered_by        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    external_id       TEXT,
    status            TEXT    NOT NULL,
    moderation_reason TEXT,
    merged_into       INTEGER REFERENCES solutions (id) ON DELETE SET NULL,
    supports_count    INTEGER NOT NULL DEFAULT 0,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);
CREATE INDEX solutions_recent ON solutions (process_id, status, created_at, id);
CREATE INDEX solutions_by_stage ON solutions (process_id, status, stage_id, created_at, id);
CREATE INDEX solutions_by_theme ON solutions (process_id, status, theme_id, created_at, id);
CREATE INDEX solutions_by_territory ON solutions (process_id, status, territory_id, created_at, id);
CREATE INDEX solutions_by_event ON solutions (event_id);
CREATE UNIQUE INDEX solutions_external ON solutions (process_id, external_id);

CREATE TABLE solution_terms (
    term        TEXT    NOT NULL,
    solution_id INTEGER NOT NULL REFERENCES solutions (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (term, solution_id)
);
CREATE INDEX solution_terms_recent ON solution_terms (term, created_at, solution_id);
CREATE INDEX solution_terms_by_solution ON solution_terms (solution_id);

CREATE TABLE solution_needs (
    solution_id INTEGER NOT NULL REFERENCES solutions (id) ON DELETE CASCADE,
    need_id     INTEGER NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    PRIMARY KEY (solution_id, need_id)
);
CREATE INDEX solution_needs_by_need ON solution_needs (need_id, solution_id);

CREATE TABLE solution_clusters (
    solution_id INTEGER NOT NULL REFERENCES solutions (id) ON DELETE CASCADE,
    cluster_id  INTEGER NOT NULL REFERENCES synthesis_clusters (id) ON DELETE CASCADE,
    PRIMARY KEY (solution_id, cluster_id)
);
CREATE INDEX solution_clusters_by_cluster ON solution_clusters (cluster_id, solution_id);

CREATE TABLE solution_carriers (
    solution_id INTEGER NOT NULL REFERENCES solutions (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (solution_id, user_id)
);
CREATE INDEX solution_carriers_by_user ON solution_carriers (user_id);

CREATE TABLE solution_milestones (
    id          INTEGER PRIMARY KEY,
    solution_id INTEGER NOT NULL REFERENCES solutions (id) ON DELETE CASCADE,
    happened_on TEXT    NOT NULL,
    title       TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX solution_milestones_by_solution ON solution_milestones (solution_id, happened_on);

-- Supports of solutions; a solution's count follows its rows.
CREATE TABLE solution_supports (
    solution_id INTEGER NOT NULL REFERENCES solutions (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (solution_id, user_id)
);
CREATE INDEX solution_supports_by_user ON solution_supports (user_id);
CREATE INDEX solution_supports_recent ON solution_supports (solution_id, created_at);
CREATE TRIGGER solution_supports_counted_insert AFTER INSERT ON solution_supports
BEGIN
    UPDATE solutions SET supports_count = supports_count + 1 WHERE id = NEW.solution_id;
END;
CREATE TRIGGER solution_supports_counted_delete AFTER DELETE ON solution_supports
BEGIN
    UPDATE solutions SET supports_count = supports_count - 1 WHERE id = OLD.solution_id;
END;

-- Reports may point at a solution.
ALTER TABLE reports ADD COLUMN solution_id INTEGER REFERENCES solutions (id) ON DELETE CASCADE;
CREATE UNIQUE INDEX reports_of_solutions ON reports (reporter_id, solution_id);

-- A notice may be about a solution answering the need it is sent for.
ALTER TABLE notifications ADD COLUMN solution_id INTEGER REFERENCES solutions (id) ON DELETE CASCADE;
CREATE INDEX notifications_by_user ON notifications (user_id, created_at);

-- Published solutions per theme, place and stage (0: none).
CREATE TABLE solution_counts (
    process_id   INTEGER NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    theme_id     INTEGER NOT NULL,
    territory_id INTEGER NOT NULL,
    stage_id     INTEGER NOT NULL,
    count        INTEGER NOT NULL,
    PRIMARY KEY (process_id, theme_id, territory_id, stage_id)
);

CREATE TRIGGER solutions_counted_insert AFTER INSERT ON solutions
BEGIN
    INSERT INTO solution_counts (process_id, theme_id, territory_id, stage_id, count)
    SELECT NEW.process_id, COALESCE(NEW.theme_id, 0), COALESCE(NEW.territory_id, 0),
           COALESCE(NEW.stage_id, 0), 1
    WHERE NEW.status = 'published'
    ON CONFLICT (process_id, theme_id, territory_id, stage_id) DO UPDATE SET count = count + 1;
    UPDATE processes SET solutions_revision = solutions_revision + 1 WHERE id = NEW.process_id;
END;

-- Supports change no counter: they leave the caches alone.
CREATE TRIGGER solutions_counted_update
    AFTER UPDATE OF status, theme_id, territory_id, stage_id, title, lon, lat, progress, answer
    ON solutions
BEGIN
    UPDATE solution_counts SET count = count - 1
    WHERE OLD.status = 'published' AND process_id = OLD.process_id
      AND theme_id = COALESCE(OLD.theme_id, 0) AND territory_id = COALESCE(OLD.territory_id, 0)
      AND stage_id = COALESCE(OLD.stage_id, 0);
    INSERT INTO solution_counts (process_id, theme_id, territory_id, stage_id, count)
    SELECT NEW.process_id, COALESCE(NEW.theme_id, 0), COALESCE(NEW.territory_id, 0),
           COALESCE(NEW.stage_id, 0), 1
    WHERE NEW.status = 'published'
    ON CONFLICT (process_id, theme_id, territory_id, stage_id) DO UPDATE SET count = count + 1;
    UPDATE processes SET solutions_revision = solutions_revision + 1 WHERE id = NEW.process_id;
END;

-- A solution leaves its needs' counts before its links go with it.
CREATE TRIGGER solutions_unlinked_delete BEFORE DELETE ON solutions
BEGIN
    DELETE FROM solution_needs WHERE solution_id = OLD.id;
END;

CREATE TRIGGER solutions_counted_delete AFTER DELETE ON solutions
BEGIN
    UPDATE solution_counts SET count = count - 1
    WHERE OLD.status = 'published' AND process_id = OLD.process_id
      AND theme_id = COALESCE(OLD.theme_id, 0) AND territory_id = COALESCE(OLD.territory_id, 0)
      AND stage_id = COALESCE(OLD.stage_id, 0);
    UPDATE processes SET solutions_revision = solutions_revision + 1 WHERE id = OLD.process_id;
END;

-- A need keeps its id on the platform it was imported from (a Decidim proposal's), so that
-- results imported later find the needs they answer.
ALTER TABLE needs ADD COLUMN external_id TEXT;
CREATE INDEX needs_external ON needs (process_id, external_id);

-- A need counts the published solutions that answer it.
ALTER TABLE needs ADD COLUMN solutions_count INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER solution_needs_counted_insert AFTER INSERT ON solution_needs
BEGIN
    UPDATE needs SET solutions_count = solutions_count + 1
    WHERE id = NEW.need_id
      AND EXISTS (SELECT 1 FROM solutions WHERE id = NEW.solution_id AND status = 'published');
    UPDATE processes SET solutions_revision = solutions_revision + 1
    WHERE id = (SELECT process_id FROM solutions WHERE id = NEW.solution_id);
END;

CREATE TRIGGER solution_needs_counted_delete AFTER DELETE ON solution_needs
BEGIN
    UPDATE needs SET solutions_count = solutions_count - 1
    WHERE id = OLD.need_id
      AND EXISTS (SELECT 1 FROM solutions WHERE id = OLD.solution_id AND status = 'published');
    UPDATE processes SET solutions_revision = solutions_revision + 1
    WHERE id = (SELECT process_id FROM solutions WHERE id = OLD.solution_id);
END;

CREATE TRIGGER solutions_published_update AFTER UPDATE OF status ON solutions
    WHEN (OLD.status = 'published') <> (NEW.status = 'published')
BEGIN
    UPDATE needs
    SET solutions_count = solutions_count + CASE WHEN NEW.status = 'published' THEN 1 ELSE -1 END
    WHERE id IN (SELECT need_id FROM solution_needs WHERE solution_id = NEW.id);
END;

-- A merged need hands its solutions to the need that was kept.
CREATE TRIGGER needs_merged_solutions AFTER UPDATE OF status ON needs
    WHEN NEW.status = 'merged' AND NEW.merged_into IS NOT NULL
BEGIN
    INSERT INTO solution_needs (solution_id, need_id)
    SELECT solution_id, NEW.merged_into FROM solution_needs WHERE need_id = NEW.id
    ON CONFLICT (solution_id, need_id) DO NOTHING;
END;

-- Published needs answered by at least one published solution, beside the published needs.
ALTER TABLE need_counts ADD COLUMN covered INTEGER NOT NULL DEFAULT 0;

DROP TRIGGER needs_counted_update;
CREATE TRIGGER needs_counted_update
    AFTER UPDATE OF status, theme_id, territory_id, solutions_count ON needs
BEGIN
    UPDATE need_counts SET count = count - 1, covered = covered - (OLD.solutions_count > 0)
    WHERE OLD.status = 'published' AND process_id = OLD.process_id
      AND theme_id = COALESCE(OLD.theme_id, 0) AND territory_id = COALESCE(OLD.territory_id, 0);
    INSERT INTO need_counts (process_id, theme_id, territory_id, count, covered)
    SELECT NEW.process_id, COALESCE(NEW.theme_id, 0), COALESCE(NEW.territory_id, 0), 1,
           NEW.solutions_count > 0
    WHERE NEW.status = 'published'
    ON CONFLICT (process_id, theme_id, territory_id)
    DO UPDATE SET count = count + 1, covered = covered + excluded.covered;
    UPDATE processes SET needs_revision = needs_revision + 1 WHERE id = NEW.process_id;
END;

DROP TRIGGER needs_counted_delete;
CREATE TRIGGER needs_counted_delete AFTER DELETE ON needs WHEN OLD.status = 'published'
BEGIN
    UPDATE need_counts SET count = count - 1, covered = covered - (OLD.solutions_count > 0)
    WHERE process_id = OLD.process_id
      AND theme_id = COALESCE(OLD.theme_id, 0) AND territory_id = COALESCE(OLD.territory_id, 0);
    UPDATE processes SET needs_revision = needs_revision + 1 WHERE id = OLD.process_id;
END;
