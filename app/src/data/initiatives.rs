//! Reading and writing initiatives.

use chrono::NaiveDate;
use sqlx::{FromRow, QueryBuilder, Sqlite};

use super::search::{index_for_search, is_search, push_filtered_from};
use super::{now, DataError, Db};
use crate::domain::initiative::detail_path;
use crate::domain::ordering::{sort_summaries, title_key};
use crate::domain::{
    validate, Area, Audience, Filters, InitiativeDetail, InitiativeInput, InitiativeSummary, KindInfo, Status, Theme,
};

#[derive(FromRow)]
struct SummaryRow {
    id: i64,
    title: String,
    slug: String,
    kind: String,
    kind_label: String,
    commune_name: String,
    area_name: String,
    organisation: String,
    lat: f64,
    lon: f64,
    is_demo: bool,
    start_date: Option<NaiveDate>,
    end_date: Option<NaiveDate>,
}

impl From<SummaryRow> for InitiativeSummary {
    fn from(row: SummaryRow) -> Self {
        InitiativeSummary {
            path: detail_path(row.id, &row.slug),
            id: row.id,
            title: row.title,
            kind: row.kind,
            kind_label: row.kind_label,
            commune_name: row.commune_name,
            area_name: row.area_name,
            organisation: row.organisation,
            lat: row.lat,
            lon: row.lon,
            is_demo: row.is_demo,
            start_date: row.start_date,
            end_date: row.end_date,
        }
    }
}

#[derive(FromRow)]
struct DetailRow {
    id: i64,
    title: String,
    slug: String,
    summary: String,
    description: String,
    kind: String,
    kind_label: String,
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
    status: String,
    is_demo: bool,
    updated_at: String,
    themes: Option<String>,
    audiences: Option<String>,
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
            description: row.description,
            kind: KindInfo { code: row.kind, label: row.kind_label, colour: row.kind_colour },
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
            is_demo: row.is_demo,
            updated_at: row.updated_at,
        }
    }
}

/// Orders search results by relevance (the best match first); other orders are applied in Rust.
fn order<'a>(mut builder: QueryBuilder<'a, Sqlite>, filters: &Filters) -> QueryBuilder<'a, Sqlite> {
    if is_search(filters) {
        builder.push(" ORDER BY m.score, i.id");
    }
    builder
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
    /// The published initiatives that `filters` keep, as the map and the list show them, in the
    /// order the view asks for (see `Filters::order`).
    pub async fn published_summaries(&self, filters: &Filters) -> Result<Vec<InitiativeSummary>, DataError> {
        let mut builder = QueryBuilder::new(
            "SELECT i.id, i.title, i.slug, i.kind, k.label_fr AS kind_label, c.name AS commune_name,
                    a.name AS area_name, i.organisation, i.lat, i.lon, i.is_demo, i.start_date, i.end_date",
        );
        push_filtered_from(&mut builder, filters, None);
        let rows = order(builder, filters).build_query_as::<SummaryRow>().fetch_all(&self.pool).await?;
        let mut summaries: Vec<InitiativeSummary> = rows.into_iter().map(Into::into).collect();
        sort_summaries(&mut summaries, filters.order(), chrono::Utc::now().date_naive());
        Ok(summaries)
    }

    /// One published initiative in full, or `None` when it does not exist or is not public.
    pub async fn published_detail(&self, id: i64) -> Result<Option<InitiativeDetail>, DataError> {
        Ok(self.published_details(&Filters::default(), Some(id)).await?.pop())
    }

    /// Every published initiative that `filters` keep, in full (for the exports), ordered as
    /// [`Db::published_summaries`].
    pub async fn all_published_details(&self, filters: &Filters) -> Result<Vec<InitiativeDetail>, DataError> {
        let mut details = self.published_details(filters, None).await?;
        if !is_search(filters) {
            details.sort_by_cached_key(|d| title_key(&d.title));
        }
        Ok(details)
    }

    async fn published_details(&self, filters: &Filters, id: Option<i64>) -> Result<Vec<InitiativeDetail>, DataError> {
        let mut builder = QueryBuilder::new(
            "SELECT i.id, i.title, i.slug, i.summary, i.description, i.kind, k.label_fr AS kind_label,
                    k.colour AS kind_colour, i.commune, c.name AS commune_name, a.code AS area_code,
                    a.name AS area_name, i.lat, i.lon, i.address, i.organisation, i.website, i.email,
                    i.phone, i.start_date, i.end_date, i.status, i.is_demo, i.updated_at,
                    (SELECT group_concat(theme) FROM initiative_themes t WHERE t.initiative_id = i.id) AS themes,
                    (SELECT group_concat(audience) FROM initiative_audiences u WHERE u.initiative_id = i.id) AS audiences",
        );
        push_filtered_from(&mut builder, filters, None);
        if let Some(id) = id {
            builder.push(" AND i.id = ").push_bind(id);
        }
        let rows = order(builder, filters).build_query_as::<DetailRow>().fetch_all(&self.pool).await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    /// Validates then stores a new initiative with the given status; returns its id.
    pub async fn create_initiative(
        &self,
        input: &InitiativeInput,
        status: Status,
        is_demo: bool,
    ) -> Result<i64, DataError> {
        validate(input, &self.catalogue().await?).map_err(DataError::Invalid)?;
        let mut tx = self.pool.begin().await?;
        let now = now();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO initiatives (title, slug, summary, description, kind, commune, lat, lon, address,
                organisation, website, email, phone, start_date, end_date, status, is_demo, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?18)
             RETURNING id",
        )
        .bind(input.title.trim())
        .bind(slug::slugify(&input.title))
        .bind(input.summary.trim())
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
        .bind(status.code())
        .bind(is_demo)
        .bind(&now)
        .fetch_one(&mut *tx)
        .await?;
        let themes_sql = "INSERT OR IGNORE INTO initiative_themes (initiative_id, theme) VALUES (?1, ?2)";
        insert_codes(&mut tx, themes_sql, id, input.themes.iter().map(|t| t.code())).await?;
        let audiences_sql = "INSERT OR IGNORE INTO initiative_audiences (initiative_id, audience) VALUES (?1, ?2)";
        insert_codes(&mut tx, audiences_sql, id, input.audiences.iter().map(|a| a.code())).await?;
        index_for_search(&mut tx, id).await?;
        tx.commit().await?;
        Ok(id)
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
