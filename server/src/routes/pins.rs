//! `/api/pins`: the pins of a view for the map (see `app::domain::pins` for the format), with
//! the same query parameters as the map page and the exports.
//!
//! Why a cache: at 50 000 initiatives the payload is the biggest thing the site sends, and
//! every visitor of the default view asks for the same bytes. Each view's payload is encoded
//! and compressed (brotli and gzip) once, then served from memory as fast as a static file.
//! Entries are keyed by the database's published revision (moved by triggers on every change to
//! what the public sees, by any process), so a publication is visible at once, a stale payload
//! is never served, and a holder's draft does not have the next visitor encode the pins again.

use std::sync::Arc;

use app::data::Db;
use app::domain::pins::PIN_MEDIA_TYPE;
use app::domain::Filters;
use app::error::AppError;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, ETAG, IF_NONE_MATCH, VARY};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;

use super::{view_filters, Visitor};
use crate::precompressed::Precompressed;
use crate::view_pins::{Key, ViewPins};

/// Views whose payloads stay in memory: the default view and the popular filters. 50 000 pins
/// weigh about 0.7 MB in all three encodings.
const CACHED_VIEWS: usize = 64;

/// One view's payload, ready to send.
pub struct EncodedPins {
    etag: HeaderValue,
    body: Precompressed,
}

/// The payloads of the recent views, by published revision, day and view (`Filters::set_key`, so
/// that variants of one view's URL share its entry): a pin turns « à vérifier » with the
/// passing of time alone, so a payload is good for one day at most.
#[derive(Clone)]
pub struct PinCache(Arc<quick_cache::sync::Cache<Key, Arc<EncodedPins>>>);

impl Default for PinCache {
    fn default() -> Self {
        PinCache(Arc::new(quick_cache::sync::Cache::new(CACHED_VIEWS)))
    }
}

/// `GET /api/pins?…`: 200 with the payload in the best encoding the client accepts, 304 when
/// it already holds this revision, 400 with a French message for a nonsense parameter.
pub async fn pins(
    State(db): State<Db>,
    Extension(cache): Extension<PinCache>,
    Extension(view_pins): Extension<ViewPins>,
    RawQuery(query): RawQuery,
    visitor: Visitor,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let (filters, revision) = view_filters(&db, &query.unwrap_or_default(), visitor).await?;
    let day = super::cache_day();
    let key = (revision, day, filters.set_key());
    let encoded = cache.0.get_or_insert_async(&key, encode_view(&db, &view_pins, &filters, &key)).await?;
    let mut response = if headers.get(IF_NONE_MATCH) == Some(&encoded.etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let (encoding, body) = encoded.body.for_client(&headers);
        let mut response = body.into_response();
        response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(PIN_MEDIA_TYPE));
        if let Some(encoding) = encoding {
            response.headers_mut().insert(CONTENT_ENCODING, HeaderValue::from_static(encoding));
        }
        response
    };
    let headers = response.headers_mut();
    headers.insert(ETAG, encoded.etag.clone());
    // Always revalidate: a 304 costs one small request, a stale map would mislead.
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(VARY, HeaderValue::from_static("Accept-Encoding"));
    Ok(response)
}

async fn encode_view(
    db: &Db,
    view_pins: &ViewPins,
    filters: &Filters,
    key: &Key,
) -> Result<Arc<EncodedPins>, AppError> {
    let pins = view_pins.of(db, filters, key).await?;
    // Encoding 50 000 pins and compressing 300 kB take tens of milliseconds: off the async workers.
    tokio::task::spawn_blocking(move || {
        let identity = pins.encode();
        EncodedPins {
            // The content's fingerprint alone: a revision that changed nothing this view shows
            // (a draft, a moderation note) answers 304 to a map that already holds the pins.
            etag: HeaderValue::from_str(&format!("\"{:016x}\"", fingerprint(&identity)))
                .expect("an etag of digits and hex is a valid header"),
            body: Precompressed::new(Bytes::from(identity)),
        }
    })
    .await
    .map(Arc::new)
    .map_err(|error| {
        tracing::error!(%error, "pin compression");
        AppError::Unavailable
    })
}

/// FNV-1a of the payload: two payloads with the same pins share an etag.
pub(crate) fn fingerprint(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}
