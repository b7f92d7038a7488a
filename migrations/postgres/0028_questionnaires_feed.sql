-- The change feed follows questionnaires too (`platform::db::kept`, family Questionnaires):
-- servers keep a questionnaire's row, read by every page of it, until a statement changes it
-- (every change to a questionnaire and every submitted response moves its revision).
CREATE TRIGGER questionnaires_notified AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON questionnaires
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change();

-- Each notification names the changed table's schema too (`schema.table`): servers of
-- installations that share one database in several schemas hear only their own changes.
CREATE OR REPLACE FUNCTION notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('concerto_changes', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME);
    RETURN NULL;
END $$;
