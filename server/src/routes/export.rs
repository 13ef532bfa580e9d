//! Open data: the published initiatives of a view (the same query parameters as the map) as
//! GeoJSON (RFC 7946) or CSV, under Licence Ouverte 2.0, with the extraction date.
//!
//! Each view's file is built once per published revision and day (like `/api/pins`, keyed by the
//! view's canonical form), then served from memory: at 50 000 initiatives the whole set is
//! megabytes that a few visitors' clicks would otherwise rebuild again and again.

use std::sync::Arc;

use app::data::Db;
use app::domain::InitiativeDetail;
use app::error::AppError;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use chrono::{DateTime, SecondsFormat, Utc};
use geojson::{Feature, FeatureCollection, Geometry, JsonObject, JsonValue};
use serde_json::json;

use super::{view_filters, Visitor};

/// The licence every export carries.
pub const LICENCE: &str = "Licence Ouverte 2.0";
pub const LICENCE_URL: &str = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/";

/// Exports kept in memory: a few views in two formats.
const CACHED_EXPORTS: usize = 16;

/// The formats of an export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Format {
    GeoJson,
    Csv,
    /// The view's dated initiatives as iCalendar (`super::calendar`).
    Calendar,
}

/// The recent exports, by published revision, day, view (`Filters::set_key`) and format.
#[derive(Clone)]
pub struct ExportCache(Arc<quick_cache::sync::Cache<(i64, i32, String, Format), Bytes>>);

impl Default for ExportCache {
    fn default() -> Self {
        ExportCache(Arc::new(quick_cache::sync::Cache::new(CACHED_EXPORTS)))
    }
}

/// The export of the view `query` in `format`, from the cache or built now.
pub(super) async fn export(
    db: &Db,
    cache: &ExportCache,
    query: Option<String>,
    visitor: Visitor,
    format: Format,
) -> Result<Bytes, AppError> {
    let (filters, revision) = view_filters(db, &query.unwrap_or_default(), visitor).await?;
    let day = super::cache_day();
    let key = (revision, day, filters.set_key(), format);
    cache
        .0
        .get_or_insert_async(&key, async {
            match format {
                Format::GeoJson => {
                    let initiatives = db.all_published_details(&filters).await?;
                    Ok(Bytes::from(feature_collection(&initiatives, Utc::now()).to_string()))
                }
                Format::Csv => {
                    let initiatives = db.all_published_details(&filters).await?;
                    csv_table(&initiatives, Utc::now()).map(Bytes::from).map_err(|error| {
                        tracing::error!(%error, "csv export");
                        AppError::Unavailable
                    })
                }
                Format::Calendar => {
                    let events = db.published_events(&filters).await?;
                    Ok(Bytes::from(super::calendar::calendar(&events, db.public_url(), Utc::now())))
                }
            }
        })
        .await
}

/// `/api/initiatives.geojson`: the published initiatives of the view, nothing else.
pub async fn geojson(
    State(db): State<Db>,
    Extension(cache): Extension<ExportCache>,
    RawQuery(query): RawQuery,
    visitor: Visitor,
) -> Result<Response, AppError> {
    let body = export(&db, &cache, query, visitor, Format::GeoJson).await?;
    Ok(([(CONTENT_TYPE, "application/geo+json")], body).into_response())
}

/// `/api/initiatives.csv`: the same set as a spreadsheet French software opens as is.
pub async fn csv(
    State(db): State<Db>,
    Extension(cache): Extension<ExportCache>,
    RawQuery(query): RawQuery,
    visitor: Visitor,
) -> Result<Response, AppError> {
    let body = export(&db, &cache, query, visitor, Format::Csv).await?;
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8"),
            (CONTENT_DISPOSITION, "attachment; filename=\"initiatives-orientation-28.csv\""),
        ],
        body,
    )
        .into_response())
}

/// The collection, with licence, source and generation date as foreign members.
pub fn feature_collection(initiatives: &[InitiativeDetail], generated_at: DateTime<Utc>) -> FeatureCollection {
    let mut about = JsonObject::new();
    about.insert("name".into(), json!("Initiatives d'orientation en Eure-et-Loir"));
    about.insert("source".into(), json!("Carte Orientation 28"));
    about.insert("licence".into(), json!(LICENCE));
    about.insert("licence_url".into(), json!(LICENCE_URL));
    about.insert("generated_at".into(), json!(generated_at.to_rfc3339_opts(SecondsFormat::Secs, true)));
    if initiatives.iter().any(|i| i.is_demo) {
        about.insert(
            "notice".into(),
            json!("Contient des données de démonstration, signalées par la propriété demo = true."),
        );
    }
    FeatureCollection { bbox: None, features: initiatives.iter().map(feature).collect(), foreign_members: Some(about) }
}

