//! The badges shown beside an initiative (its page, the list, the holders' and animators'
//! tables): charter signed, to check, demo data.

use leptos::prelude::*;

/// The « Charte signée » badge: the initiative's holder signed the current immersion charter.
#[component]
pub fn CharterBadge() -> impl IntoView {
    view! {
        <a class="charter-badge" href="/charte" target=super::target_out_of_frame()
            title="Sa structure a signé la charte d'immersion en vigueur.">
            "Charte signée"
            {super::new_tab_note()}
        </a>
    }
}

/// The « À vérifier » badge: unconfirmed by its holder for 12 months. Its meaning is read out
/// with it, unless the page says it in full beside it (`explained`).
#[component]
pub fn ToCheckBadge(#[prop(optional)] explained: bool) -> impl IntoView {
    use crate::domain::initiative::{TO_CHECK_LABEL, TO_CHECK_MEANING};
    view! {
        <span class="check-badge" title=TO_CHECK_MEANING>
            {TO_CHECK_LABEL}
            {(!explained).then(|| view! { <span class="sr-only">{format!(" : {TO_CHECK_MEANING}")}</span> })}
        </span>
    }
}

/// The label that marks demo data wherever it is shown.
#[component]
pub fn DemoBadge() -> impl IntoView {
    view! {
        <span class="demo-badge" title="Cette initiative fait partie des données de démonstration.">
            "Donnée de démonstration"
        </span>
    }
}
