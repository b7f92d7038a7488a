-- The change feed exists on PostgreSQL only (several servers share the database and keep
-- reads in memory until it tells them of a change); a SQLite database has one server, which
-- keeps no reads. Nothing to change here; the file keeps both engines' migrations in step.
SELECT 1;
