-- Issue 4: holders keep their own initiatives. Every change is a revision; the immersion charter.

-- Every saved state of an initiative: who, when, what, and where it stands. While an initiative
-- is published, its `initiatives` row is what the public sees and its latest revision is the
-- holder's working copy (a pending edit waits there); otherwise the row mirrors the latest
-- revision. `number` counts from 1 per initiative: a save names the number it started from, and
-- a later one means someone saved meanwhile (a conflict, never a silent overwrite).
CREATE TABLE initiative_revisions (
    id            INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    number        INTEGER NOT NULL,
    author_id     INTEGER REFERENCES accounts(id),
    created_at    TEXT NOT NULL,
    content       TEXT NOT NULL,              -- JSON of domain::InitiativeInput
    changed       TEXT NOT NULL DEFAULT '',   -- space-separated form fields changed since the previous revision
    state         TEXT NOT NULL CHECK (state IN ('draft', 'pending', 'published', 'rejected', 'archived')),
    reviewer_id   INTEGER REFERENCES accounts(id),  -- the animator who approved or refused it
    reviewed_at   TEXT,
    reason        TEXT,                       -- why moderation refused it, for the holder
    UNIQUE (initiative_id, number)
);

-- When the initiative was last confirmed current (at publication; holders confirm in one click
-- later). After 12 months without confirmation a pin is shown as possibly out of date.
ALTER TABLE initiatives ADD COLUMN confirmed_at TEXT;
UPDATE initiatives SET confirmed_at = updated_at WHERE status = 'published';

-- The immersion charter: versions published by an admin, signed by holders.
CREATE TABLE charter_versions (
    version      INTEGER PRIMARY KEY,
    text         TEXT NOT NULL,               -- plain text, paragraphs separated by blank lines
    published_at TEXT NOT NULL
);

CREATE TABLE charter_signatures (
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    version    INTEGER NOT NULL REFERENCES charter_versions(version),
    signed_at  TEXT NOT NULL,
    PRIMARY KEY (account_id, version)
);

-- The "charte signée" badge is part of what views show: signatures and versions bump the data
-- revision like initiatives do (migration 0003).
CREATE TRIGGER charter_signatures_revision_insert AFTER INSERT ON charter_signatures
    BEGIN UPDATE data_revision SET revision = revision + 1; END;
CREATE TRIGGER charter_versions_revision_insert AFTER INSERT ON charter_versions
    BEGIN UPDATE data_revision SET revision = revision + 1; END;

INSERT INTO charter_versions (version, published_at, text) VALUES (1, '2026-11-23T00:00:00Z',
'Charte d''immersion du club Carte Orientation 28

Une immersion (stage d''observation, période de mise en situation en milieu professionnel – PMSMP, mini-stage, journée de découverte) permet à une personne de découvrir un métier au plus près du terrain. En signant cette charte, la structure qui propose des immersions en Eure-et-Loir s''engage à :

1. Accueillir chaque personne avec un objectif clair, choisi avec elle : découvrir un métier ou un secteur d''activité, confirmer un projet professionnel, ou initier une démarche de recrutement.

2. Désigner un tuteur ou une tutrice identifiée, disponible pendant toute l''immersion, qui présente l''équipe, les règles de sécurité et le déroulé de chaque journée.

3. Faire observer et pratiquer des gestes réels du métier, jamais des tâches sans lien avec lui, et jamais en remplacement d''un poste de travail.

4. Respecter le cadre légal : convention signée avant le premier jour avec le prescripteur (France Travail, mission locale, Cap emploi, établissement scolaire…), durée et horaires prévus, aucune rémunération ni contrepartie demandée.

5. Accueillir sans discrimination, adapter l''accueil aux personnes en situation de handicap, et veiller à la sécurité et au bien-être de mineurs accueillis.

6. Faire un bilan avec la personne à la fin de l''immersion : ce qu''elle a découvert, ses questions, les suites possibles (formation, contrat, autre immersion).

7. Tenir à jour sur la carte l''initiative d''immersion : dates, publics, conditions et contact, et la retirer quand elle n''existe plus.

8. Partager avec le club ce qui marche et ce qui est à améliorer, pour que chaque immersion en Eure-et-Loir soit utile à celles et ceux qui cherchent leur voie.');
