//! The headers that tell browsers what our pages may do, on every response.
//!
//! The Content-Security-Policy allows scripts from this site only, plus the inline scripts
//! Leptos writes into each page (hydration, streamed data), which carry the page's nonce (a fresh
//! random value per response, `leptos::nonce`): an injected `<script>` has none and does not
//! run. The same nonce lets in the page's one `<style>` (the kinds' colours, `layout`).
//! `'wasm-unsafe-eval'` lets the page compile its WebAssembly, nothing more. Images come from
//! this site, `data:` URLs (Leaflet's) and the configured tile host; every connection goes back
//! to this site. Style sheets come from this site; inline `style` *attributes* are allowed
//! (`style-src-attr`) because the legend and the list colour each kind with a custom property,
//! and an attribute can neither run script nor load anything. No site may frame our pages
//! (`frame-ancestors 'none'`, and `X-Frame-Options: DENY` for older browsers) but the embed page
//! (`/integrer`), which partners' sites show in an `<iframe>`: any site may frame it, and
//! nothing else.
//!
//! The policy, `X-Frame-Options` and `Cross-Origin-Opener-Policy` only act on a response that
//! becomes a document or a worker. A style sheet, a WebAssembly module or a page's script gets
//! none of them ([`is_subresource`]): the browser ignores them there, and on a citizen's first
//! visit over HTTP/1.1 they were some 350 bytes on each of its eight code files.
//!
//! HSTS belongs to the reverse proxy that terminates TLS (README, « Mise en production »).

