-- Issue 17: an initiative may have an English summary, written by its holder and shown to the
-- English pages' readers instead of the French one (every other text of an initiative stays as
-- its holder wrote it). Optional: NULL for most.
ALTER TABLE initiatives ADD COLUMN summary_en TEXT;

-- What the public sees now includes it: a change to it moves the published revision (the
-- trigger of migration 0012, with the column added).
DROP TRIGGER IF EXISTS published_revision_update;
CREATE TRIGGER published_revision_update
AFTER UPDATE OF title, slug, summary, summary_en, description, kind, commune, lat, lon, address, organisation,
    website, email, phone, start_date, end_date, start_time, end_time, status, is_demo, updated_at,
    confirmed_at, holder_id
ON initiatives
WHEN (OLD.status = 'published' OR NEW.status = 'published')
    AND (OLD.title IS NOT NEW.title OR OLD.slug IS NOT NEW.slug OR OLD.summary IS NOT NEW.summary
        OR OLD.summary_en IS NOT NEW.summary_en
        OR OLD.description IS NOT NEW.description OR OLD.kind IS NOT NEW.kind
        OR OLD.commune IS NOT NEW.commune OR OLD.lat IS NOT NEW.lat OR OLD.lon IS NOT NEW.lon
        OR OLD.address IS NOT NEW.address OR OLD.organisation IS NOT NEW.organisation
        OR OLD.website IS NOT NEW.website OR OLD.email IS NOT NEW.email OR OLD.phone IS NOT NEW.phone
        OR OLD.start_date IS NOT NEW.start_date OR OLD.end_date IS NOT NEW.end_date
        OR OLD.start_time IS NOT NEW.start_time OR OLD.end_time IS NOT NEW.end_time
        OR OLD.status IS NOT NEW.status OR OLD.is_demo IS NOT NEW.is_demo
        OR OLD.updated_at IS NOT NEW.updated_at OR OLD.confirmed_at IS NOT NEW.confirmed_at
        OR OLD.holder_id IS NOT NEW.holder_id)
BEGIN UPDATE published_revision SET revision = revision + 1; END;
