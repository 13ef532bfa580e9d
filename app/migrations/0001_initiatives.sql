-- The employment areas (bassins d'emploi) and their communes. Both are synced at start-up from
-- app/data/communes28.json, so correcting the area of a commune is a data change, not a code one.
CREATE TABLE areas (
    code           TEXT PRIMARY KEY,          -- URL form: 'chartres', 'chateaudun'
    name           TEXT NOT NULL UNIQUE,      -- display form: 'Châteaudun'
    arrondissement TEXT NOT NULL UNIQUE       -- INSEE arrondissement: '282'
);

CREATE TABLE communes (
    insee        TEXT PRIMARY KEY,            -- INSEE code: '28085'
    name         TEXT NOT NULL,
    area         TEXT NOT NULL REFERENCES areas(code),
    postal_codes TEXT NOT NULL,               -- space-separated
    population   INTEGER NOT NULL,
    lat          REAL NOT NULL,
    lon          REAL NOT NULL
);
CREATE INDEX communes_area ON communes(area);

-- Kinds of initiative: a table, not an enum, because animators will add kinds.
CREATE TABLE kinds (
    code     TEXT PRIMARY KEY,
    label_fr TEXT NOT NULL,
    label_en TEXT NOT NULL,
    colour   TEXT NOT NULL,                   -- pin and tag colour, dark enough for white text
    position INTEGER NOT NULL
);
INSERT INTO kinds (code, label_fr, label_en, colour, position) VALUES
    ('immersion',            'Immersion (stage d''observation, PMSMP)',  'Work immersion',             '#1d4e89', 1),
    ('parrainage',           'Parrainage / mentorat',                    'Sponsorship / mentoring',    '#7b2d8e', 2),
    ('visite-entreprise',    'Visite d''entreprise',                     'Company visit',              '#0f6e5f', 3),
    ('forum-metiers',        'Forum / salon des métiers',                'Job fair',                   '#b3261e', 4),
    ('job-dating',           'Job dating',                               'Job dating',                 '#c2410c', 5),
    ('atelier-se-connaitre', 'Atelier « se connaître pour s''orienter »', 'Self-discovery workshop',    '#6d4c1d', 6),
    ('accompagnement',       'Accompagnement individuel',                'One-to-one guidance',        '#255f2a', 7),
    ('lieu-ressource',       'Information / lieu ressource',             'Information centre',         '#3f4a5a', 8),
    ('outil-pedagogique',    'Outil / mallette pédagogique',             'Guidance toolkit',           '#8a5a00', 9),
    ('experience-immersive', 'Expérience immersive',                     'Immersive experience',       '#a3195b', 10),
    ('klub-extraordinaire',  'Étape du Klub extraordinaire',             'Klub extraordinaire stop',   '#005f87', 11);

-- An initiative. Its area is never stored: it is the area of its commune.
CREATE TABLE initiatives (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL,
    slug         TEXT NOT NULL,               -- readable end of the detail URL, derived from title
    summary      TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    kind         TEXT NOT NULL REFERENCES kinds(code),
    commune      TEXT NOT NULL REFERENCES communes(insee),
    lat          REAL NOT NULL,
    lon          REAL NOT NULL,
    address      TEXT,
    organisation TEXT NOT NULL,
    website      TEXT,
    email        TEXT,
    phone        TEXT,
    start_date   TEXT,                        -- YYYY-MM-DD
    end_date     TEXT,
    status       TEXT NOT NULL CHECK (status IN ('draft', 'pending', 'published', 'rejected', 'archived')),
    is_demo      INTEGER NOT NULL DEFAULT 0,  -- demo data is labelled as such everywhere
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX initiatives_status ON initiatives(status);
CREATE INDEX initiatives_commune ON initiatives(commune);

CREATE TABLE initiative_themes (
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    theme         TEXT NOT NULL,
    PRIMARY KEY (initiative_id, theme)
);

CREATE TABLE initiative_audiences (
    initiative_id INTEGER NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    audience      TEXT NOT NULL,
    PRIMARY KEY (initiative_id, audience)
);
