-- Issue 5: the club's animators moderate by area; citizens suggest initiatives and report
-- problems; every moderation and admin action is logged; open maps follow published changes.

-- The areas an animator moderates (an admin assigns them). An animator without a row here
-- moderates nothing.
CREATE TABLE animator_areas (
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    area       TEXT NOT NULL REFERENCES areas(code),
    PRIMARY KEY (account_id, area)
);

-- A citizen's suggestion is an initiative held by nobody, pending review, with this row beside
-- it: the optional address to answer to (never public).
CREATE TABLE suggestions (
    initiative_id INTEGER PRIMARY KEY REFERENCES initiatives(id) ON DELETE CASCADE,
    contact_email TEXT,
    created_at    TEXT NOT NULL
);

-- A problem reported on a published initiative, until an animator marks it resolved.
CREATE TABLE reports (
    id            INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    reason        TEXT NOT NULL CHECK (reason IN ('n-existe-plus', 'informations-erronees', 'ne-respecte-pas-la-charte', 'autre')),
    comment       TEXT NOT NULL DEFAULT '',
    contact_email TEXT,                         -- optional, never public
    reporter_id   INTEGER REFERENCES accounts(id) ON DELETE SET NULL,  -- when signed in
    created_at    TEXT NOT NULL,
    resolved_at   TEXT,
    resolved_by   INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    resolution    TEXT                          -- what the animator did about it
);
CREATE INDEX reports_open ON reports(initiative_id) WHERE resolved_at IS NULL;

-- Who did what, when: every moderation and admin action. `actor` is the name at that time, so
-- the log still reads right after an account is renamed or removed.
CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    actor_id      INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    actor         TEXT NOT NULL,
    action        TEXT NOT NULL,                -- domain::moderation::AuditAction code
    initiative_id INTEGER REFERENCES initiatives(id) ON DELETE SET NULL,
    subject       TEXT NOT NULL,                -- what was acted on, as people read it
    details       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log(at);

-- Who wrote a revision when no account did: 'Import' (demo data, imports) or
-- 'Suggestion citoyenne'.
ALTER TABLE initiative_revisions ADD COLUMN author_note TEXT;

-- A counter of what the public sees: it moves only when a published initiative appears, changes
-- or leaves, or a badge changes. Open maps are told about it (`/api/events`), so a holder's
-- draft never makes every map reload its pins.
CREATE TABLE published_revision (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    revision INTEGER NOT NULL
);
INSERT INTO published_revision (id, revision) VALUES (1, 1);

CREATE TRIGGER published_revision_insert AFTER INSERT ON initiatives WHEN NEW.status = 'published'
    BEGIN UPDATE published_revision SET revision = revision + 1; END;
CREATE TRIGGER published_revision_update AFTER UPDATE ON initiatives
    WHEN OLD.status = 'published' OR NEW.status = 'published'
    BEGIN UPDATE published_revision SET revision = revision + 1; END;
CREATE TRIGGER published_revision_delete AFTER DELETE ON initiatives WHEN OLD.status = 'published'
    BEGIN UPDATE published_revision SET revision = revision + 1; END;
-- A signature changes a badge only on the signer's published initiatives.
CREATE TRIGGER published_revision_signature AFTER INSERT ON charter_signatures
    WHEN EXISTS (SELECT 1 FROM initiatives WHERE holder_id = NEW.account_id AND status = 'published')
    BEGIN UPDATE published_revision SET revision = revision + 1; END;
CREATE TRIGGER published_revision_charter AFTER INSERT ON charter_versions
    BEGIN UPDATE published_revision SET revision = revision + 1; END;
-- Labels and places that published pins show.
CREATE TRIGGER published_revision_kinds_update AFTER UPDATE ON kinds
    BEGIN UPDATE published_revision SET revision = revision + 1; END;
CREATE TRIGGER published_revision_kinds_insert AFTER INSERT ON kinds
    BEGIN UPDATE published_revision SET revision = revision + 1; END;
CREATE TRIGGER published_revision_communes AFTER UPDATE ON communes
    BEGIN UPDATE published_revision SET revision = revision + 1; END;
CREATE TRIGGER published_revision_areas AFTER UPDATE ON areas
    BEGIN UPDATE published_revision SET revision = revision + 1; END;
