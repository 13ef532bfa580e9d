//! Holders' server functions through the real router, the way the form calls them: every field
//! as typed, errors with their status (400 beside fields, 409 for a conflict), the charter
//! required before submitting an immersion, and the pages' redirects for anonymous visitors.

use crate::common;

use crate::common::{router_on, Answer};
use app::data::Db;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use tower::ServiceExt;

struct TestApp {
    router: Router,
    db: Db,
    cookie: String,
    _dir: tempfile::TempDir,
}

/// A complete form, as the browser sends it.
const FORM: &[(&str, &str)] = &[
    ("form[title]", "Forum de l'alternance"),
    ("form[summary]", "Soixante-dix entreprises recrutent en alternance à Chartrexpo."),
    ("form[kind]", "forum-metiers"),
    ("form[themes][]", "ecole-entreprise"),
    ("form[themes][]", "competences"),
    ("form[audiences][]", "lyceens"),
    ("form[commune]", "Chartres (28000)"),
    ("form[lat]", ""),
    ("form[lon]", ""),
    ("form[organisation]", "MEE Chartres Métropole"),
    ("form[start_date]", "2027-03-14"),
];

/// `FORM` with some fields replaced.
fn form_with<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut form: Vec<(&str, &str)> =
        FORM.iter().filter(|(name, _)| !changes.iter().any(|(n, _)| n == name)).copied().collect();
    form.extend_from_slice(changes);
    form
}

impl TestApp {
    /// A holder signed up through the form, their address verified by the mailed link.
    async fn new() -> TestApp {
        let mut app = TestApp::unverified().await;
        app.cookie = app.verify().await;
        app
    }

    /// A holder signed up through the form, signed in, their address not verified yet.
    async fn unverified() -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::connect(&format!("sqlite://{}/carte.db", dir.path().display())).await.unwrap();
        let router = router_on(&db).await;
        let form = [
            ("organisation", "MEE"),
            ("contact_name", "Camille Martin"),
            ("email", "camille@exemple.fr"),
            ("password", "une phrase de passe solide"),
        ];
        assert_eq!(common::call(&router, "/api/sign_up", &form, None).await.status, StatusCode::OK);
        let signed_in = common::call(&router, "/api/sign_in", &form[2..], None).await;
        TestApp { cookie: signed_in.cookie(), router, db, _dir: dir }
    }

    /// Opens the verification link mailed at sign-up: the session it signs in.
    async fn verify(&self) -> String {
        let mail = self.db.outbox(10).await.unwrap().into_iter().find(|m| m.subject.starts_with("Confirmez")).unwrap();
        let start = mail.text.find("jeton=").unwrap() + "jeton=".len();
        let secret: String = mail.text[start..].chars().take_while(|c| c.is_ascii_hexdigit()).collect();
        common::call(&self.router, "/api/verify_email", &[("secret", secret.as_str())], None).await.cookie()
    }

    async fn call(&self, name: &str, form: &[(&str, &str)]) -> Answer {
        common::call(&self.router, &format!("/api/{name}"), form, Some(&self.cookie)).await
    }

    async fn create(&self, intent: &str, form: &[(&str, &str)]) -> Answer {
        let mut all = vec![("intent", intent)];
        all.extend_from_slice(form);
        self.call("create_initiative", &all).await
    }
}

fn id_of(answer: &Answer) -> i64 {
    let saved: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    saved["id"].as_i64().unwrap()
}

