-- Issue 17: a dated initiative may have hours, each of its days (a forum from 9:00 to 17:00),
-- as `HH:MM` in Paris time; none for most. Calendars (`/api/evenements.ics`) then get timed
-- events instead of whole days.
ALTER TABLE initiatives ADD COLUMN start_time TEXT;
ALTER TABLE initiatives ADD COLUMN end_time TEXT;

-- What the public sees now includes the hours: a change to them moves the published revision
-- (the trigger of migration 0010, with the two columns added).
DROP TRIGGER IF EXISTS published_revision_update;
CREATE TRIGGER published_revision_update
AFTER UPDATE OF title, slug, summary, description, kind, commune, lat, lon, address, organisation,
    website, email, phone, start_date, end_date, start_time, end_time, status, is_demo, updated_at,
    confirmed_at, holder_id
ON initiatives
WHEN (OLD.status = 'published' OR NEW.status = 'published')
    AND (OLD.title IS NOT NEW.title OR OLD.slug IS NOT NEW.slug OR OLD.summary IS NOT NEW.summary
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
