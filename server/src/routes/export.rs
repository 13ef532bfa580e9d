//! Open data: the published initiatives as GeoJSON (RFC 7946), under Licence Ouverte 2.0.

use app::data::Db;
use app::domain::InitiativeDetail;
use app::error::AppError;
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, SecondsFormat, Utc};
use geojson::{Feature, FeatureCollection, Geometry, JsonObject, JsonValue};
use serde_json::json;

/// The licence every export carries.
pub const LICENCE: &str = "Licence Ouverte 2.0";
pub const LICENCE_URL: &str = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/";

/// `/api/initiatives.geojson`: every published initiative, nothing else.
pub async fn geojson(State(db): State<Db>) -> Result<Response, AppError> {
    let initiatives = db.all_published_details().await?;
    let body = feature_collection(&initiatives, Utc::now()).to_string();
    Ok(([(CONTENT_TYPE, "application/geo+json")], body).into_response())
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
    FeatureCollection {
        bbox: None,
        features: initiatives.iter().map(feature).collect(),
        foreign_members: Some(about),
    }
}

fn feature(initiative: &InitiativeDetail) -> Feature {
    let i = initiative;
    let properties = json!({
        "title": i.title,
        "summary": i.summary,
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
        "status": i.status.code(),
        "demo": i.is_demo,
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
