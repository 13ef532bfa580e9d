//! Reading and writing initiatives.

use chrono::{NaiveDate, NaiveTime};
use sqlx::{FromRow, QueryBuilder, Sqlite};

use super::charter::CHARTER_SIGNED;
use super::freshness::TO_CHECK;
use super::search::{index_for_search, is_search, push_filtered_from, LABEL_JOINS};
use super::{now, today, DataError, Db};
use crate::domain::initiative::detail_path;
use crate::domain::ordering::title_key;
use crate::domain::structures::structure_path;
use crate::domain::{
    validate, Area, Audience, Filters, InitiativeDetail, InitiativeInput, InitiativeSummary, KindInfo, ListPage, Pin,
    PinSet, Sort, Status, Theme, PAGE_SIZE,
};

#[derive(FromRow)]
struct SummaryRow {
    id: i64,
    title: String,
    slug: String,
    kind: String,
    kind_label: String,
    kind_label_en: String,
    commune_name: String,
    area_name: String,
    organisation: String,
    lat: f64,
    lon: f64,
    is_demo: bool,
    charter_signed: bool,
    to_check: bool,
    start_date: Option<NaiveDate>,
    end_date: Option<NaiveDate>,
    start_time: Option<String>,
    end_time: Option<String>,
}

impl From<SummaryRow> for InitiativeSummary {
    fn from(row: SummaryRow) -> Self {
        InitiativeSummary {
            path: detail_path(row.id, &row.slug),
            id: row.id,
            title: row.title,
            kind: row.kind,
            kind_label: row.kind_label,
            kind_label_en: row.kind_label_en,
            commune_name: row.commune_name,
            area_name: row.area_name,
            organisation: row.organisation,
            lat: row.lat,
            lon: row.lon,
            is_demo: row.is_demo,
            charter_signed: row.charter_signed,
            to_check: row.to_check,
            start_date: row.start_date,
            end_date: row.end_date,
            start_time: stored_time(row.start_time.as_deref()),
            end_time: stored_time(row.end_time.as_deref()),
        }
    }
}

/// A time as the `start_time` and `end_time` columns hold it (`HH:MM`, Paris time).
fn stored_time(text: Option<&str>) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text?, "%H:%M").ok()
}

fn time_to_store(time: Option<NaiveTime>) -> Option<String> {
    time.map(|t| t.format("%H:%M").to_string())
}

#[derive(FromRow)]
struct DetailRow {
    id: i64,
    title: String,
    slug: String,
    summary: String,
    summary_en: Option<String>,
    description: String,
    kind: String,
    kind_label: String,
    kind_label_en: String,
    kind_colour: String,
    commune: String,
    commune_name: String,
    area_code: String,
    area_name: String,
    lat: f64,
    lon: f64,
    address: Option<String>,
    organisation: String,
    website: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    start_date: Option<NaiveDate>,
    end_date: Option<NaiveDate>,
    start_time: Option<String>,
    end_time: Option<String>,
    status: String,
    is_demo: bool,
    charter_signed: bool,
    to_check: bool,
    confirmed_at: Option<String>,
    updated_at: String,
    themes: Option<String>,
    audiences: Option<String>,
    holder_slug: Option<String>,
}

/// Splits a `group_concat` list of codes into vocabulary values, in the vocabulary's order.
fn codes<T: Copy + Ord>(list: Option<&str>, from_code: fn(&str) -> Option<T>) -> Vec<T> {
    let mut values: Vec<T> = list.unwrap_or_default().split(',').filter_map(from_code).collect();
    values.sort();
    values
}

