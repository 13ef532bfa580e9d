//! Cross-site request forgery: every request that changes something (any method but GET, HEAD
//! and OPTIONS — every server function, every form) must say it comes from one of our own pages.
//! Browsers send `Origin` with such requests, and a page cannot forge it; without it, `Referer`
//! serves. SameSite=Lax cookies alone would let a sibling subdomain (same site, other origin)
//! post an animator's « Valider et publier »; and a sign-in from another site (login CSRF) is
//! refused the same way.
//!
//! One exemption: `POST /api/desabonnement`, which mail providers send for RFC 8058 one-click
//! unsubscribe from their own servers (no Origin); it carries its own secret and does nothing
//! else.

use axum::extract::{Request, State};
use axum::http::header::{HOST, ORIGIN, REFERER};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Requests that may come from elsewhere (see the module's comment).
const EXEMPT: &[&str] = &["/api/desabonnement"];

/// What a refused request is told.
pub const REFUSED: &str = "Requête refusée : elle ne vient pas d'une page de Carte Orientation 28. \
     Rechargez la page du site et recommencez.";

/// The site's own origin: `PUBLIC_URL`'s scheme, host and port.
#[derive(Clone, Debug)]
pub struct SiteOrigin {
    origin: url::Origin,
    /// Whether `PUBLIC_URL` was set. When it was not (`make run`, a developer's machine), a
    /// request whose origin is the host it was sent to is our own too, so that
    /// http://localhost:3000 works as well as http://127.0.0.1:3000.
    configured: bool,
}

impl Default for SiteOrigin {
    /// What `server` assumes without `PUBLIC_URL`.
    fn default() -> Self {
        SiteOrigin::new("http://127.0.0.1:3000", false)
    }
}

impl SiteOrigin {
    /// The origin of `public_url` (an http(s) URL; checked by the configuration).
    pub fn new(public_url: &str, configured: bool) -> SiteOrigin {
        let origin = url::Url::parse(public_url)
            .map(|url| url.origin())
            .unwrap_or_else(|_| url::Url::parse("http://127.0.0.1:3000").expect("valid").origin());
        SiteOrigin { origin, configured }
    }

    /// Whether a state-changing request with these headers comes from one of our pages.
    pub fn allows(&self, headers: &HeaderMap) -> bool {
        let claimed = match headers.get(ORIGIN) {
            // `Origin: null` (a sandboxed frame, a file, some redirects) proves nothing.
            Some(origin) => origin.to_str().ok().filter(|o| *o != "null").and_then(|o| url::Url::parse(o).ok()),
            None => headers.get(REFERER).and_then(|r| r.to_str().ok()).and_then(|r| url::Url::parse(r).ok()),
        };
        let Some(claimed) = claimed else { return false };
        let claimed = claimed.origin();
        if claimed == self.origin {
            return true;
        }
        if self.configured {
            return false;
        }
        match (&claimed, headers.get(HOST).and_then(|h| h.to_str().ok())) {
            (url::Origin::Tuple(scheme, host, port), Some(sent_to)) => {
                let default_port = if scheme == "https" { 443 } else { 80 };
                let authority = if *port == default_port { host.to_string() } else { format!("{host}:{port}") };
                scheme == "http" && authority.eq_ignore_ascii_case(sent_to)
            }
            _ => false,
        }
    }
}

/// Refuses with 403 a state-changing request that does not come from one of our pages.
pub async fn check(State(site): State<std::sync::Arc<SiteOrigin>>, request: Request, next: Next) -> Response {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || EXEMPT.contains(&request.uri().path()) || site.allows(request.headers()) {
        return next.run(request).await;
    }
    tracing::info!(method = %request.method(), path = request.uri().path(), "cross-origin request refused");
    (StatusCode::FORBIDDEN, [(axum::http::header::CONTENT_TYPE, "text/plain; charset=utf-8")], REFUSED).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.append(*name, HeaderValue::from_str(value).unwrap());
        }
        headers
    }

    #[test]
    fn only_the_public_origin_is_ours_once_configured() {
        let site = SiteOrigin::new("https://carte.exemple.fr", true);
        assert!(site.allows(&headers(&[("origin", "https://carte.exemple.fr")])));
        assert!(site.allows(&headers(&[("referer", "https://carte.exemple.fr/moderation/12")])));
        for other in ["https://autre.exemple.fr", "http://carte.exemple.fr", "https://carte.exemple.fr:8443", "null"] {
            assert!(!site.allows(&headers(&[("origin", other), ("host", "carte.exemple.fr")])), "{other}");
        }
        // A sibling subdomain is the same *site* for cookies, not the same origin.
        assert!(!site.allows(&headers(&[("origin", "https://blog.exemple.fr")])));
        // Origin wins over Referer; neither at all is refused.
        assert!(!site.allows(&headers(&[("origin", "https://evil.example"), ("referer", "https://carte.exemple.fr/")])));
        assert!(!site.allows(&HeaderMap::new()));
    }

    #[test]
    fn without_public_url_the_host_asked_is_ours_too() {
        let site = SiteOrigin::default();
        assert!(site.allows(&headers(&[("origin", "http://127.0.0.1:3000")])));
        assert!(site.allows(&headers(&[("origin", "http://localhost:3000"), ("host", "localhost:3000")])));
        assert!(!site.allows(&headers(&[("origin", "http://evil.example"), ("host", "localhost:3000")])));
    }
}
