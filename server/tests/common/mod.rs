//! What the HTTP test files share: the real router on a database, and a server function called
//! the way our pages call it.
#![allow(dead_code)] // each test file uses its part

use app::data::Db;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use leptos::prelude::get_configuration;
use server::{router, AppState};
use tower::ServiceExt;

/// The origin the test router takes for its own (`server` without `PUBLIC_URL`): requests
/// that change something come from its pages.
pub const SITE: &str = "http://127.0.0.1:3000";

/// What a page hands the browser with its HTML (the hydration data: each resource's value, in
/// postcard, written in base64 into `__RESOLVED_RESOURCES`), as text: postcard writes strings as
/// they are, so a text the page hands over is found in it.
pub fn page_data(html: &str) -> String {
    use base64::Engine;
    let mut data = String::new();
    for script in html.split("<script").filter(|script| script.contains("__RESOLVED_RESOURCES")) {
        let script = script.split("</script>").next().unwrap_or_default();
        for quoted in script.split('"').skip(1).step_by(2) {
            if let Ok(bytes) = base64::engine::general_purpose::STANDARD_NO_PAD.decode(quoted) {
                data.push_str(&String::from_utf8_lossy(&bytes));
                data.push('\n');
            }
        }
    }
    data
}

/// A connection pool of the test's own on the database file `carte.db` in `dir`, for what no
/// page shows or does (reading a stored language, moving a session's end, backdating a version).
pub async fn pool(dir: &tempfile::TempDir) -> sqlx::SqlitePool {
    sqlx::SqlitePool::connect(&format!("sqlite://{}/carte.db", dir.path().display())).await.unwrap()
}

/// The site's router on `db`, as `server` serves it (plain http: cookies are not `Secure`).
pub async fn router_on(db: &Db) -> Router {
    router_with(db, Default::default()).await
}

/// [`router_on`] with its own limits (a test that signs the same people in many times).
pub async fn router_with(db: &Db, throttle: app::accounts::throttle::Throttle) -> Router {
    router_of(db, throttle, get_configuration(None).unwrap().leptos_options, Default::default()).await
}

/// [`router_on`] keeping the pins of views in `view_pins` (a test that counts their reads).
pub async fn router_keeping(db: &Db, view_pins: server::view_pins::ViewPins) -> Router {
    router_of(db, Default::default(), get_configuration(None).unwrap().leptos_options, view_pins).await
}

/// [`router_on`] serving the static files of `site_root` (the tests run from `server/`, where the
/// built site is not).
pub async fn router_serving(db: &Db, site_root: &std::path::Path) -> Router {
    let mut options = get_configuration(None).unwrap().leptos_options;
    options.site_root = site_root.to_string_lossy().as_ref().into();
    router_of(db, Default::default(), options, Default::default()).await
}

async fn router_of(
    db: &Db,
    throttle: app::accounts::throttle::Throttle,
    leptos_options: leptos::prelude::LeptosOptions,
    view_pins: server::view_pins::ViewPins,
) -> Router {
    let sessions = db.session_store().await.unwrap();
    let live = server::routes::events::Live::start(db).await;
    let state = AppState {
        leptos_options,
        db: db.clone(),
        map: Default::default(),
        sessions,
        secure_cookies: false,
        live,
        site: Default::default(),
        throttle: std::sync::Arc::new(throttle),
        site_origin: Default::default(),
        trusted_proxies: Default::default(),
        view_pins,
    };
    router(state)
}

/// A server function's answer: status, the whole `Set-Cookie` header if any, and the body.
pub struct Answer {
    pub status: StatusCode,
    pub set_cookie: Option<String>,
    pub body: String,
}

impl Answer {
    /// `name=value` of the cookie this answer sets.
    pub fn cookie(&self) -> String {
        self.set_cookie.as_deref().expect("a session cookie").split(';').next().unwrap().to_string()
    }
}

/// A citizen's suggestion with every field right (a workshop of Dreux), from `contact_email`.
pub fn good_suggestion(contact_email: &str) -> [(&str, &str); 9] {
    [
        ("form[title]", "Atelier CV de la médiathèque"),
        ("form[summary]", "Chaque mercredi, un atelier pour écrire son CV avec une bibliothécaire."),
        ("form[kind]", "atelier-se-connaitre"),
        ("form[themes][]", "se-connaitre"),
        ("form[audiences][]", "tout-public"),
        ("form[commune]", "Dreux (28100)"),
        ("form[organisation]", "Médiathèque de Dreux"),
        ("contact_email", contact_email),
        ("adresse_web", ""),
    ]
}

/// POSTs form-encoded `form` to `path` with `cookie`, asking for JSON (our pages ask for
/// postcard: app/src/wire.rs).
pub async fn call<K: AsRef<str>, V: AsRef<str>>(
    router: &Router,
    path: &str,
    form: &[(K, V)],
    cookie: Option<&str>,
) -> Answer {
    call_from(router, path, form, cookie, None).await
}

/// [`call_from`] asking for `accept` (the page's calls ask for `application/x-postcard`): the
/// server's whole response.
pub async fn call_accepting<K: AsRef<str>, V: AsRef<str>>(
    router: &Router,
    path: &str,
    form: &[(K, V)],
    cookie: Option<&str>,
    from: Option<std::net::SocketAddr>,
    accept: &str,
) -> axum::response::Response {
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form.iter().map(|(k, v)| (k.as_ref(), v.as_ref())))
        .finish();
    let mut request = Request::post(path)
        .header(header::ORIGIN, SITE)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, accept);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let mut request = request.body(Body::from(body)).unwrap();
    if let Some(from) = from {
        request.extensions_mut().insert(axum::extract::ConnectInfo(from));
    }
    router.clone().oneshot(request).await.unwrap()
}

/// Signs the demo holder in (`load_demo_holder` with the password `demo-carte-orientation-28`)
/// and returns its session cookie.
pub async fn demo_holder_cookie(router: &Router) -> String {
    let form = [("email", app::data::DEMO_HOLDER_EMAIL), ("password", "demo-carte-orientation-28")];
    let signed_in = call(router, "/api/sign_in", &form, None).await;
    assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.body);
    signed_in.cookie()
}

/// [`call`] from the address `from` (as the server sees it when started with each request's
/// address): limits per address apply.
pub async fn call_from<K: AsRef<str>, V: AsRef<str>>(
    router: &Router,
    path: &str,
    form: &[(K, V)],
    cookie: Option<&str>,
    from: Option<std::net::SocketAddr>,
) -> Answer {
    let response = call_accepting(router, path, form, cookie, from, "application/json").await;
    let status = response.status();
    let set_cookie = response.headers().get(header::SET_COOKIE).map(|v| v.to_str().unwrap().to_string());
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Answer { status, set_cookie, body: String::from_utf8(bytes.to_vec()).unwrap() }
}