use axum::extract::{Request, State};
use axum::http::header::{
    CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;
use leptos::nonce::Nonce;
use tower_http::set_header::SetResponseHeaderLayer;

/// The nonce of one response, chosen before anything renders: the page's Leptos context takes it
/// as its `Nonce` (so its inline scripts carry it, `router`'s context) and its header names it
/// ([`page_policy`]). Chosen here rather than read back from the page's `ResponseOptions`: that
/// header went missing on some pages of lazy routes (`app/src/pages/mod.rs`), whose scripts were
/// then all refused.
#[derive(Clone, Debug)]
pub struct PageNonce(pub Nonce);

/// Gives each request a [`PageNonce`], and an HTML answer the policy that lets its scripts run.
pub async fn page_policy(State(policy): State<ContentSecurityPolicy>, mut request: Request, next: Next) -> Response {
    let nonce = Nonce::new();
    request.extensions_mut().insert(PageNonce(nonce.clone()));
    let framed = app::language::unprefixed(request.uri().path()) == app::domain::EMBED_PATH;
    let worker = request.uri().path() == WORKER_SCRIPT;
    let code_path = [".css", ".wasm", ".js"].iter().any(|end| request.uri().path().ends_with(end));
    let mut response = next.run(request).await;
    let content_type = response.headers().get(CONTENT_TYPE).and_then(|value| value.to_str().ok()).unwrap_or("");
    let html = content_type.starts_with("text/html");
    // A code file revalidated gets a 304 without a type: judged by its path, or the browser
    // would add the headers to the copy it keeps.
    let revalidated_code = response.status() == StatusCode::NOT_MODIFIED && code_path && !worker;
    if is_subresource(content_type, worker) || revalidated_code {
        return response;
    }
    let headers = response.headers_mut();
    if !headers.contains_key(CONTENT_SECURITY_POLICY) {
        let header = match (html, framed) {
            (true, true) => policy.framed_header(&nonce),
            (true, false) => policy.header(Some(&nonce)),
            (false, _) => policy.header(None),
        };
        headers.insert(CONTENT_SECURITY_POLICY, header);
    }
    if !(html && framed) {
        headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    headers.insert(HeaderName::from_static("cross-origin-opener-policy"), HeaderValue::from_static("same-origin"));
    response
}

/// The script the map starts as its clustering worker (`public/clustering-off-thread.js`): a
/// worker's policy is the one its script's response carries. Another worker script must be
/// named here too, or it would run without a policy.
const WORKER_SCRIPT: &str = "/clustering-worker.js";

/// Whether a response of `content_type` can only be a page's style sheet, WebAssembly or script,
/// never a document or a worker: the browser ignores a policy, a frame rule or an opener policy
/// there. Any other answer (pages, JSON, SVG, files) keeps them: it can be opened as a document.
fn is_subresource(content_type: &str, worker_script: bool) -> bool {
    let essence = content_type.split(';').next().unwrap_or("").trim();
    match essence {
        "text/css" | "application/wasm" => true,
        "text/javascript" | "application/javascript" => !worker_script,
        _ => false,
    }
}

/// The Content-Security-Policy of this deployment (it depends on the tile host).
#[derive(Clone, Debug)]
pub struct ContentSecurityPolicy {
    /// `img-src` sources besides the site itself.
    images: String,
}

impl ContentSecurityPolicy {
    /// The policy for a map whose tiles come from `tile_url` (a Leaflet template; empty: none).
    pub fn new(tile_url: &str) -> ContentSecurityPolicy {
        let images = match tile_source(tile_url) {
            Some(tiles) => format!("'self' data: {tiles}"),
            None => "'self' data:".to_string(),
        };
        ContentSecurityPolicy { images }
    }

    /// The header for a page whose inline scripts carry `nonce`, or for any other response
    /// (no inline script may run there).
    pub fn header(&self, nonce: Option<&str>) -> HeaderValue {
        self.with_ancestors(nonce, "'none'")
    }

    /// The header of the embed page, which any site may frame.
    pub fn framed_header(&self, nonce: &str) -> HeaderValue {
        self.with_ancestors(Some(nonce), "*")
    }

    fn with_ancestors(&self, nonce: Option<&str>, ancestors: &str) -> HeaderValue {
        let (scripts, styles) = match nonce {
            Some(nonce) => (format!("'self' 'nonce-{nonce}' 'wasm-unsafe-eval'"), format!("'self' 'nonce-{nonce}'")),
            None => ("'self' 'wasm-unsafe-eval'".to_string(), "'self'".to_string()),
        };
        let policy = format!(
            "default-src 'self'; script-src {scripts}; style-src {styles}; style-src-attr 'unsafe-inline'; \
             img-src {images}; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
             form-action 'self'; frame-ancestors {ancestors}",
            images = self.images
        );
        HeaderValue::from_str(&policy).expect("a policy of printable ASCII")
    }
}

/// The CSP source of a tile URL template: `https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png` →
/// `https://*.tile.openstreetmap.org`. A placeholder in another part of the host than its first
/// label cannot be a CSP wildcard: then any host of that scheme.
fn tile_source(tile_url: &str) -> Option<String> {
    let (scheme, rest) = tile_url.trim().split_once("://")?;
    if scheme != "https" && scheme != "http" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().filter(|a| !a.is_empty())?;
    let mut labels: Vec<String> = authority.split('.').map(str::to_string).collect();
    if labels.iter().skip(1).any(|label| label.contains('{')) {
        return Some(format!("{scheme}:"));
    }
    if labels[0].contains('{') {
        labels[0] = "*".into();
    }
    Some(format!("{scheme}://{}", labels.join(".")))
}

/// Adds the security headers to every response of `router`. Pages get the policy with their
/// nonce, every other document or worker the policy without one, and style sheets, WebAssembly
/// and page scripts only the two headers below ([`page_policy`]).
pub fn add<S: Clone + Send + Sync + 'static>(router: Router<S>, policy: &ContentSecurityPolicy) -> Router<S> {
    // The policy, `X-Frame-Options` (for browsers that predate frame-ancestors) and the opener
    // policy are set by `page_policy`, which knows the embed page and the subresources.
    // `Referrer-Policy` stays on style sheets: the images they load send the referrer it allows.
    let fixed: [(HeaderName, &'static str); 2] =
        [(X_CONTENT_TYPE_OPTIONS, "nosniff"), (REFERRER_POLICY, "same-origin")];
    let mut router = router.layer(axum::middleware::from_fn_with_state(policy.clone(), page_policy));
    for (name, value) in fixed {
        router = router.layer(SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value)));
    }
    router
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tile_host_is_the_only_other_image_source() {
        assert_eq!(
            tile_source("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png").as_deref(),
            Some("https://*.tile.openstreetmap.org")
        );
        assert_eq!(
            tile_source("https://tile.openstreetmap.org/{z}/{x}/{y}.png").as_deref(),
            Some("https://tile.openstreetmap.org")
        );
        assert_eq!(
            tile_source("http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(tile_source("https://tiles.{s}.exemple.fr/{z}/{x}/{y}.png").as_deref(), Some("https:"));
        assert_eq!(tile_source(""), None);
        assert_eq!(tile_source("javascript:alert(1)"), None);
        let policy =
            ContentSecurityPolicy::new("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png").header(Some("abc"));
        let policy = policy.to_str().unwrap();
        assert!(policy.contains("script-src 'self' 'nonce-abc' 'wasm-unsafe-eval';"), "{policy}");
        assert!(policy.contains("img-src 'self' data: https://*.tile.openstreetmap.org;"), "{policy}");
        assert!(policy.ends_with("frame-ancestors 'none'"), "{policy}");
        assert!(!ContentSecurityPolicy::new("").header(None).to_str().unwrap().contains("nonce"));
    }
}
