//! The dated initiatives as calendar events (`/api/evenements.ics`): the view's published
//! initiatives that have a start date, each with how often its public version changed.

use std::collections::HashMap;

use super::initiatives::Which;
use super::{DataError, Db};
use crate::domain::{DatedInitiative, Filters, InitiativeDetail};

impl Db {
    /// The dated published initiatives that `filters` keep, in the order of the view's list.
    pub async fn published_events(&self, filters: &Filters) -> Result<Vec<DatedInitiative>, DataError> {
        let initiatives = self.published_details(filters, Which::Dated).await?;
        self.with_sequences(initiatives).await
    }

    /// One published initiative as an event, or `None` when it is not public or has no date.
    pub async fn published_event(&self, id: i64) -> Result<Option<DatedInitiative>, DataError> {
        let initiative = self.published_details(&Filters::default(), Which::One(id)).await?;
        let dated = initiative.into_iter().filter(|i| i.start_date.is_some()).collect();
        Ok(self.with_sequences(dated).await?.pop())
    }

    /// Each initiative with its `SEQUENCE`: its published revisions but the first. A revision
    /// is published when moderation approves it (or an animator's edit publishes it at once),
    /// so the number only grows, and only with what the public sees.
    async fn with_sequences(&self, initiatives: Vec<InitiativeDetail>) -> Result<Vec<DatedInitiative>, DataError> {
        if initiatives.is_empty() {
            return Ok(Vec::new());
        }
        let ids = serde_json::to_string(&initiatives.iter().map(|i| i.id).collect::<Vec<_>>())
            .map_err(|e| DataError::EmbeddedData { file: "ids", message: e.to_string() })?;
        // One bound JSON array rather than one parameter per id: a view may hold thousands.
        let counts: HashMap<i64, i64> = sqlx::query_as(
            "SELECT initiative_id, COUNT(*) FROM initiative_revisions
             WHERE state = 'published' AND initiative_id IN (SELECT value FROM json_each(?1))
             GROUP BY initiative_id",
        )
        .bind(ids)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .collect();
        Ok(initiatives
            .into_iter()
            .map(|initiative| {
                let published = counts.get(&initiative.id).copied().unwrap_or(0);
                DatedInitiative { sequence: u32::try_from(published - 1).unwrap_or(0), initiative }
            })
            .collect())
    }
}