fn feature(initiative: &InitiativeDetail) -> Feature {
    let i = initiative;
    let properties = json!({
        "title": i.title,
        "summary": i.summary,
        "summary_en": i.summary_en,
        "description": i.description,
        "kind": i.kind.code,
        "kind_label": i.kind.label,
        "themes": i.themes.iter().map(|t| t.code()).collect::<Vec<_>>(),
        "audiences": i.audiences.iter().map(|a| a.code()).collect::<Vec<_>>(),
        "commune": i.commune_name,
        "commune_code": i.commune_code,
        "bassin": i.area.name,
        "bassin_code": i.area.code,
        "address": i.address,
        "organisation": i.organisation,
        "website": i.website,
        "email": i.email,
        "phone": i.phone,
        "start_date": i.start_date,
        "end_date": i.end_date,
        "start_time": i.start_time.map(|t| t.format("%H:%M").to_string()),
        "end_time": i.end_time.map(|t| t.format("%H:%M").to_string()),
        "status": i.status.code(),
        "demo": i.is_demo,
        "charte_signee": i.charter_signed,
        "confirmed_at": i.confirmed_at,
        "a_verifier": i.to_check,
        "updated_at": i.updated_at,
        "url": i.path,
    });
    let JsonValue::Object(properties) = properties else { unreachable!("json! of an object literal") };
    Feature {
        bbox: None,
        geometry: Some(Geometry::new(geojson::Value::Point(vec![i.lon, i.lat]))),
        id: Some(geojson::feature::Id::Number(i.id.into())),
        properties: Some(properties),
        foreign_members: None,
    }
}

/// CSV columns. Where a field exists in the national data·inclusion schema, its name is used
/// (README, "Open data"); lists are joined with `|`. Columns added later go after the others
/// (and before `date_extraction`, always last): the earlier ones keep their places.
pub const CSV_COLUMNS: [&str; 30] = [
    "id",
    "nom",
    "presentation_resume",
    "presentation_detail",
    "types",
    "types_libelle",
    "thematiques",
    "profils",
    "commune",
    "code_insee",
    "bassin",
    "adresse",
    "latitude",
    "longitude",
    "structure_nom",
    "site_web",
    "courriel",
    "telephone",
    "date_debut",
    "date_fin",
    "heure_debut",
    "heure_fin",
    "date_maj",
    "lien_source",
    "demo",
    "charte_signee",
    "date_confirmation",
    "a_verifier",
    "licence",
    // The holder's English summary (issue 17).
    "presentation_resume_en",
];

/// A text cell a spreadsheet will show as text: one that starts like a formula (`=`, `+`, `-`,
/// `@`, a tab or a carriage return: `=HYPERLINK(…)`, `+cmd|…`) gets a leading `'`, so that
/// opening the export never runs what someone typed into an initiative (OWASP's « CSV
/// injection »). Applied to every cell people write; ids, dates, codes and coordinates are ours.
pub fn spreadsheet_safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// UTF-8 with a byte-order mark and `;` separators: what French spreadsheets open correctly.
pub fn csv_table(initiatives: &[InitiativeDetail], extracted_at: DateTime<Utc>) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new().delimiter(b';').from_writer(b"\xEF\xBB\xBF".to_vec());
    let mut header = CSV_COLUMNS.to_vec();
    header.push("date_extraction");
    writer.write_record(&header)?;
    let extracted_at = extracted_at.to_rfc3339_opts(SecondsFormat::Secs, true);
    let optional = |value: &Option<String>| spreadsheet_safe(value.as_deref().unwrap_or_default());
    for i in initiatives {
        let themes: Vec<&str> = i.themes.iter().map(|t| t.code()).collect();
        let audiences: Vec<&str> = i.audiences.iter().map(|a| a.code()).collect();
        writer.write_record([
            i.id.to_string(),
            spreadsheet_safe(&i.title),
            spreadsheet_safe(&i.summary),
            spreadsheet_safe(&i.description),
            i.kind.code.clone(),
            i.kind.label.clone(),
            themes.join("|"),
            audiences.join("|"),
            i.commune_name.clone(),
            i.commune_code.clone(),
            i.area.name.clone(),
            optional(&i.address),
            i.lat.to_string(),
            i.lon.to_string(),
            spreadsheet_safe(&i.organisation),
            optional(&i.website),
            optional(&i.email),
            optional(&i.phone),
            i.start_date.map(|d| d.to_string()).unwrap_or_default(),
            i.end_date.map(|d| d.to_string()).unwrap_or_default(),
            hour(i.start_time),
            hour(i.end_time),
            i.updated_at.clone(),
            i.path.clone(),
            i.is_demo.to_string(),
            i.charter_signed.to_string(),
            optional(&i.confirmed_at),
            i.to_check.to_string(),
            LICENCE.to_string(),
            optional(&i.summary_en),
            extracted_at.clone(),
        ])?;
    }
    writer.into_inner().map_err(|error| csv::Error::from(error.into_error()))
}

/// `09:30`, or empty: hours as the form takes them (Paris time).
fn hour(time: Option<chrono::NaiveTime>) -> String {
    time.map(|t| t.format("%H:%M").to_string()).unwrap_or_default()
}
