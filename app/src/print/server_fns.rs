//! The print directory's server function (public).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::domain::Filters;
use crate::domain::InitiativeDetail;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::ssr::*;

/// Initiatives printed at most: some twenty sheets. A bigger view is narrowed first (the page
/// says so), as nobody hands out a directory of the whole department.
pub const MAX_PRINTED: usize = 300;

/// A view's initiatives for the print directory, in the order of its list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrintList {
    pub initiatives: Vec<InitiativeDetail>,
    /// How many the view holds in all (more than printed when over [`MAX_PRINTED`]).
    pub total: usize,
    /// The site's address, so that each page's address prints in full.
    pub site: String,
    /// The view's parameters (the map's query), for the link back to it.
    pub query: String,
}

/// The initiatives of the view `query` describes (the map's parameters); a nonsense parameter
/// is a `BadRequest` saying why.
#[server(endpoint = "load_print_list", output = crate::wire::Wire)]
pub async fn load_print_list(query: String) -> Result<PrintList, AppError> {
    answered(
        async {
            let db = use_db()?;
            let (filters, _) = db.view_of_query(&query, client_ip().await).await?;
            let initiatives = db.first_published_details(&filters, MAX_PRINTED).await?;
            let total = usize::try_from(db.published_count(&filters).await?).unwrap_or(usize::MAX);
            let query = Filters { page: None, ..filters }.to_query();
            Ok(PrintList { initiatives, total, site: db.public_url().to_string(), query })
        }
        .await,
    )
}
