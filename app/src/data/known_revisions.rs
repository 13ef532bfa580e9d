//! The data and published revisions (`Revisions`) as this process last read them, so that a
//! request does not ask SQLite for them each time.
//!
//! Every cache of views is keyed by these two counters, so `/api/pins`, the map page and a
//! search each needed them first: one tiny query, but a hand-over to sqlx's SQLite worker thread
//! and back, which under load was about 45 % of `/api/pins`'s time (`perf`, issue 15).
//!
//! A value read here stays good until either
//! - a commit made by this process lands: SQLite's WAL hook counts them (`commits`), and is
//!   called *after* the commit is visible to new reads (its commit hook runs before, which would
//!   let a read between the two keep the old value); a value is kept with the count read *before*
//!   its query, so a commit that lands during the query makes it stale at once;
//! - or `FRESH_FOR` has passed: another process writing the same file (the command line, a
//!   second server) is not counted, and is seen within that delay — as open maps see changes
//!   within half a second (`/api/events`).
//!
//! So a holder who saves then reloads sees their change (read-your-writes within the process),
//! and a request under load costs a lock instead of a query.

use std::ffi::{c_char, c_int, c_void};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use libsqlite3_sys as ffi;
use sqlx::sqlite::SqliteConnection;

use super::initiatives::Revisions;

/// How long a value read here is trusted when no commit of this process came since.
pub const FRESH_FOR: Duration = Duration::from_millis(250);

/// SQLite's own default: checkpoint the WAL into the database once it holds this many pages
/// (installing a WAL hook replaces SQLite's automatic checkpoints, so the hook does it).
const CHECKPOINT_AFTER_PAGES: c_int = 1000;

#[derive(Debug)]
pub(super) struct KnownRevisions {
    /// Commits landed on any connection of the pool (the WAL hook's count). `'static` because
    /// the connections hold a raw pointer to it and may outlive any one `Db` handle; one small
    /// counter per opened database.
    commits: &'static AtomicU64,
    last: Mutex<Option<Reading>>,
}

#[derive(Clone, Copy, Debug)]
struct Reading {
    commits: u64,
    at: Instant,
    revisions: Revisions,
}

impl KnownRevisions {
    pub(super) fn new() -> KnownRevisions {
        KnownRevisions { commits: Box::leak(Box::new(AtomicU64::new(0))), last: Mutex::new(None) }
    }

    /// The last value read, if it is still good.
    pub(super) fn get(&self) -> Option<Revisions> {
        let last = *self.last.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let last = last?;
        (last.commits == self.commits.load(Ordering::Acquire) && last.at.elapsed() < FRESH_FOR)
            .then_some(last.revisions)
    }

    /// What a read about to start must be kept with ([`KnownRevisions::keep`]).
    pub(super) fn before_reading(&self) -> (u64, Instant) {
        (self.commits.load(Ordering::Acquire), Instant::now())
    }

    /// Keeps `revisions`, read by a query started after `before` was taken.
    pub(super) fn keep(&self, before: (u64, Instant), revisions: Revisions) {
        let (commits, at) = before;
        *self.last.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(Reading { commits, at, revisions });
    }

    /// Counts the commits of `conn` from now on (called on each new connection of the pool).
    pub(super) async fn watch(&self, conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
        let mut handle = conn.lock_handle().await?;
        let counter: *const AtomicU64 = self.commits;
        // SAFETY: the handle is locked (no other thread uses the connection meanwhile); the
        // pointer given to SQLite is to a leaked, hence never freed, counter; the callback only
        // touches that counter and the connection SQLite hands it.
        unsafe {
            ffi::sqlite3_wal_hook(handle.as_raw_handle().as_ptr(), Some(commit_landed), counter as *mut c_void);
        }
        Ok(())
    }
}

/// SQLite's WAL hook: a commit landed on `db`, leaving `pages` pages in the WAL.
extern "C" fn commit_landed(counter: *mut c_void, db: *mut ffi::sqlite3, name: *const c_char, pages: c_int) -> c_int {
    // SAFETY: `counter` is the leaked `AtomicU64` given in `KnownRevisions::watch`.
    let commits = unsafe { &*(counter as *const AtomicU64) };
    commits.fetch_add(1, Ordering::Release);
    if pages >= CHECKPOINT_AFTER_PAGES {
        // What SQLite's default hook does (`sqlite3WalDefaultHook`); a checkpoint that cannot
        // run now (readers in the way) is tried again at the next commit.
        // SAFETY: called by SQLite on `db`'s own thread with its own arguments.
        unsafe {
            ffi::sqlite3_wal_checkpoint(db, name);
        }
    }
    ffi::SQLITE_OK
}
