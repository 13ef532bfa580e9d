//! Which encoding a server function answers in (app/src/wire.rs): postcard to the page's own
//! calls, which accept `application/x-postcard` (server_fn sends its output encoding's content
//! type as `Accept`), JSON to anyone else — a form sent without JavaScript (`sent_forms` asks for
//! JSON and keeps that answer), `curl`, the tests.
//!
//! The encoding cannot see the request, so this layer tells it (`app::wire::answering`, for the
//! time of the request), then labels a JSON answer as JSON: server_fn labels every answer with
//! the encoding's one content type, postcard's.

use axum::extract::Request;
use axum::http::header::{ACCEPT, CONTENT_TYPE};
use axum::http::{HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;

use app::wire::POSTCARD;

pub async fn choose(request: Request, next: Next) -> Response {
    // Server functions are POSTs (`Wire` is `Post<WireEncoding>`): pages, pins and files pass.
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    let postcard = accepts_postcard(&request);
    let mut response = app::wire::answering(postcard, next.run(request)).await;
    if !postcard && response.headers().get(CONTENT_TYPE).is_some_and(|label| label == POSTCARD) {
        response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    response
}

/// Whether one of the media types `Accept` lists is postcard's (parameters aside).
fn accepts_postcard(request: &Request) -> bool {
    request
        .headers()
        .get_all(ACCEPT)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|media| media.split(';').next().is_some_and(|media| media.trim().eq_ignore_ascii_case(POSTCARD)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(accept: &[&str]) -> Request {
        let mut builder = Request::builder().uri("/api/load_map_data");
        for value in accept {
            builder = builder.header(ACCEPT, *value);
        }
        builder.body(axum::body::Body::empty()).unwrap()
    }

    #[test]
    fn only_a_request_that_names_postcard_gets_it() {
        assert!(accepts_postcard(&request(&["application/x-postcard"])));
        assert!(accepts_postcard(&request(&["text/html, Application/X-Postcard;q=0.9"])));
        assert!(accepts_postcard(&request(&["application/json", "application/x-postcard"])));
        assert!(!accepts_postcard(&request(&[])));
        assert!(!accepts_postcard(&request(&["application/json"])));
        assert!(!accepts_postcard(&request(&["*/*"])));
        assert!(!accepts_postcard(&request(&["application/x-postcards"])));
    }
}
