//! The language of a first visit. The site's plain addresses are French and its English pages
//! live under `/en` (`app::language`); a browser that prefers English (`Accept-Language`) and
//! opens a French page for the first time is sent to the same page in English. The first page
//! it gets sets the `langue` cookie: from then on the addresses are obeyed as they are, so the
//! language switch (and a shared French link) is never overridden.
//!
//! A request coming from one of the site's own pages (its `Referer`, which the site's
//! `Referrer-Policy: same-origin` sends) is no first visit either: the language switch to French
//! then works in a browser that refuses cookies.
//!
//! The cookie only says that this browser has been here, and in which language it started: a
//! preference, no identifier (the privacy page says so). The embed page, inside partners' sites,
//! neither redirects nor sets it: third-party cookies are refused there anyway.

use axum::extract::{Request, State};
use axum::http::header::{
    ACCEPT, ACCEPT_LANGUAGE, CACHE_CONTROL, CONTENT_TYPE, COOKIE, HOST, LOCATION, REFERER, REFERRER_POLICY, SET_COOKIE,
    VARY, X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use app::language::{lang_tag, locale_of_path, localized, unprefixed, Locale, LANGUAGE_COOKIE};

/// A year: the cookie outlives a visit, not a school year.
const COOKIE_MAX_AGE: u32 = 365 * 24 * 3600;

/// Whether the cookie is only sent over https (`AppState::secure_cookies`, as the session's).
#[derive(Clone, Copy, Debug)]
pub struct SecureCookie(pub bool);

/// Sends a first visit that prefers English to the English page; marks every first visit's page.
pub async fn choose(State(SecureCookie(secure)): State<SecureCookie>, request: Request, next: Next) -> Response {
    let first_visit = !has_language_cookie(request.headers()) && !from_this_site(request.headers());
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
        // Answered here, outside the layers that give pages their headers: the ones a redirection
        // needs are set here (never kept by a cache: it depends on the browser).
        let mut response = (StatusCode::FOUND, [(LOCATION, target)]).into_response();
        let headers = response.headers_mut();
        headers.insert(VARY, HeaderValue::from_static("accept-language, cookie, referer"));
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
        headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
        headers.insert(REFERRER_POLICY, HeaderValue::from_static("same-origin"));
        return response;
    }
    let mut response = next.run(request).await;
    let html = response.headers().get(CONTENT_TYPE).is_some_and(|value| value.as_bytes().starts_with(b"text/html"));
    if html {
        let secure = if secure { "; Secure" } else { "" };
        let cookie =
            format!("{LANGUAGE_COOKIE}={}; Path=/; Max-Age={COOKIE_MAX_AGE}; SameSite=Lax{secure}", lang_tag(asked));
        if let Ok(cookie) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(SET_COOKIE, cookie);
        }
        // The same address may redirect another browser: caches must not mix them.
        response.headers_mut().append(VARY, HeaderValue::from_static("accept-language, cookie, referer"));
    }
    response
}

/// Whether the request comes from one of the site's own pages (its `Referer` names this host).
fn from_this_site(headers: &HeaderMap) -> bool {
    let referer_host = headers
        .get(REFERER)
        .and_then(|value| value.to_str().ok())
        .and_then(|referer| referer.parse::<Uri>().ok())
        .and_then(|referer| referer.authority().map(|authority| authority.as_str().to_ascii_lowercase()));
    let host = headers.get(HOST).and_then(|value| value.to_str().ok()).map(str::to_ascii_lowercase);
    matches!((referer_host, host), (Some(referer), Some(host)) if referer == host)
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
    fn a_page_of_the_site_is_no_first_visit() {
        let mut headers = HeaderMap::new();
        headers.insert(HOST, HeaderValue::from_static("carte.example.fr"));
        assert!(!from_this_site(&headers));
        headers.insert(REFERER, HeaderValue::from_static("https://carte.example.fr/en/charte"));
        assert!(from_this_site(&headers));
        headers.insert(REFERER, HeaderValue::from_static("https://mairie.example.fr/agenda"));
        assert!(!from_this_site(&headers));
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
