-- The change feed: each statement that changes a table whose reads servers keep in memory
-- notifies `concerto_changes` (delivered at commit to every listening server, several
-- notifications of one transaction delivered once), and the servers drop what they kept
-- (`platform::db::kept`). Statement-level: a batch of a hundred supports notifies once.

CREATE FUNCTION notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('concerto_changes', TG_TABLE_NAME);
    RETURN NULL;
END $$;

CREATE TRIGGER processes_notified AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON processes
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
CREATE TRIGGER needs_notified AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON needs
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
CREATE TRIGGER need_terms_notified AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON need_terms
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
CREATE TRIGGER territories_notified AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON territories
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
