-- A list filtered by an EPCI walks the process's needs in the list's order and keeps those of
-- its communes (a few in three on the benchmark's data). With the commune at the end of the
-- order's index, SQLite tells from the index entry whether a need is kept, and reads the rows
-- of the kept ones only. PostgreSQL gets the same indexes: the schema is the same text on
-- both engines (its list by EPCI: 4,592 req/s before, 4,737 and 4,949 after, within noise).
DROP INDEX needs_recent;
CREATE INDEX needs_recent ON needs (process_id, status, created_at, id, territory_id);
DROP INDEX needs_supported;
CREATE INDEX needs_supported ON needs (process_id, status, supports_count, id, territory_id);
