-- Questionnaires: a process's questionnaires, their sections (one page each when answering)
-- and questions, the choices of closed questions (and the rows of a matrix), the responses
-- (online, on paper or imported; saved section by section) and their answers, one row per
-- question and chosen item, and the population margins the team weights the answers to
-- (with optional bounds for the weights, relative to their mean).
CREATE TABLE questionnaires (
    id             BIGINT PRIMARY KEY,
    process_id     BIGINT  NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    title          TEXT    NOT NULL,
    intro          TEXT    NOT NULL,
    opens_on       TEXT,
    closes_on      TEXT,
    signed_in_only BIGINT  NOT NULL,
    published      BIGINT  NOT NULL,
    results_public BIGINT  NOT NULL,
    trim_min       DOUBLE PRECISION,
    trim_max       DOUBLE PRECISION,
    revision       BIGINT  NOT NULL,
    created_by     BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    created_at     BIGINT  NOT NULL
);
CREATE INDEX questionnaires_by_process ON questionnaires (process_id);
CREATE INDEX questionnaires_by_author ON questionnaires (created_by);

-- A section: a page of the questionnaire, shown only when `shown_if_choice` (a choice of an
-- earlier question) was chosen, if set.
CREATE TABLE questionnaire_sections (
    id               BIGINT PRIMARY KEY,
    questionnaire_id BIGINT  NOT NULL REFERENCES questionnaires (id) ON DELETE CASCADE,
    position         BIGINT  NOT NULL,
    title            TEXT    NOT NULL,
    intro            TEXT    NOT NULL,
    shown_if_choice  BIGINT
);
CREATE INDEX questionnaire_sections_in_order ON questionnaire_sections (questionnaire_id, position);

-- A question of a section. `kind` says how it is answered; `profile` marks the respondent's
-- profile questions that weighting reads (age bracket, sex, occupation, commune).
CREATE TABLE questions (
    id               BIGINT PRIMARY KEY,
    questionnaire_id BIGINT  NOT NULL REFERENCES questionnaires (id) ON DELETE CASCADE,
    section_id       BIGINT  NOT NULL REFERENCES questionnaire_sections (id) ON DELETE CASCADE,
    position         BIGINT  NOT NULL,
    kind             TEXT    NOT NULL,
    profile          TEXT,
    label            TEXT    NOT NULL,
    help             TEXT    NOT NULL,
    required         BIGINT  NOT NULL,
    min_value        DOUBLE PRECISION,
    max_value        DOUBLE PRECISION,
    max_choices      BIGINT,
    low_label        TEXT    NOT NULL,
    high_label       TEXT    NOT NULL,
    shown_if_choice  BIGINT
);
CREATE INDEX questions_in_order ON questions (questionnaire_id, section_id, position);

-- The choices of a closed question, and with `is_row` the rows of a matrix. `is_other` asks
-- « précisez ». `code` is the choice's code in exports and imports.
CREATE TABLE question_choices (
    id          BIGINT PRIMARY KEY,
    question_id BIGINT  NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    position    BIGINT  NOT NULL,
    code        TEXT    NOT NULL,
    label       TEXT    NOT NULL,
    is_other    BIGINT  NOT NULL,
    is_row      BIGINT  NOT NULL
);
CREATE INDEX question_choices_in_order ON question_choices (question_id, position);

-- A response: who gave it (an account, or an anonymous person known by the digest of a
-- resume token kept in their browser), how (online, paper, import; at which workshop), how
-- far they went and when they submitted it.
CREATE TABLE questionnaire_responses (
    id               BIGINT PRIMARY KEY,
    questionnaire_id BIGINT  NOT NULL REFERENCES questionnaires (id) ON DELETE CASCADE,
    account_id       BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    resume_hash      TEXT,
    source           TEXT    NOT NULL,
    event_id         BIGINT  REFERENCES events (id) ON DELETE SET NULL,
    entered_by       BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    next_section     BIGINT  NOT NULL,
    started_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL,
    submitted_at     BIGINT
);
CREATE UNIQUE INDEX questionnaire_responses_one_per_account
    ON questionnaire_responses (questionnaire_id, account_id) WHERE source = 'online';
CREATE UNIQUE INDEX questionnaire_responses_by_resume ON questionnaire_responses (resume_hash);
CREATE INDEX questionnaire_responses_by_account ON questionnaire_responses (account_id);
CREATE INDEX questionnaire_responses_by_clerk ON questionnaire_responses (entered_by);

-- An answer: one row per question and item (the choice chosen, the matrix row, or 0), with
-- a number (scale, number, rank, matrix value) or a text (free text, date, « précisez »,
-- commune code).
CREATE TABLE questionnaire_answers (
    response_id BIGINT  NOT NULL REFERENCES questionnaire_responses (id) ON DELETE CASCADE,
    question_id BIGINT  NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    item        BIGINT  NOT NULL,
    number      DOUBLE PRECISION,
    text        TEXT,
    PRIMARY KEY (response_id, question_id, item)
);
CREATE INDEX questionnaire_answers_by_question ON questionnaire_answers (question_id, item);

-- The population margins the team weights answers to: a profile question's choice (or a
-- commune code in `category` for the commune question) and its share of the population, in percent.
CREATE TABLE questionnaire_margins (
    questionnaire_id BIGINT  NOT NULL REFERENCES questionnaires (id) ON DELETE CASCADE,
    question_id      BIGINT  NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    category         TEXT    NOT NULL,
    share            DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (questionnaire_id, question_id, category)
);
