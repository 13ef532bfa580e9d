//! The pages a citizen's first visit does not need, each loaded by the browser only when it is
//! visited: built with `cargo leptos build --split`, each page's code (and what only it uses)
//! leaves the main WASM file for a chunk of its own, fetched on navigation or, for a page opened
//! directly, before hydration (`hydrate_lazy`). Only the map (`/`) stays in the main file: it is
//! what citizens open first. An initiative's page is a chunk too (its view and its report form,
//! which pulls the whole form machinery: 78 kB the map's first visit no longer carries); opened
//! cold, it preloads that chunk (`chunk_preloads`), and on the map the chunk starts
//! downloading when a link to an initiative is pointed at (below).
//!
//! A new page for holders or animators goes here, and its rules in `public/pages.css`
//! (`page_styles`), so that it costs the map's first visit nothing
//! (`end2end/tests/first-visit.spec.ts` counts the bytes `/` loads).

#[cfg(feature = "ssr")]
pub mod chunk_preloads;
pub mod page_styles;

pub use page_styles::StyledPage;

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

use crate::{
    accounts, charter, claims, club, contributions, embed, holders, initiatives, legal, mail, moderation, print,
    structures,
};

/// `lazy_page!(Route, module::Page)`: the lazy route that shows `Page` (a component without
/// properties). Its view is what `#[lazy_route]` moves to the page's chunk.
macro_rules! lazy_page {
    ($route:ident, $($page:ident)::+) => {
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                #[cfg(feature = "ssr")]
                chunk_preloads::preload(stringify!($route));
                untrack($($page)::+).into_any()
            }
        }
    };
}

lazy_page!(InitiativeRoute, initiatives::InitiativePage);
lazy_page!(StructureRoute, structures::StructurePage);
lazy_page!(ClaimRoute, claims::ClaimPage);
lazy_page!(SignInRoute, accounts::SignInPage);
lazy_page!(SignUpRoute, accounts::SignUpPage);
lazy_page!(AccountRoute, accounts::AccountPage);
lazy_page!(DeleteAccountRoute, accounts::DeleteAccountPage);
lazy_page!(AccountDeletedRoute, accounts::AccountDeletedPage);
lazy_page!(VerifyEmailRoute, accounts::VerifyEmailPage);
lazy_page!(ForgotPasswordRoute, accounts::ForgotPasswordPage);
lazy_page!(ResetPasswordRoute, accounts::ResetPasswordPage);
lazy_page!(UnsubscribeRoute, mail::UnsubscribePage);
lazy_page!(OutboxRoute, mail::OutboxPage);
lazy_page!(AnimatorInvitationRoute, club::AnimatorInvitationPage);
lazy_page!(ConfirmCurrentRoute, holders::ConfirmCurrentPage);
lazy_page!(LegalNoticeRoute, legal::LegalNoticePage);
lazy_page!(PrivacyRoute, legal::PrivacyPage);
lazy_page!(AccessibilityRoute, legal::AccessibilityPage);
lazy_page!(MyInitiativesRoute, holders::MyInitiativesPage);
lazy_page!(NewInitiativeRoute, holders::NewInitiativePage);
lazy_page!(EditInitiativeRoute, holders::EditInitiativePage);
lazy_page!(CharterRoute, charter::CharterPage);
lazy_page!(SuggestRoute, contributions::SuggestPage);
lazy_page!(PrintListRoute, print::PrintListPage);
lazy_page!(EmbedRoute, embed::EmbedPages);
lazy_page!(ModerationRoute, moderation::ModerationPage);
lazy_page!(ModerationCaseRoute, moderation::ModerationCasePage);
lazy_page!(JournalRoute, moderation::JournalPage);
lazy_page!(AnimatorsRoute, club::AnimatorsPage);
lazy_page!(DirectoryRoute, club::DirectoryPage);
lazy_page!(InvitationsRoute, club::InvitationsPage);
lazy_page!(DashboardRoute, club::DashboardPage);

/// In the browser: an initiative's page starts downloading its chunk as soon as the visitor
/// shows they may open one — a pointer over, a finger on or the keyboard's focus on a link to an
/// initiative (the list's titles, the map's popups) — so that following the link from the map
/// waits for nothing a visitor notices. A visitor who opens none downloads none: the map's first
/// visit stays without page chunks (`end2end/tests/first-visit.spec.ts`). The download is shared
/// with the navigation that follows (the split loader loads a chunk once), and so is the pages'
/// stylesheet's (`page_styles`).
#[cfg(feature = "hydrate")]
pub fn preload_initiative_page_on_intent() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use wasm_bindgen::JsCast;

    static STARTED: AtomicBool = AtomicBool::new(false);
    fn on_intent(event: &web_sys::Event) {
        let towards_an_initiative = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("a[href^='/initiatives/'], a[href^='/en/initiatives/']").ok().flatten())
            .is_some();
        if towards_an_initiative && !STARTED.swap(true, Ordering::Relaxed) {
            leptos::task::spawn_local(<StyledPage<InitiativeRoute> as LazyRoute>::preload());
        }
    }
    // The handles are dropped, the listeners stay for the page's life.
    let _ = window_event_listener(leptos::ev::pointerover, |event| on_intent(&event));
    let _ = window_event_listener(leptos::ev::touchstart, |event| on_intent(&event));
    let _ = window_event_listener(leptos::ev::focusin, |event| on_intent(&event));
}
