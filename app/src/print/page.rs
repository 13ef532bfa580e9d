//! The print directory's page.

use crate::wire::wire_resource;
use leptos::prelude::*;
use leptos_i18n::td_string;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_location;

use super::server_fns::{load_print_list, PrintList, MAX_PRINTED};
use crate::components::ErrorNotice;
use crate::domain::InitiativeDetail;
use crate::language::{href, kind_label, use_locale, when};
use crate::map::view_address::map_href;

/// `/imprimer?…`: the view's initiatives as a directory, with a button that opens the browser's
/// print dialog (Ctrl+P does the same, with or without JavaScript).
#[component]
pub fn PrintListPage() -> impl IntoView {
    let location = use_location();
    let list = wire_resource(move || location.search.get(), load_print_list);
    let locale = use_locale();
    view! {
        <Title text=td_string!(locale, print.title)/>
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=move || view! { <p class="loading">{td_string!(locale, print.loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => view! { <Directory list/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Directory(list: PrintList) -> impl IntoView {
    let PrintList { initiatives, total, site, query } = list;
    let locale = use_locale();
    let back = href(&map_href(&query));
    let shown = initiatives.len();
    let count = match total {
        0 => td_string!(locale, print.none).to_string(),
        1 => td_string!(locale, print.one).to_string(),
        n if n > shown => td_string!(locale, print.too_many, total = n, max = MAX_PRINTED).to_string(),
        n => td_string!(locale, print.many, total = n).to_string(),
    };
    view! {
        <div class="print-list">
            <h1>{td_string!(locale, print.heading)}</h1>
            <p class="print-list__count">{count}</p>
            <p class="print-list__source">{format!("Carte Orientation 28 — {site}{back}")}</p>
            <p class="print-list__actions no-print">
                <button type="button" class="button" on:click=move |_| print()>{td_string!(locale, print.print)}</button>
                " "
                <a href=back.clone()>{td_string!(locale, print.back)}</a>
            </p>
            <ol class="print-list__items">
                {initiatives.into_iter().map(|i| view! { <Entry initiative=i site=site.clone()/> }).collect_view()}
            </ol>
        </div>
    }
}

/// One initiative as it prints: what, when, where, who, how to reach them, and its page.
#[component]
fn Entry(initiative: InitiativeDetail, site: String) -> impl IntoView {
    let i = initiative;
    let locale = use_locale();
    let when = when(locale, i.start_date, i.end_date, i.start_time, i.end_time);
    let place = td_string!(locale, print.place, place = i.place(), area = i.area.name.clone()).to_string();
    let kind = kind_label(locale, &i.kind.label, &i.kind.label_en);
    let french_title = (locale != crate::language::Locale::fr).then_some("fr");
    let contacts: Vec<String> = [i.phone.clone(), i.email.clone(), i.website.clone()].into_iter().flatten().collect();
    view! {
        <li class="print-entry">
            <h2 class="print-entry__title" lang=french_title>{i.title}</h2>
            <p class="print-entry__kind">{kind}{when.map(|when| format!(" — {when}"))}</p>
            <p>{place}</p>
            <p translate="no">{i.organisation}{(!contacts.is_empty()).then(|| format!(" — {}", contacts.join(" · ")))}</p>
            <p class="print-entry__address">{format!("{site}{}", href(&i.path))}</p>
        </li>
    }
}

fn print() {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}
