-- What lets list pages stay fast at any size. Counters of published needs per process, theme
-- and commune (0 stands for none), and two revisions on each process that caches follow:
-- `needs_revision` changes with any published need, `settings_revision` with its themes,
-- phases, territories or any territory. Triggers keep them, whatever code writes.
-- Search terms carry their need's date, so a search walks its term in date order.

ALTER TABLE processes ADD COLUMN needs_revision BIGINT NOT NULL DEFAULT 0;
ALTER TABLE processes ADD COLUMN settings_revision BIGINT NOT NULL DEFAULT 0;

CREATE TABLE need_counts (
    process_id   BIGINT NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    theme_id     BIGINT NOT NULL,
    territory_id BIGINT NOT NULL,
    count        BIGINT NOT NULL,
    PRIMARY KEY (process_id, theme_id, territory_id)
);
INSERT INTO need_counts (process_id, theme_id, territory_id, count)
SELECT process_id, COALESCE(theme_id, 0), COALESCE(territory_id, 0), COUNT(*)
FROM needs WHERE status = 'published' GROUP BY 1, 2, 3;

CREATE FUNCTION count_needs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'published' THEN
        UPDATE need_counts SET count = count - 1
        WHERE process_id = OLD.process_id
          AND theme_id = COALESCE(OLD.theme_id, 0) AND territory_id = COALESCE(OLD.territory_id, 0);
        UPDATE processes SET needs_revision = needs_revision + 1 WHERE id = OLD.process_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'published' THEN
        INSERT INTO need_counts (process_id, theme_id, territory_id, count)
        VALUES (NEW.process_id, COALESCE(NEW.theme_id, 0), COALESCE(NEW.territory_id, 0), 1)
        ON CONFLICT (process_id, theme_id, territory_id) DO UPDATE SET count = need_counts.count + 1;
        UPDATE processes SET needs_revision = needs_revision + 1 WHERE id = NEW.process_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER needs_counted AFTER INSERT OR DELETE OR UPDATE OF status, theme_id, territory_id
    ON needs FOR EACH ROW EXECUTE FUNCTION count_needs();

CREATE FUNCTION revise_process_settings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'territories' THEN
        UPDATE processes SET settings_revision = settings_revision + 1;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE processes SET settings_revision = settings_revision + 1 WHERE id = OLD.process_id;
    ELSE
        UPDATE processes SET settings_revision = settings_revision + 1 WHERE id = NEW.process_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER themes_revised AFTER INSERT OR UPDATE OR DELETE ON themes
    FOR EACH ROW EXECUTE FUNCTION revise_process_settings();
CREATE TRIGGER phases_revised AFTER INSERT OR UPDATE OR DELETE ON phases
    FOR EACH ROW EXECUTE FUNCTION revise_process_settings();
CREATE TRIGGER process_territories_revised AFTER INSERT OR DELETE ON process_territories
    FOR EACH ROW EXECUTE FUNCTION revise_process_settings();
CREATE TRIGGER territories_revised AFTER INSERT OR UPDATE OR DELETE ON territories
    FOR EACH STATEMENT EXECUTE FUNCTION revise_process_settings();

ALTER TABLE need_terms ADD COLUMN created_at BIGINT NOT NULL DEFAULT 0;
UPDATE need_terms SET created_at = (SELECT created_at FROM needs WHERE needs.id = need_terms.need_id);
CREATE INDEX need_terms_recent ON need_terms (term, created_at, need_id);

DROP INDEX needs_by_theme;
DROP INDEX needs_by_territory;
CREATE INDEX needs_by_theme ON needs (process_id, status, theme_id, created_at, id);
CREATE INDEX needs_by_territory ON needs (process_id, status, territory_id, created_at, id);
CREATE INDEX needs_by_place_theme ON needs (process_id, status, territory_id, theme_id, created_at, id);
