//! Carte Orientation 28: the pages (Leptos components), their server functions, the domain rules
//! and, on the server, the data layer. One folder per feature.

#![recursion_limit = "512"]

pub mod accounts;
#[cfg(feature = "hydrate")]
pub mod broken_page;
pub mod charter;
pub mod claims;
pub mod club;
pub mod components;
pub mod contributions;
pub mod domain;
pub mod embed;
pub mod error;
#[cfg(feature = "ssr")]
pub mod geocoder;
pub mod holders;
pub mod initiatives;
pub mod language;
pub mod layout;
// The browser's maps.
#[cfg(feature = "hydrate")]
mod leaflet_map;
pub mod legal;
pub mod mail;
pub mod map;
pub mod moderation;
pub mod pages;
pub mod print;
pub mod settings;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod structures;
pub mod wire;

#[cfg(feature = "ssr")]
pub mod data;

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};
use pages::StyledPage;

pub use layout::shell;

/// The whole application: header, the routed page, footer.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(language::document_locale());
    #[cfg(feature = "hydrate")]
    provide_page_nonce();
    view! {
        <Router>
            <language::LanguageAlternates/>
            <layout::SiteHeader/>
            <Main/>
            <layout::SiteFooter/>
        </Router>
    }
}

/// The routed page. A document keeps the language it was opened in: a link that leads to the
/// other language's page (the language switch, an address typed or pasted) loads it anew, in
/// its language.
#[component]
fn Main() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        let location = leptos_router::hooks::use_location();
        let locale = language::use_locale();
        Effect::new(move |_| {
            let path = location.pathname.get();
            if language::locale_of_path(&path) != locale {
                let _ = window().location().reload();
            }
        });
    }
    view! {
        <main id="contenu" tabindex="-1">
            {site_routes()}
        </main>
    }
}

/// Declares every page once, for its French address and its English one (`/en/…`: the
/// [`LanguagePrefix`](language::LanguagePrefix) its path starts with; the server registers both,
/// server/src/lib.rs). Async rendering: the whole page, status code included, is ready before
/// the first byte leaves, so pages are complete without JavaScript.
macro_rules! routes_in_both_languages {
    // `tt`, not `literal`: `path!` must see the string itself.
    ($(($path:tt, $view:tt)),+ $(,)?) => {
        view! {
            <Routes fallback=|| view! { <components::NotFound/> }>
                $(<Route path=(language::LanguagePrefix, path!($path)) view=$view ssr=SsrMode::Async/>)+
            </Routes>
        }
    };
}

/// The site's pages.
fn site_routes() -> impl IntoView {
    routes_in_both_languages! {
        ("/", {map::MapPage}),
        // Every other page is a lazy route (pages/mod.rs): the browser downloads its code, and the
        // stylesheet of the pages (pages/page_styles.rs), only when it is visited, so that the
        // map's first visit carries neither.
        ("/initiatives/:id", {Lazy::<StyledPage<pages::InitiativeRoute>>::new()}),
        ("/initiatives/:id/rattacher", {Lazy::<StyledPage<pages::ClaimRoute>>::new()}),
        ("/structures/:slug", {Lazy::<StyledPage<pages::StructureRoute>>::new()}),
        ("/connexion", {Lazy::<StyledPage<pages::SignInRoute>>::new()}),
        ("/inscription", {Lazy::<StyledPage<pages::SignUpRoute>>::new()}),
        ("/compte", {Lazy::<StyledPage<pages::AccountRoute>>::new()}),
        ("/compte/supprimer", {Lazy::<StyledPage<pages::DeleteAccountRoute>>::new()}),
        ("/compte/supprime", {Lazy::<StyledPage<pages::AccountDeletedRoute>>::new()}),
        ("/verifier-adresse", {Lazy::<StyledPage<pages::VerifyEmailRoute>>::new()}),
        ("/mot-de-passe-oublie", {Lazy::<StyledPage<pages::ForgotPasswordRoute>>::new()}),
        ("/nouveau-mot-de-passe", {Lazy::<StyledPage<pages::ResetPasswordRoute>>::new()}),
        ("/desabonnement", {Lazy::<StyledPage<pages::UnsubscribeRoute>>::new()}),
        ("/admin/courriels", {Lazy::<StyledPage<pages::OutboxRoute>>::new()}),
        ("/rejoindre-l-animation", {Lazy::<StyledPage<pages::AnimatorInvitationRoute>>::new()}),
        ("/mes-initiatives/:id/confirmer", {Lazy::<StyledPage<pages::ConfirmCurrentRoute>>::new()}),
        ("/mentions-legales", {Lazy::<StyledPage<pages::LegalNoticeRoute>>::new()}),
        ("/confidentialite", {Lazy::<StyledPage<pages::PrivacyRoute>>::new()}),
        ("/accessibilite", {Lazy::<StyledPage<pages::AccessibilityRoute>>::new()}),
        ("/mes-initiatives", {Lazy::<StyledPage<pages::MyInitiativesRoute>>::new()}),
        ("/mes-initiatives/nouvelle", {Lazy::<StyledPage<pages::NewInitiativeRoute>>::new()}),
        ("/mes-initiatives/:id", {Lazy::<StyledPage<pages::EditInitiativeRoute>>::new()}),
        ("/charte", {Lazy::<StyledPage<pages::CharterRoute>>::new()}),
        ("/proposer", {Lazy::<StyledPage<pages::SuggestRoute>>::new()}),
        ("/imprimer", {Lazy::<StyledPage<pages::PrintListRoute>>::new()}),
        // One chunk for both pages of the embed (embed/mod.rs): each lazy route costs the main
        // file its loading code.
        ("/integrer", {Lazy::<StyledPage<pages::EmbedRoute>>::new()}),
        ("/integrer-la-carte", {Lazy::<StyledPage<pages::EmbedRoute>>::new()}),
        ("/moderation", {Lazy::<StyledPage<pages::ModerationRoute>>::new()}),
        ("/moderation/initiatives/:id", {Lazy::<StyledPage<pages::ModerationCaseRoute>>::new()}),
        ("/admin/journal", {Lazy::<StyledPage<pages::JournalRoute>>::new()}),
        ("/admin/animateurs", {Lazy::<StyledPage<pages::AnimatorsRoute>>::new()}),
        ("/club", {Lazy::<StyledPage<pages::DirectoryRoute>>::new()}),
        ("/club/invitations", {Lazy::<StyledPage<pages::InvitationsRoute>>::new()}),
        ("/club/tableau-de-bord", {Lazy::<StyledPage<pages::DashboardRoute>>::new()}),
    }
}

/// In the browser, the nonce the server gave this page (its Content-Security-Policy allows
/// inline scripts and styles carrying it), for the `<style>` elements pages add later: the map's
/// palette, created anew when one navigates to the map, would be refused without it. Browsers
/// hide a nonce from `getAttribute`; the element's `nonce` property still reads it.
#[cfg(feature = "hydrate")]
fn provide_page_nonce() {
    let nonce = document()
        .query_selector("script[nonce]")
        .ok()
        .flatten()
        .and_then(|script| js_sys::Reflect::get(&script, &"nonce".into()).ok())
        .and_then(|nonce| nonce.as_string())
        .filter(|nonce| !nonce.is_empty());
    if let Some(nonce) = nonce {
        provide_context(leptos::nonce::Nonce::from_value(nonce));
    }
}
