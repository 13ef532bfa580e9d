//! Filtering and full-text search: the SQL behind every view of the published initiatives.

use std::sync::Arc;

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::{DataError, Db};
use crate::domain::filters::KM_PER_DEGREE;
use crate::domain::{Audience, Facets, Filters, Sort, Theme};

/// Search columns' weights for ranking (title, summary, description, organisation, place, tags):
/// a word in the title counts ten times a word in the description. SQL's `bm25()` and the index
/// in memory (`search_index.rs`) both rank with them.
pub(super) const COLUMN_WEIGHTS: [u32; 6] = [10, 4, 1, 3, 3, 2];

/// The SQL ranking of a match, lower is better.
fn rank_expression() -> String {
    let weights: Vec<String> = COLUMN_WEIGHTS.iter().map(|w| format!("{w}.0")).collect();
    format!("bm25(initiatives_search, {})", weights.join(", "))
}

/// The ranked ids of every match of recent searches, by published revision, day (« à venir »
/// follows the date) and view without its page: ranking is the costly part of a search (tens of
/// milliseconds for 15 000 matches at 50 000 initiatives, SQLite's bm25 scoring each one), and the
/// visitors of a search, and each page of it, share one ranking. Bounded by the ids held.
#[derive(Clone)]
pub(super) struct Rankings(Arc<RankedIds>);

/// (published revision, day, view) → the ranked ids of its matches.
type RankedIds = quick_cache::sync::Cache<(i64, i32, String), Arc<Vec<i64>>, RankingWeight>;

/// Ids held in all: 2 million, 16 MB (one search of 50 000 initiatives matches 15 000 at most).
const RANKED_IDS: u64 = 2_000_000;

#[derive(Clone, Copy)]
pub(super) struct RankingWeight;

impl quick_cache::Weighter<(i64, i32, String), Arc<Vec<i64>>> for RankingWeight {
    fn weight(&self, _: &(i64, i32, String), ids: &Arc<Vec<i64>>) -> u64 {
        ids.len() as u64 + 1
    }
}

impl Default for Rankings {
    fn default() -> Self {
        Rankings(Arc::new(quick_cache::sync::Cache::with_weighter(256, RANKED_IDS, RankingWeight)))
    }
}

/// One facet of the filter panel, left out when counting its own options.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Facet {
    Kind,
    Theme,
    Audience,
    Area,
}

/// The FTS5 query for the search words: every word, as a prefix, in any order.
/// Words are alphanumeric (see `fold_words`), so quoting them is enough to make them literal.
fn match_expression(words: &[String]) -> String {
    words.iter().map(|w| format!("\"{w}\"*")).collect::<Vec<_>>().join(" ")
}

/// The joins that name an initiative's kind (`k`), commune (`c`) and area (`a`), for queries
/// that show them. Filtering never needs them: at 50 000 rows these lookups cost more than the
/// filtering itself, so counts and pins go without.
pub(super) const LABEL_JOINS: &str = " JOIN kinds k ON k.code = i.kind
    JOIN communes c ON c.insee = i.commune
    JOIN areas a ON a.code = c.area";

