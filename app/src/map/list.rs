//! The list of initiatives: the same set as the map, for keyboards, screen readers and small
//! screens — one page of [`PAGE_SIZE`] at a time, so 50 000 initiatives never mean 50 000 rows.

use leptos::prelude::*;
use leptos_i18n::td_string;

use super::list_rows::{rows_html, RowSetting};
use super::view_address::{view_href, EmbedDisplay};
use crate::components::target_out_of_frame;
#[cfg(feature = "hydrate")]
use crate::domain::InitiativeSummary;
use crate::domain::{Filters, ListPage, Sort, PAGE_SIZE};
use crate::language::{thousands, use_locale, Locale};

/// "64 initiatives", "1 initiative", "Aucune initiative" (and in English).
pub fn count_label(locale: Locale, count: u64) -> String {
    match count {
        0 => td_string!(locale, list.none).to_string(),
        1 => td_string!(locale, list.one).to_string(),
        n => td_string!(locale, list.many, count = thousands(locale, n)).to_string(),
    }
}

/// The link to page `page` of the view (on the embed page, the embed page's).
fn page_href(filters: &Filters, page: u32) -> String {
    view_href(&filters.on_page(page).to_query())
}

/// The list section: heading, count, the page's items in the view's order (the browser
/// re-sorts by distance when the view asks for it), and links to the other pages. The items
/// are one piece of HTML (`list_rows`); their « Voir sur la carte » buttons show the item's
/// pin on the map (`focused`).
#[component]
pub fn InitiativeList(list: ListPage, filters: Filters, focused: RwSignal<Option<i64>>) -> impl IntoView {
    let locale = use_locale();
    let count = count_label(locale, list.total);
    let first = list.first_rank();
    let ListPage { items, total, page, pages } = list;
    let range = (total > u64::from(PAGE_SIZE) && !items.is_empty()).then(|| {
        let last = first + items.len() as u64 - 1;
        td_string!(
            locale,
            list.range,
            page = page,
            pages = pages,
            first = thousands(locale, first),
            last = thousands(locale, last)
        )
        .to_string()
    });
    let past_the_end = items.is_empty() && total > 0;
    let setting = RowSetting {
        locale,
        new_tab: target_out_of_frame().is_some(),
        // The embed page may show the list without the map.
        map_shown: use_context::<EmbedDisplay>().is_none_or(|display| display.shown.shows_map()),
    };
    let by_distance = filters.order() == Sort::Distance;
    let mut rows = rows_html(&items, setting);
    if by_distance {
        // The order by distance's rows are the name order's, re-sorted in place by the browser
        // (`show_rows`), which the view does not know of: a rebuild sets a changed `inner_html`
        // only (patches/tachys). Said here, so that the next view's rows, even the very same in
        // the name order, differ from these and replace the sorted ones.
        rows.push_str("<!-- tri par distance -->");
    }
    let rows_element = NodeRef::<leptos::html::Ol>::new();
    let notice = RwSignal::new(None::<String>);
    // After hydration: the page must first match the server's HTML, which knows no position.
    #[cfg(feature = "hydrate")]
    if by_distance {
        let filters = filters.clone();
        Effect::new(move |_| {
            let show = move |page: Vec<InitiativeSummary>| show_rows(rows_element, &page, setting);
            super::position::sort_by_my_position(filters.clone(), show, notice);
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = by_distance;
    view! {
        <section id="liste" class="list-panel" aria-labelledby="liste-titre" tabindex="-1">
            <h2 id="liste-titre">{td_string!(locale, list.heading)}</h2>
            <p id="result-count" class="result-count" role="status">{count}</p>
            {range.map(|range| view! { <p class="list-range">{range}</p> })}
            <p class="list-notice" role="status">{move || notice.get()}</p>
            {past_the_end.then(|| view! {
                <p class="list-notice">
                    {if pages == 1 {
                        td_string!(locale, list.past_the_end_one).to_string()
                    } else {
                        td_string!(locale, list.past_the_end_many, pages = pages).to_string()
                    }}
                    <a href=page_href(&filters, 1)>{td_string!(locale, list.back_to_first)}</a>
                </p>
            })}
            <ol class="initiative-list" start=first.to_string() node_ref=rows_element inner_html=rows
                on:click=move |event| locate_clicked(&event, focused)>
            </ol>
            {(pages > 1).then(|| view! { <Pagination filters page pages/> })}
        </section>
    }
}

/// Previous / next and the first and last pages, as links: they work without JavaScript, and
/// with it the router follows them without reloading (the back button steps back too).
#[component]
fn Pagination(filters: Filters, page: u32, pages: u32) -> impl IntoView {
    let link = |target: u32, label: &str, class: &'static str| {
        view! { <li><a class=class href=page_href(&filters, target)>{label.to_string()}</a></li> }
    };
    let locale = use_locale();
    view! {
        <nav class="pagination" aria-label=td_string!(locale, list.pages)>
            <ul>
                {(page > 1).then(|| link(1, td_string!(locale, list.first), "pagination__first"))}
                {(page > 1).then(|| link(page - 1, td_string!(locale, list.previous), "pagination__previous"))}
                <li><span aria-current="page">{td_string!(locale, list.page_of, page = page, pages = pages).to_string()}</span></li>
                {(page < pages).then(|| link(page + 1, td_string!(locale, list.next), "pagination__next"))}
                {(page < pages).then(|| link(pages, td_string!(locale, list.last), "pagination__last"))}
            </ul>
        </nav>
    }
}

/// Puts `items` in the list in place of its rows: the page sorted by distance, once the browser
/// gives a position. The rows are new elements: the keyboard focus, if it was in the list, goes
/// back to the same link or button of the same initiative, wherever its row went.
#[cfg(feature = "hydrate")]
fn show_rows(list: NodeRef<leptos::html::Ol>, items: &[InitiativeSummary], setting: RowSetting) {
    use wasm_bindgen::JsCast;
    let Some(list) = list.get_untracked() else { return };
    let focus = document()
        .active_element()
        .filter(|active| list.contains(Some(active)))
        .and_then(|active| Some((row_id(&active)?, active.class_name())));
    list.set_inner_html(&rows_html(items, setting));
    let Some((id, class)) = focus else { return };
    // The row's own classes (`list_rows`): its title link, its badge link, its button.
    let selector = match class.split_whitespace().next() {
        Some(class) => format!("li[data-id=\"{id}\"] .{class}"),
        None => format!("li[data-id=\"{id}\"] a"),
    };
    let element = list.query_selector(&selector).ok().flatten();
    if let Some(element) = element.and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

/// A click in the list on a « Voir sur la carte » button: the map shows that row's pin. One
/// handler for all the rows (they are HTML, not views); a key pressed on a button is a click too.
fn locate_clicked(event: &leptos::ev::MouseEvent, focused: RwSignal<Option<i64>>) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let Some(clicked) = event.target().and_then(|target| target.dyn_into::<web_sys::Element>().ok()) else {
            return;
        };
        let button = clicked.closest(".initiative-item__locate").ok().flatten();
        if let Some(id) = button.as_ref().and_then(row_id) {
            focused.set(Some(id));
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (event, focused);
}

/// The initiative of the row `element` is in: the row's `data-id` (`list_rows`).
#[cfg(feature = "hydrate")]
fn row_id(element: &web_sys::Element) -> Option<i64> {
    element.closest("li[data-id]").ok().flatten()?.get_attribute("data-id")?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::count_label;
    use crate::language::Locale;

    #[test]
    fn counts_read_as_french() {
        assert_eq!(count_label(Locale::fr, 0), "Aucune initiative");
        assert_eq!(count_label(Locale::fr, 1), "1 initiative");
        assert_eq!(count_label(Locale::fr, 64), "64 initiatives");
        assert_eq!(count_label(Locale::fr, 50_068), "50\u{202f}068 initiatives");
    }

    #[test]
    fn counts_read_as_english() {
        assert_eq!(count_label(Locale::en, 0), "No initiatives");
        assert_eq!(count_label(Locale::en, 50_068), "50,068 initiatives");
    }
}
