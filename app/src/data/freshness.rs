//! Freshness: a published initiative carries the date it was last confirmed current (set at
//! publication, renewed by its holder in one click). Unconfirmed for 12 months, it shows as
//! « à vérifier » on the map, the list, its page and the animators' dashboard.

use super::{now, DataError, Db};
use crate::domain::{Message, Status};

/// SQL true when initiative `i` has gone unconfirmed for 12 months or more (stored times are
/// RFC 3339 in UTC, which compare as text).
pub(super) const TO_CHECK: &str =
    "(i.confirmed_at IS NOT NULL AND i.confirmed_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-12 months'))";

impl Db {
    /// Records that published initiative `id` is still current, today; returns the time of its
    /// confirmation. Already confirmed today, nothing is written (open maps are not told of a
    /// change that is none) and that earlier time is returned. `Refused` for any initiative not
    /// published (there is nothing public to vouch for).
    pub async fn confirm_current(&self, id: i64) -> Result<String, DataError> {
        let today = now();
        // Stored times are RFC 3339 in UTC: their first ten characters are the day.
        let confirmed: Option<String> = sqlx::query_scalar(
            "UPDATE initiatives SET confirmed_at = ?2
              WHERE id = ?1 AND status = ?3 AND (confirmed_at IS NULL OR substr(confirmed_at, 1, 10) < substr(?2, 1, 10))
              RETURNING confirmed_at",
        )
        .bind(id)
        .bind(&today)
        .bind(Status::Published.code())
        .fetch_optional(&self.pool)
        .await?;
        if let Some(confirmed) = confirmed {
            return Ok(confirmed);
        }
        let earlier: Option<Option<String>> =
            sqlx::query_scalar("SELECT confirmed_at FROM initiatives WHERE id = ?1 AND status = ?2")
                .bind(id)
                .bind(Status::Published.code())
                .fetch_optional(&self.pool)
                .await?;
        match earlier {
            Some(Some(earlier)) => Ok(earlier),
            _ => {
                self.holder_of(id).await?;
                Err(DataError::Said(Message::new(
                    "Seule une initiative publiée peut être confirmée à jour.",
                    "Only a published initiative can be confirmed up to date.",
                )))
            }
        }
    }
}
