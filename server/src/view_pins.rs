//! The pins of the recent views, read from the database once and shared by everything made of
//! them: `/api/pins`'s payload (`routes::pins`), `/api/sketch/{zoom}`'s clusters
//! (`routes::view_sketch`) and the map page's sketch (`map_sketch`).
//!
//! Why: each of these keeps what it makes, but each used to read the view's pins itself. At
//! 50 000 initiatives a read takes 100–200 ms, and a view new since the last publication (or
//! today) was read two to four times: a filter change asks for the pins and a sketch at once,
//! so two reads ran side by side on the same cores, and the first visit after a publication
//! read them for the page, then for the pins (bench/RESULTS.md, twenty-eighth session).
//! Kept by published revision, day and view, as those caches keep what they make.

use std::sync::Arc;

use app::data::Db;
use app::domain::{Filters, PinSet};
use app::error::AppError;

/// Views whose pins stay in memory (a few kept payloads and sketches come from each).
const KEPT: usize = 16;
/// Pins kept in all, about 32 bytes each: 400 000 pins are 13 MB, eight views of 50 000.
const KEPT_PINS: u64 = 400_000;

/// What a view's pins are kept by: published revision, day (`routes::cache_day`) and view
/// (`Filters::set_key`).
type Key = (i64, i32, String);

/// The pins of the recent views; clones share them.
#[derive(Clone)]
pub struct ViewPins(Arc<quick_cache::sync::Cache<Key, Arc<PinSet>, ByPins>>);

/// A view's weight in the cache: its pins (one for a view that has none, so that it counts).
#[derive(Clone)]
pub struct ByPins;

impl quick_cache::Weighter<Key, Arc<PinSet>> for ByPins {
    fn weight(&self, _: &Key, pins: &Arc<PinSet>) -> u64 {
        pins.pins.len().max(1) as u64
    }
}

impl Default for ViewPins {
    fn default() -> Self {
        ViewPins(Arc::new(quick_cache::sync::Cache::with_weighter(KEPT, KEPT_PINS, ByPins)))
    }
}

impl ViewPins {
    /// The published pins that `filters` keep, at published revision `revision` (read by the
    /// caller with the filters: `Db::view_of_query`). Requests that ask for the same view
    /// together wait for one read.
    pub async fn of(&self, db: &Db, filters: &Filters, revision: i64) -> Result<Arc<PinSet>, AppError> {
        let key = (revision, crate::routes::cache_day(), filters.set_key());
        self.0.get_or_insert_async(&key, async { Ok(Arc::new(db.published_pins(filters).await?)) }).await
    }
}
