//! Delivery of the outbox to a real SMTP server (aiosmtpd, started by the test: Debian's
//! python3-aiosmtpd, which `make test` installs): a mail delivered whole, a server down then up
//! (delivered later, once), a server refusing (retries, then failed and shown to admins).

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use app::data::Db;
use app::domain::club::InvitationForm;
use app::domain::mail::MailState;
use app::domain::{NewAccount, Role};
use server::mail::{MailConfig, MailTask, Smtp};

/// The test SMTP server, stopped when dropped.
struct Sink {
    child: Child,
    folder: tempfile::TempDir,
}

impl Sink {
    fn start(port: u16, refuse: bool) -> Sink {
        let folder = tempfile::tempdir().unwrap();
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../scripts/smtp-sink.py");
        let mut command = Command::new("/usr/bin/python3");
        command.arg(script).arg("--port").arg(port.to_string()).arg("--dir").arg(folder.path());
        if refuse {
            command.arg("--refuse");
        }
        let child = command.stdout(Stdio::null()).spawn().expect("python3 with aiosmtpd (make setup-test installs it)");
        let sink = Sink { child, folder };
        wait_for(Duration::from_secs(10), || std::net::TcpStream::connect(("127.0.0.1", port)).is_ok());
        sink
    }

    /// Every mail received, in order.
    fn mails(&self) -> Vec<serde_json::Value> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.folder.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        files.iter().map(|f| serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap()).collect()
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn wait_for(limit: Duration, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < limit, "not within {limit:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Waits (asynchronously: the mail task runs on this runtime) until `done` holds.
async fn eventually<F: std::future::Future<Output = bool>>(limit: Duration, mut done: impl FnMut() -> F) {
    let start = Instant::now();
    while !done().await {
        assert!(start.elapsed() < limit, "not within {limit:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn db_with_site() -> (Db, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&format!("sqlite://{}/carte.db", dir.path().display()))
        .await
        .unwrap()
        .with_public_url("https://carte.exemple.fr");
    (db, dir)
}

fn config(port: u16, retries: usize) -> MailConfig {
    MailConfig {
        smtp: Some(Smtp { url: format!("smtp://127.0.0.1:{port}"), credentials: None }),
        from: "Carte Orientation 28 <ne-pas-repondre@carte.exemple.fr>".into(),
        retry_delays: vec![Duration::from_millis(300); retries],
    }
}

/// A holder invitation mailed to `to` (a kind of mail with an unsubscribe link).
async fn invite(db: &Db, to: &str) {
    let input = NewAccount {
        organisation: "Club".into(),
        contact_name: "Anim".into(),
        email: format!("anim.{to}"),
        password: "une phrase de passe solide".into(),
    };
    let animator = db.create_account(&input, Role::Animator).await.unwrap();
    let form = InvitationForm { organisation: "CFA du BTP".into(), contact_name: String::new(), email: to.into() };
    db.create_invitation(&animator, &form).await.unwrap();
}

async fn state_of(db: &Db) -> (MailState, i64, Option<String>) {
    let mail = db.outbox(10).await.unwrap().remove(0);
    (mail.state, mail.attempts, mail.last_error)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mail_is_delivered_whole_with_its_html_alternative_and_unsubscribe_headers() {
    let port = free_port();
    let sink = Sink::start(port, false);
    let (db, _dir) = db_with_site().await;
    invite(&db, "cfa@exemple.fr").await;
    let task = MailTask::start(db.clone(), config(port, 3)).unwrap();
    eventually(Duration::from_secs(15), || async { state_of(&db).await.0 == MailState::Sent }).await;
    task.stop();
    let mails = sink.mails();
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert_eq!(mail["to"][0], "cfa@exemple.fr");
    assert_eq!(mail["subject"], "Invitation à rejoindre le club Carte Orientation 28");
    assert!(mail["headers"]["From"].as_str().unwrap().contains("ne-pas-repondre@carte.exemple.fr"));
    let text = mail["text"].as_str().unwrap();
    assert!(text.contains("https://carte.exemple.fr/inscription?invitation="), "links carry PUBLIC_URL: {text}");
    assert!(mail["html"].as_str().unwrap().contains("<a href=\"https://carte.exemple.fr/inscription?invitation="));
    let unsubscribe = mail["headers"]["List-Unsubscribe"].as_str().unwrap();
    assert!(unsubscribe.starts_with("<https://carte.exemple.fr/api/desabonnement?jeton="), "{unsubscribe}");
    assert_eq!(mail["headers"]["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_english_mail_leads_to_the_english_pages_and_unsubscribes_through_the_api() {
    let port = free_port();
    let sink = Sink::start(port, false);
    let (db, _dir) = db_with_site().await;
    // Written from an English page (the server functions' handle of one).
    invite(&db.speaking(true), "family@exemple.fr").await;
    let task = MailTask::start(db.clone(), config(port, 3)).unwrap();
    eventually(Duration::from_secs(15), || async { state_of(&db).await.0 == MailState::Sent }).await;
    task.stop();
    let mail = &sink.mails()[0];
    assert_eq!(mail["subject"], "Invitation to join the Carte Orientation 28 club");
    let text = mail["text"].as_str().unwrap();
    assert!(
        text.starts_with("Hello,") && text.contains("https://carte.exemple.fr/en/inscription?invitation="),
        "{text}"
    );
    assert!(text.contains("https://carte.exemple.fr/en/desabonnement?jeton="), "{text}");
    assert!(mail["html"].as_str().unwrap().contains("<html lang=\"en\">"));
    // The one-click address is the API's, saying the mail's language for a client that opens it.
    let unsubscribe = mail["headers"]["List-Unsubscribe"].as_str().unwrap();
    assert!(unsubscribe.starts_with("<https://carte.exemple.fr/api/desabonnement?langue=en&jeton="), "{unsubscribe}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_down_delays_mail_which_leaves_once_when_it_is_back() {
    let port = free_port();
    let (db, _dir) = db_with_site().await;
    db.request_password_reset("personne@exemple.fr", true).await.unwrap();
    let input = NewAccount {
        organisation: "MEE".into(),
        contact_name: "Camille".into(),
        email: "camille@exemple.fr".into(),
        password: "une phrase de passe solide".into(),
    };
    db.create_account(&input, Role::Holder).await.unwrap();
    db.request_password_reset("camille@exemple.fr", true).await.unwrap();
    let task = MailTask::start(db.clone(), config(port, 50)).unwrap();
    // Nobody listens: the mail waits, and says why.
    eventually(Duration::from_secs(15), || async { state_of(&db).await.1 >= 2 }).await;
    let (state, _, error) = state_of(&db).await;
    assert_eq!(state, MailState::Waiting);
    assert!(error.is_some());
    let sink = Sink::start(port, false);
    eventually(Duration::from_secs(15), || async { state_of(&db).await.0 == MailState::Sent }).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    task.stop();
    assert_eq!(sink.mails().len(), 1, "delivered once");
    assert!(sink.mails()[0]["text"].as_str().unwrap().contains("/nouveau-mot-de-passe?jeton="));
    let sent = db.outbox(10).await.unwrap().remove(0);
    assert!(!sent.text.contains("jeton="), "a security mail's link is wiped from the outbox once sent");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refusing_server_gets_every_retry_then_the_mail_fails_for_admins_to_see_and_resend() {
    let port = free_port();
    let refusing = Sink::start(port, true);
    let (db, _dir) = db_with_site().await;
    invite(&db, "cfa@exemple.fr").await;
    let task = MailTask::start(db.clone(), config(port, 2)).unwrap();
    eventually(Duration::from_secs(20), || async { state_of(&db).await.0 == MailState::Failed }).await;
    let (_, attempts, error) = state_of(&db).await;
    assert_eq!(attempts, 3, "the first attempt and two retries");
    assert!(error.unwrap().contains("550"));
    assert!(refusing.mails().is_empty());
    task.stop();
    drop(refusing);

    // Fixed: an admin sends it again.
    let sink = Sink::start(port, false);
    let input = NewAccount {
        organisation: "Club".into(),
        contact_name: "Admin".into(),
        email: "admin@exemple.fr".into(),
        password: "une phrase de passe solide".into(),
    };
    let admin = db.create_account(&input, Role::Admin).await.unwrap();
    let id = db.outbox(10).await.unwrap().remove(0).id;
    db.retry_mail(id, &admin).await.unwrap();
    let task = MailTask::start(db.clone(), config(port, 2)).unwrap();
    eventually(Duration::from_secs(15), || async { state_of(&db).await.0 == MailState::Sent }).await;
    task.stop();
    assert_eq!(sink.mails().len(), 1);
}
