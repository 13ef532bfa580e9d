-- Issue 5: the club. Animators bring holders in with single-use, expiring invitation links.
-- Only a hash of the link's secret is kept: a copy of the database gives no usable link.
CREATE TABLE invitations (
    id           INTEGER PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,          -- SHA-256 of the link's secret, hex
    organisation TEXT NOT NULL,                 -- what the sign-up form is pre-filled with
    contact_name TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT '',
    created_by   INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    used_at      TEXT,                          -- single use: set once, by the sign-up it served
    used_by      INTEGER REFERENCES accounts(id) ON DELETE SET NULL
);
