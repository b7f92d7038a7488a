-- Statements a facilitator entered on behalf of a workshop remember the workshop.
ALTER TABLE opinion_statements ADD COLUMN workshop_id INTEGER REFERENCES events (id) ON DELETE SET NULL;
