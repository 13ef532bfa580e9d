//! Pieces of pages that several features show: the form plumbing and labelled inputs
//! (`forms`), forms sent without JavaScript (`sent_forms`), an initiative's fields
//! (`initiative_fields`) and its history (`history`), the badges (`badges`), the communes'
//! suggestions (`communes_list`), and what a page shows instead of itself (`page_states`: not
//! found, an error, the way to sign in). A feature imports these, never another feature's page.

pub mod badges;
pub mod communes_list;
pub mod forms;
pub mod history;
pub mod initiative_fields;
pub mod page_states;
pub mod sent_forms;

pub use badges::{CharterBadge, DemoBadge, ToCheckBadge};

/// `_blank` on the embed page (inside a partner's frame), where a link to another of our pages
/// must open a new tab: those pages refuse to be framed, and the router would otherwise show them
/// inside the partner's page. Nothing elsewhere.
pub fn target_out_of_frame() -> Option<&'static str> {
    use leptos::prelude::GetUntracked;
    let path = leptos_router::hooks::use_location().pathname.get_untracked();
    let on_embed = crate::language::unprefixed(&path) == crate::domain::EMBED_PATH;
    on_embed.then_some("_blank")
}
/// What a screen reader says of a link that [`target_out_of_frame`] opens in a new tab (on the
/// embed page only): a tab opening unannounced loses people.
pub fn new_tab_note() -> Option<impl leptos::prelude::IntoView> {
    use leptos::prelude::*;
    let locale = crate::language::use_locale();
    // In the page's language, even inside a holder's French title (`lang="fr"` on the link).
    let lang = crate::language::lang_tag(locale);
    target_out_of_frame()
        .map(|_| view! { <span class="sr-only" lang=lang>{leptos_i18n::td_string!(locale, site.new_tab)}</span> })
}

pub use history::History;
pub use initiative_fields::InitiativeFields;
pub use page_states::{members_only, sign_in_path, ErrorNotice, NotFound};
