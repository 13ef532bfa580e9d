//! Accounts through the real router: the session cookie's flags, sign-up, sign-in, sign-out,
//! answers that never reveal whether an email has an account, and sign-in throttling.

mod common;

use app::data::Db;
use axum::http::StatusCode;
use axum::Router;
use common::{router_on, Answer};

struct TestApp {
    router: Router,
    _dir: tempfile::TempDir,
}

impl TestApp {
    async fn new() -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::connect(&format!("sqlite://{}/carte.db", dir.path().display())).await.unwrap();
        TestApp { router: router_on(&db).await, _dir: dir }
    }

    /// Calls server function `name` as our pages do (form-encoded arguments, JSON answer).
    async fn call(&self, name: &str, form: &[(&str, &str)], cookie: Option<&str>) -> Answer {
        common::call(&self.router, &format!("/api/{name}"), form, cookie).await
    }

    async fn sign_up(&self, email: &str) -> Answer {
        self.call(
            "sign_up",
            &[
                ("organisation", "Mission locale du Drouais"),
                ("contact_name", "Camille Martin"),
                ("email", email),
                ("password", "une phrase de passe solide"),
            ],
            None,
        )
        .await
    }
}

#[tokio::test]
async fn sign_up_signs_in_with_an_httponly_lax_cookie_and_sign_out_ends_the_session() {
    let app = TestApp::new().await;
    let signed_up = app.sign_up("camille@exemple.fr").await;
    assert_eq!(signed_up.status, StatusCode::OK, "{}", signed_up.body);
    let flags = signed_up.set_cookie.clone().unwrap().to_lowercase();
    assert!(flags.starts_with("carte28_session="), "{flags}");
    assert!(flags.contains("httponly") && flags.contains("samesite=lax") && flags.contains("path=/"), "{flags}");
    assert!(!flags.contains("secure"), "plain http in tests: Secure comes with an https PUBLIC_URL");
    let cookie = signed_up.cookie();

    let me = app.call("current_account", &[], Some(&cookie)).await;
    assert!(me.body.contains("camille@exemple.fr") && me.body.contains("\"holder\""), "{}", me.body);
    assert_eq!(app.call("current_account", &[], None).await.body, "null", "no cookie, nobody");

    assert_eq!(app.call("sign_out", &[], Some(&cookie)).await.status, StatusCode::OK);
    assert_eq!(app.call("current_account", &[], Some(&cookie)).await.body, "null", "the old cookie is worth nothing");
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    let app = TestApp::new().await;
    app.sign_up("camille@exemple.fr").await;
    let wrong = app.call("sign_in", &[("email", "camille@exemple.fr"), ("password", "pas la bonne phrase")], None).await;
    let unknown = app.call("sign_in", &[("email", "personne@exemple.fr"), ("password", "pas la bonne phrase")], None).await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert_eq!((wrong.status, &wrong.body), (unknown.status, &unknown.body));
    assert!(wrong.body.contains("Adresse e-mail ou mot de passe incorrect"), "{}", wrong.body);
    assert!(wrong.set_cookie.is_none(), "no session for a failed sign-in");

    let right = app.call("sign_in", &[("email", "Camille@Exemple.fr"), ("password", "une phrase de passe solide")], None).await;
    assert_eq!(right.status, StatusCode::OK, "{}", right.body);
    let me = app.call("current_account", &[], Some(&right.cookie())).await;
    assert!(me.body.contains("camille@exemple.fr"));
}

#[tokio::test]
async fn sign_up_errors_name_their_fields_and_an_email_is_taken_once() {
    let app = TestApp::new().await;
    let weak = app
        .call("sign_up", &[("organisation", ""), ("contact_name", "Camille"), ("email", "camille@"), ("password", "court")], None)
        .await;
    assert_eq!(weak.status, StatusCode::BAD_REQUEST);
    for field in ["\"organisation\"", "\"email\"", "\"password\""] {
        assert!(weak.body.contains(field), "{field} in {}", weak.body);
    }
    assert!(weak.set_cookie.is_none());
    assert_eq!(app.sign_up("camille@exemple.fr").await.status, StatusCode::OK);
    let again = app.sign_up("CAMILLE@exemple.fr").await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert!(again.body.contains("existe déjà"), "{}", again.body);
}

#[tokio::test]
async fn sign_in_attempts_on_one_account_are_throttled_even_with_the_right_password() {
    let app = TestApp::new().await;
    app.sign_up("camille@exemple.fr").await;
    for _ in 0..5 {
        let answer = app.call("sign_in", &[("email", "camille@exemple.fr"), ("password", "devinette numéro n")], None).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    }
    let blocked = app.call("sign_in", &[("email", "camille@exemple.fr"), ("password", "une phrase de passe solide")], None).await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS, "{}", blocked.body);
    assert!(blocked.body.contains("réessayez dans 1 minute"), "{}", blocked.body);
    let unknown = app.call("sign_in", &[("email", "personne@exemple.fr"), ("password", "x")], None).await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST, "other accounts are not blocked");
}

#[tokio::test]
async fn changing_the_password_needs_a_session_and_the_current_password() {
    let app = TestApp::new().await;
    let cookie = app.sign_up("camille@exemple.fr").await.cookie();
    let anonymous =
        app.call("change_password", &[("current_password", "x"), ("new_password", "une nouvelle phrase")], None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    let wrong = app
        .call("change_password", &[("current_password", "pas la bonne"), ("new_password", "une nouvelle phrase")], Some(&cookie))
        .await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    let changed = app
        .call(
            "change_password",
            &[("current_password", "une phrase de passe solide"), ("new_password", "une nouvelle phrase")],
            Some(&cookie),
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    let signed_in = app.call("sign_in", &[("email", "camille@exemple.fr"), ("password", "une nouvelle phrase")], None).await;
    assert_eq!(signed_in.status, StatusCode::OK);
}
