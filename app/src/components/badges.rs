//! The badges shown beside an initiative (its page, the holders' and animators' tables):
//! charter signed, to check, demo data. The map's list writes the same markup as HTML
//! (`map/list_rows.rs`): a change here is a change there (`holders.spec.ts` compares them).

use leptos::prelude::*;
use leptos_i18n::td_string;

use crate::language::{href, use_locale};

/// The « Charte signée » badge: the initiative's holder signed the current immersion charter.
#[component]
pub fn CharterBadge() -> impl IntoView {
    let locale = use_locale();
    view! {
        <a class="charter-badge" href=href("/charte") target=super::target_out_of_frame()
            title=td_string!(locale, badges.charter_meaning)>
            {td_string!(locale, badges.charter)}
            {super::new_tab_note()}
        </a>
    }
}

/// The « À vérifier » badge: unconfirmed by its holder for 12 months. Its meaning is read out
/// with it, unless the page says it in full beside it (`explained`).
#[component]
pub fn ToCheckBadge(#[prop(optional)] explained: bool) -> impl IntoView {
    let locale = use_locale();
    let meaning = td_string!(locale, badges.to_check_meaning);
    let separator = crate::language::colon(locale);
    view! {
        <span class="check-badge" title=meaning>
            {td_string!(locale, badges.to_check)}
            {(!explained).then(|| view! { <span class="sr-only">{format!("{separator}{meaning}")}</span> })}
        </span>
    }
}

/// The label that marks demo data wherever it is shown.
#[component]
pub fn DemoBadge() -> impl IntoView {
    let locale = use_locale();
    view! {
        <span class="demo-badge" title=td_string!(locale, badges.demo_meaning)>
            {td_string!(locale, badges.demo)}
        </span>
    }
}
