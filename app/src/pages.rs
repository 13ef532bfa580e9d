//! The pages a citizen's first visit does not need, each loaded by the browser only when it is
//! visited: built with `cargo leptos build --split`, each page's code (and what only it uses)
//! leaves the main WASM file for a chunk of its own, fetched on navigation or, for a page opened
//! directly, before hydration (`hydrate_lazy`). The map (`/`) and an initiative's page stay in
//! the main file: they are what citizens open, from the map or from a shared link.
//!
//! A new page for holders or animators goes here, so that it costs the map's first visit nothing
//! (`end2end/tests/first-visit.spec.ts` counts the bytes `/` loads).

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

use crate::{accounts, charter, club, contributions, holders, legal, mail, moderation};

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
                untrack($($page)::+).into_any()
            }
        }
    };
}

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
lazy_page!(ModerationRoute, moderation::ModerationPage);
lazy_page!(ModerationCaseRoute, moderation::ModerationCasePage);
lazy_page!(JournalRoute, moderation::JournalPage);
lazy_page!(AnimatorsRoute, club::AnimatorsPage);
lazy_page!(DirectoryRoute, club::DirectoryPage);
lazy_page!(InvitationsRoute, club::InvitationsPage);
lazy_page!(DashboardRoute, club::DashboardPage);
