-- Issue 13: mail, and the whole life of an account (verified addresses, recovery,
-- notifications, privacy).

-- An address is proven by a link sent to it. Accounts that existed before verification did
-- were all created by the command line, the demo loader or an invitation: they count as
-- verified. A new sign-up starts unverified.
ALTER TABLE accounts ADD COLUMN email_verified_at TEXT;
UPDATE accounts SET email_verified_at = created_at;
-- Sessions carry the generation they were opened in: bumping it (a password changed or reset,
-- « Se déconnecter partout ») ends every other session, wherever its row is stored.
ALTER TABLE accounts ADD COLUMN session_generation INTEGER NOT NULL DEFAULT 0;
-- Animators choose how they hear of new items in their queue: one mail per item, or a digest.
ALTER TABLE accounts ADD COLUMN queue_mail TEXT NOT NULL DEFAULT 'immediate'
    CHECK (queue_mail IN ('immediate', 'daily'));

-- Single-use, expiring links sent by mail: verifying an address, choosing a new password,
-- moving to a new address. Only the SHA-256 of the link's secret is kept.
CREATE TABLE account_links (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    purpose     TEXT NOT NULL CHECK (purpose IN ('verify-email', 'reset-password', 'change-email')),
    token_hash  TEXT NOT NULL UNIQUE,
    new_email   TEXT,                      -- the address a change-email link moves to
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT                       -- set once, in the transaction of what the link did
);
CREATE INDEX account_links_account ON account_links(account_id, purpose);

-- Invitations now also make animators (issue 13): the role the link gives and, for an
-- animator, the areas. An animator's invitation names the address it was mailed to.
ALTER TABLE invitations ADD COLUMN role TEXT NOT NULL DEFAULT 'holder' CHECK (role IN ('holder', 'animator'));
ALTER TABLE invitations ADD COLUMN areas TEXT NOT NULL DEFAULT '';   -- area codes, '|'-separated

-- Every mail, written in the transaction of the action that causes it, then delivered by the
-- server's mail task (retries with backoff). Without a mail server it stays here, where admins
-- read it (/admin/courriels).
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL,             -- domain::mail::MailKind code
    recipient       TEXT NOT NULL,
    subject         TEXT NOT NULL,
    text_body       TEXT NOT NULL,
    html_body       TEXT NOT NULL,
    unsubscribe_url TEXT,                      -- List-Unsubscribe; none for security mails
    created_at      TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'waiting'
                    CHECK (state IN ('waiting', 'sent', 'failed', 'cancelled')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT,
    sent_at         TEXT
);
CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE state = 'waiting';
CREATE INDEX outbox_recipient ON outbox(recipient);

-- Per address and kind of mail: the secret of its one-click unsubscribe link, and whether the
-- person unsubscribed.
CREATE TABLE mail_subscriptions (
    email           TEXT NOT NULL,
    kind            TEXT NOT NULL,
    token           TEXT NOT NULL UNIQUE,
    unsubscribed_at TEXT,
    PRIMARY KEY (email, kind)
);

-- What has been told once and must not be told again: an item of the queue to an animator, a
-- freshness reminder, a citizen's follow-up. Keys name the thing, never a person's address.
CREATE TABLE notices (
    key        TEXT PRIMARY KEY,
    created_at TEXT NOT NULL
);