/// Writes `FROM … WHERE …` selecting the published initiatives (`i`) that `filters` keep,
/// ignoring `except` (and joining `except`'s own table, to count its options), with `joins`
/// (e.g. [`LABEL_JOINS`]) before the `WHERE`. When searching, the match is joined as `m` with
/// its `score` (lower is better).
pub(super) fn push_filtered_from(
    builder: &mut QueryBuilder<'_, Sqlite>,
    filters: &Filters,
    except: Option<Facet>,
    joins: &str,
) {
    let words = filters.search_words();
    if words.is_empty() {
        builder.push(" FROM initiatives i");
    } else {
        // The matches come first and CROSS JOIN keeps them the outer loop: left to itself,
        // SQLite runs the full-text query once per initiative (seconds at 50 000 pins).
        builder.push(format!(
            " FROM (SELECT rowid AS id, {} AS score FROM initiatives_search WHERE initiatives_search MATCH ",
            rank_expression()
        ));
        builder.push_bind(match_expression(&words));
        builder.push(") m CROSS JOIN initiatives i ON i.id = m.id");
    }
    builder.push(joins);
    match except {
        Some(Facet::Theme) => builder.push(" JOIN initiative_themes t ON t.initiative_id = i.id"),
        Some(Facet::Audience) => builder.push(" JOIN initiative_audiences u ON u.initiative_id = i.id"),
        _ => builder,
    };
    builder.push(" WHERE i.status = 'published'");
    if except != Some(Facet::Kind) && !filters.kinds.is_empty() {
        builder.push(" AND i.kind IN (");
        push_list(builder, filters.kinds.iter().cloned());
        builder.push(")");
    }
    if except != Some(Facet::Theme) && !filters.themes.is_empty() {
        builder.push(" AND EXISTS (SELECT 1 FROM initiative_themes ft WHERE ft.initiative_id = i.id AND ft.theme IN (");
        push_list(builder, filters.themes.iter().map(|t| t.code().to_string()));
        builder.push("))");
    }
    if except != Some(Facet::Audience) && !filters.audiences.is_empty() {
        builder.push(
            " AND EXISTS (SELECT 1 FROM initiative_audiences fu WHERE fu.initiative_id = i.id AND fu.audience IN (",
        );
        push_list(builder, filters.audiences.iter().map(|a| a.code().to_string()));
        builder.push("))");
    }
    if except != Some(Facet::Area) && !filters.areas.is_empty() {
        builder.push(" AND i.commune IN (SELECT insee FROM communes WHERE area IN (");
        push_list(builder, filters.areas.iter().cloned());
        builder.push("))");
    }
    if let Some(commune) = &filters.commune {
        builder.push(" AND i.commune = ").push_bind(commune.clone());
    }
    if filters.upcoming {
        // A dated event that has not ended: a one-off event ends on its start date.
        builder.push(" AND i.start_date IS NOT NULL AND COALESCE(i.end_date, i.start_date) >= date('now')");
    }
    if let Some(near) = &filters.near {
        // `Near::distance_km`, squared; the box around the circle first keeps it cheap.
        let (lat, lon, km) = (near.lat(), near.lon(), f64::from(near.km));
        let (north, east) = (KM_PER_DEGREE, near.km_per_degree_of_longitude());
        builder.push(" AND i.lat BETWEEN ").push_bind(lat - km / north).push(" AND ").push_bind(lat + km / north);
        builder.push(" AND i.lon BETWEEN ").push_bind(lon - km / east).push(" AND ").push_bind(lon + km / east);
        builder.push(" AND (i.lat - ").push_bind(lat).push(") * (i.lat - ").push_bind(lat).push(") * ");
        builder.push_bind(north * north).push(" + (i.lon - ").push_bind(lon).push(") * (i.lon - ").push_bind(lon);
        builder.push(") * ").push_bind(east * east).push(" <= ").push_bind(km * km);
    }
}

fn push_list(builder: &mut QueryBuilder<'_, Sqlite>, values: impl Iterator<Item = String>) {
    let mut separated = builder.separated(", ");
    for value in values {
        separated.push_bind(value);
    }
}

/// Whether the query has a search, so results are ordered by relevance.
pub(super) fn is_search(filters: &Filters) -> bool {
    !filters.search_words().is_empty()
}

/// What the search index holds of an initiative, before labels are added.
#[derive(sqlx::FromRow)]
struct Searchable {
    title: String,
    summary: String,
    summary_en: Option<String>,
    description: String,
    organisation: String,
    commune: String,
    area: String,
    kind: String,
    kind_en: String,
    themes: Option<String>,
    audiences: Option<String>,
}

