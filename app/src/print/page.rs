//! The print directory's page.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_location;

use super::server_fns::{load_print_list, PrintList, MAX_PRINTED};
use crate::components::ErrorNotice;
use crate::domain::initiative::format_when;
use crate::domain::InitiativeDetail;
use crate::map::view_address::map_href;

/// `/imprimer?…`: the view's initiatives as a directory, with a button that opens the browser's
/// print dialog (Ctrl+P does the same, with or without JavaScript).
#[component]
pub fn PrintListPage() -> impl IntoView {
    let location = use_location();
    let list = Resource::new(move || location.search.get(), load_print_list);
    view! {
        <Title text="Initiatives d'orientation à imprimer – Carte Orientation 28"/>
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=|| view! { <p class="loading">"Préparation de la liste…"</p> }>
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
    let back = map_href(&query);
    let shown = initiatives.len();
    let count = match total {
        0 => "Aucune initiative dans cette vue.".to_string(),
        1 => "1 initiative.".to_string(),
        n if n > shown => format!(
            "{n} initiatives : seules les {MAX_PRINTED} premières sont imprimées. Affinez la vue sur la carte (bassin, type, commune…)."
        ),
        n => format!("{n} initiatives."),
    };
    view! {
        <div class="print-list">
            <h1>"Initiatives d'orientation en Eure-et-Loir"</h1>
            <p class="print-list__count">{count}</p>
            <p class="print-list__source">{format!("Carte Orientation 28 — {site}{back}")}</p>
            <p class="print-list__actions no-print">
                <button type="button" class="button" on:click=move |_| print()>"Imprimer"</button>
                " "
                <a href=back.clone()>"Revenir à la carte"</a>
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
    let when = format_when(i.start_date, i.end_date, i.start_time, i.end_time);
    let place = i.place();
    let contacts: Vec<String> = [i.phone.clone(), i.email.clone(), i.website.clone()].into_iter().flatten().collect();
    view! {
        <li class="print-entry">
            <h2 class="print-entry__title">{i.title}</h2>
            <p class="print-entry__kind">{i.kind.label}{when.map(|when| format!(" — {when}"))}</p>
            <p>{format!("{place} (bassin de {})", i.area.name)}</p>
            <p>{i.organisation}{(!contacts.is_empty()).then(|| format!(" — {}", contacts.join(" · ")))}</p>
            <p class="print-entry__address">{format!("{site}{}", i.path)}</p>
        </li>
    }
}

fn print() {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}