impl From<DetailRow> for InitiativeDetail {
    fn from(row: DetailRow) -> Self {
        InitiativeDetail {
            path: detail_path(row.id, &row.slug),
            themes: codes(row.themes.as_deref(), Theme::from_code),
            audiences: codes(row.audiences.as_deref(), Audience::from_code),
            status: Status::from_code(&row.status).unwrap_or(Status::Draft),
            id: row.id,
            title: row.title,
            summary: row.summary,
            summary_en: row.summary_en,
            description: row.description,
            kind: KindInfo {
                code: row.kind,
                label: row.kind_label,
                label_en: row.kind_label_en,
                colour: row.kind_colour,
            },
            commune_code: row.commune,
            commune_name: row.commune_name,
            area: Area { code: row.area_code, name: row.area_name },
            lat: row.lat,
            lon: row.lon,
            address: row.address,
            organisation: row.organisation,
            website: row.website,
            email: row.email,
            phone: row.phone,
            start_date: row.start_date,
            end_date: row.end_date,
            start_time: stored_time(row.start_time.as_deref()),
            end_time: stored_time(row.end_time.as_deref()),
            is_demo: row.is_demo,
            charter_signed: row.charter_signed,
            to_check: row.to_check,
            confirmed_at: row.confirmed_at,
            updated_at: row.updated_at,
            structure_path: row.holder_slug.as_deref().map(structure_path),
        }
    }
}

/// `SELECT` and the columns of [`DetailRow`].
fn detail_columns() -> String {
    format!(
        "SELECT i.id, i.title, i.slug, i.summary, i.summary_en, i.description, i.kind, k.label_fr AS kind_label,
                k.label_en AS kind_label_en, k.colour AS kind_colour, i.commune, c.name AS commune_name, a.code AS area_code,
                a.name AS area_name, i.lat, i.lon, i.address, i.organisation, i.website, i.email,
                i.phone, i.start_date, i.end_date, i.start_time, i.end_time, i.status, i.is_demo, i.updated_at, i.confirmed_at,
                {CHARTER_SIGNED} AS charter_signed, {TO_CHECK} AS to_check,
                (SELECT group_concat(theme) FROM initiative_themes t WHERE t.initiative_id = i.id) AS themes,
                (SELECT group_concat(audience) FROM initiative_audiences u WHERE u.initiative_id = i.id) AS audiences,
                (SELECT slug FROM accounts WHERE id = i.holder_id) AS holder_slug"
    )
}

/// `SELECT` and the columns of [`SummaryRow`].
fn summary_columns() -> String {
    format!(
        "SELECT i.id, i.title, i.slug, i.kind, k.label_fr AS kind_label, k.label_en AS kind_label_en, c.name AS commune_name,
         a.name AS area_name, i.organisation, i.lat, i.lon, i.is_demo, i.start_date, i.end_date,
         i.start_time, i.end_time,
         {CHARTER_SIGNED} AS charter_signed, {TO_CHECK} AS to_check"
    )
}

/// Writes the `ORDER BY` of the list of the view:
/// - relevance: the best search match first (bm25, lower is better);
/// - name: the folded title (`title_key`, indexed), so « École » sorts under E;
/// - soonest date: events not over yet by start date, then permanent offers, then past events,
///   the most recent first (a one-off event ends on its start date);
/// - distance: name order here; the browser re-sorts with the position it alone knows.
///
/// Ties fall back to name then id, so pages never overlap.
pub(super) fn push_order(builder: &mut QueryBuilder<'_, Sqlite>, filters: &Filters) {
    match filters.order() {
        Sort::Relevance if is_search(filters) => builder.push(" ORDER BY m.score, i.title_key, i.id"),
        Sort::Date => builder.push(
            " ORDER BY CASE WHEN i.start_date IS NULL THEN 1
                            WHEN COALESCE(i.end_date, i.start_date) >= date('now') THEN 0
                            ELSE 2 END,
                       CASE WHEN i.start_date IS NULL THEN 0
                            WHEN COALESCE(i.end_date, i.start_date) >= date('now') THEN julianday(i.start_date)
                            ELSE -julianday(COALESCE(i.end_date, i.start_date)) END,
                       i.title_key, i.id",
        ),
        Sort::Relevance | Sort::Name | Sort::Distance => builder.push(" ORDER BY i.title_key, i.id"),
    };
}

/// Links an initiative to vocabulary codes (themes or audiences) through `sql`.
async fn insert_codes(
    tx: &mut sqlx::SqliteConnection,
    sql: &'static str,
    id: i64,
    codes: impl Iterator<Item = &'static str>,
) -> Result<(), DataError> {
    for code in codes {
        sqlx::query(sql).bind(id).bind(code).execute(&mut *tx).await?;
    }
    Ok(())
}

