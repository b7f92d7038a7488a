-- Comments answer a need or a solution (exactly one of the two), with replies as before;
-- pictures and documents uploaded for solutions and their milestones.
ALTER TABLE comments ALTER COLUMN need_id DROP NOT NULL;
ALTER TABLE comments ADD COLUMN solution_id BIGINT REFERENCES solutions (id) ON DELETE CASCADE;
ALTER TABLE comments ADD CONSTRAINT comments_answer_one CHECK ((need_id IS NULL) <> (solution_id IS NULL));
CREATE INDEX comments_by_solution ON comments (solution_id, created_at);

ALTER TABLE solutions ADD COLUMN comments_count BIGINT NOT NULL DEFAULT 0;

-- Uploaded files, kept in the database with everything else (one backup holds all): pictures
-- re-encoded without metadata, documents (PDF) as sent. Hidden with what shows them.
CREATE TABLE media (
    id          BIGINT PRIMARY KEY,
    process_id  BIGINT NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    media_type  TEXT   NOT NULL,
    file_name   TEXT   NOT NULL,
    description TEXT   NOT NULL,
    bytes       BYTEA  NOT NULL,
    byte_size   BIGINT NOT NULL,
    width       BIGINT,
    height      BIGINT,
    hidden      BIGINT NOT NULL DEFAULT 0,
    uploaded_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX media_by_uploader ON media (uploaded_by);

ALTER TABLE solutions ADD COLUMN image_id BIGINT REFERENCES media (id) ON DELETE SET NULL;
ALTER TABLE solution_milestones ADD COLUMN media_id BIGINT REFERENCES media (id) ON DELETE SET NULL;
