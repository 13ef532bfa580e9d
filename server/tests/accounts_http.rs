//! Accounts through the real router: the session cookie's flags, sign-up and the link that
//! verifies it, sign-in, sign-out (here and everywhere), answers that never reveal whether an
//! email has an account, throttling, forgotten passwords, sessions that last 14 days from their
//! last use, the pages of broken links, the download of one's data and one-click unsubscribing.

use crate::common;

use crate::common::{router_on, Answer};
use app::data::Db;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use tower::ServiceExt;

const PASSWORD: &str = "une phrase de passe solide";

struct TestApp {
    router: Router,
    db: Db,
    dir: tempfile::TempDir,
}

impl TestApp {
    async fn new() -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::connect(&format!("sqlite://{}/carte.db", dir.path().display())).await.unwrap();
        TestApp { router: router_on(&db).await, db, dir }
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
                ("password", PASSWORD),
            ],
            None,
        )
        .await
    }

    /// The secret of the latest link mailed to `to`.
    async fn secret_mailed_to(&self, to: &str) -> String {
        let mail = self.db.outbox(100).await.unwrap().into_iter().find(|m| m.recipient == to).expect("a mail");
        let start = mail.text.find("jeton=").expect("a link") + "jeton=".len();
        mail.text[start..].chars().take_while(|c| c.is_ascii_hexdigit()).collect()
    }

    /// Signs up `email`, opens the verification link: the session cookie it gives.
    async fn verified(&self, email: &str) -> String {
        assert_eq!(self.sign_up(email).await.status, StatusCode::OK);
        let secret = self.secret_mailed_to(email).await;
        let verified = self.call("verify_email", &[("secret", &secret)], None).await;
        assert_eq!(verified.status, StatusCode::OK, "{}", verified.body);
        verified.cookie()
    }

    async fn sign_in(&self, email: &str, password: &str) -> Answer {
        self.call("sign_in", &[("email", email), ("password", password)], None).await
    }

    async fn get(&self, path: &str, cookie: Option<&str>) -> (StatusCode, String, axum::http::HeaderMap) {
        let mut request = Request::get(path);
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        let response = self.router.clone().oneshot(request.body(Body::empty()).unwrap()).await.unwrap();
        let (status, headers) = (response.status(), response.headers().clone());
        let body = response.into_body().collect().await.unwrap().to_bytes();
        (status, String::from_utf8_lossy(&body).into_owned(), headers)
    }

    async fn sessions(&self) -> sqlx::SqlitePool {
        common::pool(&self.dir).await
    }
}

#[tokio::test]
async fn sign_up_mails_a_link_that_signs_in_with_an_httponly_lax_cookie() {
    let app = TestApp::new().await;
    let signed_up = app.sign_up("camille@exemple.fr").await;
    assert_eq!(signed_up.status, StatusCode::OK, "{}", signed_up.body);
    assert!(signed_up.body.contains("CheckMailbox"), "{}", signed_up.body);
    assert!(signed_up.set_cookie.is_none(), "not signed in before the address is proven");

    let secret = app.secret_mailed_to("camille@exemple.fr").await;
    let verified = app.call("verify_email", &[("secret", &secret)], None).await;
    assert_eq!(verified.status, StatusCode::OK, "{}", verified.body);
    assert_eq!(verified.body, "\"/mes-initiatives\"");
    let flags = verified.set_cookie.clone().unwrap().to_lowercase();
    assert!(flags.starts_with("carte28_session="), "{flags}");
    assert!(flags.contains("httponly") && flags.contains("samesite=lax") && flags.contains("path=/"), "{flags}");
    assert!(!flags.contains("secure"), "plain http in tests: Secure comes with an https PUBLIC_URL");
    let cookie = verified.cookie();
    let me = app.call("current_account", &[], Some(&cookie)).await;
    assert!(me.body.contains("camille@exemple.fr") && me.body.contains("\"verified\":true"), "{}", me.body);
    assert_eq!(app.call("current_account", &[], None).await.body, "null", "no cookie, nobody");

    let again = app.call("verify_email", &[("secret", &secret)], None).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert!(again.body.contains("déjà servi"), "{}", again.body);
    assert_eq!(app.call("sign_out", &[], Some(&cookie)).await.status, StatusCode::OK);
    assert_eq!(app.call("current_account", &[], Some(&cookie)).await.body, "null", "the old cookie is worth nothing");
}

