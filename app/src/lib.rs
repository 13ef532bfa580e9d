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
pub mod json_text;
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

#[cfg(feature = "ssr")]
pub mod data;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Stylesheet};
use leptos_router::components::{Outlet, ParentRoute, Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};

pub use layout::shell;

/// The whole application: header, the routed page, footer.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(language::document_locale());
    #[cfg(feature = "hydrate")]
    provide_page_nonce();
    view! {
        <Stylesheet id="leptos" href="/pkg/carte-orientation-28.css"/>
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

/// Declares every page once, at its French address and at its English one (`/en/…`: language.rs).
/// Async rendering: the whole page, status code included, is ready before the first byte
/// leaves, so pages are complete without JavaScript.
macro_rules! routes_in_both_languages {
    // `tt`, not `literal`: `path!` must see the string itself.
    ($(($path:tt, $view:tt)),+ $(,)?) => {
        view! {
            <Routes fallback=|| view! { <components::NotFound/> }>
                $(<Route path=path!($path) view=$view ssr=SsrMode::Async/>)+
                <ParentRoute path=path!("/en") view=Outlet ssr=SsrMode::Async>
                    $(<Route path=path!($path) view=$view ssr=SsrMode::Async/>)+
                </ParentRoute>
            </Routes>
        }
    };
}

/// The site's pages.
fn site_routes() -> impl IntoView {
    routes_in_both_languages! {
        ("/", {map::MapPage}),
        // Every other page is a lazy route (pages/mod.rs): the browser downloads its code only when
        // it is visited, so that the map's first visit does not carry it.
        ("/initiatives/:id", {Lazy::<pages::InitiativeRoute>::new()}),
        ("/initiatives/:id/rattacher", {Lazy::<pages::ClaimRoute>::new()}),
        ("/structures/:slug", {Lazy::<pages::StructureRoute>::new()}),
        ("/connexion", {Lazy::<pages::SignInRoute>::new()}),
        ("/inscription", {Lazy::<pages::SignUpRoute>::new()}),
        ("/compte", {Lazy::<pages::AccountRoute>::new()}),
        ("/compte/supprimer", {Lazy::<pages::DeleteAccountRoute>::new()}),
        ("/compte/supprime", {Lazy::<pages::AccountDeletedRoute>::new()}),
        ("/verifier-adresse", {Lazy::<pages::VerifyEmailRoute>::new()}),
        ("/mot-de-passe-oublie", {Lazy::<pages::ForgotPasswordRoute>::new()}),
        ("/nouveau-mot-de-passe", {Lazy::<pages::ResetPasswordRoute>::new()}),
        ("/desabonnement", {Lazy::<pages::UnsubscribeRoute>::new()}),
        ("/admin/courriels", {Lazy::<pages::OutboxRoute>::new()}),
        ("/rejoindre-l-animation", {Lazy::<pages::AnimatorInvitationRoute>::new()}),
        ("/mes-initiatives/:id/confirmer", {Lazy::<pages::ConfirmCurrentRoute>::new()}),
        ("/mentions-legales", {Lazy::<pages::LegalNoticeRoute>::new()}),
        ("/confidentialite", {Lazy::<pages::PrivacyRoute>::new()}),
        ("/accessibilite", {Lazy::<pages::AccessibilityRoute>::new()}),
        ("/mes-initiatives", {Lazy::<pages::MyInitiativesRoute>::new()}),
        ("/mes-initiatives/nouvelle", {Lazy::<pages::NewInitiativeRoute>::new()}),
        ("/mes-initiatives/:id", {Lazy::<pages::EditInitiativeRoute>::new()}),
        ("/charte", {Lazy::<pages::CharterRoute>::new()}),
        ("/proposer", {Lazy::<pages::SuggestRoute>::new()}),
        ("/imprimer", {Lazy::<pages::PrintListRoute>::new()}),
        // One chunk for both pages of the embed (embed/mod.rs): each lazy route costs the main
        // file its loading code.
        ("/integrer", {Lazy::<pages::EmbedRoute>::new()}),
        ("/integrer-la-carte", {Lazy::<pages::EmbedRoute>::new()}),
        ("/moderation", {Lazy::<pages::ModerationRoute>::new()}),
        ("/moderation/initiatives/:id", {Lazy::<pages::ModerationCaseRoute>::new()}),
        ("/admin/journal", {Lazy::<pages::JournalRoute>::new()}),
        ("/admin/animateurs", {Lazy::<pages::AnimatorsRoute>::new()}),
        ("/club", {Lazy::<pages::DirectoryRoute>::new()}),
        ("/club/invitations", {Lazy::<pages::InvitationsRoute>::new()}),
        ("/club/tableau-de-bord", {Lazy::<pages::DashboardRoute>::new()}),
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
