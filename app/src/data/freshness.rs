//! Freshness: a published initiative carries the date it was last confirmed current (set at
//! publication, renewed by its holder in one click). Unconfirmed for 12 months, it shows as
//! « à vérifier » on the map, the list, its page and the animators' dashboard.

use super::{now, DataError, Db};
use crate::domain::Status;

/// SQL true when initiative `i` has gone unconfirmed for 12 months or more (stored times are
/// RFC 3339 in UTC, which compare as text).
pub(super) const TO_CHECK: &str =
    "(i.confirmed_at IS NOT NULL AND i.confirmed_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-12 months'))";

impl Db {
    /// Records that published initiative `id` is still current, today. `Refused` for any
    /// initiative not published (there is nothing public to vouch for).
    pub async fn confirm_current(&self, id: i64) -> Result<String, DataError> {
        let today = now();
        let updated = sqlx::query("UPDATE initiatives SET confirmed_at = ?2 WHERE id = ?1 AND status = ?3")
            .bind(id)
            .bind(&today)
            .bind(Status::Published.code())
            .execute(&self.pool)
            .await?;
        if updated.rows_affected() == 0 {
            self.holder_of(id).await?;
            return Err(DataError::Refused("Seule une initiative publiée peut être confirmée à jour.".into()));
        }
        Ok(today)
    }
}
