//! Citizens' contributions and live updates through the real router: a report and a
//! suggestion as the forms send them, the honeypot and the limit per address (each refusal
//! says why, in French), and `/api/events` announcing what the public sees.

use std::time::Duration;

use crate::common::{call, call_from, good_suggestion, router_on};
use app::data::Db;
use app::domain::moderation::Scope;
use app::domain::{Filters, NewAccount, Role};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use tower::ServiceExt;

async fn demo_app() -> (Router, Db, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&format!("sqlite://{}/carte.db", dir.path().display())).await.unwrap();
    db.load_demo().await.unwrap();
    (router_on(&db).await, db, dir)
}

async fn first_published(db: &Db) -> i64 {
    db.published_summaries(&Filters::default()).await.unwrap()[0].id
}

fn report(id: i64, reason: &str, comment: &str, honeypot: &str) -> Vec<(String, String)> {
    vec![
        ("id".into(), id.to_string()),
        ("report[reason]".into(), reason.into()),
        ("report[comment]".into(), comment.into()),
        ("report[contact_email]".into(), String::new()),
        ("adresse_web".into(), honeypot.into()),
    ]
}

#[tokio::test]
async fn a_report_reaches_the_queue_and_bad_ones_are_told_what_to_fix() {
    let (router, db, _dir) = demo_app().await;
    let id = first_published(&db).await;
    let sent = call(&router, "/api/report_initiative", &report(id, "n-existe-plus", "Fermé en juin.", ""), None).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    assert_eq!(db.moderation_queue(&Scope::Everywhere).await.unwrap().len(), 1);

    let unchosen = call(&router, "/api/report_initiative", &report(id, "", "", ""), None).await;
    assert_eq!(unchosen.status, StatusCode::BAD_REQUEST);
    assert!(unchosen.body.contains("Choisissez le problème que vous signalez."), "{}", unchosen.body);
    let wordless = call(&router, "/api/report_initiative", &report(id, "autre", "  ", ""), None).await;
    assert!(wordless.body.contains("Décrivez le problème"), "{}", wordless.body);
    let unknown = call(&router, "/api/report_initiative", &report(999_999, "autre", "Où est-elle ?", ""), None).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(db.moderation_queue(&Scope::Everywhere).await.unwrap().len(), 1, "nothing more stored");
}

#[tokio::test]
async fn the_honeypot_refuses_bots_and_says_why() {
    let (router, db, _dir) = demo_app().await;
    let id = first_published(&db).await;
    let bot =
        call(&router, "/api/report_initiative", &report(id, "autre", "Achetez !", "https://spam.example"), None).await;
    assert_eq!(bot.status, StatusCode::BAD_REQUEST);
    assert!(bot.body.contains("un champ invisible pour les personnes était rempli"), "{}", bot.body);
    let suggestion = [
        ("form[title]", "Visitez notre boutique"),
        ("form[summary]", "Un résumé assez long pour être accepté tel quel."),
        ("form[kind]", "forum-metiers"),
        ("form[themes][]", "competences"),
        ("form[audiences][]", "lyceens"),
        ("form[commune]", "Chartres (28000)"),
        ("form[organisation]", "Boutique"),
        ("contact_email", ""),
        ("adresse_web", "https://spam.example"),
    ];
    let bot = call(&router, "/api/suggest_initiative", &suggestion, None).await;
    assert_eq!(bot.status, StatusCode::BAD_REQUEST);
    assert!(bot.body.contains("robots"), "{}", bot.body);
    assert!(db.moderation_queue(&Scope::Everywhere).await.unwrap().is_empty(), "nothing stored");
}

#[tokio::test]
async fn one_address_is_limited_and_told_when_to_come_back() {
    let (router, db, _dir) = demo_app().await;
    let id = first_published(&db).await;
    let here: std::net::SocketAddr = "192.0.2.10:50000".parse().unwrap();
    let there: std::net::SocketAddr = "192.0.2.11:50000".parse().unwrap();
    for n in 0..10 {
        let sent = call_from(
            &router,
            "/api/report_initiative",
            &report(id, "autre", &format!("Envoi {n}"), ""),
            None,
            Some(here),
        )
        .await;
        assert_eq!(sent.status, StatusCode::OK, "report {n}: {}", sent.body);
    }
    let limited =
        call_from(&router, "/api/report_initiative", &report(id, "autre", "Un de trop", ""), None, Some(here)).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.body.contains("réessayez dans 6 minutes"), "{}", limited.body);
    assert!(limited.body.contains("toujours dans le formulaire"), "{}", limited.body);
    let elsewhere =
        call_from(&router, "/api/report_initiative", &report(id, "autre", "Ailleurs", ""), None, Some(there)).await;
    assert_eq!(elsewhere.status, StatusCode::OK, "other addresses are not affected");
    assert_eq!(db.moderation_queue(&Scope::Everywhere).await.unwrap().len(), 11);
}

