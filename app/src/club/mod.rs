//! The club in the interface: the directory of holders (`/club`), the invitations that bring
//! holders in (`/club/invitations`), the animators' dashboard (`/club/tableau-de-bord`) and the
//! admins' page of animators, their areas and invitations (`/admin/animateurs`, and the page an
//! animator's invitation opens, `/rejoindre-l-animation`). Rules are in
//! `domain::club`, the SQL in `data::club`.
//!
//! In both languages: the words of the club's pages (`ClubTexts`) and of the animators' pages
//! (`animators::AnimatorsTexts`) come from the server with the pages (`server_fns::club_texts`,
//! `server_fns::animators_texts`), never compiled into the browser's code.

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

use crate::language::{href, server_texts};

server_texts! {
    /// The words of the club's pages: its links, the directory, the holders' invitations and the
    /// dashboard.
    pub struct ClubTexts {
        nav_label => club.nav_label,
        nav_directory => club.nav_directory,
        nav_invite => club.nav_invite,
        nav_dashboard => club.nav_dashboard,
        nav_moderation => club.nav_moderation,
        directory_title => club.directory_title,
        directory_heading => club.directory_heading,
        members_single => club.members_single,
        members_several => club.members_several,
        directory_areas_note => club.directory_areas_note,
        directory_caption => club.directory_caption,
        organisation => club.organisation,
        areas => club.areas,
        published => club.published,
        charter => club.charter,
        not_signed => club.not_signed,
        invitations_title => club.invitations_title,
        invitations_heading => club.invitations_heading,
        invitations_intro_before => club.invitations_intro_before,
        invitations_intro_days => club.invitations_intro_days,
        invitations_intro_mail => club.invitations_intro_mail,
        invitations_sent => club.invitations_sent,
        no_invitation => club.no_invitation,
        invitations_caption => club.invitations_caption,
        invited_organisation => club.invited_organisation,
        by => club.by,
        created_on => club.created_on,
        state => club.state,
        contact_name => club.contact_name,
        email => club.email,
        create_link => club.create_link,
        link_created_until => club.link_created_until,
        and_mailed_to => club.and_mailed_to,
        copy_it_too => club.copy_it_too,
        copy_and_send => club.copy_and_send,
        invitation_link => club.invitation_link,
        dashboard_title => club.dashboard_title,
        dashboard_heading => club.dashboard_heading,
        published_initiatives => club.published_initiatives,
        waiting_moderation => club.waiting_moderation,
        oldest_today => club.oldest_today,
        oldest_one_day => club.oldest_one_day,
        oldest_before => club.oldest_before,
        oldest_days => club.oldest_days,
        to_check => club.to_check,
        by_area => club.by_area,
        published_by_area => club.published_by_area,
        to_check_by_area => club.to_check_by_area,
        by_area_theme => club.by_area_theme,
        one_per_theme => club.one_per_theme,
        themes_before => club.themes_before,
        themes_after => club.themes_after,
        by_kind => club.by_kind,
        published_by_kind => club.published_by_kind,
        queue => club.queue,
        queue_by_age => club.queue_by_age,
        open_queue => club.open_queue,
        age_recent => club.age_recent,
        age_week => club.age_week,
        age_older => club.age_older,
        figures_before => club.figures_before,
        figures_after => club.figures_after,
    }
}

/// Where an animator goes once they accepted their invitation (its page is gone then): the
/// script goes there, and so does the form sent without JavaScript.
pub const AFTER_JOINING: &str = "/moderation";

/// The links between the club's pages, the current one marked, in the page's language.
#[component]
fn ClubNav(current: &'static str, t: ClubTexts) -> impl IntoView {
    let link = move |path: &'static str, label: String| {
        view! { <li><a href=href(path) aria-current=(path == current).then_some("page")>{label}</a></li> }
    };
    view! {
        <nav class="club-nav" aria-label=t.nav_label>
            <ul>
                {link("/club", t.nav_directory)}
                {link("/club/invitations", t.nav_invite)}
                {link("/club/tableau-de-bord", t.nav_dashboard)}
                {link("/moderation", t.nav_moderation)}
            </ul>
        </nav>
    }
}
