//! The Carte Orientation 28 server: configuration, the HTTP router and its non-page routes.
//! `main.rs` only parses the command line; everything here is what tests drive.

#![recursion_limit = "512"]

pub mod admin;
pub mod config;
pub mod mail;
pub mod routes;

use std::sync::Arc;

use app::accounts::throttle::Throttle;
use app::data::Db;
use app::settings::{MapSettings, SiteSettings};
use app::{shell, App};
use axum::extract::FromRef;
use axum::routing::{get, post};
use axum::{Extension, Router};
use leptos::prelude::{provide_context, LeptosOptions};
use leptos_axum::{file_and_error_handler_with_context, generate_route_list, LeptosRoutes};
use routes::pins::PinCache;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::SqliteStore;

/// What every request handler can reach.
#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub map: MapSettings,
    /// Where signed-in sessions are kept (the database), and whether their cookie is `Secure`.
    pub sessions: SqliteStore,
    pub secure_cookies: bool,
    /// What open maps are told through `/api/events`.
    pub live: routes::events::Live,
    /// Who publishes the site, and whether mail leaves it.
    pub site: SiteSettings,
    /// The limits on sign-in, sign-up, contributions and mails asked by strangers, shared by
    /// every request.
    pub throttle: Arc<Throttle>,
}

/// How long a session lasts without being used.
const SESSION_IDLE_DAYS: i64 = 14;

/// The whole site: pages (server-rendered then hydrated), server functions, open data,
/// health check and static files, compressed.
pub fn router(state: AppState) -> Router {
    let throttle = state.throttle.clone();
    let context = {
        let (db, map, site) = (state.db.clone(), state.map.clone(), state.site.clone());
        move || {
            provide_context(db.clone());
            provide_context(map.clone());
            provide_context(site.clone());
            provide_context(throttle.clone());
        }
    };
    // Cookies: HttpOnly (no script reads them), SameSite=Lax (no cross-site form posts carry
    // them), Secure when the site is served over https. Saved at every request of a signed-in
    // person, so that a session lasts 14 days after its last use, not after sign-in (visitors
    // without a session write nothing).
    let sessions = SessionManagerLayer::new(state.sessions.clone())
        .with_always_save(true)
        .with_name("carte28_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.secure_cookies)
        .with_expiry(Expiry::OnInactivity(tower_sessions::cookie::time::Duration::days(SESSION_IDLE_DAYS)));
    let options = state.leptos_options.clone();
    Router::new()
        .route("/healthz", get(routes::health::healthz))
        .route("/api/initiatives.geojson", get(routes::export::geojson))
        .route("/api/initiatives.csv", get(routes::export::csv))
        .route("/api/pins", get(routes::pins::pins).layer(Extension(PinCache::default())))
        .route("/api/events", get(routes::events::events))
        .route("/api/mes-donnees", get(routes::account_data::my_data))
        .route("/api/desabonnement", post(routes::unsubscribe::unsubscribe).get(routes::unsubscribe::unsubscribe_page))
        .leptos_routes_with_context(&state, generate_route_list(App), context.clone(), move || {
            shell(options.clone())
        })
        .fallback(file_and_error_handler_with_context::<AppState, _>(context, shell))
        .layer(sessions)
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
