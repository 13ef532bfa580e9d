//! The data layer: the only place that speaks SQL. Everything above it receives domain types.
//! SQLite is the embedded default; keeping every query here is what lets PostgreSQL back a
//! larger deployment later.

mod account_life;
mod account_links;
mod accounts;
mod audit;
pub mod backup;
mod calendar;
mod charter;
mod claims;
mod club;
mod contributions;
mod demo;
mod freshness;
mod geography;
mod holding;
#[cfg(feature = "fixtures")]
mod hostile;
mod initiatives;
mod known_revisions;
mod moderation;
mod notices;
mod outbox;
mod revisions;
mod search;
mod search_index;
mod sent_forms;
mod sessions;
mod structures;
#[cfg(feature = "fixtures")]
mod synthetic;
mod views;

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use sqlx::SqlitePool;

use crate::domain::{Facets, ListPage, ValidationErrors};

pub use audit::COMMAND_LINE;
pub use demo::{DEMO_ADMIN_EMAIL, DEMO_ANIMATOR_EMAIL, DEMO_HOLDER_EMAIL};
pub use geography::{commune_names, gazetteer_communes, Catalogue};
#[cfg(feature = "fixtures")]
pub use hostile::HOSTILE_MARKUP;
pub use initiatives::Revisions;
pub use known_revisions::FRESH_FOR as REVISIONS_FRESH_FOR;
pub use outbox::{Delivery, Outgoing};
pub use search::Facet;
pub use sessions::HashedSessionStore;

/// Why the data layer could not do what it was asked.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("cannot create the database folder: {0}")]
    Folder(#[from] std::io::Error),
    #[error("embedded data file {file} is malformed: {message}")]
    EmbeddedData { file: &'static str, message: String },
    #[error("invalid input: {0}")]
    Invalid(ValidationErrors),
    /// Sign-up with an email that already has an account.
    #[error("an account already uses this email")]
    EmailTaken,
    #[error("password hashing: {0}")]
    Hashing(String),
    /// No initiative (or charter version) has this id.
    #[error("not found")]
    NotFound,
    /// Someone saved the initiative after the revision the save started from.
    #[error("conflict: revision {} saved meanwhile", .0.latest)]
    Conflict(crate::domain::Conflict),
    /// Moderation was asked to decide on an initiative that has nothing waiting for review.
    #[error("nothing pending")]
    NotPending,
    /// An action that cannot be done in the state things are in; the message says why, in French
    /// (the command line's: backups, synthetic data).
    #[error("{0}")]
    Refused(String),
    /// The same, for a page read in both languages: the message in both.
    #[error("{0}")]
    Said(crate::domain::Message),
    /// Asked too often in a short time (the geocoder's limits): try again in a moment.
    #[error("busy: {0}")]
    Busy(crate::domain::Message),
    /// An outside service this needs (the geocoder) does not answer.
    #[error("service down: {0}")]
    ServiceDown(crate::domain::Message),
    /// A signature of a charter version that is no longer the current one.
    #[error("charter version {0} is not the current one")]
    OutdatedCharter(i64),
    /// A link sent by mail that cannot serve (unknown, used, expired), and what it was for.
    #[error("link: {0:?}")]
    Link(crate::domain::accounts::LinkProblem, Option<crate::domain::accounts::LinkPurpose>),
    /// Work handed to a background thread that did not finish (it panicked).
    #[error("background work: {0}")]
    Background(String),
}

/// A handle on the database, cheap to clone (it wraps a pool and a shared cache).
#[derive(Clone)]
pub struct Db {
    pool: SqlitePool,
    /// The counts beside the filter options of recent views, by data revision, day and view (see
    /// `Db::facets`): at 50 000 initiatives they cost tens of milliseconds per page view.
    facets: Arc<quick_cache::sync::Cache<(i64, i32, String), Facets>>,
    /// The list pages of recent views, by data revision, day and view (see `Db::published_page`).
    pages: Arc<quick_cache::sync::Cache<(i64, i32, String), ListPage>>,
    /// Every match of recent searches, ranked (see `Db::published_page`).
    rankings: search::Rankings,
    /// The published initiatives' words in memory, which ranks a search without SQL.
    search_index: search_index::SharedIndex,
    /// The catalogue of kinds, communes and areas, and the data revision it was read at.
    catalogue: Arc<std::sync::Mutex<Option<(i64, Catalogue)>>>,
    /// The address people use (`PUBLIC_URL`): every link of every mail starts with it.
    public_url: Arc<str>,
    /// The revisions as last read, while no commit came since (`Db::revisions`); `None` for a
    /// database in memory, which has no WAL to tell of commits.
    known_revisions: Option<Arc<known_revisions::KnownRevisions>>,
    /// Whether the person this handle acts for reads English (`speaking`): what they sign up or
    /// sign in with, suggest or report keeps that language, and the mails that answer what they
    /// just did are written in it. French by default (the command line, tests).
    english: bool,
    /// Whether that language is known (`speaking`): only then is it recorded as an account's.
    language_known: bool,
    /// The national address service, when configured (`GEOCODER_URL`): it places an address
    /// typed in « Autour de » (`Db::view`).
    geocoder: Option<crate::geocoder::Geocoder>,
}

/// The site's address when none is configured (`make run`).
pub const DEFAULT_PUBLIC_URL: &str = "http://127.0.0.1:3000";

/// Views whose option counts stay in memory: the default view and popular filters.
const CACHED_FACETS: usize = 256;
/// List pages kept in memory: 100 items each, some 40 kB, so a few megabytes at most.
const CACHED_PAGES: usize = 128;

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db").field("pool", &self.pool).finish_non_exhaustive()
    }
}