#[tokio::test]
async fn a_taken_address_and_a_new_one_get_the_same_answer_and_its_owner_a_mail() {
    let app = TestApp::new().await;
    let first = app.sign_up("camille@exemple.fr").await;
    let again = app.sign_up("CAMILLE@exemple.fr").await;
    assert_eq!((first.status, &first.body), (again.status, &again.body));
    let weak = app
        .call(
            "sign_up",
            &[("organisation", ""), ("contact_name", "Camille"), ("email", "camille@"), ("password", "court")],
            None,
        )
        .await;
    assert_eq!(weak.status, StatusCode::BAD_REQUEST);
    for field in ["\"organisation\"", "\"email\"", "\"password\""] {
        assert!(weak.body.contains(field), "{field} in {}", weak.body);
    }
    let mails: Vec<String> = app.db.outbox(10).await.unwrap().into_iter().map(|m| m.subject).collect();
    assert_eq!(mails.len(), 2, "{mails:?}");
    assert!(mails.iter().any(|s| s.contains("proposée pour un compte")), "{mails:?}");
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    let app = TestApp::new().await;
    app.verified("camille@exemple.fr").await;
    let wrong = app.sign_in("camille@exemple.fr", "pas la bonne phrase").await;
    let unknown = app.sign_in("personne@exemple.fr", "pas la bonne phrase").await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert_eq!((wrong.status, &wrong.body), (unknown.status, &unknown.body));
    assert!(wrong.body.contains("Adresse e-mail ou mot de passe incorrect"), "{}", wrong.body);
    assert!(wrong.set_cookie.is_none(), "no session for a failed sign-in");
    let right = app.sign_in("Camille@Exemple.fr", PASSWORD).await;
    assert_eq!(right.status, StatusCode::OK, "{}", right.body);
    assert!(app.call("current_account", &[], Some(&right.cookie())).await.body.contains("camille@exemple.fr"));
}

#[tokio::test]
async fn sign_in_attempts_on_one_account_are_throttled_even_with_the_right_password() {
    let app = TestApp::new().await;
    app.verified("camille@exemple.fr").await;
    for _ in 0..5 {
        assert_eq!(app.sign_in("camille@exemple.fr", "devinette numéro n").await.status, StatusCode::BAD_REQUEST);
    }
    let blocked = app.sign_in("camille@exemple.fr", PASSWORD).await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS, "{}", blocked.body);
    assert!(blocked.body.contains("réessayez dans 1 minute"), "{}", blocked.body);
    assert_eq!(
        app.sign_in("personne@exemple.fr", "x").await.status,
        StatusCode::BAD_REQUEST,
        "other accounts are not blocked"
    );
}

