-- A process's solution stages belong to its settings: `settings_revision` moves with them, so
-- the caches that follow it (the stages the lists name and filter by) see every change.
CREATE TRIGGER solution_stages_revised AFTER INSERT OR UPDATE OR DELETE ON solution_stages
    FOR EACH ROW EXECUTE FUNCTION revise_process_settings();
