//! The list of initiatives: the same set as the map, for keyboards, screen readers and small
//! screens — one page of [`PAGE_SIZE`] at a time, so 50 000 initiatives never mean 50 000 rows.

use leptos::prelude::*;

use super::legend::kind_colour;
use super::view_address::{view_href, EmbedDisplay};
use crate::components::{new_tab_note, target_out_of_frame};
use crate::components::{CharterBadge, DemoBadge, ToCheckBadge};
use crate::domain::initiative::format_when;
use crate::domain::{Filters, InitiativeSummary, ListPage, Sort, PAGE_SIZE};

/// "64 initiatives", "1 initiative", "Aucune initiative".
pub fn count_label(count: u64) -> String {
    match count {
        0 => "Aucune initiative".to_string(),
        1 => "1 initiative".to_string(),
        n => format!("{} initiatives", thousands(n)),
    }
}

/// 50000 → "50 000", the French way (a narrow no-break space between groups).
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

/// The link to page `page` of the view (on the embed page, the embed page's).
fn page_href(filters: &Filters, page: u32) -> String {
    view_href(&filters.on_page(page).to_query())
}

/// The list section: heading, count, the page's items in the view's order (the browser
/// re-sorts by distance when the view asks for it), and links to the other pages.
#[component]
pub fn InitiativeList(list: ListPage, filters: Filters, focused: RwSignal<Option<i64>>) -> impl IntoView {
    let count = count_label(list.total);
    let first = list.first_rank();
    let ListPage { items, total, page, pages } = list;
    let range = (total > u64::from(PAGE_SIZE) && !items.is_empty()).then(|| {
        let last = first + items.len() as u64 - 1;
        format!("Page {page} sur {pages} : initiatives {} à {}", thousands(first), thousands(last))
    });
    let past_the_end = items.is_empty() && total > 0;
    let items = RwSignal::new(items);
    let notice = RwSignal::new(None::<String>);
    // After hydration: the page must first match the server's HTML, which knows no position.
    let by_distance = filters.order() == Sort::Distance;
    #[cfg(feature = "hydrate")]
    if by_distance {
        let filters = filters.clone();
        Effect::new(move |_| super::position::sort_by_my_position(filters.clone(), items, notice));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = by_distance;
    view! {
        <section id="liste" class="list-panel" aria-labelledby="liste-titre" tabindex="-1">
            <h2 id="liste-titre">"Liste des initiatives"</h2>
            <p id="result-count" class="result-count" role="status">{count}</p>
            {range.map(|range| view! { <p class="list-range">{range}</p> })}
            <p class="list-notice" role="status">{move || notice.get()}</p>
            {past_the_end.then(|| view! {
                <p class="list-notice">
                    {format!("Cette page n'existe pas : la liste compte {pages} page{}. ", if pages > 1 { "s" } else { "" })}
                    <a href=page_href(&filters, 1)>"Revenir à la première page"</a>
                </p>
            })}
            <ol class="initiative-list" start=first.to_string()>
                <For each=move || items.get() key=|item| item.id let:item>
                    <InitiativeItem item focused/>
                </For>
            </ol>
            {(pages > 1).then(|| view! { <Pagination filters page pages/> })}
        </section>
    }
}

/// Previous / next and the first and last pages, as links: they work without JavaScript, and
/// with it the router follows them without reloading (the back button steps back too).
#[component]
fn Pagination(filters: Filters, page: u32, pages: u32) -> impl IntoView {
    let link = |target: u32, label: String, class: &'static str| {
        view! { <li><a class=class href=page_href(&filters, target)>{label}</a></li> }
    };
    view! {
        <nav class="pagination" aria-label="Pages de la liste">
            <ul>
                {(page > 1).then(|| link(1, "« Première".into(), "pagination__first"))}
                {(page > 1).then(|| link(page - 1, "‹ Précédente".into(), "pagination__previous"))}
                <li><span aria-current="page">{format!("Page {page} sur {pages}")}</span></li>
                {(page < pages).then(|| link(page + 1, "Suivante ›".into(), "pagination__next"))}
                {(page < pages).then(|| link(pages, "Dernière »".into(), "pagination__last"))}
            </ul>
        </nav>
    }
}

#[component]
fn InitiativeItem(item: InitiativeSummary, focused: RwSignal<Option<i64>>) -> impl IntoView {
    let id = item.id;
    let target = target_out_of_frame();
    // The embed page may show the list without the map.
    let map_shown = use_context::<EmbedDisplay>().is_none_or(|display| display.shown.shows_map());
    view! {
        <li class="initiative-item" data-id=id.to_string()>
            <h3 class="initiative-item__heading">
                <a class="initiative-item__title" href=item.path target=target>{item.title.clone()}{new_tab_note()}</a>
            </h3>
            <p class="initiative-item__kind">
                <span class="kind-dot" style=format!("--kind-colour: {}", kind_colour(&item.kind)) aria-hidden="true"></span>
                {item.kind_label}
            </p>
            <p class="initiative-item__place">{format!("{} · bassin de {}", item.commune_name, item.area_name)}</p>
            {format_when(item.start_date, item.end_date, item.start_time, item.end_time).map(|dates| view! { <p class="initiative-item__dates">{dates}</p> })}
            <p class="initiative-item__org">{item.organisation}</p>
            {item.charter_signed.then(|| view! { <CharterBadge/> })}
            {item.to_check.then(|| view! { <ToCheckBadge/> })}
            {item.is_demo.then(|| view! { <DemoBadge/> })}
            {map_shown.then(|| view! {
                <button type="button" class="initiative-item__locate" on:click=move |_| focused.set(Some(id))>
                "Voir sur la carte"
                <span class="sr-only">{format!(" : {}", item.title)}</span>
            </button>
            })}
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
        assert_eq!(count_label(50_068), "50\u{202f}068 initiatives");
    }
}
