//! Forms sent without JavaScript, kept between their POST and the page that answers them.
#![cfg(feature = "ssr")]

use crate::common::empty_db;
use app::domain::SentForm;
use sqlx::sqlite::SqlitePoolOptions;

#[tokio::test]
async fn a_sent_form_is_found_by_its_secret_only_and_for_half_an_hour() {
    let (db, dir) = empty_db().await;
    let sent = SentForm::new("/api/sign_in", b"email=a%40b.fr&password=secret", false, "\"Unauthorized\"".into());
    let secret = db.keep_sent_form(&sent).await.unwrap();
    let found = db.sent_form(&secret).await.unwrap().expect("kept");
    assert_eq!(found, sent);
    assert_eq!(found.fields, "email=a%40b.fr&password=", "no password kept");
    assert_eq!(db.sent_form("autre-secret").await.unwrap(), None);

    // Only the hash of the secret is stored: a copy of the database opens no page.
    let file = SqlitePoolOptions::new().connect(&format!("sqlite://{}/carte.db", dir.path().display())).await.unwrap();
    let (stored,): (String,) = sqlx::query_as("SELECT token_hash FROM sent_forms").fetch_one(&file).await.unwrap();
    assert_ne!(stored, secret);

    // Older than half an hour: gone, and cleared by the next one kept.
    sqlx::query("UPDATE sent_forms SET sent_at = '2000-01-01T00:00:00Z'").execute(&file).await.unwrap();
    assert_eq!(db.sent_form(&secret).await.unwrap(), None);
    db.keep_sent_form(&sent).await.unwrap();
    let (left,): (i64,) = sqlx::query_as("SELECT count(*) FROM sent_forms").fetch_one(&file).await.unwrap();
    assert_eq!(left, 1);
}
