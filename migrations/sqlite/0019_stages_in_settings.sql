-- A process's solution stages belong to its settings: `settings_revision` moves with them, so
-- the caches that follow it (the stages the lists name and filter by) see every change.
CREATE TRIGGER solution_stages_revised_insert AFTER INSERT ON solution_stages
BEGIN UPDATE processes SET settings_revision = settings_revision + 1 WHERE id = NEW.process_id; END;
CREATE TRIGGER solution_stages_revised_update AFTER UPDATE ON solution_stages
BEGIN UPDATE processes SET settings_revision = settings_revision + 1 WHERE id = NEW.process_id; END;
CREATE TRIGGER solution_stages_revised_delete AFTER DELETE ON solution_stages
BEGIN UPDATE processes SET settings_revision = settings_revision + 1 WHERE id = OLD.process_id; END;