#[tokio::test]
async fn a_suggestion_with_every_problem_listed_stores_nothing_then_a_good_one_waits() {
    let (router, db, _dir) = demo_app().await;
    let broken = [("form[title]", "x"), ("contact_email", "pas-une-adresse"), ("adresse_web", "")];
    let refused = call(&router, "/api/suggest_initiative", &broken, None).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    for message in ["Le titre doit compter au moins 5 caractères", "Choisissez une commune", "nom@exemple.fr"] {
        assert!(refused.body.contains(message), "{message}: {}", refused.body);
    }
    let good = good_suggestion("Lectrice@Exemple.fr");
    let sent = call(&router, "/api/suggest_initiative", &good, None).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let id: i64 = sent.body.parse().unwrap();
    let case = db.case(id).await.unwrap();
    assert_eq!((case.area_code.as_str(), case.suggested_by), ("dreux", Some(Some("lectrice@exemple.fr".into()))));
    assert!(db.published_detail(id).await.unwrap().is_none(), "not public before review");
}

/// The text of `/api/events` received within `wait`, sent with `last_event_id` or `?depuis=`.
async fn events_within(
    router: &Router,
    query: &str,
    last_event_id: Option<&str>,
    wait: Duration,
    during: impl std::future::Future<Output = ()>,
) -> String {
    let mut request = Request::get(format!("/api/events{query}")).header(header::ACCEPT, "text/event-stream");
    if let Some(id) = last_event_id {
        request = request.header("last-event-id", id);
    }
    let response = router.clone().oneshot(request.body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "text/event-stream");
    let mut body = response.into_body();
    let mut text = String::new();
    let reading = async {
        while let Some(Ok(frame)) = body.frame().await {
            if let Some(data) = frame.data_ref() {
                text.push_str(&String::from_utf8_lossy(data));
            }
        }
    };
    let _ = tokio::time::timeout(wait, futures::future::join(reading, during)).await;
    text
}

#[tokio::test]
async fn open_maps_are_told_when_the_public_content_changes_and_catch_up_after_a_drop() {
    let (router, db, _dir) = demo_app().await;
    let now = db.published_revision().await.unwrap();
    // A page read at an older revision is told at once.
    let behind = events_within(&router, "?depuis=1", None, Duration::from_secs(2), async {}).await;
    assert!(behind.contains("retry:"), "{behind}");
    assert!(behind.contains(&format!("event: published\nid: {now}\ndata: {now}")), "{behind}");
    // Up to date: nothing, until something published changes.
    let quiet = events_within(&router, &format!("?depuis={now}"), None, Duration::from_millis(1500), async {}).await;
    assert!(!quiet.contains("event: published"), "{quiet}");
    let id = first_published(&db).await;
    let holder = db
        .create_account(
            &NewAccount {
                organisation: "A".into(),
                contact_name: "A".into(),
                email: "a@exemple.fr".into(),
                password: "une phrase de passe solide".into(),
            },
            Role::Holder,
        )
        .await
        .unwrap();
    // Taken off the map (the data layer checks no rights: server functions do).
    let archive = async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        db.archive_initiative(id, &holder, 0).await.unwrap();
    };
    let told = events_within(&router, &format!("?depuis={now}"), None, Duration::from_secs(3), archive).await;
    let later = db.published_revision().await.unwrap();
    assert!(later > now);
    assert!(told.contains(&format!("data: {later}")), "{told}");
    // A browser reconnecting with the last id it saw is told only of what it missed.
    let caught_up =
        events_within(&router, "?depuis=1", Some(&later.to_string()), Duration::from_millis(1500), async {}).await;
    assert!(!caught_up.contains("event: published"), "Last-Event-ID wins over ?depuis: {caught_up}");
    let missed = events_within(&router, "", Some(&now.to_string()), Duration::from_secs(2), async {}).await;
    assert!(missed.contains(&format!("data: {later}")), "{missed}");
}