#[tokio::test]
async fn an_unverified_holder_writes_drafts_but_submits_only_once_the_address_is_proven() {
    let mut app = TestApp::unverified().await;
    assert_eq!(app.create("draft", FORM).await.status, StatusCode::OK);
    let submitted = app.create("submit", FORM).await;
    assert_eq!(submitted.status, StatusCode::BAD_REQUEST);
    assert!(submitted.body.contains("Confirmez d'abord votre adresse"), "{}", submitted.body);
    assert_eq!(app.db.held_initiatives(1).await.unwrap().len(), 1, "nothing submitted");
    app.cookie = app.verify().await;
    assert_eq!(app.create("submit", FORM).await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_draft_from_the_form_starts_at_the_commune_centre() {
    let app = TestApp::new().await;
    let created = app.create("draft", FORM).await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    assert!(created.body.contains("\"draft\""), "{}", created.body);
    let copy = app.db.working_copy(id_of(&created)).await.unwrap();
    assert_eq!(copy.input.commune, "28085");
    assert!((copy.input.lat - 48.44).abs() < 0.05 && (copy.input.lon - 1.49).abs() < 0.05, "{copy:?}");
    assert_eq!(copy.input.themes.len(), 2, "both ticked themes arrive");
}

#[tokio::test]
async fn broken_fields_get_a_400_naming_each_and_store_nothing() {
    let app = TestApp::new().await;
    let long_title = "x".repeat(500);
    let broken = [
        ("form[title]", long_title.as_str()),
        ("form[lat]", "NaN"),
        ("form[lon]", "abc"),
        ("form[website]", "javascript:alert(1)"),
        ("form[email]", "pas-une-adresse"),
    ];
    let form = form_with(&broken);
    let answer = app.create("submit", &form).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.body);
    for field in ["\"title\"", "\"location\"", "\"website\"", "\"email\""] {
        assert!(answer.body.contains(field), "{field} in {}", answer.body);
    }
    assert!(answer.body.contains("au plus 120 caractères"), "{}", answer.body);
    let outside = app.create("draft", &form_with(&[("form[lat]", "48.8566"), ("form[lon]", "2.3522")])).await;
    assert_eq!(outside.status, StatusCode::BAD_REQUEST);
    assert!(outside.body.contains("Eure-et-Loir"), "{}", outside.body);
    let unknown_intent = app.create("publish", FORM).await;
    assert_eq!(unknown_intent.status, StatusCode::BAD_REQUEST);
    assert_eq!(app.db.initiative_count().await.unwrap(), 0);
}

#[tokio::test]
async fn a_save_from_an_old_revision_is_a_409_saying_what_changed() {
    let app = TestApp::new().await;
    let id = id_of(&app.create("draft", FORM).await).to_string();
    let first = [("id", id.as_str()), ("base", "1"), ("intent", "draft")];
    let renamed = form_with(&[("form[title]", "Forum de l'alternance 2027")]);
    let saved = app.call("save_initiative", &[&first[..], &renamed[..]].concat()).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    // The other tab, still at revision 1.
    let other = form_with(&[("form[phone]", "02 37 00 00 00")]);
    let conflict = app.call("save_initiative", &[&first[..], &other[..]].concat()).await;
    assert_eq!(conflict.status, StatusCode::CONFLICT, "{}", conflict.body);
    // The page writes the message from these: who, when, which fields (« Titre »).
    assert!(
        conflict.body.contains("\"changed\":[\"title\"]") && conflict.body.contains("Camille Martin (MEE)"),
        "{}",
        conflict.body
    );
    assert_eq!(app.db.working_copy(id.parse().unwrap()).await.unwrap().input.title, "Forum de l'alternance 2027");
}

#[tokio::test]
async fn an_immersion_is_submitted_after_signing_the_charter() {
    let app = TestApp::new().await;
    let immersion = form_with(&[("form[kind]", "immersion")]);
    let refused = app.create("submit", &immersion).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.body.contains("charte d'immersion (version 1)"), "{}", refused.body);
    let outdated = app.call("sign_charter", &[("version", "0")]).await;
    assert_eq!(outdated.status, StatusCode::BAD_REQUEST, "{}", outdated.body);
    assert_eq!(app.call("sign_charter", &[("version", "1")]).await.status, StatusCode::OK);
    let submitted = app.create("submit", &immersion).await;
    assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.body);
    assert!(submitted.body.contains("\"pending\""), "{}", submitted.body);
}

#[tokio::test]
async fn holders_pages_send_anonymous_visitors_to_sign_in_and_the_charter_is_public() {
    let app = TestApp::new().await;
    for path in ["/mes-initiatives", "/mes-initiatives/nouvelle", "/mes-initiatives/1"] {
        let request = Request::get(path).header(header::ACCEPT, "text/html").body(Body::empty()).unwrap();
        let response = app.router.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::FOUND, "{path}");
        let location = response.headers()[header::LOCATION].to_str().unwrap();
        assert_eq!(location, format!("/connexion?suite={path}"));
    }
    let response = app.router.clone().oneshot(Request::get("/charte").body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}
