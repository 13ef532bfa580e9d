//! The map page (`/` and its English `/en`, any view) as anonymous visitors get it, rendered once per view and kept in
//! memory, compressed, like a static file.
//!
//! Why: a newsletter link brings hundreds of citizens to the map in the same minute, and rendering
//! the page costs 5–10 ms of CPU (the list, the counts of every filter, 130 KB of HTML). Every
//! anonymous visitor of one view gets the same bytes, so they are rendered once.
//!
//! What the page depends on, and so the key: its language, the view (the raw URL query), the published
//! revision (moved by every change the public can see — initiatives, badges, kinds, places —
//! whoever writes: it is read at each request, so a publication shows at once), and the time
//! bucket ([`NONCE_LIFETIME`], aligned on UTC midnight: « à venir » and « à vérifier » follow the
//! date). Signed-in people (a session cookie) always get a page rendered for them.
//!
//! The page's nonce (`security_headers`) is then shared by the visitors of one entry, for
//! [`NONCE_LIFETIME`] at most. It still does its job: what could inject markup into the page is
//! either stored content, written before the entry and its nonce existed (a change moves the
//! revision, hence a new entry and a new nonce), or the URL query, which is the key itself (a
//! query carrying a nonce it has seen is another entry, rendered with another nonce).

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use app::data::Db;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{
    ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, COOKIE, SET_COOKIE, TRANSFER_ENCODING, VARY,
};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::precompressed::{preferred_encoding, Precompressed};

/// How long one rendering (and its nonce) serves; divides a day, so that buckets end at midnight.
pub const NONCE_LIFETIME: Duration = Duration::from_secs(300);

/// Bytes of pages kept (in their three encodings): about 200 kB per view with the demo data.
const CAPACITY_BYTES: u64 = 32 * 1024 * 1024;

/// A longer query is served, never kept (no view of ours needs one).
const MAX_CACHED_QUERY: usize = 1024;

/// The biggest page read: the list is paged, so the map page weighs a few hundred kB at most.
pub(crate) const MAX_PAGE_BYTES: usize = 4 * 1024 * 1024;

/// (published revision, time bucket, English page (`/en`), URL query).
type Key = (i64, u64, bool, String);

/// One view's page: the headers it was answered with (its policy and nonce among them), and its
/// body in three encodings.
pub struct CachedPage {
    headers: HeaderMap,
    body: Precompressed,
}

#[derive(Clone, Copy)]
struct Weigh;

impl quick_cache::Weighter<Key, Arc<CachedPage>> for Weigh {
    fn weight(&self, key: &Key, page: &Arc<CachedPage>) -> u64 {
        (key.3.len() + page.body.weight()) as u64
    }
}

/// The map pages kept, and the database whose published revision keys them.
#[derive(Clone)]
pub struct MapPageCache {
    db: Db,
    pages: Arc<quick_cache::sync::Cache<Key, Arc<CachedPage>, Weigh>>,
}

impl MapPageCache {
    pub fn new(db: Db) -> MapPageCache {
        MapPageCache { db, pages: Arc::new(quick_cache::sync::Cache::with_weighter(256, CAPACITY_BYTES, Weigh)) }
    }
}

/// Middleware, outside every other layer of the router but the trace: an anonymous `GET /` is
/// answered from memory when its view was rendered in this revision and time bucket; anything
/// else goes on to the router.
pub async fn serve(State(cache): State<Arc<MapPageCache>>, request: Request, next: Next) -> Response {
    if !cacheable(&request) {
        return next.run(request).await;
    }
    let Ok(revisions) = cache.db.revisions().await else {
        return next.run(request).await;
    };
    let bucket = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs() / NONCE_LIFETIME.as_secs();
    let key = (
        revisions.published,
        bucket,
        request.uri().path() == "/en",
        request.uri().query().unwrap_or_default().to_string(),
    );
    let encoding = preferred_encoding(request.headers());
    // Visitors asking for the same view at once wait for one rendering.
    match cache.pages.get_or_insert_async(&key, render(request, next)).await {
        Ok(page) => {
            let (encoding, body) = page.body.in_encoding(encoding);
            let mut response = Response::new(Body::from(body));
            *response.headers_mut() = page.headers.clone();
            if let Some(encoding) = encoding {
                response.headers_mut().insert(CONTENT_ENCODING, HeaderValue::from_static(encoding));
            }
            response.headers_mut().insert(VARY, HeaderValue::from_static("accept-encoding"));
            response
        }
        Err(response) => response,
    }
}

/// An anonymous visitor's `GET /` or `GET /en`, whatever its query.
fn cacheable(request: &Request) -> bool {
    request.method() == Method::GET
        && matches!(request.uri().path(), "/" | "/en")
        && request.uri().query().is_none_or(|query| query.len() <= MAX_CACHED_QUERY)
        && !request.headers().get_all(COOKIE).iter().any(carries_a_session)
}

/// Whether a `Cookie` header holds the session cookie (`name=value; name=value`).
fn carries_a_session(cookies: &HeaderValue) -> bool {
    String::from_utf8_lossy(cookies.as_bytes()).split(';').any(|pair| {
        pair.trim_start().strip_prefix(crate::SESSION_COOKIE).is_some_and(|rest| rest.trim_start().starts_with('='))
    })
}

/// Renders the page uncompressed; a 200 HTML page that sets no cookie is kept, anything else
/// (a nonsense filter's 400, an error) is answered as it came and never kept.
async fn render(mut request: Request, next: Next) -> Result<Arc<CachedPage>, Response> {
    request.headers_mut().remove(ACCEPT_ENCODING);
    let response = next.run(request).await;
    let html = response.headers().get(CONTENT_TYPE).is_some_and(|value| value.as_bytes().starts_with(b"text/html"));
    if response.status() != StatusCode::OK || !html || response.headers().contains_key(SET_COOKIE) {
        return Err(response);
    }
    let (mut parts, body) = response.into_parts();
    let body = match axum::body::to_bytes(body, MAX_PAGE_BYTES).await {
        Ok(body) => body,
        Err(error) => {
            // The rendering failed half-way (or the page outgrew any sense): nothing was sent yet.
            tracing::error!(%error, "map page rendering");
            return Err(StatusCode::INTERNAL_SERVER_ERROR.into_response());
        }
    };
    for name in [CONTENT_LENGTH, TRANSFER_ENCODING, CONTENT_ENCODING, VARY] {
        parts.headers.remove(name);
    }
    let compressed = tokio::task::spawn_blocking(move || Precompressed::new(body)).await;
    match compressed {
        Ok(body) => Ok(Arc::new(CachedPage { headers: parts.headers, body })),
        Err(error) => {
            tracing::error!(%error, "map page compression");
            Err(StatusCode::SERVICE_UNAVAILABLE.into_response())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_session_cookie_makes_a_reader_signed_in() {
        let cookies = |value: &str| carries_a_session(&HeaderValue::from_str(value).unwrap());
        assert!(cookies("carte28_session=abc"));
        assert!(cookies("theme=sombre; carte28_session=abc"));
        assert!(cookies("theme=sombre;carte28_session = abc"));
        assert!(!cookies("theme=sombre"));
        assert!(!cookies("carte28_session_ancien=abc"));
        assert!(!cookies("x=carte28_session=abc"));
    }
}
