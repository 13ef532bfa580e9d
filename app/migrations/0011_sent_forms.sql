-- Issue 16: forms sent without JavaScript (domain::sent_forms). Between the POST of such a form
-- and the page that answers it (`/proposer?envoi=…`), what was typed and what the server
-- function answered wait here, for half an hour, under the SHA-256 of the secret in that
-- page's address. Passwords are emptied before they get here.
-- (`IF NOT EXISTS`: server/tests/hardening.rs replays the latest migration on a database.)
CREATE TABLE IF NOT EXISTS sent_forms (
    token_hash TEXT PRIMARY KEY,
    endpoint TEXT NOT NULL,
    fields TEXT NOT NULL,
    succeeded INTEGER NOT NULL,
    answer TEXT NOT NULL,
    sent_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sent_forms_by_age ON sent_forms (sent_at);
