//! The search index in memory: every row of the full-text table (`initiatives_search`) read once
//! per published revision, so that a search view is matched, filtered and ranked without SQLite.
//!
//! Why: FTS5 scores every match with `bm25()` (about 2 µs each) and joining the matches to
//! `initiatives` to keep the published ones costs as much again, so the first visitor of a broad
//! search at 50 000 initiatives waited 25–80 ms (`bench/RESULTS.md`). Here the same match (every
//! word as a prefix, in any order) and FTS5's own BM25 (`fts5_aux.c`: each word's occurrences
//! weighted by column, the row's length over every column, average length and IDF over every row
//! of the table, k1 = 1.2, b = 0.75) give the same order as the SQL, equal scores by name as the
//! list does — tested against it in `app/tests/search_and_filters.rs`.
//!
//! Built in the background when a search finds it behind the published revision (a few hundred
//! milliseconds at 50 000 initiatives); meanwhile searches go through SQL, so a search never
//! misses a change. At 50 000 initiatives it holds about 15 MB. Words are folded as FTS5's
//! `unicode61 remove_diacritics 2` folds them (every accent removed, « œ » kept), so both find
//! the same. One gap, left: a draft written after the build moves FTS5's statistics (it counts
//! every row) but not the published revision, so scores may differ from the SQL's in their last
//! digits until the next publication — the set found stays the same.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};

use super::search::COLUMN_WEIGHTS;
use super::{DataError, Db};
use crate::domain::filters::{each_word, KM_PER_DEGREE};
use crate::domain::{Audience, Filters, Theme};

/// FTS5's BM25 parameters (its `bm25()` has no way to change them).
const K1: f64 = 1.2;
const B: f64 = 0.75;

pub(super) struct SearchIndex {
    /// The published revision the rows were read at.
    published: i64,
    /// Every word of every row, folded as searches are, sorted: a prefix's words are adjacent.
    words: Vec<Box<str>>,
    /// For each word (same position), the rows holding it, in row order.
    postings: Vec<Vec<Posting>>,
    /// The rows, in the list's name order (`title_key`, then id): the order of equal scores.
    rows: Vec<Row>,
    /// The average length of a row in words, every column together.
    average_length: f64,
}

#[derive(Clone, Copy)]
struct Posting {
    row: u32,
    /// The word's occurrences in the row, each counted by its column's weight.
    weighted: u32,
}

struct Row {
    id: i64,
    /// Words in every column together.
    length: u32,
    /// What the filters look at; `None` when the initiative is not published: FTS5 counts its
    /// row in the statistics, so the index does, but it is never found.
    public: Option<Public>,
}

/// What a published initiative's filters compare, as `search::push_filtered_from` reads them.
struct Public {
    kind: Box<str>,
    commune: Box<str>,
    area: Box<str>,
    themes: Vec<Theme>,
    audiences: Vec<Audience>,
    start_date: Option<Box<str>>,
    end_date: Option<Box<str>>,
    lat: f64,
    lon: f64,
}

/// One row of the full-text table with its initiative's filtered fields.
#[derive(sqlx::FromRow)]
pub(super) struct IndexedRow {
    id: i64,
    title: String,
    summary: String,
    description: String,
    organisation: String,
    place: String,
    tags: String,
    status: String,
    kind: String,
    commune: String,
    area: String,
    themes: Option<String>,
    audiences: Option<String>,
    start_date: Option<String>,
    end_date: Option<String>,
    lat: f64,
    lon: f64,
}

