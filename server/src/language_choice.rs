//! The language of a first visit. The site's plain addresses are French and its English pages
//! live under `/en` (`app::language`); a browser that prefers English (`Accept-Language`) and
//! opens a French page for the first time is sent to the same page in English. The first page
//! it gets sets the `langue` cookie: from then on the addresses are obeyed as they are, so the
//! language switch (and a shared French link) is never overridden.
//!
//! The cookie only says that this browser has been here, and in which language it started: a
//! preference, no identifier (the privacy page says so). The embed page, inside partners' sites,
//! neither redirects nor sets it: third-party cookies are refused there anyway.

use axum::extract::Request;
use axum::http::header::{ACCEPT, ACCEPT_LANGUAGE, CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE, VARY};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use app::language::{lang_tag, locale_of_path, localized, unprefixed, Locale, LANGUAGE_COOKIE};

/// A year: the cookie outlives a visit, not a school year.
const COOKIE_MAX_AGE: u32 = 365 * 24 * 3600;

/// Sends a first visit that prefers English to the English page; marks every first visit's page.
pub async fn choose(request: Request, next: Next) -> Response {
    let first_visit = !has_language_cookie(request.headers());
    let path = request.uri().path().to_string();
    let page = is_page_request(&request) && unprefixed(&path) != app::domain::EMBED_PATH;
    if !(first_visit && page) {
        return next.run(request).await;
    }
    let asked = locale_of_path(&path);
    if asked == Locale::fr && prefers_english(request.headers()) {
        let target = match request.uri().query() {
            Some(query) => localized(Locale::en, &format!("{path}?{query}")),
            None => localized(Locale::en, &path),
        };
        let mut response = (StatusCode::FOUND, [(LOCATION, target)]).into_response();
        response.headers_mut().insert(VARY, HeaderValue::from_static("accept-language, cookie"));
        return response;
    }
    let mut response = next.run(request).await;
    let html = response.headers().get(CONTENT_TYPE).is_some_and(|value| value.as_bytes().starts_with(b"text/html"));
    if html {
        let cookie = format!("{LANGUAGE_COOKIE}={}; Path=/; Max-Age={COOKIE_MAX_AGE}; SameSite=Lax", lang_tag(asked));
        if let Ok(cookie) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(SET_COOKIE, cookie);
        }
    }
    response
}

/// A browser opening one of the site's pages: a `GET` that asks for HTML, outside the API and
/// the static files (whose addresses have a dot in their last segment).
fn is_page_request(request: &Request) -> bool {
    let path = request.uri().path();
    let last_segment = path.rsplit('/').next().unwrap_or_default();
    request.method() == Method::GET
        && !path.starts_with("/api/")
        && !path.starts_with("/pkg/")
        && !last_segment.contains('.')
        && request
            .headers()
            .get(ACCEPT)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"))
}

fn has_language_cookie(headers: &HeaderMap) -> bool {
    headers.get_all(COOKIE).iter().any(|cookies| {
        String::from_utf8_lossy(cookies.as_bytes()).split(';').any(|pair| {
            pair.trim_start().strip_prefix(LANGUAGE_COOKIE).is_some_and(|rest| rest.trim_start().starts_with('='))
        })
    })
}

/// Whether the browser's first language the site speaks is English (`en`, `en-GB`…), French
/// (or nothing the site speaks) winning otherwise.
fn prefers_english(headers: &HeaderMap) -> bool {
    let Some(header) = headers.get(ACCEPT_LANGUAGE).and_then(|value| value.to_str().ok()) else { return false };
    accept_language::parse(header)
        .iter()
        .map(|tag| tag.split('-').next().unwrap_or_default().to_ascii_lowercase())
        .find(|language| language == "fr" || language == "en")
        .is_some_and(|language| language == "en")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepting(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT_LANGUAGE, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn the_first_language_the_site_speaks_wins() {
        assert!(prefers_english(&accepting("en-GB,en;q=0.9")));
        assert!(prefers_english(&accepting("de-DE, en-US;q=0.8, fr;q=0.5")));
        assert!(!prefers_english(&accepting("fr-FR,fr;q=0.9,en;q=0.8")));
        assert!(!prefers_english(&accepting("en;q=0.4, fr;q=0.9")));
        assert!(!prefers_english(&accepting("de, es")));
        assert!(!prefers_english(&HeaderMap::new()));
    }

    #[test]
    fn the_cookie_is_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, HeaderValue::from_static("carte28_session=abc; langue=en"));
        assert!(has_language_cookie(&headers));
        headers.insert(COOKIE, HeaderValue::from_static("languette=1"));
        assert!(!has_language_cookie(&headers));
    }
}
