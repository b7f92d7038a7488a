-- The solutions list's orders other than the newest: most supported, furthest along, most
-- recently followed up; each a keyset walk on its own index, never a sort of the process.
CREATE INDEX solutions_by_supports ON solutions (process_id, status, supports_count, id);
CREATE INDEX solutions_by_progress ON solutions (process_id, status, progress, id);
CREATE INDEX solutions_by_update ON solutions (process_id, status, updated_at, id);
