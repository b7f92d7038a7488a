-- Optional participant profiles, given with consent, for anonymous statistics on who took part.

CREATE TABLE profiles (
    user_id      INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    commune_id   INTEGER REFERENCES territories (id) ON DELETE SET NULL,
    age_bracket  TEXT,
    situation    TEXT,
    consented_at INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
