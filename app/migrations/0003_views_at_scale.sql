-- What views need at 50 000 initiatives.

-- The list's name order, folded (no accents, capitals or punctuation: see domain::ordering::title_key),
-- so a page of the list is an indexed ORDER BY … LIMIT instead of sorting every row in Rust.
-- Written by the data layer with the title; '' means "not computed yet" and is filled at start-up.
ALTER TABLE initiatives ADD COLUMN title_key TEXT NOT NULL DEFAULT '';
CREATE INDEX initiatives_status_title_key ON initiatives(status, title_key);

-- A counter that changes whenever anything a view shows changes, whoever wrote it (this
-- process, another server on the same database, a script). Caches of views are keyed by it.
CREATE TABLE data_revision (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    revision INTEGER NOT NULL
);
INSERT INTO data_revision (id, revision) VALUES (1, 1);

CREATE TRIGGER initiatives_revision_insert AFTER INSERT ON initiatives
    BEGIN UPDATE data_revision SET revision = revision + 1; END;
CREATE TRIGGER initiatives_revision_update AFTER UPDATE ON initiatives
    BEGIN UPDATE data_revision SET revision = revision + 1; END;
CREATE TRIGGER initiatives_revision_delete AFTER DELETE ON initiatives
    BEGIN UPDATE data_revision SET revision = revision + 1; END;
CREATE TRIGGER initiative_themes_revision_insert AFTER INSERT ON initiative_themes
    BEGIN UPDATE data_revision SET revision = revision + 1; END;
CREATE TRIGGER initiative_themes_revision_delete AFTER DELETE ON initiative_themes
    BEGIN UPDATE data_revision SET revision = revision + 1; END;
CREATE TRIGGER initiative_audiences_revision_insert AFTER INSERT ON initiative_audiences
    BEGIN UPDATE data_revision SET revision = revision + 1; END;
CREATE TRIGGER initiative_audiences_revision_delete AFTER DELETE ON initiative_audiences
    BEGIN UPDATE data_revision SET revision = revision + 1; END;
CREATE TRIGGER kinds_revision_update AFTER UPDATE ON kinds
    BEGIN UPDATE data_revision SET revision = revision + 1; END;
CREATE TRIGGER kinds_revision_insert AFTER INSERT ON kinds
    BEGIN UPDATE data_revision SET revision = revision + 1; END;
CREATE TRIGGER communes_revision_update AFTER UPDATE ON communes
    BEGIN UPDATE data_revision SET revision = revision + 1; END;
CREATE TRIGGER areas_revision_update AFTER UPDATE ON areas
    BEGIN UPDATE data_revision SET revision = revision + 1; END;
