-- The change feed exists on PostgreSQL only; a SQLite database has one server, which keeps no
-- reads. Nothing to change here; the file keeps both engines' migrations in step.
SELECT 1;
