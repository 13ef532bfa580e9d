//! Forms sent without JavaScript (`app::domain::sent_forms`; the pages' side is
//! `app::components::sent_forms`). Every form of the site posts to its server function; with
//! JavaScript the page's script does, and reads the answer itself. Without it the browser
//! posts the form and shows whatever comes back — by default, leptos_axum's redirect to the
//! form's page, which then knows nothing of what happened. Here instead:
//!
//! 1. the POST runs the server function as the script would call it, keeps the fields (every
//!    password emptied) and the answer (`Db::keep_sent_form`), and sends the browser back to
//!    the form's page with the secret of that answer: `/proposer?envoi=…` (303);
//! 2. that page is rendered with the answer: the form's action starts with it, so the page
//!    shows each error beside its field with what was typed, or — a success — redirects to
//!    where the script would have gone. Rendered whole before it is sent (`render_app_async`):
//!    such a redirect may come from inside a `<Suspense>`.
//!
//! Rights and origin are the server function's and `same_origin`'s, as for any other call.

use std::collections::HashSet;
use std::sync::Arc;

use app::domain::accounts::same_site_path;
use app::domain::sent_forms::{ANCHOR, QUERY_PARAMETER};
use app::domain::SentForm;
use app::shell;
use app::ssr::SentWithoutScript;
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::header::{ACCEPT, CACHE_CONTROL, CONTENT_TYPE, LOCATION, REFERER, SET_COOKIE};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::prelude::LeptosOptions;

use app::data::Db;

/// What the middleware needs: the database that keeps sent forms, and how pages are rendered
/// (the router's context and the site's options).
#[derive(Clone)]
pub struct SentForms {
    db: Db,
    context: Arc<dyn Fn() + Send + Sync>,
    options: LeptosOptions,
    /// The paths of the server functions: other `/api` routes are left alone.
    endpoints: Arc<HashSet<String>>,
}

impl SentForms {
    pub fn new(db: Db, context: impl Fn() + Send + Sync + 'static, options: LeptosOptions) -> SentForms {
        let endpoints = leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path.to_string()).collect();
        SentForms { db, context: Arc::new(context), options, endpoints: Arc::new(endpoints) }
    }
}

/// Middleware, inside the session layer (a sign-in sent without JavaScript starts its session
/// there) and the origin check.
pub async fn answer(State(forms): State<Arc<SentForms>>, request: Request, next: Next) -> Response {
    if is_sent_form(&forms, &request) {
        return keep(forms, request, next).await;
    }
    if request.method() == Method::GET {
        if let Some(secret) = secret_in(request.uri().query()) {
            return show(forms, request, secret, next).await;
        }
    }
    next.run(request).await
}

/// A form posted by the browser itself: to a server function, URL-encoded, by a browser that
/// expects a page (the script's calls accept postcard, never `text/html`).
fn is_sent_form(forms: &SentForms, request: &Request) -> bool {
    let header = |name| request.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default();
    request.method() == Method::POST
        && forms.endpoints.contains(request.uri().path())
        && header(CONTENT_TYPE).starts_with("application/x-www-form-urlencoded")
        && header(ACCEPT).contains("text/html")
}

/// The secret of a sent form's answer in a page's query, if any.
fn secret_in(query: Option<&str>) -> Option<String> {
    url::form_urlencoded::parse(query?.as_bytes())
        .find(|(name, _)| name == QUERY_PARAMETER)
        .map(|(_, secret)| secret.into_owned())
        .filter(|secret| !secret.is_empty())
}

/// The page a form was sent from, as a path of this site (its query kept, any earlier answer's
/// secret dropped), from the `Referer` the browser sends with it (`Referrer-Policy:
/// same-origin` keeps it for our own pages).
fn form_page(referer: &str) -> Option<String> {
    let url = url::Url::parse(referer).ok()?;
    let query: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(name, _)| name != QUERY_PARAMETER)
        .map(|(n, v)| (n.into_owned(), v.into_owned()))
        .collect();
    let mut page = url.path().to_string();
    if !query.is_empty() {
        page.push('?');
        page.push_str(&url::form_urlencoded::Serializer::new(String::new()).extend_pairs(query).finish());
    }
    same_site_path(&page).filter(|page| !page.starts_with("/api/"))
}

/// `page` with the secret of the answer it is to show, scrolled to that answer.
fn answering(page: &str, secret: &str) -> String {
    let separator = if page.contains('?') { '&' } else { '?' };
    format!("{page}{separator}{QUERY_PARAMETER}={secret}#{ANCHOR}")
}

