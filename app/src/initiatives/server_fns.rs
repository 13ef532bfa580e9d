//! An initiative's page's server function (public).

use leptos::prelude::*;

use crate::domain::InitiativeDetail;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::ssr::*;

/// A published initiative in full; `NotFound` for unknown ids and for anything not published.
#[server(endpoint = "get_initiative", output = crate::wire::Wire)]
pub async fn get_initiative(id: i64) -> Result<InitiativeDetail, AppError> {
    answered(async { use_db()?.published_detail(id).await?.ok_or(AppError::NotFound) }.await)
}
