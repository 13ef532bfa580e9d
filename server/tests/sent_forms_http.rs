//! Forms sent without JavaScript, through the real router: the browser posts the form itself
//! (`Accept: text/html`, its page as `Referer`), is sent back to the form's page with the
//! answer (post / redirect / get), and that page shows each error beside its field with what
//! was typed — never a password — or goes where the script would have gone.

use crate::common::{demo_holder_cookie, router_on, SITE};
use app::data::Db;
use app::domain::moderation::Scope;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use tower::ServiceExt;

const HOLDER_PASSWORD: &str = "demo-carte-orientation-28";

async fn demo_app() -> (Router, Db, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&format!("sqlite://{}/carte.db", dir.path().display())).await.unwrap();
    db.load_demo().await.unwrap();
    db.load_demo_holder(HOLDER_PASSWORD).await.unwrap();
    (router_on(&db).await, db, dir)
}

struct Page {
    status: StatusCode,
    location: Option<String>,
    set_cookie: Option<String>,
    cache_control: Option<String>,
    body: String,
}

async fn send(router: &Router, request: Request<Body>) -> Page {
    let response = router.clone().oneshot(request).await.unwrap();
    let header = |name| response.headers().get(name).map(|v: &header::HeaderValue| v.to_str().unwrap().to_string());
    let (status, location, set_cookie, cache_control) =
        (response.status(), header(header::LOCATION), header(header::SET_COOKIE), header(header::CACHE_CONTROL));
    let body = response.into_body().collect().await.unwrap().to_bytes();
    Page { status, location, set_cookie, cache_control, body: String::from_utf8_lossy(&body).into_owned() }
}

