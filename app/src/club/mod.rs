//! The club in the interface: the directory of holders (`/club`), the invitations that bring
//! holders in (`/club/invitations`), the animators' dashboard (`/club/tableau-de-bord`) and the
//! admins' page of animators, their areas and invitations (`/admin/animateurs`, and the page an
//! animator's invitation opens, `/rejoindre-l-animation`). Rules are in
//! `domain::club`, the SQL in `data::club`.

pub mod animators;
mod charts;
pub mod dashboard;
pub mod directory;
pub mod invitations;
pub mod joining;
pub mod server_fns;

pub use animators::AnimatorsPage;
pub use dashboard::DashboardPage;
pub use directory::DirectoryPage;
pub use invitations::InvitationsPage;
pub use joining::AnimatorInvitationPage;

use leptos::prelude::*;

/// Where an animator goes once they accepted their invitation (its page is gone then): the
/// script goes there, and so does the form sent without JavaScript.
pub const AFTER_JOINING: &str = "/moderation";

/// The links between the club's pages, the current one marked.
#[component]
fn ClubNav(current: &'static str) -> impl IntoView {
    let link = move |href: &'static str, label: &'static str| {
        view! { <li><a href=href aria-current=(href == current).then_some("page")>{label}</a></li> }
    };
    view! {
        <nav class="club-nav" aria-label="Le club">
            <ul>
                {link("/club", "Annuaire des porteurs")}
                {link("/club/invitations", "Inviter un porteur")}
                {link("/club/tableau-de-bord", "Tableau de bord")}
                {link("/moderation", "Modération")}
            </ul>
        </nav>
    }
}
