//! Forms sent without JavaScript, kept from their POST to the page that answers them
//! (`domain::sent_forms`): under the SHA-256 of a secret that only that page's address holds,
//! for [`KEPT_MINUTES`], each new one clearing those older.

use super::account_links::token_hash;
use super::outbox::new_secret;
use super::{stamp, DataError, Db};
use crate::domain::sent_forms::KEPT_MINUTES;
use crate::domain::SentForm;

impl Db {
    /// Keeps `sent` and returns the secret of the page that answers it.
    pub async fn keep_sent_form(&self, sent: &SentForm) -> Result<String, DataError> {
        let now = chrono::Utc::now();
        let oldest = stamp(now - chrono::Duration::minutes(KEPT_MINUTES));
        sqlx::query("DELETE FROM sent_forms WHERE sent_at < ?1").bind(&oldest).execute(&self.pool).await?;
        let secret = new_secret();
        sqlx::query(
            "INSERT INTO sent_forms (token_hash, endpoint, fields, succeeded, answer, sent_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .bind(token_hash(&secret))
        .bind(&sent.endpoint)
        .bind(&sent.fields)
        .bind(sent.succeeded)
        .bind(&sent.answer)
        .bind(stamp(now))
        .execute(&self.pool)
        .await?;
        Ok(secret)
    }

    /// The form sent whose page's secret is `secret`, unless it is older than [`KEPT_MINUTES`].
    pub async fn sent_form(&self, secret: &str) -> Result<Option<SentForm>, DataError> {
        let oldest = stamp(chrono::Utc::now() - chrono::Duration::minutes(KEPT_MINUTES));
        let row: Option<(String, String, bool, String)> = sqlx::query_as(
            "SELECT endpoint, fields, succeeded, answer FROM sent_forms WHERE token_hash = ?1 AND sent_at >= ?2",
        )
        .bind(token_hash(secret))
        .bind(oldest)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(endpoint, fields, succeeded, answer)| SentForm { endpoint, fields, succeeded, answer }))
    }
}
