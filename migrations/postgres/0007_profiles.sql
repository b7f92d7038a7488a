-- Optional participant profiles, given with consent, for anonymous statistics on who took part.

CREATE TABLE profiles (
    user_id      BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    commune_id   BIGINT  REFERENCES territories (id) ON DELETE SET NULL,
    age_bracket  TEXT,
    situation    TEXT,
    consented_at BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL
);
