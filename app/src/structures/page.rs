//! `/structures/{slug}`: a holder organisation as the public sees it — its name, the areas it
//! works in, what it offers and for whom, « Charte signée », its published initiatives on a small
//! map and as a list (the list says everything the map shows). Complete without JavaScript.

use leptos::html::Div;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::use_params_map;

use super::server_fns::load_structure_page;
use crate::components::{CharterBadge, DemoBadge, ErrorNotice, ToCheckBadge};
use crate::domain::initiative::format_when;
use crate::domain::structures::{structure_path, StructureEntry, StructurePage as Page};

/// The page; unknown names get the 404 page with status 404.
#[component]
pub fn StructurePage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let page = Resource::new(slug, load_structure_page);
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Chargement de la structure…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <StructureView page/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn StructureView(page: Page) -> impl IntoView {
    let count = page.count_text();
    let description = format!(
        "{} : {} en Eure-et-Loir ({}), sur la Carte Orientation 28.",
        page.organisation,
        count,
        page.areas.join(", ")
    );
    let audiences = page.audiences.iter().map(|a| a.label()).collect::<Vec<_>>().join(", ");
    let areas = match page.areas.len() {
        1 => format!("Bassin de {}", page.areas[0]),
        _ => format!("Bassins de {}", page.areas.join(", ")),
    };
    let pins = page.initiatives.clone();
    view! {
        <Title text=format!("{} – Carte Orientation 28", page.organisation)/>
        <Meta name="description" content=description/>
        <Link rel="canonical" href=structure_path(&page.slug)/>
        <article class="structure">
            <nav class="breadcrumb" aria-label="Fil d'Ariane">
                <a href="/">"La carte"</a>
                <span aria-hidden="true">" › "</span>
                <span aria-current="page">{page.organisation.clone()}</span>
            </nav>
            <header class="structure__header">
                <p class="structure__eyebrow">"Porteur d'initiatives"</p>
                <h1>{page.organisation.clone()}</h1>
                {page.charter_signed.then(|| view! { <CharterBadge/> })}
            </header>
            <div class="initiative__body">
                <section aria-labelledby="ce-que-propose">
                    <h2 id="ce-que-propose">"Ce que propose la structure"</h2>
                    <dl class="initiative-facts">
                        <dt>"Où"</dt>
                        <dd>{areas}</dd>
                        <dt>"Initiatives"</dt>
                        <dd>
                            {count}
                            <ul class="structure__offers">
                                {page.offers.iter().map(|offer| view! {
                                    <li>
                                        <span class="kind-tag" style=format!("--kind-colour: {}", offer.kind.colour)>{offer.kind.label.clone()}</span>
                                        {format!(" × {}", offer.count)}
                                    </li>
                                }).collect_view()}
                            </ul>
                        </dd>
                        <dt>"Pour qui"</dt>
                        <dd>{audiences}</dd>
                        {page.contact_name.clone().map(|name| view! {
                            <dt>"Contact"</dt>
                            <dd>{name}</dd>
                        })}
                    </dl>
                    <p class="muted">"Pour joindre la structure, utilisez le contact indiqué sur chaque initiative."</p>
                </section>
                <aside aria-labelledby="sur-la-carte">
                    <h2 id="sur-la-carte">"Sur la carte"</h2>
                    <StructureMap initiatives=pins/>
                </aside>
            </div>
            <section aria-labelledby="initiatives-publiees">
                <h2 id="initiatives-publiees">"Ses initiatives"</h2>
                <ul class="structure__list">
                    {page.initiatives.into_iter().map(|initiative| view! { <Entry initiative/> }).collect_view()}
                </ul>
            </section>
            <p><a class="button button--secondary" href="/">"← Retour à la carte"</a></p>
        </article>
    }
}

/// One published initiative of the holder: what, when, where, and its page.
#[component]
fn Entry(initiative: StructureEntry) -> impl IntoView {
    let when = format_when(initiative.start_date, initiative.end_date, initiative.start_time, initiative.end_time)
        .unwrap_or_else(|| "Offre permanente".to_string());
    view! {
        <li class="structure__entry">
            <p class="kind-tag" style=format!("--kind-colour: {}", initiative.kind.colour)>{initiative.kind.label.clone()}</p>
            <h3><a href=initiative.path.clone()>{initiative.title.clone()}</a></h3>
            <p>{initiative.summary.clone()}</p>
            <p class="structure__meta">{format!("{} · {} — bassin de {}", when, initiative.commune_name, initiative.area_name)}</p>
            {initiative.to_check.then(|| view! { <ToCheckBadge/> })}
            {initiative.is_demo.then(|| view! { <DemoBadge/> })}
        </li>
    }
}

/// The holder's initiatives on a small map (browser only; the list says the same in words).
#[component]
fn StructureMap(initiatives: Vec<StructureEntry>) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    #[cfg(feature = "hydrate")]
    crate::leaflet_map::detail::mount(
        node,
        initiatives
            .into_iter()
            .map(|i| crate::leaflet_map::detail::SmallPin {
                lat: i.lat,
                lon: i.lon,
                colour: i.kind.colour,
                title: i.title,
            })
            .collect(),
    );
    #[cfg(not(feature = "hydrate"))]
    let _ = initiatives;
    view! {
        <div
            id="carte-structure"
            class="map map--detail"
            node_ref=node
            role="region"
            aria-label="Ses initiatives sur la carte (la liste ci-dessous présente les mêmes)"
        ></div>
    }
}
