//! A stand-in for the national address service, for the tests only (`fixtures geocoder`, and the
//! Rust tests in-process): the real one is on the internet, which tests cannot reach. It answers
//! the same requests (`GET /search?q=…&limit=…`) with the same GeoCodeJSON, from a handful of
//! addresses of Eure-et-Loir (and two far from the map: Paris, Marseille), scored by the
//! share of the words typed (short ones such as « rue », « de » aside) that the address holds. `q` containing `panne` answers 503, as a
//! service that is down.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

/// An address the stand-in knows.
pub struct KnownAddress {
    pub label: &'static str,
    pub citycode: &'static str,
    pub lat: f64,
    pub lon: f64,
    /// Other words people use for the place.
    pub also: &'static str,
}

const fn known(label: &'static str, citycode: &'static str, lat: f64, lon: f64, also: &'static str) -> KnownAddress {
    KnownAddress { label, citycode, lat, lon, also }
}

/// The addresses it knows.
pub const ADDRESSES: &[KnownAddress] = &[
    known("Place des Épars 28000 Chartres", "28085", 48.44441, 1.48539, ""),
    known("12 Rue Noël Ballay 28000 Chartres", "28085", 48.44566, 1.48785, ""),
    known("Place Métezeau 28100 Dreux", "28134", 48.73712, 1.36632, "mairie"),
    known("Rue de la Gare 28120 Illiers-Combray", "28196", 48.29821, 1.24788, "gare"),
    known("Place du 18 Octobre 28200 Châteaudun", "28088", 48.07081, 1.33799, ""),
    known("Rue Gouverneur 28400 Nogent-le-Rotrou", "28280", 48.32171, 0.82153, ""),
    known("Rue de la République 28100 Dreux", "28134", 48.73652, 1.36561, ""),
    known("Rue de la République 75011 Paris", "75111", 48.86721, 2.36533, ""),
    known("Quai du Port 13002 Marseille", "13202", 43.29617, 5.36995, "vieux port"),
];

/// The parameters the service takes that the stand-in reads.
#[derive(Deserialize)]
struct Search {
    q: String,
    limit: Option<usize>,
}

/// The stand-in's routes, and how many searches it has answered (the cache's tests count them).
pub fn router() -> (Router, Arc<AtomicUsize>) {
    let asked = Arc::new(AtomicUsize::new(0));
    let router = Router::new().route("/search", get(search)).route("/search/", get(search)).with_state(asked.clone());
    (router, asked)
}

/// Serves the stand-in on `listener` until the process ends.
pub async fn serve(listener: tokio::net::TcpListener) -> std::io::Result<()> {
    axum::serve(listener, router().0).await
}

async fn search(State(asked): State<Arc<AtomicUsize>>, Query(search): Query<Search>) -> Response {
    asked.fetch_add(1, Ordering::SeqCst);
    // What tells addresses apart: numbers and words of four letters or more.
    let typed: Vec<String> =
        words(&search.q).into_iter().filter(|w| w.len() >= 4 || w.bytes().all(|b| b.is_ascii_digit())).collect();
    if typed.iter().any(|w| w == "panne") {
        return (StatusCode::SERVICE_UNAVAILABLE, "service indisponible").into_response();
    }
    let mut scored: Vec<(f64, &KnownAddress)> = ADDRESSES
        .iter()
        .map(|address| {
            let known = words(&format!("{} {}", address.label, address.also));
            let matched = typed.iter().filter(|w| known.contains(w)).count();
            (matched as f64 / typed.len().max(1) as f64, address)
        })
        .filter(|(score, _)| *score >= 0.3)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.truncate(search.limit.unwrap_or(5));
    let features: Vec<_> = scored
        .into_iter()
        .map(|(score, KnownAddress { label, citycode, lat, lon, .. })| {
            json!({
                "type": "Feature",
                "geometry": { "type": "Point", "coordinates": [lon, lat] },
                "properties": {
                    "label": label,
                    "score": score,
                    "citycode": citycode,
                    "context": if citycode.starts_with("28") { "28, Eure-et-Loir, Centre-Val de Loire" } else { "13, Bouches-du-Rhône, Provence-Alpes-Côte d'Azur" },
                    "type": "street",
                },
            })
        })
        .collect();
    Json(json!({
        "type": "FeatureCollection",
        "version": "draft",
        "features": features,
        "attribution": "BAN",
        "licence": "ETALAB-2.0",
        "query": search.q,
        "limit": search.limit.unwrap_or(5),
    }))
    .into_response()
}

/// Lower-case words without accents.
fn words(text: &str) -> Vec<String> {
    slug::slugify(text).split('-').filter(|w| !w.is_empty()).map(String::from).collect()
}
