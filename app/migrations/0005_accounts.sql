-- The people who sign in (issue 4): initiative holders, club animators and administrators.
-- Emails are stored normalised (trimmed, lower case: see domain::accounts::normalise_email);
-- passwords only as argon2id PHC strings.
CREATE TABLE accounts (
    id                  INTEGER PRIMARY KEY,
    email               TEXT NOT NULL UNIQUE,
    password_hash       TEXT NOT NULL,
    organisation        TEXT NOT NULL,
    contact_name        TEXT NOT NULL,
    role                TEXT NOT NULL DEFAULT 'holder' CHECK (role IN ('holder', 'animator', 'admin')),
    created_at          TEXT NOT NULL,
    password_changed_at TEXT NOT NULL
);

-- Who holds an initiative. NULL for the demo data and imports, held by no account.
ALTER TABLE initiatives ADD COLUMN holder_id INTEGER REFERENCES accounts(id);
CREATE INDEX initiatives_holder ON initiatives(holder_id);
