//! Carte Orientation 28: the pages (Leptos components), their server functions, the domain rules
//! and, on the server, the data layer. One folder per feature.

#![recursion_limit = "512"]

pub mod accounts;
pub mod contributions;
pub mod domain;
pub mod error;
pub mod forms;
pub mod holders;
pub mod charter;
pub mod club;
pub mod initiatives;
pub mod layout;
#[cfg(feature = "hydrate")]
mod leaflet_map;
pub mod legal;
pub mod mail;
pub mod map;
pub mod moderation;
pub mod settings;

#[cfg(feature = "ssr")]
pub mod data;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Stylesheet};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

pub use layout::shell;

/// The whole application: header, the routed page, footer.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    #[cfg(feature = "hydrate")]
    provide_page_nonce();
    mark_hydrated();
    view! {
        <Stylesheet id="leptos" href="/pkg/carte-orientation-28.css"/>
        <Router>
            <layout::SiteHeader/>
            <main id="contenu" tabindex="-1">
                <Routes fallback=|| view! { <layout::NotFound/> }>
                    // Async rendering: the whole page, status code included, is ready before the
                    // first byte leaves, so pages are complete without JavaScript.
                    <Route path=path!("/") view=map::MapPage ssr=SsrMode::Async/>
                    <Route path=path!("/initiatives/:id") view=initiatives::InitiativePage ssr=SsrMode::Async/>
                    <Route path=path!("/connexion") view=accounts::SignInPage ssr=SsrMode::Async/>
                    <Route path=path!("/inscription") view=accounts::SignUpPage ssr=SsrMode::Async/>
                    <Route path=path!("/compte") view=accounts::AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/compte/supprimer") view=accounts::DeleteAccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/compte/supprime") view=accounts::AccountDeletedPage ssr=SsrMode::Async/>
                    <Route path=path!("/verifier-adresse") view=accounts::VerifyEmailPage ssr=SsrMode::Async/>
                    <Route path=path!("/mot-de-passe-oublie") view=accounts::ForgotPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/nouveau-mot-de-passe") view=accounts::ResetPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/desabonnement") view=mail::UnsubscribePage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/courriels") view=mail::OutboxPage ssr=SsrMode::Async/>
                    <Route path=path!("/rejoindre-l-animation") view=club::AnimatorInvitationPage ssr=SsrMode::Async/>
                    <Route path=path!("/mes-initiatives/:id/confirmer") view=holders::ConfirmCurrentPage ssr=SsrMode::Async/>
                    <Route path=path!("/mentions-legales") view=legal::LegalNoticePage ssr=SsrMode::Async/>
                    <Route path=path!("/confidentialite") view=legal::PrivacyPage ssr=SsrMode::Async/>
                    <Route path=path!("/accessibilite") view=legal::AccessibilityPage ssr=SsrMode::Async/>
                    <Route path=path!("/mes-initiatives") view=holders::MyInitiativesPage ssr=SsrMode::Async/>
                    <Route path=path!("/mes-initiatives/nouvelle") view=holders::NewInitiativePage ssr=SsrMode::Async/>
                    <Route path=path!("/mes-initiatives/:id") view=holders::EditInitiativePage ssr=SsrMode::Async/>
                    <Route path=path!("/charte") view=charter::CharterPage ssr=SsrMode::Async/>
                    <Route path=path!("/proposer") view=contributions::SuggestPage ssr=SsrMode::Async/>
                    <Route path=path!("/moderation") view=moderation::ModerationPage ssr=SsrMode::Async/>
                    <Route path=path!("/moderation/initiatives/:id") view=moderation::ModerationCasePage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/journal") view=moderation::JournalPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/animateurs") view=club::AnimatorsPage ssr=SsrMode::Async/>
                    <Route path=path!("/club") view=club::DirectoryPage ssr=SsrMode::Async/>
                    <Route path=path!("/club/invitations") view=club::InvitationsPage ssr=SsrMode::Async/>
                    <Route path=path!("/club/tableau-de-bord") view=club::DashboardPage ssr=SsrMode::Async/>
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

/// Marks `<body data-hydrated="true">` once the browser has taken over the server's HTML,
/// so that tests and styles can tell a live page from a static one.
fn mark_hydrated() {
    Effect::new(|_| {
        #[cfg(feature = "hydrate")]
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}
