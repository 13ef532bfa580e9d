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
pub mod holders;
pub mod initiatives;
pub mod layout;
// The browser's maps; natively only for the clustering's unit tests.
#[cfg(any(feature = "hydrate", test))]
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
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};

pub use layout::shell;

/// The whole application: header, the routed page, footer.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    #[cfg(feature = "hydrate")]
    provide_page_nonce();
    view! {
        <Stylesheet id="leptos" href="/pkg/carte-orientation-28.css"/>
        <Router>
            <layout::SiteHeader/>
            <main id="contenu" tabindex="-1">
                <Routes fallback=|| view! { <components::NotFound/> }>
                    // Async rendering: the whole page, status code included, is ready before the
                    // first byte leaves, so pages are complete without JavaScript.
                    <Route path=path!("/") view=map::MapPage ssr=SsrMode::Async/>
                    // Every other page is a lazy route (pages/mod.rs): the browser downloads its code
                    // only when it is visited, so that the map's first visit does not carry it.
                    <Route path=path!("/initiatives/:id") view={Lazy::<pages::InitiativeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/initiatives/:id/rattacher") view={Lazy::<pages::ClaimRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/structures/:slug") view={Lazy::<pages::StructureRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/connexion") view={Lazy::<pages::SignInRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/inscription") view={Lazy::<pages::SignUpRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/compte") view={Lazy::<pages::AccountRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/compte/supprimer") view={Lazy::<pages::DeleteAccountRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/compte/supprime") view={Lazy::<pages::AccountDeletedRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/verifier-adresse") view={Lazy::<pages::VerifyEmailRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/mot-de-passe-oublie") view={Lazy::<pages::ForgotPasswordRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/nouveau-mot-de-passe") view={Lazy::<pages::ResetPasswordRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/desabonnement") view={Lazy::<pages::UnsubscribeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/courriels") view={Lazy::<pages::OutboxRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/rejoindre-l-animation") view={Lazy::<pages::AnimatorInvitationRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/mes-initiatives/:id/confirmer") view={Lazy::<pages::ConfirmCurrentRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/mentions-legales") view={Lazy::<pages::LegalNoticeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/confidentialite") view={Lazy::<pages::PrivacyRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/accessibilite") view={Lazy::<pages::AccessibilityRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/mes-initiatives") view={Lazy::<pages::MyInitiativesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/mes-initiatives/nouvelle") view={Lazy::<pages::NewInitiativeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/mes-initiatives/:id") view={Lazy::<pages::EditInitiativeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/charte") view={Lazy::<pages::CharterRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/proposer") view={Lazy::<pages::SuggestRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/imprimer") view={Lazy::<pages::PrintListRoute>::new()} ssr=SsrMode::Async/>
                    // One chunk for both pages of the embed (embed/mod.rs): each lazy route costs the
                    // main file its loading code.
                    <Route path=path!("/integrer") view={Lazy::<pages::EmbedRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/integrer-la-carte") view={Lazy::<pages::EmbedRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/moderation") view={Lazy::<pages::ModerationRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/moderation/initiatives/:id") view={Lazy::<pages::ModerationCaseRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/journal") view={Lazy::<pages::JournalRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/animateurs") view={Lazy::<pages::AnimatorsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/club") view={Lazy::<pages::DirectoryRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/club/invitations") view={Lazy::<pages::InvitationsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/club/tableau-de-bord") view={Lazy::<pages::DashboardRoute>::new()} ssr=SsrMode::Async/>
                </Routes>
            </main>
            <layout::SiteFooter/>
        </Router>
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
