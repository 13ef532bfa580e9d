//! The pins of the recent views, read from the database once and shared by everything made of
//! them: `/api/pins`'s payload (`routes::pins`), `/api/sketch/{zoom}`'s clusters
//! (`routes::view_sketch`) and the map page's sketch (`map_sketch`).
//!
//! Why: each of these keeps what it makes, but each used to read the view's pins itself. At
//! 50 000 initiatives a read takes about 100 ms (it took 175–230 ms row by row, before
//! `Db::published_pins` read them as one row), and a view new since the last publication (or
//! today) was read two to four times: a filter change asks for the pins and a sketch at once,
//! so two reads ran side by side on the same cores, and the first visit after a publication
//! read them for the page, then for the pins (bench/RESULTS.md, twenty-eighth session).
//! Kept by the same key as those caches: published revision, day and view.

use std::mem::size_of;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use app::data::Db;
use app::domain::pins::Pin;
use app::domain::{Filters, PinSet};
use app::error::AppError;

/// How many views the cache expects to hold (it sizes itself by this; the bytes below bound it).
const EXPECTED_VIEWS: usize = 16;
/// Bytes kept in all: ten views of 50 000 pins, or thousands of small ones.
const KEPT_BYTES: u64 = 16 << 20;
/// What a view costs besides its pins: its copy of the kinds (about 2 kB), its key (a search of
/// up to 200 characters), the entry. Without it, thousands of views of one pin each (`?q=` with
/// any words) would weigh next to nothing.
const VIEW_OVERHEAD_BYTES: u64 = 4096;

/// What a view's pins are kept by: published revision, day (`routes::cache_day`) and view
/// (`Filters::set_key`), as the caller keeps what it makes of them.
pub type Key = (i64, i32, String);

/// The pins of the recent views; clones share them.
#[derive(Clone)]
pub struct ViewPins {
    kept: Arc<quick_cache::sync::Cache<Key, Arc<PinSet>, ByBytes>>,
    /// Reads from the database so far (tests check that the routes share them).
    reads: Arc<AtomicU64>,
}

/// A view's weight in the cache: its bytes, about.
#[derive(Clone)]
pub struct ByBytes;

impl quick_cache::Weighter<Key, Arc<PinSet>> for ByBytes {
    fn weight(&self, _: &Key, pins: &Arc<PinSet>) -> u64 {
        (pins.pins.len() * size_of::<Pin>()) as u64 + VIEW_OVERHEAD_BYTES
    }
}

impl Default for ViewPins {
    fn default() -> Self {
        ViewPins {
            kept: Arc::new(quick_cache::sync::Cache::with_weighter(EXPECTED_VIEWS, KEPT_BYTES, ByBytes)),
            reads: Arc::default(),
        }
    }
}

impl std::fmt::Debug for ViewPins {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ViewPins").field("views", &self.kept.len()).field("reads", &self.reads()).finish()
    }
}

impl ViewPins {
    /// The published pins that `filters` keep, under `key` (the caller's: the revision read with
    /// the filters, `Db::view_of_query`, today, `filters.set_key()`). Requests that ask for the
    /// same view together wait for one read.
    pub async fn of(&self, db: &Db, filters: &Filters, key: &Key) -> Result<Arc<PinSet>, AppError> {
        self.kept
            .get_or_insert_async(key, async {
                self.reads.fetch_add(1, Ordering::Relaxed);
                Ok(Arc::new(db.published_pins(filters).await?))
            })
            .await
    }

    /// How many times pins were read from the database.
    pub fn reads(&self) -> u64 {
        self.reads.load(Ordering::Relaxed)
    }
}