/// Empty optional fields are stored as NULL, never as "".
fn optional(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl Db {
    /// Every published initiative that `filters` keep, as the list shows them, in the order the
    /// view asks for (see `Filters::order`). Pages ask for [`Db::published_page`] instead.
    pub async fn published_summaries(&self, filters: &Filters) -> Result<Vec<InitiativeSummary>, DataError> {
        let mut builder = QueryBuilder::new(summary_columns());
        push_filtered_from(&mut builder, filters, None, LABEL_JOINS);
        push_order(&mut builder, filters);
        let rows = builder.build_query_as::<SummaryRow>().fetch_all(&self.pool).await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    /// The page of the list that `filters` ask for, with the size of the whole set. A page past
    /// the end is empty (its `pages` says where the list ends).
    ///
    /// Kept in memory by data revision, day (the order by date and « à venir » read today's
    /// date; an item turns « à vérifier » to the second, so up to a day late here, as on the
    /// map's pins) and view, as the counts beside the filters are (`Db::facets`): at 50 000
    /// initiatives a page takes 8 to 14 ms of queries on an idle machine and 20 to 50 ms beside
    /// a browser drawing a change of view, the list then the last of the change to come
    /// (bench/RESULTS.md, twenty-ninth session). Not a search's: its ranking is kept already
    /// (`Rankings`), and a page of it is read from there.
    pub async fn published_page(&self, filters: &Filters) -> Result<ListPage, DataError> {
        if is_search(filters) {
            return self.read_published_page(filters).await;
        }
        // Read before the page: a write meanwhile leaves newer items under an older revision,
        // which nobody asks for again; never older items under a newer one.
        let key = (self.revisions().await?.data, today(), filters.to_query());
        if let Some(page) = self.pages.get(&key) {
            return Ok(page);
        }
        let page = self.read_published_page(filters).await?;
        self.pages.insert(key, page.clone());
        Ok(page)
    }

    /// The page `published_page` keeps, read from the database.
    async fn read_published_page(&self, filters: &Filters) -> Result<ListPage, DataError> {
        let page = filters.page_number();
        let offset = u64::from(page - 1) * u64::from(PAGE_SIZE);
        let (ids, total) = if is_search(filters) {
            // Every match is ranked anyway to find the best hundred: the ranking is kept, and
            // the count and every page of the search come from it.
            let ranked = self.ranked_matches(filters).await?;
            let start = (offset as usize).min(ranked.len());
            let end = (start + PAGE_SIZE as usize).min(ranked.len());
            (ranked[start..end].to_vec(), ranked.len() as u64)
        } else {
            // The page's ids first, then their labels: joining labels before the LIMIT would
            // look them up for every initiative of the view. The count and the page each walk
            // an index.
            let mut builder = QueryBuilder::new("SELECT i.id");
            push_filtered_from(&mut builder, filters, None, "");
            push_order(&mut builder, filters);
            builder.push(" LIMIT ").push_bind(i64::from(PAGE_SIZE));
            builder.push(" OFFSET ").push_bind(offset as i64);
            let ids: Vec<i64> = builder.build_query_scalar().fetch_all(&self.pool).await?;
            (ids, self.published_count(filters).await?)
        };
        Ok(ListPage {
            items: self.published_summaries_by_id(&ids).await?,
            total,
            page,
            pages: total.div_ceil(u64::from(PAGE_SIZE)).max(1) as u32,
        })
    }

    /// How many published initiatives `filters` keep.
    pub async fn published_count(&self, filters: &Filters) -> Result<u64, DataError> {
        let mut builder = QueryBuilder::new("SELECT COUNT(*)");
        push_filtered_from(&mut builder, filters, None, "");
        let count: i64 = builder.build_query_scalar().fetch_one(&self.pool).await?;
        Ok(count as u64)
    }

    /// The published initiatives among `ids`, in the order of `ids` (unknown or non-public ids
    /// are left out): the popups of pins and the list sorted by distance ask for these.
    pub async fn published_summaries_by_id(&self, ids: &[i64]) -> Result<Vec<InitiativeSummary>, DataError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut builder = QueryBuilder::new(summary_columns());
        push_filtered_from(&mut builder, &Filters::default(), None, LABEL_JOINS);
        builder.push(" AND i.id IN (");
        let mut separated = builder.separated(", ");
        for id in ids {
            separated.push_bind(*id);
        }
        builder.push(")");
        let rows = builder.build_query_as::<SummaryRow>().fetch_all(&self.pool).await?;
        let mut summaries: Vec<InitiativeSummary> = rows.into_iter().map(Into::into).collect();
        summaries.sort_by_key(|s| ids.iter().position(|id| *id == s.id));
        Ok(summaries)
    }

    /// The pins of every published initiative that `filters` keep, sorted by id, with the
    /// kinds in legend order.
    ///
    /// Read as one row: SQLite writes the pins as one JSON array of `[id, kind, lat, lon,
    /// to_check]`, and serde_json reads it. Row by row, sqlx hands each row over with a few
    /// allocations and a channel message, 3–4 µs a row: 175–230 ms for 50 000 pins, when SQLite
    /// builds the array in about 50 ms (bench/RESULTS.md, twenty-eighth session). JSON writes
    /// 15 significant digits of a position, far finer than the payload's (`PinSet::encode`
    /// quantises a position to 1/65 535 of the département).
    pub async fn published_pins(&self, filters: &Filters) -> Result<PinSet, DataError> {
        let kinds = self.kinds().await?;
        let mut builder =
            QueryBuilder::new(format!("SELECT json_group_array(json_array(i.id, i.kind, i.lat, i.lon, {TO_CHECK}))"));
        push_filtered_from(&mut builder, filters, None, "");
        let array: String = builder.build_query_scalar().fetch_one(&self.pool).await?;
        let rows: Vec<(i64, String, f64, f64, u8)> =
            serde_json::from_str(&array).map_err(|error| sqlx::Error::Decode(Box::new(error)))?;
        let mut pins: Vec<Pin> = rows
            .into_iter()
            .map(|(id, kind, lat, lon, to_check)| Pin {
                id,
                to_check: to_check != 0,
                // Kinds reference the kinds table, and there are far fewer than 256 of them.
                kind: kinds.iter().position(|k| k.code == kind).unwrap_or_default() as u8,
                lat,
                lon,
            })
            .collect();
        // An aggregate takes its rows in no promised order: sorted here, as the payload needs.
        pins.sort_unstable_by_key(|pin| pin.id);
        Ok(PinSet { kinds, pins })
    }

    /// A number that changes whenever anything a view shows changes (see migration 0003):
    /// caches of views are keyed by it.
    pub async fn revision(&self) -> Result<i64, DataError> {
        Ok(sqlx::query_scalar("SELECT revision FROM data_revision").fetch_one(&self.pool).await?)
    }

    /// Both revisions in one read: every request for pins or an export needs the data revision
    /// (for the catalogue its filters are checked against) and the published one (its cache
    /// key), and a query is most of the cost of a cached answer: so the last value read is
    /// reused while no commit came since and for a moment at most (`known_revisions.rs`).
    pub async fn revisions(&self) -> Result<Revisions, DataError> {
        let known = self.known_revisions.as_deref();
        if let Some(revisions) = known.and_then(|known| known.get()) {
            return Ok(revisions);
        }
        let before = known.map(|known| known.before_reading());
        let (data, published) =
            sqlx::query_as("SELECT (SELECT revision FROM data_revision), (SELECT revision FROM published_revision)")
                .fetch_one(&self.pool)
                .await?;
        let revisions = Revisions { data, published };
        if let (Some(known), Some(before)) = (known, before) {
            known.keep(before, revisions);
        }
        Ok(revisions)
    }

    /// One published initiative in full, or `None` when it does not exist or is not public.
    pub async fn published_detail(&self, id: i64) -> Result<Option<InitiativeDetail>, DataError> {
        Ok(self.published_details(&Filters::default(), Which::One(id)).await?.pop())
    }

    /// Every published initiative that `filters` keep, in full (for the exports), in the
    /// order of the view's list.
    pub async fn all_published_details(&self, filters: &Filters) -> Result<Vec<InitiativeDetail>, DataError> {
        self.published_details(filters, Which::All).await
    }

    /// The first `limit` published initiatives of the view, in full, in the order of its list
    /// (the print directory: a big view is not read whole to print a few hundred).
    pub async fn first_published_details(
        &self,
        filters: &Filters,
        limit: usize,
    ) -> Result<Vec<InitiativeDetail>, DataError> {
        self.published_details(filters, Which::First(limit)).await
    }

    pub(super) async fn published_details(
        &self,
        filters: &Filters,
        which: Which,
    ) -> Result<Vec<InitiativeDetail>, DataError> {
        let mut builder = QueryBuilder::new(detail_columns());
        push_filtered_from(&mut builder, filters, None, LABEL_JOINS);
        match which {
            Which::All => {}
            Which::One(id) => {
                builder.push(" AND i.id = ").push_bind(id);
            }
            Which::Dated => {
                builder.push(" AND i.start_date IS NOT NULL");
            }
            Which::First(_) => {}
            Which::HeldBy(account) => {
                builder.push(" AND i.holder_id = ").push_bind(account);
            }
        }
        push_order(&mut builder, filters);
        if let Which::First(limit) = which {
            builder.push(" LIMIT ").push_bind(i64::try_from(limit).unwrap_or(i64::MAX));
        }
        let rows = builder.build_query_as::<DetailRow>().fetch_all(&self.pool).await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    /// Validates then stores a new initiative with the given status, held by no account (demo
    /// data, imports); returns its id.
    pub async fn create_initiative(
        &self,
        input: &InitiativeInput,
        status: Status,
        is_demo: bool,
    ) -> Result<i64, DataError> {
        validate(input, &self.catalogue().await?).map_err(DataError::Invalid)?;
        let mut tx = self.pool.begin().await?;
        let id = insert_initiative(&mut tx, input, status, is_demo, None).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Computes the name key of initiatives stored without one (written before migration 0003,
    /// or by other means), so that the list's name order holds for every row.
    pub(super) async fn fill_title_keys(&self) -> Result<(), DataError> {
        let rows: Vec<(i64, String)> =
            sqlx::query_as("SELECT id, title FROM initiatives WHERE title_key = ''").fetch_all(&self.pool).await?;
        if rows.is_empty() {
            return Ok(());
        }
        let mut tx = self.pool.begin().await?;
        for (id, title) in rows {
            sqlx::query("UPDATE initiatives SET title_key = ?1 WHERE id = ?2")
                .bind(title_key(&title))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// How many initiatives are stored, whatever their status.
    pub async fn initiative_count(&self) -> Result<i64, DataError> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM initiatives").fetch_one(&self.pool).await?)
    }

    /// Ids and titles of every initiative in `status` (tests use it to look for leaks).
    pub async fn titles_with_status(&self, status: Status) -> Result<Vec<(i64, String)>, DataError> {
        Ok(sqlx::query_as("SELECT id, title FROM initiatives WHERE status = ?1 ORDER BY id")
            .bind(status.code())
            .fetch_all(&self.pool)
            .await?)
    }
}

/// The columns an initiative's content is written to, in the order [`bind_content`] binds them.
const CONTENT_COLUMNS: [&str; 19] = [
    "title",
    "slug",
    "summary",
    "summary_en",
    "description",
    "kind",
    "commune",
    "lat",
    "lon",
    "address",
    "organisation",
    "website",
    "email",
    "phone",
    "start_date",
    "end_date",
    "start_time",
    "end_time",
    "title_key",
];

/// Binds the content of `input` as parameters ?1 to ?19 of `query` (see [`CONTENT_COLUMNS`]).
fn bind_content<'q>(
    query: sqlx::query::Query<'q, Sqlite, sqlx::sqlite::SqliteArguments<'q>>,
    input: &'q InitiativeInput,
) -> sqlx::query::Query<'q, Sqlite, sqlx::sqlite::SqliteArguments<'q>> {
    query
        .bind(input.title.trim())
        .bind(slug::slugify(&input.title))
        .bind(input.summary.trim())
        .bind(optional(&input.summary_en))
        .bind(input.description.trim())
        .bind(&input.kind)
        .bind(&input.commune)
        .bind(input.lat)
        .bind(input.lon)
        .bind(optional(&input.address))
        .bind(input.organisation.trim())
        .bind(optional(&input.website))
        .bind(optional(&input.email))
        .bind(optional(&input.phone))
        .bind(input.start_date)
        .bind(input.end_date)
        .bind(time_to_store(input.start_time))
        .bind(time_to_store(input.end_time))
        .bind(title_key(&input.title))
}

/// Replaces the themes and audiences of initiative `id`, then its search row.
async fn write_labels(tx: &mut sqlx::SqliteConnection, id: i64, input: &InitiativeInput) -> Result<(), DataError> {
    sqlx::query("DELETE FROM initiative_themes WHERE initiative_id = ?1").bind(id).execute(&mut *tx).await?;
    sqlx::query("DELETE FROM initiative_audiences WHERE initiative_id = ?1").bind(id).execute(&mut *tx).await?;
    let themes_sql = "INSERT OR IGNORE INTO initiative_themes (initiative_id, theme) VALUES (?1, ?2)";
    insert_codes(tx, themes_sql, id, input.themes.iter().map(|t| t.code())).await?;
    let audiences_sql = "INSERT OR IGNORE INTO initiative_audiences (initiative_id, audience) VALUES (?1, ?2)";
    insert_codes(tx, audiences_sql, id, input.audiences.iter().map(|a| a.code())).await?;
    index_for_search(tx, id).await
}

/// Stores a new initiative (already validated) in `status`; returns its id.
pub(super) async fn insert_initiative(
    tx: &mut sqlx::SqliteConnection,
    input: &InitiativeInput,
    status: Status,
    is_demo: bool,
    holder_id: Option<i64>,
) -> Result<i64, DataError> {
    let n = CONTENT_COLUMNS.len();
    let content: Vec<String> = (1..=n).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO initiatives ({}, status, is_demo, holder_id, created_at, updated_at, confirmed_at)
         VALUES ({}, ?{}, ?{}, ?{}, ?{created}, ?{created}, ?{})
         RETURNING id",
        CONTENT_COLUMNS.join(", "),
        content.join(", "),
        n + 1,
        n + 2,
        n + 3,
        n + 5,
        created = n + 4,
    );
    let now = now();
    let confirmed = (status == Status::Published).then(|| now.clone());
    let id: i64 = bind_content(sqlx::query(&sql), input)
        .bind(status.code())
        .bind(is_demo)
        .bind(holder_id)
        .bind(&now)
        .bind(confirmed)
        .fetch_one(&mut *tx)
        .await
        .map(|row| sqlx::Row::get(&row, 0))?;
    write_labels(tx, id, input).await?;
    Ok(id)
}

/// Rewrites the content of initiative `id` (already validated) with `input`.
pub(super) async fn write_content(
    tx: &mut sqlx::SqliteConnection,
    id: i64,
    input: &InitiativeInput,
) -> Result<(), DataError> {
    let assignments: Vec<String> =
        CONTENT_COLUMNS.iter().enumerate().map(|(i, column)| format!("{column} = ?{}", i + 1)).collect();
    let n = CONTENT_COLUMNS.len();
    let sql =
        format!("UPDATE initiatives SET {}, updated_at = ?{} WHERE id = ?{}", assignments.join(", "), n + 1, n + 2);
    bind_content(sqlx::query(&sql), input).bind(now()).bind(id).execute(&mut *tx).await?;
    write_labels(tx, id, input).await
}

/// The content of initiative `id` as its row holds it, whatever its status.
pub(super) async fn read_input(
    conn: &mut sqlx::SqliteConnection,
    id: i64,
) -> Result<Option<InitiativeInput>, DataError> {
    let sql = format!("{} FROM initiatives i{LABEL_JOINS} WHERE i.id = ?1", detail_columns());
    let row: Option<DetailRow> = sqlx::query_as(&sql).bind(id).fetch_optional(&mut *conn).await?;
    Ok(row.map(|row| InitiativeDetail::from(row).into_input()))
}

/// Which initiatives of a view [`Db::published_details`] reads.
#[derive(Clone, Copy, Debug)]
pub(super) enum Which {
    All,
    One(i64),
    /// Those with a start date (events: forums, open days, immersion weeks).
    Dated,
    /// The first ones of the view's list.
    First(usize),
    /// Those account `.0` holds (its public page).
    HeldBy(i64),
}

/// The two counters caches are keyed by: `data` moves with any write (drafts included),
/// `published` only with what the public sees.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Revisions {
    pub data: i64,
    pub published: i64,
}
