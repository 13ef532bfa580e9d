-- Issue 17: the search reads English too — an initiative's English summary, and its kind's,
-- themes' and audiences' English names beside the French ones (src/data/search.rs). Every row
-- is written anew: the data layer rebuilds an incomplete search table at start-up.
DELETE FROM initiatives_search;
