-- Supports at speed. A support used to rewrite its need's whole row and every one of its eight
-- index entries, since one index (the list by supports) held the count. The list by supports
-- now walks a narrow table of its own, `need_ranks` (what that list filters and sorts on,
-- kept from `needs` by triggers), so that a support rewrites a small row and two index
-- entries there, and its need's row in place: no index of `needs` holds the count any more,
-- and the room left in each page (fillfactor) lets PostgreSQL update it without touching
-- an index (a heap-only tuple).

-- Servers of the previous version may be writing meanwhile (a rolling restart): needs are
-- held still (reads go on) from the copy below until the triggers that keep it are in place.
LOCK TABLE needs IN SHARE MODE;

CREATE TABLE need_ranks (
    need_id        BIGINT PRIMARY KEY REFERENCES needs (id) ON DELETE CASCADE,
    process_id     BIGINT NOT NULL,
    status         TEXT   NOT NULL,
    territory_id   BIGINT,
    supports_count BIGINT NOT NULL
) WITH (fillfactor = 80);
INSERT INTO need_ranks (need_id, process_id, status, territory_id, supports_count)
SELECT id, process_id, status, territory_id, supports_count FROM needs;
CREATE INDEX need_ranks_supported ON need_ranks (process_id, status, supports_count, need_id, territory_id);
DROP INDEX needs_supported;
ALTER TABLE needs SET (fillfactor = 85);

-- Statement-level triggers reading the rows a statement touched (transition tables): a batch
-- of a hundred supports is one update of their needs, and one of their ranks.
CREATE FUNCTION rank_new_needs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO need_ranks (need_id, process_id, status, territory_id, supports_count)
    SELECT id, process_id, status, territory_id, supports_count FROM inserted;
    RETURN NULL;
END $$;
CREATE TRIGGER needs_ranked AFTER INSERT ON needs
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION rank_new_needs();

CREATE FUNCTION rank_changed_needs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE need_ranks r
    SET process_id = u.process_id, status = u.status, territory_id = u.territory_id,
        supports_count = u.supports_count
    FROM updated u
    WHERE r.need_id = u.id
      AND (r.process_id, r.status, r.territory_id, r.supports_count)
          IS DISTINCT FROM (u.process_id, u.status, u.territory_id, u.supports_count);
    RETURN NULL;
END $$;
CREATE TRIGGER needs_reranked AFTER UPDATE ON needs
    REFERENCING NEW TABLE AS updated FOR EACH STATEMENT EXECUTE FUNCTION rank_changed_needs();

-- A need's count follows its support rows (0013), now once per statement.
DROP TRIGGER supports_counted ON supports;
DROP FUNCTION count_supports();
CREATE FUNCTION count_supports() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- `changed`: the rows given (INSERT) or withdrawn (DELETE) by the statement.
    UPDATE needs n
    SET supports_count = n.supports_count + CASE TG_OP WHEN 'INSERT' THEN c.count ELSE -c.count END
    FROM (SELECT need_id, COUNT(*) AS count FROM changed GROUP BY need_id) c
    WHERE n.id = c.need_id;
    RETURN NULL;
END $$;
CREATE TRIGGER supports_given AFTER INSERT ON supports
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION count_supports();
CREATE TRIGGER supports_withdrawn AFTER DELETE ON supports
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION count_supports();

-- No notification of its own: the ranks change only with their needs (the triggers above, in
-- the same statement), whose notification tells the servers (`platform::db::kept`).
