//! The legend: which pin colour means which kind of initiative.

use leptos::prelude::*;

use crate::domain::KindInfo;

/// One swatch and label per kind, in the kinds' order.
#[component]
pub fn Legend(kinds: Vec<KindInfo>) -> impl IntoView {
    view! {
        <div class="legend">
            <h3 class="legend__title">"Types d'initiatives"</h3>
            <ul class="legend__items">
                {kinds
                    .into_iter()
                    .map(|kind| {
                        view! {
                            <li>
                                <span class="legend__swatch" style=format!("--kind-colour: {}", kind.colour)></span>
                                {kind.label}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}
