-- Issue 17: the holders' own pages (`/structures/{slug}`) and claims (« C'est notre initiative »).

-- The address of a holder's public page: made from the organisation's name when the account is
-- created (or, for accounts older than this migration, at start-up), then kept, so that links
-- people shared keep working after a rename.
ALTER TABLE accounts ADD COLUMN slug TEXT;
CREATE UNIQUE INDEX accounts_slug ON accounts(slug);
-- The contact person's name appears on the public page only if the holder chose so.
ALTER TABLE accounts ADD COLUMN show_contact_name INTEGER NOT NULL DEFAULT 0;

-- A holder's request to hold an initiative nobody holds (imported, demo, or published from a
-- citizen's suggestion), until an animator of its area accepts or refuses it. Accepted, the
-- initiative's `holder_id` becomes the claimant's, and the other open claims on it are refused.
-- AUTOINCREMENT: a claim's id names its queue item in `notices` (`claim:{id}`, « tell each
-- moderator once »); an id reused after a deletion would never be told.
CREATE TABLE claims (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    message       TEXT NOT NULL,                -- who they are to this initiative, for the animator
    created_at    TEXT NOT NULL,
    decision      TEXT CHECK (decision IN ('accepted', 'refused')),
    decided_at    TEXT,
    decided_by    INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    reason        TEXT                          -- why it was refused, for the holder
);
-- One open claim per holder and initiative.
CREATE UNIQUE INDEX claims_open ON claims(initiative_id, account_id) WHERE decision IS NULL;
CREATE INDEX claims_account ON claims(account_id);
