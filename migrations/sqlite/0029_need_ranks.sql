-- The list by supports walks a narrow table of its own, `need_ranks` (what that list filters
-- and sorts on, kept from `needs` by triggers), so that no index of `needs` holds the count
-- (PostgreSQL's reason, in its 0029: there an update of an indexed column rewrites every
-- index entry of the row). Here the ranks are one B-tree in the list's order (WITHOUT ROWID,
-- keyed by it), which the triggers find by the need's old values: a support moves one entry,
-- as it did in the index it replaces.

CREATE TABLE need_ranks (
    process_id     INTEGER NOT NULL,
    status         TEXT    NOT NULL,
    supports_count INTEGER NOT NULL,
    need_id        INTEGER NOT NULL,
    territory_id   INTEGER,
    PRIMARY KEY (process_id, status, supports_count, need_id)
) WITHOUT ROWID;
INSERT INTO need_ranks (process_id, status, supports_count, need_id, territory_id)
SELECT process_id, status, supports_count, id, territory_id FROM needs;
DROP INDEX needs_supported;

CREATE TRIGGER needs_ranked AFTER INSERT ON needs
BEGIN
    INSERT INTO need_ranks (process_id, status, supports_count, need_id, territory_id)
    VALUES (NEW.process_id, NEW.status, NEW.supports_count, NEW.id, NEW.territory_id);
END;

CREATE TRIGGER needs_reranked AFTER UPDATE OF process_id, status, territory_id, supports_count ON needs
BEGIN
    UPDATE need_ranks
    SET process_id = NEW.process_id, status = NEW.status, supports_count = NEW.supports_count,
        territory_id = NEW.territory_id
    WHERE process_id = OLD.process_id AND status = OLD.status
      AND supports_count = OLD.supports_count AND need_id = OLD.id;
END;

CREATE TRIGGER needs_unranked AFTER DELETE ON needs
BEGIN
    DELETE FROM need_ranks
    WHERE process_id = OLD.process_id AND status = OLD.status
      AND supports_count = OLD.supports_count AND need_id = OLD.id;
END;
