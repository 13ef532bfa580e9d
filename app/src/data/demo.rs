//! Demo data: realistic initiatives of Eure-et-Loir so that a new installation is not empty.
//! Every demo row carries `is_demo`, shown as such on every page and in every export.

use serde::Deserialize;

use super::{DataError, Db};
use crate::domain::{InitiativeInput, Status};

const DEMO_JSON: &str = include_str!("../../data/demo_initiatives.json");

#[derive(Deserialize)]
struct DemoInitiative {
    #[serde(flatten)]
    input: InitiativeInput,
    status: Status,
}

impl Db {
    /// Replaces the demo initiatives by a fresh copy of the embedded set; returns how many.
    /// Initiatives that are not demo data are never touched.
    pub async fn load_demo(&self) -> Result<usize, DataError> {
        let demo: Vec<DemoInitiative> = serde_json::from_str(DEMO_JSON)
            .map_err(|e| DataError::EmbeddedData { file: "demo_initiatives.json", message: e.to_string() })?;
        sqlx::query("DELETE FROM initiatives WHERE is_demo = 1").execute(&self.pool).await?;
        for item in &demo {
            self.create_initiative(&item.input, item.status, true).await?;
        }
        Ok(demo.len())
    }

    /// Loads the demo initiatives into a database that holds no initiative at all.
    /// Returns how many were loaded (0 when the database already had initiatives).
    pub async fn load_demo_if_empty(&self) -> Result<usize, DataError> {
        if self.initiative_count().await? > 0 {
            return Ok(0);
        }
        self.load_demo().await
    }
}
