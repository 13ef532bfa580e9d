//! The map page's server functions (public): the view's list and filter counts, the texts
//! the pin payload leaves out, and the communes for the autocomplete. The pins themselves are
//! `/api/pins` (`server/src/routes/pins.rs`): a compact payload, kept per view.

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::domain::PAGE_SIZE;
use crate::domain::{InitiativeSummary, MapData};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::ssr::*;

/// The published initiatives of the view `query` describes (a URL query, with or without `?`),
/// with the counts of every filter option. A nonsense parameter is a `BadRequest` saying why.
#[server(endpoint = "load_map_data", output = crate::wire::Wire)]
pub async fn load_map_data(query: String) -> Result<MapData, AppError> {
    answered(
        async {
            let db = use_db()?;
            let (filters, revisions) = db.view_of_query(&query, client_ip().await).await?;
            let published_revision = revisions.published;
            let named = filters.commune.iter().chain(filters.near.iter().filter_map(|near| near.commune.as_ref()));
            Ok(MapData {
                commune_names: crate::data::commune_names(named.map(String::as_str)),
                finds_addresses: db.finds_addresses(),
                published_revision,
                list: db.published_page(&filters).await?,
                facets: db.facets(&filters).await?,
                kinds: db.kinds().await?,
                areas: db.areas().await?,
                filters,
            })
        }
        .await,
    )
}

/// The published initiatives among `ids`, in that order: popups of pins and the list sorted by
/// distance ask for what the pin payload leaves out.
#[server(endpoint = "load_summaries", output = crate::wire::Wire)]
pub async fn load_summaries(ids: Vec<i64>) -> Result<Vec<InitiativeSummary>, AppError> {
    if ids.len() > PAGE_SIZE as usize {
        return Err(AppError::BadRequest(crate::domain::Message::new(
            format!("{PAGE_SIZE} initiatives au plus par demande."),
            format!("{PAGE_SIZE} initiatives at most per request."),
        )));
    }
    Ok(use_db()?.published_summaries_by_id(&ids).await?)
}

/// Every commune as `(insee, name)`, for the communes' suggestions of a map page built in the
/// browser: the same list the server writes into the pages it sends (`data::gazetteer_communes`).
#[server(endpoint = "load_communes", output = crate::wire::Wire)]
pub async fn load_communes() -> Result<Vec<(String, String)>, AppError> {
    Ok(crate::data::gazetteer_communes().to_vec())
}
