//! The list of initiatives: the same set as the map, for keyboards, screen readers and small screens.

use leptos::prelude::*;

use crate::domain::initiative::format_dates;
use crate::domain::{InitiativeSummary, Sort};
use super::legend::kind_colour;
use crate::layout::DemoBadge;

/// "64 initiatives", "1 initiative", "Aucune initiative".
pub fn count_label(count: usize) -> String {
    match count {
        0 => "Aucune initiative".to_string(),
        1 => "1 initiative".to_string(),
        n => format!("{n} initiatives"),
    }
}

/// The list section: heading, count, one item per initiative, in the view's order (the browser
/// re-sorts by distance when the view asks for it).
#[component]
pub fn InitiativeList(items: Vec<InitiativeSummary>, order: Sort, focused: RwSignal<Option<i64>>) -> impl IntoView {
    let count = count_label(items.len());
    let items = RwSignal::new(items);
    let notice = RwSignal::new(None::<String>);
    // After hydration: the page must first match the server's HTML, which knows no position.
    #[cfg(feature = "hydrate")]
    if order == Sort::Distance {
        Effect::new(move |_| super::position::sort_by_my_position(items, notice));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = order;
    view! {
        <section id="liste" class="list-panel" aria-labelledby="liste-titre" tabindex="-1">
            <h2 id="liste-titre">"Liste des initiatives"</h2>
            <p id="result-count" class="result-count" role="status">{count}</p>
            <p class="list-notice" role="status">{move || notice.get()}</p>
            <ol class="initiative-list">
                <For each=move || items.get() key=|item| item.id let:item>
                    <InitiativeItem item focused/>
                </For>
            </ol>
        </section>
    }
}

#[component]
fn InitiativeItem(item: InitiativeSummary, focused: RwSignal<Option<i64>>) -> impl IntoView {
    let id = item.id;
    view! {
        <li class="initiative-item" data-id=id.to_string()>
            <h3 class="initiative-item__heading">
                <a class="initiative-item__title" href=item.path>{item.title.clone()}</a>
            </h3>
            <p class="initiative-item__kind">
                <span class="kind-dot" style=format!("--kind-colour: {}", kind_colour(&item.kind)) aria-hidden="true"></span>
                {item.kind_label}
            </p>
            <p class="initiative-item__place">{format!("{} · bassin de {}", item.commune_name, item.area_name)}</p>
            {format_dates(item.start_date, item.end_date).map(|dates| view! { <p class="initiative-item__dates">{dates}</p> })}
            <p class="initiative-item__org">{item.organisation}</p>
            {item.is_demo.then(|| view! { <DemoBadge/> })}
            <button type="button" class="initiative-item__locate" on:click=move |_| focused.set(Some(id))>
                "Voir sur la carte"
                <span class="sr-only">{format!(" : {}", item.title)}</span>
            </button>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::count_label;

    #[test]
    fn counts_read_as_french() {
        assert_eq!(count_label(0), "Aucune initiative");
        assert_eq!(count_label(1), "1 initiative");
        assert_eq!(count_label(64), "64 initiatives");
    }
}
