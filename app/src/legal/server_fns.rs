//! The legal pages' server function (public): who publishes the site, from the configuration.

use leptos::prelude::*;

use crate::error::AppError;
use crate::settings::SiteIdentity;

/// Who publishes the site (public).
#[server(endpoint = "load_site_identity", output = crate::wire::Wire)]
pub async fn load_site_identity() -> Result<SiteIdentity, AppError> {
    Ok(use_context::<crate::settings::SiteSettings>().map(|s| s.identity).unwrap_or_default())
}