/// Posts `form` to `endpoint` as a browser without JavaScript does, from the page `page`.
async fn post_form(router: &Router, endpoint: &str, page: &str, form: &[(&str, &str)], cookie: Option<&str>) -> Page {
    let body = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(form).finish();
    let mut request = Request::post(endpoint)
        .header(header::ORIGIN, SITE)
        .header(header::REFERER, format!("{SITE}{page}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    send(router, request.body(Body::from(body)).unwrap()).await
}

/// Follows a redirect as the browser does (the fragment stays in the browser).
async fn follow(router: &Router, location: &str, cookie: Option<&str>) -> Page {
    let path = location.split('#').next().unwrap();
    let mut request = Request::get(path).header(header::ACCEPT, "text/html");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    send(router, request.body(Body::empty()).unwrap()).await
}

fn cookie_of(page: &Page) -> String {
    page.set_cookie.as_deref().expect("a session cookie").split(';').next().unwrap().to_string()
}

#[tokio::test]
async fn a_refused_sign_in_comes_back_as_its_page_with_the_address_typed_and_no_password() {
    let (router, _db, _dir) = demo_app().await;
    let form = [("email", app::data::DEMO_HOLDER_EMAIL), ("password", "pas le bon mot de passe")];
    let sent = post_form(&router, "/api/sign_in", "/connexion?suite=%2Fmes-initiatives", &form, None).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let location = sent.location.expect("back to the form's page");
    assert!(location.starts_with("/connexion?suite=%2Fmes-initiatives&envoi="), "{location}");
    assert!(location.ends_with("#envoi"), "scrolled to the answer: {location}");

    let page = follow(&router, &location, None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("mot de passe incorrect"), "the error is on the page");
    assert!(page.body.contains(&format!("value=\"{}\"", app::data::DEMO_HOLDER_EMAIL)), "the address typed is kept");
    assert!(!page.body.contains("pas le bon mot de passe"), "no password written back");
    // Nor in the data the page hands the browser (postcard in base64), which holds the rest.
    let data = crate::common::page_data(&page.body);
    assert!(data.contains(app::data::DEMO_HOLDER_EMAIL), "what was typed is handed over");
    assert!(!data.contains("pas le bon mot de passe"), "no password handed over");
    assert!(page.body.contains("id=\"envoi\""), "the summary the address scrolls to");
    assert_eq!(page.cache_control.as_deref(), Some("no-store"), "what was typed is not cached");

    // The same page without the answer (another secret, or none) is the plain form.
    let plain = follow(&router, "/connexion?suite=%2Fmes-initiatives&envoi=inconnu", None).await;
    assert_eq!(plain.status, StatusCode::OK);
    assert!(!plain.body.contains("mot de passe incorrect"));
}

#[tokio::test]
async fn a_form_that_cannot_be_read_says_so_in_french_on_its_page() {
    let (router, _db, _dir) = demo_app().await;
    // No password field at all: the server function cannot read its arguments.
    let sent = post_form(&router, "/api/sign_in", "/connexion", &[("email", "lea@exemple.fr")], None).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let page = follow(&router, sent.location.as_deref().unwrap(), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Requête illisible"), "the French message of unreadable arguments");
    assert!(page.body.contains("id=\"envoi\""), "where the browser scrolls to");
    // What cannot be read as the function's arguments (a tampered form, one from an older
    // release) cannot be put back into the form either: the fields start empty.
}

#[tokio::test]
async fn a_sign_in_that_succeeds_goes_where_the_script_goes_signed_in() {
    let (router, _db, _dir) = demo_app().await;
    let form = [("email", app::data::DEMO_HOLDER_EMAIL), ("password", HOLDER_PASSWORD)];
    let sent = post_form(&router, "/api/sign_in", "/connexion?suite=%2Fmes-initiatives", &form, None).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let cookie = cookie_of(&sent);
    let answer = follow(&router, sent.location.as_deref().unwrap(), Some(&cookie)).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "the page of the answer redirects");
    assert_eq!(answer.location.as_deref(), Some("/mes-initiatives"), "the `suite` of the sign-in page");
    let mine = follow(&router, "/mes-initiatives", Some(&cookie)).await;
    assert!(mine.body.contains("Mes initiatives"), "signed in");
}

#[tokio::test]
async fn a_refused_suggestion_keeps_every_field_typed_and_says_what_to_fix() {
    let (router, db, _dir) = demo_app().await;
    let queue = || async { db.moderation_queue(&Scope::Everywhere).await.unwrap().len() };
    let before = queue().await;
    let form = [
        ("form[title]", "Atelier « Mon métier demain »"),
        ("form[summary]", "court"),
        ("form[commune]", "Dreux (28100)"),
        ("contact_email", "pas-une-adresse"),
        ("adresse_web", ""),
    ];
    let sent = post_form(&router, "/api/suggest_initiative", "/proposer", &form, None).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let page = follow(&router, sent.location.as_deref().unwrap(), None).await;
    assert!(page.body.contains("Atelier « Mon métier demain »"), "the title typed");
    assert!(page.body.contains("value=\"pas-une-adresse\""), "the address typed");
    assert!(page.body.contains("Certains champs sont à corriger"), "the summary");
    assert!(page.body.contains("aria-invalid=\"true\""), "fields marked");
    assert_eq!(queue().await, before, "nothing stored");

    let valid = crate::common::good_suggestion("");
    let sent = post_form(&router, "/api/suggest_initiative", "/proposer", &valid, None).await;
    let answer = follow(&router, sent.location.as_deref().unwrap(), None).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(answer.location.as_deref(), Some("/proposer?merci=1"));
    assert_eq!(queue().await, before + 1, "stored once");
}

#[tokio::test]
async fn an_english_page_answers_a_form_sent_without_javascript_in_english() {
    let (router, db, dir) = demo_app().await;
    let form = [("form[title]", "Atelier vélo"), ("contact_email", "not-an-address"), ("adresse_web", "")];
    let sent = post_form(&router, "/api/suggest_initiative", "/en/proposer", &form, None).await;
    let location = sent.location.expect("back to the form's page");
    assert!(location.starts_with("/en/proposer?envoi="), "{location}");
    let page = follow(&router, &location, None).await;
    assert!(page.body.contains("Some fields need correcting:"), "the summary in English");
    // (The page's data carries both languages of each message; the page shows its own.)
    assert!(
        page.body.contains("class=\"form-field__error\">The email address must look like name@example.org.<!></p>"),
        "the server's English beside its field"
    );
    assert!(!page.body.contains("Certains champs"), "no French summary");
    assert!(page.body.contains("value=\"Atelier vélo\""), "what was typed kept");

    let valid = crate::common::good_suggestion("");
    let sent = post_form(&router, "/api/suggest_initiative", "/en/proposer", &valid, None).await;
    let answer = follow(&router, sent.location.as_deref().unwrap(), None).await;
    assert_eq!(answer.location.as_deref(), Some("/en/proposer?merci=1"), "thanked in English");

    // A sign-in from the English page leads to the English pages.
    let form = [("email", app::data::DEMO_HOLDER_EMAIL), ("password", HOLDER_PASSWORD)];
    let sent = post_form(&router, "/api/sign_in", "/en/connexion?suite=%2Fmes-initiatives", &form, None).await;
    let cookie = cookie_of(&sent);
    let answer = follow(&router, sent.location.as_deref().unwrap(), Some(&cookie)).await;
    assert_eq!(answer.location.as_deref(), Some("/en/mes-initiatives"));
    let refused =
        post_form(&router, "/api/sign_in", "/en/connexion", &[("email", "a@b.fr"), ("password", "x")], None).await;
    let page = follow(&router, refused.location.as_deref().unwrap(), None).await;
    assert!(page.body.contains("Wrong email address or password."), "the refusal in English");
    assert!(page.body.contains("Forgotten password?") && page.body.contains("href=\"/en/mot-de-passe-oublie\""));

    // Signed in from the English pages: the mails others cause (decisions, reminders) will be
    // English.
    let database = crate::common::pool(&dir).await;
    let language: String = sqlx::query_scalar("SELECT language FROM accounts WHERE email = ?1")
        .bind(app::data::DEMO_HOLDER_EMAIL)
        .fetch_one(&database)
        .await
        .unwrap();
    assert_eq!(language, "en", "the language signed in from is kept");
    // A sign-up from the English page: its verification mail is English, to the English page.
    let form = [
        ("organisation", "Family Learning"),
        ("contact_name", "Sam Taylor"),
        ("email", "sam.taylor@exemple.fr"),
        ("password", "une phrase de passe solide"),
    ];
    let sent = post_form(&router, "/api/sign_up", "/en/inscription", &form, None).await;
    assert!(sent.location.is_some(), "{}", sent.body);
    let mail = db.outbox(10).await.unwrap().into_iter().find(|m| m.recipient == "sam.taylor@exemple.fr").unwrap();
    assert!(mail.english && mail.subject.starts_with("Confirm your email address"), "{}", mail.subject);
    assert!(mail.text.contains("/en/verifier-adresse?jeton="), "{}", mail.text);
}

#[tokio::test]
async fn signing_out_without_javascript_lands_where_the_script_lands() {
    let (router, _db, _dir) = demo_app().await;
    let cookie = demo_holder_cookie(&router).await;
    let sent = post_form(&router, "/api/sign_out", "/compte", &[], Some(&cookie)).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    assert_eq!(sent.location.as_deref(), Some(app::accounts::AFTER_SIGN_OUT), "straight there: /compte is gone");
    let account = follow(&router, "/compte", Some(&cookie)).await;
    assert!(!account.body.contains(app::data::DEMO_HOLDER_EMAIL), "signed out");
    // From the English frame, to the English pages (the language of the page it was sent from).
    let cookie = demo_holder_cookie(&router).await;
    let sent = post_form(&router, "/api/sign_out_everywhere", "/en/compte", &[], Some(&cookie)).await;
    assert_eq!(sent.location.as_deref(), Some("/en/connexion?deconnecte=partout"));
    // An anonymous visitor of an English page for members signs in in English, and comes back.
    let claim = follow(&router, "/en/initiatives/1/rattacher", None).await;
    assert_eq!(claim.location.as_deref(), Some("/en/connexion?suite=/initiatives/1/rattacher"));
}

#[tokio::test]
async fn calls_from_the_script_and_forms_without_a_page_are_answered_as_before() {
    let (router, _db, _dir) = demo_app().await;
    // The script's call: JSON, no redirect.
    let form = [("email", app::data::DEMO_HOLDER_EMAIL), ("password", "pas le bon mot de passe")];
    let answer = crate::common::call(&router, "/api/sign_in", &form, None).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.body);
    assert!(answer.body.contains("mot de passe incorrect"), "the error itself: {}", answer.body);
    // A form from another site's page never gets a page of ours in answer (nor passes the origin check).
    let body = "email=a%40b.fr&password=x";
    let request = Request::post("/api/sign_in")
        .header(header::ORIGIN, "https://ailleurs.example")
        .header(header::REFERER, "https://ailleurs.example/piege")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .body(Body::from(body))
        .unwrap();
    let refused = send(&router, request).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}