impl SearchIndex {
    /// The index of `rows`, given in the list's name order, read at revision `published`.
    pub(super) fn build(published: i64, rows: Vec<IndexedRow>) -> SearchIndex {
        // Words get numbers as they come; sorted once at the end.
        let mut numbers: HashMap<Box<str>, u32> = HashMap::new();
        let mut postings: Vec<Vec<Posting>> = Vec::new();
        let mut indexed = Vec::with_capacity(rows.len());
        let mut total_length = 0u64;
        let mut row_words: Vec<(u32, u32)> = Vec::new();
        let mut folded = String::new();
        for (position, row) in rows.into_iter().enumerate() {
            let columns = [&row.title, &row.summary, &row.description, &row.organisation, &row.place, &row.tags];
            row_words.clear();
            for (text, weight) in columns.into_iter().zip(COLUMN_WEIGHTS) {
                each_fts_word(text, &mut folded, |word| {
                    let number = match numbers.get(word) {
                        Some(number) => *number,
                        None => {
                            let number = postings.len() as u32;
                            numbers.insert(word.into(), number);
                            postings.push(Vec::new());
                            number
                        }
                    };
                    row_words.push((number, weight));
                });
            }
            let length = row_words.len() as u32;
            row_words.sort_unstable_by_key(|(number, _)| *number);
            for same_word in row_words.chunk_by(|a, b| a.0 == b.0) {
                let weighted = same_word.iter().map(|(_, weight)| weight).sum();
                postings[same_word[0].0 as usize].push(Posting { row: position as u32, weighted });
            }
            total_length += u64::from(length);
            let public = (row.status == "published").then(|| Public {
                kind: row.kind.into(),
                commune: row.commune.into(),
                area: row.area.into(),
                themes: codes(row.themes, Theme::from_code),
                audiences: codes(row.audiences, Audience::from_code),
                start_date: row.start_date.map(Into::into),
                end_date: row.end_date.map(Into::into),
                lat: row.lat,
                lon: row.lon,
            });
            indexed.push(Row { id: row.id, length, public });
        }
        let mut words: Vec<(Box<str>, u32)> = numbers.into_iter().collect();
        words.sort_unstable();
        let postings = words.iter().map(|(_, number)| std::mem::take(&mut postings[*number as usize])).collect();
        let words = words.into_iter().map(|(word, _)| word).collect();
        let average_length = if indexed.is_empty() { 0.0 } else { total_length as f64 / indexed.len() as f64 };
        SearchIndex { published, words, postings, rows: indexed, average_length }
    }

    /// The ids of the published initiatives that `filters` keep, best match first, as
    /// `ORDER BY bm25(…), title_key, id` gives them. `today` is `YYYY-MM-DD` (UTC, as SQLite's
    /// `date('now')`).
    pub(super) fn ranked(&self, filters: &Filters, today: &str) -> Vec<i64> {
        let words: Vec<String> = filters.search_words().iter().map(|word| fts_fold(word)).collect();
        let count = words.len();
        let rows = self.rows.len();
        // Each word's weighted frequency in each row, and how many of the words each row holds.
        let mut frequencies = vec![0u32; rows * count];
        let mut held = vec![0u32; rows];
        let mut idf = Vec::with_capacity(count);
        for (w, word) in words.iter().enumerate() {
            let mut hits = 0i64;
            for list in &self.postings[self.prefixed_by(word)] {
                for posting in list {
                    let row = posting.row as usize;
                    let frequency = &mut frequencies[row * count + w];
                    if *frequency == 0 {
                        hits += 1;
                        held[row] += 1;
                    }
                    *frequency += posting.weighted;
                }
            }
            if hits == 0 {
                return Vec::new();
            }
            // FTS5: log((N - n + 0.5) / (n + 0.5)), and a word in more than half the rows
            // still counts a little.
            let n = rows as f64;
            let idf_w = ((n - hits as f64 + 0.5) / (hits as f64 + 0.5)).ln();
            idf.push(if idf_w <= 0.0 { 1e-6 } else { idf_w });
        }
        let mut found: Vec<(f64, u32)> = held
            .iter()
            .enumerate()
            .filter(|(row, held)| {
                **held as usize == count && self.rows[*row].public.as_ref().is_some_and(|p| p.keeps(filters, today))
            })
            .map(|(row, _)| {
                let length = f64::from(self.rows[row].length);
                let mut score = 0.0;
                for (w, idf) in idf.iter().enumerate() {
                    let f = f64::from(frequencies[row * count + w]);
                    // The same operations in the same order as fts5_aux.c, so equal scores stay equal.
                    score += idf * ((f * (K1 + 1.0)) / (f + K1 * (1.0 - B + B * length / self.average_length)));
                }
                (-score, row as u32)
            })
            .collect();
        found.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        found.into_iter().map(|(_, row)| self.rows[row as usize].id).collect()
    }