#[tokio::test]
async fn a_new_password_ends_every_other_session_and_keeps_this_one() {
    let app = TestApp::new().await;
    let here = app.verified("camille@exemple.fr").await;
    let elsewhere = app.sign_in("camille@exemple.fr", PASSWORD).await.cookie();
    let anonymous =
        app.call("change_password", &[("current_password", "x"), ("new_password", "une nouvelle phrase")], None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    let wrong = app
        .call(
            "change_password",
            &[("current_password", "pas la bonne"), ("new_password", "une nouvelle phrase")],
            Some(&here),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    let changed = app
        .call(
            "change_password",
            &[("current_password", PASSWORD), ("new_password", "une nouvelle phrase")],
            Some(&here),
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    let here = changed.set_cookie.as_ref().map(|_| changed.cookie()).unwrap_or(here);
    assert!(
        app.call("current_account", &[], Some(&here)).await.body.contains("camille@exemple.fr"),
        "this session goes on"
    );
    assert_eq!(app.call("current_account", &[], Some(&elsewhere)).await.body, "null", "the other one is over");

    // « Se déconnecter partout »: this one too.
    let other = app.sign_in("camille@exemple.fr", "une nouvelle phrase").await.cookie();
    assert_eq!(app.call("sign_out_everywhere", &[], Some(&here)).await.status, StatusCode::OK);
    assert_eq!(app.call("current_account", &[], Some(&here)).await.body, "null");
    assert_eq!(app.call("current_account", &[], Some(&other)).await.body, "null");
}

#[tokio::test]
async fn a_forgotten_password_never_tells_who_has_an_account_and_its_link_signs_in_once() {
    let app = TestApp::new().await;
    let old_session = app.verified("camille@exemple.fr").await;
    let known = app.call("request_password_reset", &[("email", "camille@exemple.fr")], None).await;
    let unknown = app.call("request_password_reset", &[("email", "personne@exemple.fr")], None).await;
    assert_eq!((known.status, &known.body), (unknown.status, &unknown.body));
    assert_eq!(known.status, StatusCode::OK);
    let secret = app.secret_mailed_to("camille@exemple.fr").await;

    let short = app.call("reset_password", &[("secret", &secret), ("new_password", "court")], None).await;
    assert_eq!(short.status, StatusCode::BAD_REQUEST);
    assert!(short.body.contains("new_password"), "{}", short.body);
    let reset =
        app.call("reset_password", &[("secret", &secret), ("new_password", "une toute nouvelle phrase")], None).await;
    assert_eq!(reset.status, StatusCode::OK, "{}", reset.body);
    assert!(
        app.call("current_account", &[], Some(&reset.cookie())).await.body.contains("camille@exemple.fr"),
        "signed in here"
    );
    assert_eq!(app.call("current_account", &[], Some(&old_session)).await.body, "null", "every other session ended");
    let reused =
        app.call("reset_password", &[("secret", &secret), ("new_password", "encore une autre phrase")], None).await;
    assert_eq!(reused.status, StatusCode::BAD_REQUEST);
    assert!(reused.body.contains("déjà servi"), "{}", reused.body);
}

#[tokio::test]
async fn the_pages_of_broken_links_say_why_in_french_not_with_a_server_error() {
    let app = TestApp::new().await;
    let cookie = app.verified("camille@exemple.fr").await;
    let used = app.secret_mailed_to("camille@exemple.fr").await;
    for (path, words) in [
        (format!("/verifier-adresse?jeton={used}"), "a déjà servi"),
        ("/verifier-adresse?jeton=abc%3Cscript%3E".to_string(), "pas valable"),
        ("/nouveau-mot-de-passe?jeton=".to_string(), "pas valable"),
        ("/desabonnement?jeton=0000".to_string(), "pas valable"),
    ] {
        let (status, body, _) = app.get(&path, None).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}");
        assert!(body.contains(words), "{path}: {words} in {body}");
    }
    app.call("request_password_reset", &[("email", "camille@exemple.fr")], Some(&cookie)).await;
    let secret = app.secret_mailed_to("camille@exemple.fr").await;
    let (status, body, _) = app.get(&format!("/nouveau-mot-de-passe?jeton={secret}"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Choisir un nouveau mot de passe"), "a valid link shows its form");
}

#[tokio::test]
async fn a_session_lasts_fourteen_days_after_its_last_use_not_after_sign_in() {
    let app = TestApp::new().await;
    let cookie = app.verified("camille@exemple.fr").await;
    let pool = app.sessions().await;
    // As if signed in long ago: the session's end is an hour away.
    use tower_sessions::cookie::time::{Duration, OffsetDateTime};
    sqlx::query("UPDATE tower_sessions SET expiry_date = ?1")
        .bind(OffsetDateTime::now_utc() + Duration::hours(1))
        .execute(&pool)
        .await
        .unwrap();
    let used = app.call("current_account", &[], Some(&cookie)).await;
    assert!(used.body.contains("camille@exemple.fr"));
    let expiry: OffsetDateTime =
        sqlx::query_scalar("SELECT expiry_date FROM tower_sessions").fetch_one(&pool).await.unwrap();
    let days = (expiry - OffsetDateTime::now_utc()).as_seconds_f64() / 86_400.0;
    assert!((13.9..=14.1).contains(&days), "using the session moved its end 14 days ahead: {days} days");
    let (_, _, headers) = app.get("/compte", Some(&cookie)).await;
    let set_cookie = headers.get(header::SET_COOKIE).unwrap().to_str().unwrap().to_lowercase();
    assert!(set_cookie.contains("max-age=1209600"), "the browser keeps it 14 days from now: {set_cookie}");
    // A visitor without a session gets none.
    let (_, _, headers) = app.get("/", None).await;
    assert!(headers.get(header::SET_COOKIE).is_none());
}

#[tokio::test]
async fn people_download_their_own_data_and_nobody_else_s() {
    let app = TestApp::new().await;
    let cookie = app.verified("camille@exemple.fr").await;
    let (status, _, _) = app.get("/api/mes-donnees", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, body, headers) = app.get("/api/mes-donnees", Some(&cookie)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_DISPOSITION].to_str().unwrap().starts_with("attachment"));
    let data: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(data["compte"]["adresse"], "camille@exemple.fr");
    assert!(data["compte"]["adresse_verifiee_le"].is_string());
    assert!(data["initiatives"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn mail_clients_unsubscribe_in_one_post_and_a_scanner_fetching_the_link_unsubscribes_nobody() {
    let app = TestApp::new().await;
    let admin = app
        .db
        .create_account(
            &app::domain::NewAccount {
                organisation: "Club".into(),
                contact_name: "Admin".into(),
                email: "admin@exemple.fr".into(),
                password: PASSWORD.into(),
            },
            app::domain::Role::Admin,
        )
        .await
        .unwrap();
    let form = app::domain::club::InvitationForm {
        organisation: "CFA".into(),
        contact_name: String::new(),
        email: "cfa@exemple.fr".into(),
    };
    app.db.create_invitation(&admin, &form).await.unwrap();
    app.db.create_invitation(&admin, &form).await.unwrap();
    let mail = app.db.outbox(10).await.unwrap().remove(0);
    let start = mail.text.find("/desabonnement?jeton=").unwrap() + "/desabonnement?jeton=".len();
    let token: String = mail.text[start..].chars().take_while(|c| c.is_ascii_hexdigit()).collect();

    // The page as the server sends it (what a mail scanner fetches) changes nothing; in the
    // browser it sends `set_subscription` itself (end2end/tests/mail.spec.ts), or its button does.
    let (status, body, _) = app.get(&format!("/desabonnement?jeton={token}"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("reçoit les courriels « invitations à rejoindre le club »") && body.contains("Me désabonner"),
        "{body}"
    );
    assert!(app.db.unsubscribed_kinds("cfa@exemple.fr").await.unwrap().is_empty());
    let answer = app.call("set_subscription", &[("secret", token.as_str()), ("subscribed", "false")], None).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(app.db.unsubscribed_kinds("cfa@exemple.fr").await.unwrap(), vec!["invitation"]);
    assert!(app.db.due_mails(10).await.unwrap().is_empty(), "both waiting invitations are cancelled");
    let (_, body, _) = app.get(&format!("/desabonnement?jeton={token}"), None).await;
    assert!(
        body.contains("ne recevra plus les courriels « invitations à rejoindre le club »")
            && body.contains("Me réabonner"),
        "{body}"
    );

    app.db.set_subscribed(&token, true).await.unwrap();
    let request = Request::post(format!("/api/desabonnement?jeton={token}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("List-Unsubscribe=One-Click"))
        .unwrap();
    assert_eq!(app.router.clone().oneshot(request).await.unwrap().status(), StatusCode::OK, "RFC 8058 one-click POST");
    assert_eq!(app.db.unsubscribed_kinds("cfa@exemple.fr").await.unwrap(), vec!["invitation"]);
    // A mail client that opens the address instead is led to the page, in the mail's language.
    for (query, page) in [("", "/desabonnement"), ("langue=en&", "/en/desabonnement")] {
        let (status, _, headers) = app.get(&format!("/api/desabonnement?{query}jeton={token}"), None).await;
        assert!(status.is_redirection(), "{status}");
        assert_eq!(headers[header::LOCATION], format!("{page}?jeton={token}").as_str());
    }
}
