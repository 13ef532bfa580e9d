//! The Carte Orientation 28 server: configuration, the HTTP router and its non-page routes.
//! `main.rs` only parses the command line; everything here is what tests drive.

#![recursion_limit = "512"]

pub mod admin;
pub mod client_address;
pub mod config;
pub mod language_choice;
pub mod limits;
pub mod mail;
pub mod map_page_cache;
pub mod map_sketch;
pub mod precompressed;
pub mod routes;
pub mod same_origin;
pub mod security_headers;
pub mod sent_forms;
pub mod view_pins;
pub mod well_formed;
pub mod wire_answers;

use std::sync::Arc;

use app::accounts::throttle::Throttle;
use app::data::{Db, HashedSessionStore};
use app::settings::{MapSettings, SiteSettings};
use app::{shell, App};
use axum::extract::FromRef;
use axum::handler::Handler;
use axum::http::header::CACHE_CONTROL;
use axum::http::HeaderValue;
use axum::routing::{get, post};
use axum::{middleware, Extension, Router};
use leptos::prelude::{provide_context, LeptosOptions};
use leptos_axum::{file_and_error_handler_with_context, generate_route_list, AxumRouteListing, LeptosRoutes};
use routes::pins::PinCache;
use routes::view_sketch::SketchCache;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::{SetResponseHeader, SetResponseHeaderLayer};
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

/// What every request handler can reach.
#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub map: MapSettings,
    /// Where signed-in sessions are kept (the database), and whether their cookie is `Secure`.
    pub sessions: HashedSessionStore,
    pub secure_cookies: bool,
    /// What open maps are told through `/api/events`.
    pub live: routes::events::Live,
    /// Who publishes the site, and whether mail leaves it.
    pub site: SiteSettings,
    /// The limits on sign-in, sign-up, contributions and mails asked by strangers, shared by
    /// every request.
    pub throttle: Arc<Throttle>,
    /// `PUBLIC_URL`'s origin: state-changing requests must come from it.
    pub site_origin: same_origin::SiteOrigin,
    /// `TRUSTED_PROXIES`: whose `X-Forwarded-For` names the client.
    pub trusted_proxies: client_address::TrustedProxies,
    /// The pins of recent views, read once for their payload, their sketches and the map page's
    /// sketch (`view_pins`).
    pub view_pins: view_pins::ViewPins,
}

/// [`AppState`] as the router holds it. axum gives every request its own clone of the router's
/// state: cloning `AppState` itself (the Leptos options, the settings, their strings) was 9 % of
/// the time of `/api/pins` in `perf`, allocations included; an `Arc` clone costs next to nothing.
#[derive(Clone, Debug)]
pub struct SharedState(Arc<AppState>);

impl FromRef<SharedState> for LeptosOptions {
    fn from_ref(state: &SharedState) -> Self {
        state.0.leptos_options.clone()
    }
}

impl FromRef<SharedState> for Db {
    fn from_ref(state: &SharedState) -> Self {
        state.0.db.clone()
    }
}

impl FromRef<SharedState> for routes::events::Live {
    fn from_ref(state: &SharedState) -> Self {
        state.0.live.clone()
    }
}

/// The session cookie's name: its bearer is signed in, or was (`map_page_cache` keeps no page
/// for them).
pub const SESSION_COOKIE: &str = "carte28_session";

/// How long a session lasts without being used.
const SESSION_IDLE_DAYS: i64 = 14;