fn see_other(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(location) => (StatusCode::SEE_OTHER, [(LOCATION, location)]).into_response(),
        Err(_) => StatusCode::BAD_REQUEST.into_response(),
    }
}

/// `response` with the cookies the server function set (none so far: sessions set theirs
/// outside; kept so that one setting its own is not silently lost).
fn with_cookies(mut response: Response, from: &axum::http::HeaderMap) -> Response {
    for cookie in from.get_all(SET_COOKIE) {
        response.headers_mut().append(SET_COOKIE, cookie.clone());
    }
    response
}

/// Step 1: runs the server function, keeps what was sent and answered, and sends the browser to
/// the page that shows it.
async fn keep(forms: Arc<SentForms>, request: Request, next: Next) -> Response {
    let (mut parts, body) = request.into_parts();
    // `limits::whole_body`, outside, has bounded the body already.
    let Ok(body) = to_bytes(body, usize::MAX).await else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let page = parts.headers.get(REFERER).and_then(|r| r.to_str().ok()).and_then(form_page);
    let Some(page) = page else {
        // No page to answer on (a browser told to send no `Referer`): leptos_axum's answer.
        return next.run(Request::from_parts(parts, Body::from(body))).await;
    };
    let endpoint = parts.uri.path().to_string();
    // Asking for the function's own answer, in JSON (`wire_answers`), not a redirect: it is kept
    // as text and read back by the page that shows it (app/src/components/sent_forms.rs).
    parts.headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
    parts.extensions.insert(SentWithoutScript);
    let response = next.run(Request::from_parts(parts, Body::from(body.clone()))).await;
    let succeeded = response.status().is_success();
    let (answered, answer) = response.into_parts();
    // A success whose page is gone (signed out, a link used) names where to go itself.
    if let Some(next) = answered.headers.get(LOCATION).and_then(|l| l.to_str().ok()).filter(|_| succeeded) {
        return with_cookies(see_other(next), &answered.headers);
    }
    let Ok(answer) = to_bytes(answer, usize::MAX).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let sent = SentForm::new(&endpoint, &body, succeeded, String::from_utf8_lossy(&answer).into_owned());
    match forms.db.keep_sent_form(&sent).await {
        Ok(secret) => with_cookies(see_other(&answering(&page, &secret)), &answered.headers),
        Err(error) => {
            tracing::error!(%error, "a form sent without JavaScript could not be kept");
            app::error::AppError::Unavailable.into_response()
        }
    }
}

/// Step 2: the page of a form sent, rendered with its answer. An answer no longer kept (older
/// than half an hour) leaves the page as it is.
async fn show(forms: Arc<SentForms>, request: Request, secret: String, next: Next) -> Response {
    let sent = match forms.db.sent_form(&secret).await {
        Ok(Some(sent)) => sent,
        Ok(None) => return next.run(request).await,
        Err(error) => {
            tracing::error!(%error, "a form sent without JavaScript could not be read back");
            return next.run(request).await;
        }
    };
    let (mut parts, body) = request.into_parts();
    parts.extensions.insert(sent);
    let context = forms.context.clone();
    let options = forms.options.clone();
    let render = leptos_axum::render_app_async_with_context(move || context(), move || shell(options.clone()));
    let mut response = render(Request::from_parts(parts, body)).await;
    // What someone typed: never kept by a cache.
    response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if response.status() == StatusCode::FOUND {
        *response.status_mut() = StatusCode::SEE_OTHER;
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_page_is_a_path_of_this_site_without_an_earlier_answer() {
        assert_eq!(
            form_page("http://127.0.0.1:3000/connexion?suite=%2Fmes-initiatives").as_deref(),
            Some("/connexion?suite=%2Fmes-initiatives")
        );
        assert_eq!(form_page("http://127.0.0.1:3000/proposer?envoi=abc").as_deref(), Some("/proposer"));
        assert_eq!(form_page("http://127.0.0.1:3000/proposer?a=1&envoi=abc").as_deref(), Some("/proposer?a=1"));
        assert_eq!(form_page("http://127.0.0.1:3000//ailleurs.example/x"), None);
        assert_eq!(form_page("http://127.0.0.1:3000/api/sign_in"), None);
        assert_eq!(form_page("pas une adresse"), None);
        assert_eq!(answering("/proposer", "s"), "/proposer?envoi=s#envoi");
        assert_eq!(answering("/connexion?suite=%2Fx", "s"), "/connexion?suite=%2Fx&envoi=s#envoi");
        assert_eq!(secret_in(Some("a=1&envoi=s")).as_deref(), Some("s"));
        assert_eq!(secret_in(Some("envoi=")), None);
    }
}
