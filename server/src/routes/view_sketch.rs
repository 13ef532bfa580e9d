//! `/api/sketch/{zoom}?…`: a view's clusters at one zoom, as the page's own index will answer
//! them, for the map to draw while that index is on its way. At a filter change to a large view
//! the index can be the last step: the clustering worker builds 50 000 pins' in 25 ms alone, 35
//! to 65 ms on a busy 2-core machine, 100 000 pins' in twice that, while the page decodes the
//! pins and draws the list (bench/RESULTS.md, twenty-sixth session). The page's script asks for this beside the pins (`carte28.fetchedPins`, once the
//! worker is up: on a map that was large), and the map shows it as soon as the pins are decoded
//! (`carte28.clusterIndexLater`, `leaflet_map::clustering::Clusters::later`); the index takes
//! over, keeping the markers.
//! The same idea as the first visit's sketch (`map_sketch.rs`, HTML drawn into the page), as
//! numbers for the page's own markers.
//!
//! The query is the view's, as `/api/pins` takes it. The answer is little-endian `f64`s: the
//! zoom, how many pins the view has and a checksum of their positions (`points_checksum`: the
//! page draws the sketch of those very pins only, not of another view, nor of the view before a
//! publication that came between the two answers), then four numbers per spot
//! (`app::domain::supercluster::spots_as_the_page_reads_them`). Kept in memory as `/api/pins`
//! keeps payloads, by published revision, day and view, and by zoom.

use std::sync::Arc;

use app::data::Db;
use app::domain::cluster_options::CLOSE_UP_FROM;
use app::domain::supercluster::{points_checksum, spots_as_the_page_reads_them};
use app::domain::{Message, PinSet};
use app::error::AppError;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;

use super::pins::fingerprint;
use super::{view_filters, Visitor};
use crate::view_pins::ViewPins;

/// Sketches kept: a few zooms of the popular views, 16 MB at most. One is a few kilobytes at the
/// zooms that show the département, up to 1.6 MB at zoom 13 (50 000 pins that no cluster holds).
const KEPT: usize = 64;
const KEPT_BYTES: u64 = 16 << 20;

/// One view's sketch at one zoom, ready to send.
pub struct EncodedSketch {
    etag: HeaderValue,
    body: Bytes,
}

/// What a sketch is kept by: published revision, day, view (`Filters::set_key`) and zoom.
type Key = (i64, i32, String, u8);

/// The sketches of recent views (as `PinCache` keeps their pins), weighed by their bytes.
#[derive(Clone)]
pub struct SketchCache(Arc<quick_cache::sync::Cache<Key, Arc<EncodedSketch>, ByBytes>>);

/// A sketch's weight in the cache: its bytes, and what the entry costs besides (its key, a
/// search of up to 200 characters; its etag): without that, the sketches of empty views (`?q=`
/// with any words, 24 bytes each) would be kept by the hundred thousand.
#[derive(Clone)]
pub struct ByBytes;

const ENTRY_OVERHEAD_BYTES: u64 = 512;

impl quick_cache::Weighter<Key, Arc<EncodedSketch>> for ByBytes {
    fn weight(&self, _: &Key, sketch: &Arc<EncodedSketch>) -> u64 {
        sketch.body.len() as u64 + ENTRY_OVERHEAD_BYTES
    }
}

impl Default for SketchCache {
    fn default() -> Self {
        SketchCache(Arc::new(quick_cache::sync::Cache::with_weighter(KEPT, KEPT_BYTES, ByBytes)))
    }
}

/// `GET /api/sketch/{zoom}?…`: 200 with the numbers, 304 when the client holds them already,
/// 400 with a French message for a zoom the wide index has not (14 and more: the close-up
/// index's, which the map builds itself) or a nonsense view.
pub async fn view_sketch(
    State(db): State<Db>,
    Extension(cache): Extension<SketchCache>,
    Extension(view_pins): Extension<ViewPins>,
    Path(zoom): Path<String>,
    RawQuery(query): RawQuery,
    visitor: Visitor,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let zoom = zoom.parse::<u8>().ok().filter(|zoom| *zoom < CLOSE_UP_FROM).ok_or_else(|| {
        AppError::BadRequest(Message::new(
            format!("Zoom impossible : « {zoom} ». Les zooms possibles vont de 0 à {}.", CLOSE_UP_FROM - 1),
            format!("Impossible zoom: “{zoom}”. Zooms go from 0 to {}.", CLOSE_UP_FROM - 1),
        ))
    })?;
    let (filters, revision) = view_filters(&db, &query.unwrap_or_default(), visitor).await?;
    let day = super::cache_day();
    let key = (revision, day, filters.set_key(), zoom);
    let sketch = cache
        .0
        .get_or_insert_async(&key, async {
            let pins = view_pins.of(&db, &filters, &(revision, day, filters.set_key())).await?;
            // Clustering 50 000 pins takes tens of milliseconds: off the async workers.
            tokio::task::spawn_blocking(move || encode(&pins, zoom)).await.map(Arc::new).map_err(|error| {
                tracing::error!(%error, "view sketch");
                AppError::Unavailable
            })
        })
        .await?;
    let mut response = if headers.get(IF_NONE_MATCH) == Some(&sketch.etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut response = sketch.body.clone().into_response();
        response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/octet-stream"));
        response
    };
    let headers = response.headers_mut();
    headers.insert(ETAG, sketch.etag.clone());
    // As the pins: a stale sketch would show the map another view for a moment.
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(response)
}

fn encode(pins: &PinSet, zoom: u8) -> EncodedSketch {
    let positions = pins.positions_as_sent();
    let mut numbers = vec![f64::from(zoom), positions.len() as f64, points_checksum(positions.iter().copied())];
    numbers.extend(spots_as_the_page_reads_them(&positions, zoom));
    let body: Vec<u8> = numbers.iter().flat_map(|number| number.to_le_bytes()).collect();
    EncodedSketch {
        etag: HeaderValue::from_str(&format!("\"{:016x}\"", fingerprint(&body)))
            .expect("an etag of digits and hex is a valid header"),
        body: Bytes::from(body),
    }
}