/// The whole site: pages (server-rendered then hydrated), server functions, open data,
/// health check and static files, compressed, each request checked (origin, size, limits) and
/// each response with its security headers.
pub fn router(state: AppState) -> Router {
    let throttle = state.throttle.clone();
    let policy = security_headers::ContentSecurityPolicy::new(&state.map.tile_url);
    let context = {
        let (db, map, site) = (state.db.clone(), state.map.clone(), state.site.clone());
        move || {
            provide_context(db.clone());
            provide_context(map.clone());
            provide_context(site.clone());
            provide_context(throttle.clone());
            if let Some(parts) = leptos::prelude::use_context::<axum::http::request::Parts>() {
                // A page's inline scripts carry this response's nonce, the one its policy names
                // (security_headers::page_policy): they run, and nothing else inline does.
                if let Some(security_headers::PageNonce(nonce)) = parts.extensions.get().cloned() {
                    provide_context(nonce);
                }
                // The page answering a form sent without JavaScript shows that answer (sent_forms).
                if let Some(sent) = parts.extensions.get::<app::domain::SentForm>().cloned() {
                    provide_context(sent);
                }
            }
        }
    };
    // Cookies: HttpOnly (no script reads them), SameSite=Lax (no cross-site form posts carry
    // them), Secure when the site is served over https. Saved at every request of a signed-in
    // person, so that a session lasts 14 days after its last use, not after sign-in (visitors
    // without a session write nothing).
    let sessions = SessionManagerLayer::new(state.sessions.clone())
        .with_always_save(true)
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.secure_cookies)
        .with_expiry(Expiry::OnInactivity(tower_sessions::cookie::time::Duration::days(SESSION_IDLE_DAYS)));
    let options = state.leptos_options.clone();
    let site_root = options.site_root.to_string();
    let exports = routes::export::ExportCache::default();
    // Middleware states are cloned for every request, as the router's is: behind an `Arc`, a
    // request clones no `Db` handle or Leptos options it does not use (`perf` on `/api/pins`).
    let map_pages = Arc::new(map_page_cache::MapPageCache::new(state.db.clone()));
    let view_pins = state.view_pins.clone();
    let map_sketches = Arc::new(map_sketch::Sketches::new(state.db.clone(), view_pins.clone()));
    let site_origin = Arc::new(state.site_origin.clone());
    let trusted_proxies = Arc::new(state.trusted_proxies.clone());
    let sent_forms = Arc::new(sent_forms::SentForms::new(state.db.clone(), context.clone(), options.clone()));
    let secure_cookies = state.secure_cookies;
    let state = SharedState(Arc::new(state));
    let router = Router::new()
        .route("/healthz", get(routes::health::healthz))
        .route("/api/initiatives.geojson", get(routes::export::geojson).layer(Extension(exports.clone())))
        .route("/api/initiatives.csv", get(routes::export::csv).layer(Extension(exports.clone())))
        .route("/api/evenements.ics", get(routes::calendar::feed).layer(Extension(exports)))
        .route("/api/evenements/{file}", get(routes::calendar::one))
        .route(
            "/api/pins",
            get(routes::pins::pins).layer((Extension(PinCache::default()), Extension(view_pins.clone()))),
        )
        .route(
            "/api/sketch/{zoom}",
            get(routes::view_sketch::view_sketch).layer((Extension(SketchCache::default()), Extension(view_pins))),
        )
        // The icon, also the header's logo, kept a day: Chromium asks for it again at every change
        // of the map's view (a navigation within the page) when it must be revalidated. A day of
        // the previous release's icon harms nobody, unlike a day of its code (below).
        .route_service(
            "/favicon.svg",
            SetResponseHeader::overriding(
                ServeFile::new(format!("{site_root}/favicon.svg")).precompressed_br().precompressed_gzip(),
                CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=86400"),
            ),
        )
        .route("/api/events", get(routes::events::events))
        .route("/api/revision", get(routes::events::revision))
        .route("/api/mes-donnees", get(routes::account_data::my_data))
        .route("/api/desabonnement", post(routes::unsubscribe::unsubscribe).get(routes::unsubscribe::unsubscribe_page))
        .leptos_routes_with_context(&state, in_both_languages(generate_route_list(App)), context.clone(), move || {
            shell(options.clone())
        })
        // Static files (the site's code, Leaflet, the area outlines; the icon has its route) served by
        // tower-http's `ServeDir` itself, precompressed: it answers a revalidation with a 304,
        // where leptos_axum's file handler drops the request's `If-Modified-Since` and sends the
        // whole file again. What is no file goes on to that handler, for the site's 404 page.
        .fallback_service(
            ServeDir::new(&site_root)
                .precompressed_br()
                .precompressed_gzip()
                .call_fallback_on_method_not_allowed(true)
                .fallback(
                    file_and_error_handler_with_context::<SharedState, _>(context, shell).with_state(state.clone()),
                ),
        )
        // Innermost: it reads the page as rendered, before compression (and inside the kept
        // map pages, which then hold their sketch).
        .layer(middleware::from_fn_with_state(map_sketches, map_sketch::add))
        // Inside the sent forms, which ask for (and keep) a JSON answer.
        .layer(middleware::from_fn(wire_answers::choose))
        .layer(middleware::from_fn_with_state(sent_forms, sent_forms::answer))
        .layer(sessions)
        .layer(middleware::from_fn_with_state(limits::ApiLimits::default(), limits::api))
        .layer(middleware::from_fn_with_state(site_origin, same_origin::check))
        .layer(middleware::from_fn_with_state(trusted_proxies, client_address::resolve))
        .layer(middleware::from_fn(well_formed::check))
        .layer(middleware::from_fn(limits::whole_body))
        .layer(CompressionLayer::new())
        // Static files keep their names from one release to the next (no hash in them) and carry
        // only `Last-Modified`: without this, browsers would keep the WASM of the previous release
        // for a while by heuristic and hydrate a newer page with it. Revalidated, they cost a 304.
        .layer(SetResponseHeaderLayer::if_not_present(CACHE_CONTROL, HeaderValue::from_static("no-cache")));
    // Outside the security headers and the compression: a kept page holds its final headers and
    // is served already compressed.
    security_headers::add(router, &policy)
        .layer(middleware::from_fn_with_state(map_pages, map_page_cache::serve))
        // Outside the kept map pages: they are the same for every visitor, the first visit's
        // redirection and cookie are not.
        .layer(middleware::from_fn_with_state(language_choice::SecureCookie(secure_cookies), language_choice::choose))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Every page's route at its French path and at its English one (`/en`, `/en/charte`…): the
/// app declares each page once, its path starting with `app::language::LanguagePrefix`, which
/// matches `/en` or nothing and gives Leptos's list of routes only the French path.
fn in_both_languages(routes: Vec<AxumRouteListing>) -> Vec<AxumRouteListing> {
    let english: Vec<AxumRouteListing> = routes
        .iter()
        .map(|route| {
            let path = match route.path() {
                "/" | "" => app::language::ENGLISH_PREFIX.to_string(),
                path => format!("{}{path}", app::language::ENGLISH_PREFIX),
            };
            AxumRouteListing::new(path, route.mode().clone(), route.methods(), Vec::new())
        })
        .collect();
    routes.into_iter().chain(english).collect()
}
