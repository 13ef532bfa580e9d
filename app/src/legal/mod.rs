//! The pages every French public-service site has, linked from every page's footer:
//! `/mentions-legales`, `/confidentialite` (what is collected, why, for how long, people's
//! rights) and `/accessibilite` (the RGAA declaration). Who publishes the site is configuration
//! (`settings::SiteIdentity`).

pub mod pages;
mod server_fns;

pub use pages::{AccessibilityPage, LegalNoticePage, PrivacyPage};
pub use server_fns::load_site_identity;

/// The state of conformity the footer and `/accessibilite` announce (RGAA: no full audit yet).
pub const CONFORMITY: &str = "non conforme";

/// [`CONFORMITY`] in the page's language (the footer says it on every page).
pub fn conformity(locale: crate::language::Locale) -> &'static str {
    match locale {
        crate::language::Locale::fr => CONFORMITY,
        crate::language::Locale::en => "not compliant",
    }
}
