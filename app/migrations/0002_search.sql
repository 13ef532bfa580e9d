-- Full-text search over what a citizen types: title, summary, description, organisation, place
-- (commune and area names) and tags (kind, theme and audience labels). `remove_diacritics` makes
-- "ecole" find "École". Rows are written by the data layer (src/data/search.rs) whenever an
-- initiative is written, because the theme and audience labels live in the Rust domain.
CREATE VIRTUAL TABLE initiatives_search USING fts5(
    title, summary, description, organisation, place, tags,
    tokenize = 'unicode61 remove_diacritics 2'
);
