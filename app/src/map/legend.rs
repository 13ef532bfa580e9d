//! The legend: which pin colour means which kind of initiative.

use leptos::prelude::*;

use crate::domain::KindInfo;
use crate::language::{kind_label, use_locale};

/// Each kind's colour as a CSS variable (`--kind-forum-metiers`), declared once for the list,
/// the pins and the legend. A stylesheet rather than a `style` attribute: the map lives outside
/// the part of the page that changes with the view, and hydration never rewrites attributes.
/// Kind codes are slugs and colours `#rrggbb`, safe inside CSS.
pub fn palette(kinds: &[KindInfo]) -> String {
    let variables: String = kinds.iter().map(|k| format!("--kind-{}: {}; ", k.code, k.colour)).collect();
    format!(":root {{ {variables}}}")
}

/// The CSS colour of a kind, from the palette (a neutral grey for a kind it does not know).
pub fn kind_colour(kind: &str) -> String {
    format!("var(--kind-{kind}, #3f4a5a)")
}

/// One swatch and label per kind, in the kinds' order.
#[component]
pub fn Legend(kinds: Vec<KindInfo>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="legend">
            <h3 class="legend__title">{leptos_i18n::td_string!(locale, map.legend)}</h3>
            <ul class="legend__items">
                {kinds
                    .into_iter()
                    .map(|kind| {
                        view! {
                            <li>
                                <span class="legend__swatch" style=format!("--kind-colour: {}", kind.colour)></span>
                                {kind_label(locale, &kind.label, &kind.label_en)}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}
