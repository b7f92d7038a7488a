-- What lets list pages stay fast at any size. Counters of published needs per process, theme
-- and commune (0 stands for none), and two revisions on each process that caches follow:
-- `needs_revision` changes with any published need, `settings_revision` with its themes,
-- phases, territories or any territory. Triggers keep them, whatever code writes.
-- Search terms carry their need's date, so a search walks its term in date order.

ALTER TABLE processes ADD COLUMN needs_revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE processes ADD COLUMN settings_revision INTEGER NOT NULL DEFAULT 0;

CREATE TABLE need_counts (
    process_id   INTEGER NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    theme_id     INTEGER NOT NULL,
    territory_id INTEGER NOT NULL,
    count        INTEGER NOT NULL,
    PRIMARY KEY (process_id, theme_id, territory_id)
);
INSERT INTO need_counts (process_id, theme_id, territory_id, count)
SELECT process_id, COALESCE(theme_id, 0), COALESCE(territory_id, 0), COUNT(*)
FROM needs WHERE status = 'published' GROUP BY 1, 2, 3;

CREATE TRIGGER needs_counted_insert AFTER INSERT ON needs WHEN NEW.status = 'published'
BEGIN
    INSERT INTO need_counts (process_id, theme_id, territory_id, count)
    VALUES (NEW.process_id, COALESCE(NEW.theme_id, 0), COALESCE(NEW.territory_id, 0), 1)
    ON CONFLICT (process_id, theme_id, territory_id) DO UPDATE SET count = count + 1;
    UPDATE processes SET needs_revision = needs_revision + 1 WHERE id = NEW.process_id;
END;

CREATE TRIGGER needs_counted_update AFTER UPDATE OF status, theme_id, territory_id ON needs
BEGIN
    UPDATE need_counts SET count = count - 1
    WHERE OLD.status = 'published' AND process_id = OLD.process_id
      AND theme_id = COALESCE(OLD.theme_id, 0) AND territory_id = COALESCE(OLD.territory_id, 0);
    INSERT INTO need_counts (process_id, theme_id, territory_id, count)
    SELECT NEW.process_id, COALESCE(NEW.theme_id, 0), COALESCE(NEW.territory_id, 0), 1
    WHERE NEW.status = 'published'
    ON CONFLICT (process_id, theme_id, territory_id) DO UPDATE SET count = count + 1;
    UPDATE processes SET needs_revision = needs_revision + 1 WHERE id = NEW.process_id;
END;

CREATE TRIGGER needs_counted_delete AFTER DELETE ON needs WHEN OLD.status = 'published'
BEGIN
    UPDATE need_counts SET count = count - 1
    WHERE process_id = OLD.process_id
      AND theme_id = COALESCE(OLD.theme_id, 0) AND territory_id = COALESCE(OLD.territory_id, 0);
    UPDATE processes SET needs_revision = needs_revision + 1 WHERE id = OLD.process_id;
END;

CREATE TRIGGER themes_revised_insert AFTER INSERT ON themes
BEGIN UPDATE processes SET settings_revision = settings_revision + 1 WHERE id = NEW.process_id; END;
CREATE TRIGGER themes_revised_update AFTER UPDATE ON themes
BEGIN UPDATE processes SET settings_revision = settings_revision + 1 WHERE id = NEW.process_id; END;
CREATE TRIGGER themes_revised_delete AFTER DELETE ON themes
BEGIN UPDATE processes SET settings_revision = settings_revision + 1 WHERE id = OLD.process_id; END;
CREATE TRIGGER phases_revised_insert AFTER INSERT ON phases
BEGIN UPDATE processes SET settings_revision = settings_revision + 1 WHERE id = NEW.process_id; END;
CREATE TRIGGER phases_revised_update AFTER UPDATE ON phases
BEGIN UPDATE processes SET settings_revision = settings_revision + 1 WHERE id = NEW.process_id; END;
CREATE TRIGGER phases_revised_delete AFTER DELETE ON phases
BEGIN UPDATE processes SET settings_revision = settings_revision + 1 WHERE id = OLD.process_id; END;
CREATE TRIGGER process_territories_revised_insert AFTER INSERT ON process_territories
BEGIN UPDATE processes SET settings_revision = settings_revision + 1 WHERE id = NEW.process_id; END;
CREATE TRIGGER process_territories_revised_delete AFTER DELETE ON process_territories
BEGIN UPDATE processes SET settings_revision = settings_revision + 1 WHERE id = OLD.process_id; END;
CREATE TRIGGER territories_revised_insert AFTER INSERT ON territories
BEGIN UPDATE processes SET settings_revision = settings_revision + 1; END;
CREATE TRIGGER territories_revised_update AFTER UPDATE ON territories
BEGIN UPDATE processes SET settings_revision = settings_revision + 1; END;
CREATE TRIGGER territories_revised_delete AFTER DELETE ON territories
BEGIN UPDATE processes SET settings_revision = settings_revision + 1; END;

ALTER TABLE need_terms ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
UPDATE need_terms SET created_at = (SELECT created_at FROM needs WHERE needs.id = need_terms.need_id);
CREATE INDEX need_terms_recent ON need_terms (term, created_at, need_id);

DROP INDEX needs_by_theme;
DROP INDEX needs_by_territory;
CREATE INDEX needs_by_theme ON needs (process_id, status, theme_id, created_at, id);
CREATE INDEX needs_by_territory ON needs (process_id, status, territory_id, created_at, id);
CREATE INDEX needs_by_place_theme ON needs (process_id, status, territory_id, theme_id, created_at, id);
