//! `/initiatives/{id}-{slug}`: everything about one published initiative, complete without
//! JavaScript; a small map joins once the page is hydrated.

use crate::wire::wire_resource;
use leptos::html::Div;
use leptos::prelude::*;
use leptos_i18n::td_string;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::use_params_map;

use super::server_fns::get_initiative;
use crate::components::{CharterBadge, DemoBadge, ErrorNotice, ToCheckBadge};
use crate::domain::claims::claim_path;
use crate::domain::initiative::id_from_path_segment;
use crate::domain::InitiativeDetail;
use crate::error::AppError;
use crate::language::{audience_label, href, kind_label, theme_label, use_locale, when, Locale};

/// The detail page; unknown or unpublished ids get the 404 page with status 404.
#[component]
pub fn InitiativePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|segment| id_from_path_segment(&segment));
    let initiative = wire_resource(id, |id| async move {
        match id {
            Some(id) => get_initiative(id).await,
            None => Err(AppError::NotFound),
        }
    });
    let locale = use_locale();
    view! {
        <Suspense fallback=move || view! { <p class="loading">{td_string!(locale, initiative.loading)}</p> }>
            {move || Suspend::new(async move {
                match initiative.await {
                    Ok(initiative) => view! { <InitiativeView initiative/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn InitiativeView(initiative: InitiativeDetail) -> impl IntoView {
    let InitiativeDetail {
        id,
        title,
        summary,
        summary_en,
        description,
        kind,
        path,
        is_demo,
        charter_signed,
        to_check,
        confirmed_at,
        ..
    } = initiative.clone();
    let locale = use_locale();
    let confirmed = confirmed_at
        .as_deref()
        .and_then(|at| chrono::DateTime::parse_from_rfc3339(at).ok())
        .map(|at| crate::language::date(locale, at.date_naive()));
    // English readers get the holder's English summary when there is one; every other text of
    // the initiative is the holder's own, in French (`lang="fr"` tells screen readers so).
    let (summary, summary_lang) = match (locale, summary_en) {
        (Locale::en, Some(english)) => (english, "en"),
        (Locale::en, None) => (summary, "fr"),
        (Locale::fr, _) => (summary, "fr"),
    };
    let french_text = (locale != Locale::fr).then_some("fr");
    view! {
        <Title text=format!("{title} – Carte Orientation 28")/>
        <Meta name="description" content=summary.clone()/>
        <Link rel="canonical" href=href(&path)/>
        <article class="initiative">
            <nav class="breadcrumb" aria-label=td_string!(locale, initiative.breadcrumb)>
                <a href=href("/")>{td_string!(locale, site.the_map)}</a>
                <span aria-hidden="true">" › "</span>
                <span aria-current="page" lang=french_text>{title.clone()}</span>
            </nav>
            <header class="initiative__header">
                <p class="kind-tag" style=format!("--kind-colour: {}", kind.colour)>{kind_label(locale, &kind.label, &kind.label_en)}</p>
                <h1 lang=french_text>{title}</h1>
                <p class="initiative__summary" lang=(locale != Locale::fr).then_some(summary_lang)>{summary}</p>
                {charter_signed.then(|| view! { <CharterBadge/> })}
                {to_check.then(|| view! { <ToCheckBadge explained=true/> })}
                {is_demo.then(|| view! { <DemoBadge/> })}
                {to_check.then(|| view! {
                    <p class="initiative__to-check">
                        {td_string!(locale, badges.to_check_meaning)}
                        {confirmed.clone().map(|date| td_string!(locale, initiative.last_confirmed, date = date).to_string())}
                    </p>
                })}
            </header>
            <div class="initiative__body">
                <section class="initiative__description" aria-labelledby="presentation">
                    <h2 id="presentation">{td_string!(locale, initiative.presentation)}</h2>
                    {french_text.map(|_| view! { <p class="muted">{td_string!(locale, initiative.in_french)}</p> })}
                    <div lang=french_text>{paragraphs(locale, &description)}</div>
                </section>
                <aside class="initiative__aside" aria-labelledby="en-pratique">
                    <h2 id="en-pratique">{td_string!(locale, initiative.practical)}</h2>
                    <Facts initiative=initiative.clone()/>
                    {initiative.structure_path.is_none().then(|| view! {
                        // Nobody keeps it up to date yet: its holder may ask to (`crate::claims`).
                        <p class="initiative__claim">
                            {td_string!(locale, initiative.claim_question)}
                            <a href=href(&claim_path(&initiative.path))>{td_string!(locale, initiative.claim)}</a>
                        </p>
                    })}
                    <DetailMap initiative/>
                </aside>
            </div>
            <crate::contributions::ReportForm id/>
            <p><a class="button button--secondary" href=href("/")>{td_string!(locale, initiative.back)}</a></p>
        </article>
    }
}

/// The description's paragraphs (separated by blank lines), or a note when there is none.
fn paragraphs(locale: Locale, description: &str) -> impl IntoView {
    let paragraphs: Vec<String> =
        description.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).map(str::to_string).collect();
    if paragraphs.is_empty() {
        return view! { <p class="muted">{td_string!(locale, initiative.no_description)}</p> }.into_any();
    }
    paragraphs.into_iter().map(|p| view! { <p class="prose">{p}</p> }).collect_view().into_any()
}

/// The facts people act on: what, for whom, when, where, who, how to get in touch.
#[component]
fn Facts(initiative: InitiativeDetail) -> impl IntoView {
    let locale = use_locale();
    let themes = initiative.themes.iter().map(|t| theme_label(locale, *t)).collect::<Vec<_>>().join(", ");
    let audiences = initiative.audiences.iter().map(|a| audience_label(locale, *a)).collect::<Vec<_>>().join(", ");
    let dates = when(locale, initiative.start_date, initiative.end_date, initiative.start_time, initiative.end_time)
        .unwrap_or_else(|| td_string!(locale, initiative.permanent).to_string());
    // A dated initiative goes into one's own calendar as a file every calendar app opens.
    let calendar_file = initiative.start_date.map(|_| format!("/api/evenements/{}.ics", initiative.id));
    let phone_href = initiative
        .phone
        .as_deref()
        .map(|p| format!("tel:{}", p.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect::<String>()));
    view! {
        <dl class="initiative-facts">
            <dt>{td_string!(locale, initiative.kind)}</dt>
            <dd>{kind_label(locale, &initiative.kind.label, &initiative.kind.label_en)}</dd>
            <dt>{td_string!(locale, initiative.themes)}</dt>
            <dd>{themes}</dd>
            <dt>{td_string!(locale, initiative.audiences)}</dt>
            <dd>{audiences}</dd>
            <dt>{td_string!(locale, initiative.dates)}</dt>
            <dd>
                {dates}
                {calendar_file.map(|href| view! {
                    " "<a class="add-to-calendar" href=href download>{td_string!(locale, initiative.add_to_calendar)}</a>
                })}
            </dd>
            <dt>{td_string!(locale, initiative.place)}</dt>
            <dd>
                {initiative.address.map(|a| view! { <span translate="no">{a}</span><br/> })}
                {td_string!(locale, initiative.area, commune = initiative.commune_name.clone(), area = initiative.area.name.clone()).to_string()}
            </dd>
            <dt>{td_string!(locale, initiative.structure)}</dt>
            <dd>
                {match initiative.structure_path.clone() {
                    Some(page) => view! { <a href=href(&page) translate="no">{initiative.organisation.clone()}</a> }.into_any(),
                    None => view! { <span translate="no">{initiative.organisation.clone()}</span> }.into_any(),
                }}
            </dd>
            {initiative.website.map(|site| view! {
                <dt>{td_string!(locale, initiative.website)}</dt>
                <dd><a href=site.clone() rel="noopener noreferrer" translate="no">{site.clone()}</a></dd>
            })}
            {initiative.email.map(|email| view! {
                <dt>{td_string!(locale, initiative.email)}</dt>
                <dd><a href=format!("mailto:{email}") translate="no">{email.clone()}</a></dd>
            })}
            {initiative.phone.zip(phone_href).map(|(phone, href)| view! {
                <dt>{td_string!(locale, initiative.phone)}</dt>
                <dd><a href=href translate="no">{phone}</a></dd>
            })}
        </dl>
    }
}

/// The initiative's pin on a small map (browser only; the address above says the same in words).
#[component]
fn DetailMap(initiative: InitiativeDetail) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    #[cfg(feature = "hydrate")]
    crate::leaflet_map::detail::mount(
        node,
        vec![crate::leaflet_map::detail::SmallPin {
            lat: initiative.lat,
            lon: initiative.lon,
            colour: initiative.kind.colour,
            title: initiative.title,
        }],
    );
    #[cfg(not(feature = "hydrate"))]
    let _ = initiative;
    view! {
        <div
            id="carte-detail"
            class="map map--detail"
            node_ref=node
            role="region"
            aria-label=td_string!(use_locale(), initiative.location)
        ></div>
    }
}
