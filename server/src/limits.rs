//! Limits, so that one visitor cannot slow everyone: a cap on request bodies, and on `/api/*`
//! (server functions, pins, exports) a number of requests served at once and a time after which
//! a request is given up. Each refusal says in French what happened.
//!
//! `/api/events` streams are long by nature: they are outside these limits and capped by
//! `routes::events` instead.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;
use tokio::sync::Semaphore;

/// The largest request body: the longest initiative form is a few tens of kilobytes.
pub const MAX_BODY_BYTES: usize = 256 * 1024;
/// `/api/*` requests served at once; more wait their turn (within `API_TIMEOUT`).
pub const API_CONCURRENCY: usize = 256;
/// How long an `/api/*` request may take, waiting for its turn included: the slowest honest one
/// (the whole export at 50 000 initiatives) takes about a second.
pub const API_TIMEOUT: Duration = Duration::from_secs(20);

pub const TOO_LARGE: &str =
    "Envoi refusé : il dépasse la taille permise (256 Kio). Raccourcissez les textes et réessayez.";
pub const CUT_SHORT: &str =
    "Envoi incomplet : la connexion s'est interrompue avant la fin. Réessayez ; rien n'a été enregistré.";
pub const BUSY: &str = "Le serveur est très sollicité : votre demande n'a pas pu être traitée à temps. Réessayez dans un instant ; rien n'a été enregistré.";

/// The turns of `/api/*` requests, shared by every request.
#[derive(Clone, Debug)]
pub struct ApiLimits {
    turns: Arc<Semaphore>,
    timeout: Duration,
}

impl Default for ApiLimits {
    fn default() -> Self {
        ApiLimits::new(API_CONCURRENCY, API_TIMEOUT)
    }
}

impl ApiLimits {
    pub fn new(concurrency: usize, timeout: Duration) -> ApiLimits {
        ApiLimits { turns: Arc::new(Semaphore::new(concurrency)), timeout }
    }
}

fn text(status: StatusCode, message: &'static str) -> Response {
    let mut response = (status, [(CONTENT_TYPE, "text/plain; charset=utf-8")], message).into_response();
    if status == StatusCode::SERVICE_UNAVAILABLE {
        response.headers_mut().insert(RETRY_AFTER, HeaderValue::from_static("5"));
    }
    response
}

/// Serves an `/api/*` request (but the event stream) once a turn is free, within the timeout;
/// 503 with `Retry-After` otherwise. A request given up is dropped: its transaction, if any,
/// rolls back, so nothing is half-written.
pub async fn api(State(limits): State<ApiLimits>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if !path.starts_with("/api/") || path == "/api/events" {
        return next.run(request).await;
    }
    let served = tokio::time::timeout(limits.timeout, async {
        let _turn = limits.turns.acquire().await.expect("the semaphore is never closed");
        next.run(request).await
    })
    .await;
    served.unwrap_or_else(|_| {
        tracing::warn!("an /api request was given up after {:?}", limits.timeout);
        text(StatusCode::SERVICE_UNAVAILABLE, BUSY)
    })
}

/// How much of a body too large to serve is still read (and thrown away) before the refusal: a
/// browser still sending when the server answers and closes sees a broken connection instead of
/// the 413 and its French message. Larger bodies are cut off at once.
pub const DRAINED_BYTES: u64 = 8 * 1024 * 1024;
/// How long that reading may take.
const DRAIN_TIME: Duration = Duration::from_secs(10);

/// Reads the request body whole, up to [`MAX_BODY_BYTES`], before anything else sees it: a
/// larger one is a 413, a body cut short a 400, each said in French — never a 500 from a server
/// function that met the limit half-way through reading. (Our bodies are forms of a few
/// kilobytes: holding them in memory costs nothing.)
pub async fn whole_body(request: Request, next: Next) -> Response {
    let declared =
        request.headers().get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    let (parts, mut body) = request.into_parts();
    if declared.is_some_and(|length| length > MAX_BODY_BYTES as u64) {
        if declared.is_some_and(|length| length <= DRAINED_BYTES) {
            drain(body, 0).await;
        }
        return text(StatusCode::PAYLOAD_TOO_LARGE, TOO_LARGE);
    }
    let mut bytes = Vec::new();
    while let Some(frame) = body.frame().await {
        let Ok(frame) = frame else { return text(StatusCode::BAD_REQUEST, CUT_SHORT) };
        if let Ok(data) = frame.into_data() {
            bytes.extend_from_slice(&data);
            if bytes.len() > MAX_BODY_BYTES {
                drain(body, bytes.len() as u64).await;
                return text(StatusCode::PAYLOAD_TOO_LARGE, TOO_LARGE);
            }
        }
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

/// Reads the rest of a refused body and forgets it, up to [`DRAINED_BYTES`] in all (`read`
/// already) and [`DRAIN_TIME`], so that the client reads the refusal.
async fn drain(mut body: Body, mut read: u64) {
    let _ = tokio::time::timeout(DRAIN_TIME, async {
        while let Some(Ok(frame)) = body.frame().await {
            read += frame.data_ref().map_or(0, |data| data.len() as u64);
            if read > DRAINED_BYTES {
                break;
            }
        }
    })
    .await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::get;
    use axum::Router;
    use tower::ServiceExt;

    #[tokio::test]
    async fn api_requests_wait_their_turn_then_are_given_up_in_french() {
        let limits = ApiLimits::new(1, Duration::from_millis(300));
        let pause = |ms: u64| async move {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            "fini"
        };
        let router = Router::new()
            .route("/api/lent", get(move || pause(200)))
            .route("/api/trop-lent", get(move || pause(500)))
            .route("/api/events", get(move || pause(500)))
            .layer(axum::middleware::from_fn_with_state(limits, api));
        let call = |path: &'static str| router.clone().oneshot(Request::get(path).body(Body::empty()).unwrap());
        assert_eq!(call("/api/lent").await.unwrap().status(), StatusCode::OK);
        // Too slow: given up with a 503 that says so.
        let slow = call("/api/trop-lent").await.unwrap();
        assert_eq!(slow.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(slow.headers().get(RETRY_AFTER).unwrap(), "5");
        let body = axum::body::to_bytes(slow.into_body(), 10_000).await.unwrap();
        assert!(String::from_utf8_lossy(&body).contains("rien n'a été enregistré"));
        // One turn at a time: the second waits for the first, and its time runs out meanwhile.
        let (first, second) = tokio::join!(call("/api/lent"), async {
            tokio::time::sleep(Duration::from_millis(20)).await;
            call("/api/lent").await
        });
        assert_eq!(first.unwrap().status(), StatusCode::OK);
        assert_eq!(second.unwrap().status(), StatusCode::SERVICE_UNAVAILABLE, "waited its turn past its time");
        // Event streams are long by nature: not limited here.
        assert_eq!(call("/api/events").await.unwrap().status(), StatusCode::OK);
    }
}