impl Db {
    /// Opens (creating file and folder when missing) and migrates the database at `url`,
    /// then syncs the areas and communes from the embedded gazetteer.
    pub async fn connect(url: &str) -> Result<Db, DataError> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            // Reads through a shared memory map instead of a read() per page into each
            // connection's own small cache: views of 50 000 initiatives touch thousands of pages.
            .pragma("mmap_size", "268435456");
        let file = options.get_filename().to_path_buf();
        if let Some(folder) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
            if file.to_str() != Some(":memory:") {
                std::fs::create_dir_all(folder)?;
            }
        }
        let in_memory = file.to_str() == Some(":memory:");
        let known_revisions = (!in_memory).then(|| Arc::new(known_revisions::KnownRevisions::new()));
        let watched = known_revisions.clone();
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .after_connect(move |conn, _| {
                let watched = watched.clone();
                Box::pin(async move {
                    match watched {
                        Some(known) => known.watch(conn).await,
                        None => Ok(()),
                    }
                })
            })
            .connect_with(options)
            .await?;
        if !in_memory {
            if let Some(copy) = backup::copy_before_migrating(&pool, &file).await? {
                tracing::info!(copy = %copy.display(), "copy of the database taken before migrating it (server restore --from …)");
            }
        }
        sqlx::migrate!("./migrations").run(&pool).await?;
        let db = Db {
            pool,
            facets: Arc::new(quick_cache::sync::Cache::new(CACHED_FACETS)),
            pages: Arc::new(quick_cache::sync::Cache::new(CACHED_PAGES)),
            rankings: search::Rankings::default(),
            search_index: search_index::SharedIndex::default(),
            catalogue: Arc::default(),
            public_url: Arc::from(DEFAULT_PUBLIC_URL),
            known_revisions,
            english: false,
            language_known: false,
            geocoder: None,
        };
        db.sync_gazetteer().await?;
        db.reindex_search_if_stale().await?;
        db.fill_title_keys().await?;
        db.fill_account_slugs().await?;
        Ok(db)
    }

    /// The same database, whose mails link to `public_url` (the site's `PUBLIC_URL`).
    pub fn with_public_url(mut self, public_url: &str) -> Db {
        self.public_url = Arc::from(public_url.trim_end_matches('/'));
        self
    }

    /// The same database, placing the addresses typed in « Autour de » with `geocoder`.
    pub fn with_geocoder(mut self, geocoder: Option<crate::geocoder::Geocoder>) -> Db {
        self.geocoder = geocoder;
        self
    }

    /// Whether an address typed in « Autour de » can be placed (a geocoder is configured).
    pub fn finds_addresses(&self) -> bool {
        self.geocoder.is_some()
    }

    /// The same database, acting for someone who reads English when `english` (the server
    /// functions' handle, from the language of the page that called them: `ssr::use_db`).
    pub fn speaking(&self, english: bool) -> Db {
        Db { english, language_known: true, ..self.clone() }
    }

    /// Whether the person this handle acts for reads English (see `speaking`).
    pub fn english(&self) -> bool {
        self.english
    }

    /// The address every link of a mail starts with.
    pub fn public_url(&self) -> &str {
        &self.public_url
    }

    /// The store of signed-in sessions, in this database (its table is created when missing),
    /// keyed by the hashes of their ids.
    pub async fn session_store(&self) -> Result<HashedSessionStore, DataError> {
        let store = tower_sessions_sqlx_store::SqliteStore::new(self.pool.clone());
        store.migrate().await?;
        Ok(HashedSessionStore::new(store))
    }

    /// Answers when the database does.
    pub async fn ping(&self) -> Result<(), DataError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Closes the pool (tests use this to simulate a database that no longer answers).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Today (UTC, as SQLite's `date('now')`), as a number: the caches of what reads the date are
/// keyed by it (`Db::facets`, `Db::published_page`, the server's `routes::cache_day`).
pub fn today() -> i32 {
    chrono::Datelike::num_days_from_ce(&chrono::Utc::now().date_naive())
}

/// Current time as stored in `created_at` / `updated_at`.
fn now() -> String {
    stamp(chrono::Utc::now())
}

/// A time as every table stores it (RFC 3339 to the second, UTC): such strings sort and compare
/// as the times they name.
fn stamp(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
