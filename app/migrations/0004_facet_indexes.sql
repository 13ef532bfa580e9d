-- The counts beside the filter options group published initiatives by kind and by commune (then
-- communes into areas). These indexes hold both columns, so a count walks an index in order
-- instead of reading 50 000 rows and sorting them.
CREATE INDEX initiatives_status_kind ON initiatives(status, kind);
CREATE INDEX initiatives_status_commune ON initiatives(status, commune);
