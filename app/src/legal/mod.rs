//! The pages every French public-service site has, linked from every page's footer:
//! `/mentions-legales`, `/confidentialite` (what is collected, why, for how long, people's
//! rights) and `/accessibilite` (the RGAA declaration). Who publishes the site is configuration
//! (`settings::SiteIdentity`).

pub mod pages;
mod server_fns;

pub use pages::{AccessibilityPage, LegalNoticePage, PrivacyPage};
pub use server_fns::load_site_identity;

/// What the privacy page says of the address service `service` (its host), when the site has a
/// geocoder, in both languages (`settings::SiteIdentity::address_service`).
#[cfg(feature = "ssr")]
pub fn address_service_notice(service: &str) -> crate::domain::Message {
    use crate::language::Locale;
    use leptos_i18n::td_string;
    let said =
        |locale: Locale| td_string!(locale, legal.address_service_text, service = service.to_string()).to_string();
    crate::domain::Message::new(said(Locale::fr), said(Locale::en))
}

/// The state of conformity the footer and `/accessibilite` announce (RGAA: no full audit yet).
pub const CONFORMITY: &str = "non conforme";

/// [`CONFORMITY`] in the page's language (the footer says it on every page).
pub fn conformity(locale: crate::language::Locale) -> &'static str {
    match locale {
        crate::language::Locale::fr => CONFORMITY,
        crate::language::Locale::en => "not compliant",
    }
}
