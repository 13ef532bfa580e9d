//! The pages every French public-service site has, linked from every page's footer:
//! `/mentions-legales`, `/confidentialite` (what is collected, why, for how long, people's
//! rights) and `/accessibilite` (the RGAA declaration). Who publishes the site is configuration
//! (`settings::SiteIdentity`).

pub mod pages;

pub use pages::{AccessibilityPage, LegalNoticePage, PrivacyPage};

use leptos::prelude::*;

use crate::error::AppError;
use crate::settings::SiteIdentity;

/// Who publishes the site (public).
#[server(endpoint = "load_site_identity")]
pub async fn load_site_identity() -> Result<SiteIdentity, AppError> {
    Ok(use_context::<crate::settings::SiteSettings>().map(|s| s.identity).unwrap_or_default())
}

/// The state of conformity the footer and `/accessibilite` announce (RGAA: no full audit yet).
pub const CONFORMITY: &str = "non conforme";
