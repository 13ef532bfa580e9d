//! The immersion charter: its versions and who signed which.

use super::{now, DataError, Db};
use crate::domain::audit::AuditAction;
use crate::domain::{Account, CharterPage, CharterVersion, Role};

/// SQL true when the holder of initiative `i` signed the current charter version: the
/// "charte signée" badge.
pub(super) const CHARTER_SIGNED: &str = "EXISTS (SELECT 1 FROM charter_signatures s
    WHERE s.account_id = i.holder_id AND s.version = (SELECT MAX(version) FROM charter_versions))";

/// SQL: the account `a` signed the charter in force (a holder's page, the club's directory).
pub(super) const ACCOUNT_SIGNED: &str = "EXISTS (SELECT 1 FROM charter_signatures s
    WHERE s.account_id = a.id AND s.version = (SELECT MAX(version) FROM charter_versions))";

impl Db {
    /// The version in force: the latest published.
    pub async fn current_charter(&self) -> Result<CharterVersion, DataError> {
        let (version, text, published_at) =
            sqlx::query_as("SELECT version, text, published_at FROM charter_versions ORDER BY version DESC LIMIT 1")
                .fetch_optional(&self.pool)
                .await?
                .ok_or(DataError::NotFound)?;
        Ok(CharterVersion { version, text, published_at })
    }

    /// The current charter, and where `reader` (if signed in) stands with it.
    pub async fn charter_page(&self, reader: Option<&Account>) -> Result<CharterPage, DataError> {
        let current = self.current_charter().await?;
        let signatures: Vec<(i64, String)> = match reader {
            Some(account) => {
                sqlx::query_as(
                    "SELECT version, signed_at FROM charter_signatures WHERE account_id = ?1 ORDER BY version DESC",
                )
                .bind(account.id)
                .fetch_all(&self.pool)
                .await?
            }
            None => Vec::new(),
        };
        let signed_at = signatures.iter().find(|(v, _)| *v == current.version).map(|(_, at)| at.clone());
        let signed_earlier = signatures.first().map(|(v, _)| *v).filter(|v| *v != current.version);
        Ok(CharterPage { may_sign: reader.is_some_and(|a| a.role == Role::Holder), current, signed_at, signed_earlier })
    }

    /// Records that `account` signs charter `version`, which must be the current one (a page
    /// left open while a new version came out must not sign the old one). Signing twice is
    /// harmless: the first signature stands.
    pub async fn sign_charter(&self, account: &Account, version: i64) -> Result<(), DataError> {
        let current = self.current_charter().await?.version;
        if version != current {
            return Err(DataError::OutdatedCharter(current));
        }
        sqlx::query("INSERT OR IGNORE INTO charter_signatures (account_id, version, signed_at) VALUES (?1, ?2, ?3)")
            .bind(account.id)
            .bind(version)
            .bind(now())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Publishes a new version of the charter; every holder is asked to sign it again.
    /// Returns its number.
    /// (Published from the command line, and logged as such.)
    pub async fn publish_charter(&self, text: &str) -> Result<i64, DataError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let version: i64 = sqlx::query_scalar(
            "INSERT INTO charter_versions (version, text, published_at)
             VALUES ((SELECT COALESCE(MAX(version), 0) + 1 FROM charter_versions), ?1, ?2) RETURNING version",
        )
        .bind(text.trim())
        .bind(now())
        .fetch_one(&mut *tx)
        .await?;
        let subject = format!("Charte d'immersion, version {version}");
        super::audit::audit(&mut tx, None, AuditAction::PublishCharter, None, &subject, "").await?;
        tx.commit().await?;
        Ok(version)
    }
}