    /// The positions of the words that start with `prefix`.
    fn prefixed_by(&self, prefix: &str) -> Range<usize> {
        let start = self.words.partition_point(|word| &**word < prefix);
        let end = start + self.words[start..].partition_point(|word| word.starts_with(prefix));
        start..end
    }
}

impl Public {
    /// Whether `filters` keep this initiative, its search words aside: the conditions of
    /// `search::push_filtered_from`, computed the same way.
    fn keeps(&self, filters: &Filters, today: &str) -> bool {
        // Named one by one so that a new filter does not compile until it is handled here.
        let Filters { q: _, kinds, themes, audiences, areas, commune, upcoming, near, sort: _, page: _ } = filters;
        if !kinds.is_empty() && !kinds.iter().any(|k| **k == *self.kind) {
            return false;
        }
        if !themes.is_empty() && !themes.iter().any(|t| self.themes.contains(t)) {
            return false;
        }
        if !audiences.is_empty() && !audiences.iter().any(|a| self.audiences.contains(a)) {
            return false;
        }
        if !areas.is_empty() && !areas.iter().any(|a| **a == *self.area) {
            return false;
        }
        if commune.as_deref().is_some_and(|c| c != &*self.commune) {
            return false;
        }
        if *upcoming {
            let Some(start) = &self.start_date else { return false };
            if &**self.end_date.as_ref().unwrap_or(start) < today {
                return false;
            }
        }
        if let Some(near) = near {
            let (lat, lon, km) = (near.lat(), near.lon(), f64::from(near.km));
            let (north, east) = (KM_PER_DEGREE, near.km_per_degree_of_longitude());
            let in_box = self.lat >= lat - km / north
                && self.lat <= lat + km / north
                && self.lon >= lon - km / east
                && self.lon <= lon + km / east;
            let squared = (self.lat - lat) * (self.lat - lat) * (north * north)
                + (self.lon - lon) * (self.lon - lon) * (east * east);
            if !in_box || squared > km * km {
                return false;
            }
        }
        true
    }
}

/// Calls `each` with every word of `text` as FTS5's `unicode61 remove_diacritics 2` tokenizer
/// indexes it: letters and digits, in lower case, without accents (`folded` is reused).
fn each_fts_word(text: &str, folded: &mut String, mut each: impl FnMut(&str)) {
    each_word(text.chars(), |word| {
        fold_into(word, folded);
        each(folded);
    });
}

/// A word folded as FTS5 folds it (the search's words are folded by `fold_words` first, as the
/// SQL receives them: « cœur » typed is « coeur » on both sides).
fn fts_fold(word: &str) -> String {
    let mut folded = String::new();
    fold_into(word, &mut folded);
    folded
}

fn fold_into(word: &str, folded: &mut String) {
    folded.clear();
    for c in word.chars().flat_map(char::to_lowercase) {
        unicode_normalization::char::decompose_canonical(c, |part| {
            if !unicode_normalization::char::is_combining_mark(part) {
                folded.push(part);
            }
        });
    }
}

/// The values of a `group_concat` of codes.
fn codes<T>(list: Option<String>, from_code: fn(&str) -> Option<T>) -> Vec<T> {
    list.unwrap_or_default().split(',').filter_map(from_code).collect()
}

/// The index shared by every clone of a [`Db`], and whether one is being built.
#[derive(Clone, Default)]
pub(super) struct SharedIndex(Arc<SharedState>);

