//! `/structures/{slug}`: a holder organisation as the public sees it — its name, the areas it
//! works in, what it offers and for whom, « Charte signée », its published initiatives on a small
//! map and as a list (the list says everything the map shows). Complete without JavaScript.

use crate::wire::wire_resource;
use leptos::html::Div;
use leptos::prelude::*;
use leptos_i18n::td_string;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::use_params_map;

use super::server_fns::load_structure_page;
use crate::components::{CharterBadge, DemoBadge, ErrorNotice, ToCheckBadge};
use crate::domain::structures::{structure_path, StructureEntry, StructurePage as Page};
use crate::language::{audience_label, href, kind_label, use_locale, when, Locale};

/// The page; unknown names get the 404 page with status 404.
#[component]
pub fn StructurePage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let page = wire_resource(slug, load_structure_page);
    let locale = use_locale();
    view! {
        <Suspense fallback=move || view! { <p class="loading">{td_string!(locale, structure.loading)}</p> }>
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
    let locale = use_locale();
    let count = match page.initiatives.len() {
        1 => td_string!(locale, structure.one).to_string(),
        n => td_string!(locale, structure.many, count = n).to_string(),
    };
    let description = td_string!(
        locale,
        structure.description,
        organisation = page.organisation.clone(),
        count = count.clone(),
        areas = page.areas.join(", ")
    )
    .to_string();
    let audiences = page.audiences.iter().map(|a| audience_label(locale, *a)).collect::<Vec<_>>().join(", ");
    let areas = match page.areas.len() {
        1 => td_string!(locale, structure.area, areas = page.areas[0].clone()).to_string(),
        _ => td_string!(locale, structure.areas, areas = page.areas.join(", ")).to_string(),
    };
    let pins = page.initiatives.clone();
    view! {
        <Title text=format!("{} – Carte Orientation 28", page.organisation)/>
        <Meta name="description" content=description/>
        <Link rel="canonical" href=href(&structure_path(&page.slug))/>
        <article class="structure">
            <nav class="breadcrumb" aria-label=td_string!(locale, initiative.breadcrumb)>
                <a href=href("/")>{td_string!(locale, site.the_map)}</a>
                <span aria-hidden="true">" › "</span>
                <span aria-current="page" translate="no">{page.organisation.clone()}</span>
            </nav>
            <header class="structure__header">
                <p class="structure__eyebrow">{td_string!(locale, structure.eyebrow)}</p>
                <h1 translate="no">{page.organisation.clone()}</h1>
                {page.charter_signed.then(|| view! { <CharterBadge/> })}
            </header>
            <div class="initiative__body">
                <section aria-labelledby="ce-que-propose">
                    <h2 id="ce-que-propose">{td_string!(locale, structure.offers)}</h2>
                    <dl class="initiative-facts">
                        <dt>{td_string!(locale, structure.where_heading)}</dt>
                        <dd>{areas}</dd>
                        <dt>{td_string!(locale, structure.initiatives)}</dt>
                        <dd>
                            {count}
                            <ul class="structure__offers">
                                {page.offers.iter().map(|offer| view! {
                                    <li>
                                        <span class="kind-tag" style=format!("--kind-colour: {}", offer.kind.colour)>{kind_label(locale, &offer.kind.label, &offer.kind.label_en)}</span>
                                        {format!(" × {}", offer.count)}
                                    </li>
                                }).collect_view()}
                            </ul>
                        </dd>
                        <dt>{td_string!(locale, structure.for_whom)}</dt>
                        <dd>{audiences}</dd>
                        {page.contact_name.clone().map(|name| view! {
                            <dt>{td_string!(locale, structure.contact)}</dt>
                            <dd translate="no">{name}</dd>
                        })}
                    </dl>
                    <p class="muted">{td_string!(locale, structure.reach)}</p>
                </section>
                <aside aria-labelledby="sur-la-carte">
                    <h2 id="sur-la-carte">{td_string!(locale, structure.on_the_map)}</h2>
                    <StructureMap initiatives=pins/>
                </aside>
            </div>
            <section aria-labelledby="initiatives-publiees">
                <h2 id="initiatives-publiees">{td_string!(locale, structure.its_initiatives)}</h2>
                <ul class="structure__list">
                    {page.initiatives.into_iter().map(|initiative| view! { <Entry initiative/> }).collect_view()}
                </ul>
            </section>
            <p><a class="button button--secondary" href=href("/")>{td_string!(locale, initiative.back)}</a></p>
        </article>
    }
}

/// One published initiative of the holder: what, when, where, and its page.
#[component]
fn Entry(initiative: StructureEntry) -> impl IntoView {
    let locale = use_locale();
    let when = when(locale, initiative.start_date, initiative.end_date, initiative.start_time, initiative.end_time)
        .unwrap_or_else(|| td_string!(locale, initiative.permanent).to_string());
    let meta = td_string!(
        locale,
        structure.entry_meta,
        when = when,
        commune = initiative.commune_name.clone(),
        area = initiative.area_name.clone()
    )
    .to_string();
    // English readers get the holder's English summary when there is one.
    let (summary, summary_lang) = match (locale, initiative.summary_en.clone()) {
        (Locale::en, Some(english)) => (english, None),
        (Locale::en, None) => (initiative.summary.clone(), Some("fr")),
        (Locale::fr, _) => (initiative.summary.clone(), None),
    };
    let french_title = (locale != Locale::fr).then_some("fr");
    view! {
        <li class="structure__entry">
            <p class="kind-tag" style=format!("--kind-colour: {}", initiative.kind.colour)>
                {kind_label(locale, &initiative.kind.label, &initiative.kind.label_en)}
            </p>
            <h3 lang=french_title><a href=href(&initiative.path)>{initiative.title.clone()}</a></h3>
            <p lang=summary_lang>{summary}</p>
            <p class="structure__meta">{meta}</p>
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
            aria-label=td_string!(use_locale(), structure.map_label)
        ></div>
    }
}