/// Writes the search row of initiative `id` (any status: queries filter on status). English
/// readers search too (issue 17): the English summary goes with the summary, and the kind's,
/// themes' and audiences' English names with the French ones (« job fair » finds the forums).
pub(super) async fn index_for_search(conn: &mut SqliteConnection, id: i64) -> Result<(), DataError> {
    let row: Option<Searchable> =
        sqlx::query_as(
            "SELECT i.title, i.summary, i.summary_en, i.description, i.organisation, c.name AS commune,
                    a.name AS area, k.label_fr AS kind, k.label_en AS kind_en,
                    (SELECT group_concat(theme) FROM initiative_themes t WHERE t.initiative_id = i.id) AS themes,
                    (SELECT group_concat(audience) FROM initiative_audiences u WHERE u.initiative_id = i.id) AS audiences
             FROM initiatives i JOIN kinds k ON k.code = i.kind
             JOIN communes c ON c.insee = i.commune JOIN areas a ON a.code = c.area
             WHERE i.id = ?1",
        )
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM initiatives_search WHERE rowid = ?1").bind(id).execute(&mut *conn).await?;
    let Some(row) = row else { return Ok(()) };
    let mut tags = vec![row.kind, row.kind_en];
    let themes = row.themes.unwrap_or_default();
    for theme in themes.split(',').filter_map(Theme::from_code) {
        tags.extend([theme.label().to_string(), theme.label_en().to_string()]);
    }
    let audiences = row.audiences.unwrap_or_default();
    for audience in audiences.split(',').filter_map(Audience::from_code) {
        tags.extend([audience.label().to_string(), audience.label_en().to_string()]);
    }
    let summary = match row.summary_en {
        Some(english) => format!("{}\n{english}", row.summary),
        None => row.summary,
    };
    sqlx::query(
        "INSERT INTO initiatives_search (rowid, title, summary, description, organisation, place, tags)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .bind(id)
    .bind(row.title)
    .bind(summary)
    .bind(row.description)
    .bind(row.organisation)
    .bind(format!("{} {}", row.commune, row.area))
    .bind(tags.join(" · "))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

impl Db {
    /// Every published initiative a search view (`filters` with search words) keeps, in the
    /// view's order (best match first unless another is asked for), its page ignored: ranked
    /// once per published revision and day, then shared. By the index in memory when it is up
    /// to date, else by SQL.
    pub(super) async fn ranked_matches(&self, filters: &Filters) -> Result<Arc<Vec<i64>>, DataError> {
        let view = Filters { page: None, ..filters.clone() }.to_query();
        let today = chrono::Utc::now().date_naive();
        let day = chrono::Datelike::num_days_from_ce(&today);
        let key = (self.revisions().await?.published, day, view);
        self.rankings
            .0
            .get_or_insert_async(&key, async {
                if filters.order() == Sort::Relevance {
                    if let Some(index) = self.search_index_at(key.0) {
                        return Ok(Arc::new(index.ranked(filters, &today.to_string())));
                    }
                }
                let mut builder = QueryBuilder::new("SELECT i.id");
                push_filtered_from(&mut builder, filters, None, "");
                super::initiatives::push_order(&mut builder, filters);
                let ids: Vec<i64> = builder.build_query_scalar().fetch_all(&self.pool).await?;
                Ok(Arc::new(ids))
            })
            .await
    }

    /// Rebuilds the search index when it does not cover every initiative (first start after the
    /// migration, or a database written by other means).
    pub(super) async fn reindex_search_if_stale(&self) -> Result<(), DataError> {
        let (initiatives, indexed): (i64, i64) =
            sqlx::query_as("SELECT (SELECT COUNT(*) FROM initiatives), (SELECT COUNT(*) FROM initiatives_search)")
                .fetch_one(&self.pool)
                .await?;
        if initiatives == indexed {
            return Ok(());
        }
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM initiatives_search").execute(&mut *tx).await?;
        let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM initiatives").fetch_all(&mut *tx).await?;
        for id in ids {
            index_for_search(&mut tx, id).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// What every option of every facet would give, the other filters applied. Kept in memory
    /// per view, data revision (a counter every write bumps, see migration 0003) and day (« à
    /// venir » reads today's date), so a write by anyone shows at once and a stale count is
    /// never served.
    pub async fn facets(&self, filters: &Filters) -> Result<Facets, DataError> {
        // Order and page do not change the set, hence not the counts.
        let view = Filters { sort: None, page: None, ..filters.clone() }.to_query();
        let key = (self.revisions().await?.data, super::today(), view);
        if let Some(facets) = self.facets.get(&key) {
            return Ok(facets);
        }
        let facets = Facets {
            kinds: self.facet_counts(filters, Facet::Kind).await?,
            themes: self.facet_counts(filters, Facet::Theme).await?,
            audiences: self.facet_counts(filters, Facet::Audience).await?,
            areas: self.facet_counts(filters, Facet::Area).await?,
        };
        self.facets.insert(key, facets.clone());
        Ok(facets)
    }

    /// How many published initiatives each option of `facet` would give, the other filters applied.
    /// Counts are plain `COUNT(*)`: an initiative has each kind, commune, theme and audience at
    /// most once, so no option counts it twice.
    pub async fn facet_counts(&self, filters: &Filters, facet: Facet) -> Result<Vec<(String, i64)>, DataError> {
        let mut builder = QueryBuilder::new("");
        match facet {
            // By commune first, then communes into areas: 363 lookups instead of one per initiative.
            Facet::Area => {
                builder.push("SELECT c.area, SUM(n) FROM (SELECT i.commune AS commune, COUNT(*) AS n");
                push_filtered_from(&mut builder, filters, Some(facet), "");
                builder.push(" GROUP BY i.commune) g JOIN communes c ON c.insee = g.commune GROUP BY c.area");
            }
            Facet::Kind | Facet::Theme | Facet::Audience => {
                let key = match facet {
                    Facet::Theme => "t.theme",
                    Facet::Audience => "u.audience",
                    _ => "i.kind",
                };
                builder.push(format!("SELECT {key}, COUNT(*)"));
                push_filtered_from(&mut builder, filters, Some(facet), "");
                builder.push(format!(" GROUP BY {key}"));
            }
        }
        Ok(builder.build_query_as::<(String, i64)>().fetch_all(&self.pool).await?)
    }
}