impl SharedIndex {
    /// The last index built, whatever its revision.
    fn current(&self) -> Option<Arc<SearchIndex>> {
        self.0.current.read().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

#[derive(Default)]
struct SharedState {
    current: RwLock<Option<Arc<SearchIndex>>>,
    building: AtomicBool,
}

/// A build under way: over when dropped, even if the build failed or panicked.
struct Building(SharedIndex);

impl Drop for Building {
    fn drop(&mut self) {
        self.0 .0.building.store(false, Ordering::Release);
    }
}

impl Db {
    /// The search index at published revision `published`, or `None` while it is behind (a build
    /// is then started in the background, once: searches go through SQL until it is done).
    pub(super) fn search_index_at(&self, published: i64) -> Option<Arc<SearchIndex>> {
        let current = self.search_index.current();
        // A newer index than the revision read a moment ago serves as well.
        if let Some(index) = current.filter(|index| index.published >= published) {
            return Some(index);
        }
        self.start_building_search_index();
        None
    }

    /// Starts building the search index in the background, unless a build is under way (the
    /// server calls this at start-up; a search does when the index is behind).
    pub fn start_building_search_index(&self) {
        let state = &self.search_index.0;
        if !state.building.swap(true, Ordering::AcqRel) {
            let db = self.clone();
            let building = Building(self.search_index.clone());
            tokio::spawn(async move {
                if let Err(error) = db.build_search_index().await {
                    tracing::warn!(%error, "search index not rebuilt: searches go through SQL");
                }
                drop(building);
            });
        }
    }

    /// Reads the full-text table into a new search index now. The server does at start-up, so
    /// that its first searches need not wait; a search does when the index is behind.
    pub async fn build_search_index(&self) -> Result<(), DataError> {
        let started = std::time::Instant::now();
        // One read transaction: the revision and the rows are of the same moment.
        let mut tx = self.pool.begin().await?;
        let published: i64 = sqlx::query_scalar("SELECT revision FROM published_revision").fetch_one(&mut *tx).await?;
        let rows: Vec<IndexedRow> = sqlx::query_as(
            "SELECT i.id, s.title, s.summary, s.description, s.organisation, s.place, s.tags,
                    i.status, i.kind, i.commune, c.area, i.start_date, i.end_date, i.lat, i.lon,
                    (SELECT group_concat(theme) FROM initiative_themes t WHERE t.initiative_id = i.id) AS themes,
                    (SELECT group_concat(audience) FROM initiative_audiences u WHERE u.initiative_id = i.id) AS audiences
             FROM initiatives_search s JOIN initiatives i ON i.id = s.rowid
             JOIN communes c ON c.insee = i.commune
             ORDER BY i.title_key, i.id",
        )
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        let read = started.elapsed();
        // Tokenizing 50 000 rows takes a few hundred milliseconds of CPU: off the async workers.
        let index = tokio::task::spawn_blocking(move || SearchIndex::build(published, rows))
            .await
            .map_err(|e| DataError::Background(e.to_string()))?;
        tracing::debug!(
            rows = index.rows.len(),
            words = index.words.len(),
            read_ms = read.as_millis(),
            total_ms = started.elapsed().as_millis(),
            "search index built"
        );
        let mut current = self.search_index.0.current.write().unwrap_or_else(|e| e.into_inner());
        if current.as_ref().is_none_or(|c| c.published <= index.published) {
            *current = Some(Arc::new(index));
        }
        Ok(())
    }
}

#[cfg(feature = "fixtures")]
impl Db {
    /// What the index in memory gives for the search view `filters` (tests compare it with the
    /// SQL's order), or `None` while it is behind the published revision. Builds nothing.
    pub async fn ranked_by_index(&self, filters: &Filters) -> Result<Option<Vec<i64>>, DataError> {
        let published = self.revisions().await?.published;
        let current = self.search_index.current();
        let today = chrono::Utc::now().date_naive().to_string();
        Ok(current.filter(|index| index.published == published).map(|index| index.ranked(filters, &today)))
    }
}
