//! `/initiatives/{id}-{slug}`: everything about one published initiative, complete without
//! JavaScript; a small map joins once the page is hydrated.

use leptos::html::Div;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::use_params_map;

use super::server_fns::get_initiative;
use crate::components::{CharterBadge, DemoBadge, ErrorNotice, ToCheckBadge};
use crate::domain::claims::claim_path;
use crate::domain::initiative::{format_when, id_from_path_segment};
use crate::domain::InitiativeDetail;
use crate::error::AppError;

/// The detail page; unknown or unpublished ids get the 404 page with status 404.
#[component]
pub fn InitiativePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|segment| id_from_path_segment(&segment));
    let initiative = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_initiative(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Chargement de l'initiative…"</p> }>
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
        description,
        kind,
        path,
        is_demo,
        charter_signed,
        to_check,
        confirmed_at,
        ..
    } = initiative.clone();
    let confirmed = confirmed_at
        .as_deref()
        .and_then(|at| chrono::DateTime::parse_from_rfc3339(at).ok())
        .map(|at| crate::domain::initiative::french_date(at.date_naive()));
    view! {
        <Title text=format!("{title} – Carte Orientation 28")/>
        <Meta name="description" content=summary.clone()/>
        <Link rel="canonical" href=path/>
        <article class="initiative">
            <nav class="breadcrumb" aria-label="Fil d'Ariane">
                <a href="/">"La carte"</a>
                <span aria-hidden="true">" › "</span>
                <span aria-current="page">{title.clone()}</span>
            </nav>
            <header class="initiative__header">
                <p class="kind-tag" style=format!("--kind-colour: {}", kind.colour)>{kind.label.clone()}</p>
                <h1>{title}</h1>
                <p class="initiative__summary">{summary}</p>
                {charter_signed.then(|| view! { <CharterBadge/> })}
                {to_check.then(|| view! { <ToCheckBadge explained=true/> })}
                {is_demo.then(|| view! { <DemoBadge/> })}
                {to_check.then(|| view! {
                    <p class="initiative__to-check">
                        {crate::domain::initiative::TO_CHECK_MEANING}
                        {confirmed.clone().map(|date| format!(" Dernière confirmation : {date}."))}
                    </p>
                })}
            </header>
            <div class="initiative__body">
                <section class="initiative__description" aria-labelledby="presentation">
                    <h2 id="presentation">"Présentation"</h2>
                    {paragraphs(&description)}
                </section>
                <aside class="initiative__aside" aria-labelledby="en-pratique">
                    <h2 id="en-pratique">"En pratique"</h2>
                    <Facts initiative=initiative.clone()/>
                    {initiative.structure_path.is_none().then(|| view! {
                        // Nobody keeps it up to date yet: its holder may ask to (`crate::claims`).
                        <p class="initiative__claim">
                            "Vous portez cette initiative ? "
                            <a href=claim_path(&initiative.path)>"C'est notre initiative"</a>
                        </p>
                    })}
                    <DetailMap initiative/>
                </aside>
            </div>
            <crate::contributions::ReportForm id/>
            <p><a class="button button--secondary" href="/">"← Retour à la carte"</a></p>
        </article>
    }
}

/// The description's paragraphs (separated by blank lines), or a note when there is none.
fn paragraphs(description: &str) -> impl IntoView {
    let paragraphs: Vec<String> =
        description.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).map(str::to_string).collect();
    if paragraphs.is_empty() {
        return view! { <p class="muted">"Pas de description détaillée pour le moment."</p> }.into_any();
    }
    paragraphs.into_iter().map(|p| view! { <p class="prose">{p}</p> }).collect_view().into_any()
}

/// The facts people act on: what, for whom, when, where, who, how to get in touch.
#[component]
fn Facts(initiative: InitiativeDetail) -> impl IntoView {
    let themes = initiative.themes.iter().map(|t| t.label()).collect::<Vec<_>>().join(", ");
    let audiences = initiative.audiences.iter().map(|a| a.label()).collect::<Vec<_>>().join(", ");
    let dates = format_when(initiative.start_date, initiative.end_date, initiative.start_time, initiative.end_time)
        .unwrap_or_else(|| "Offre permanente".to_string());
    // A dated initiative goes into one's own calendar as a file every calendar app opens.
    let calendar_file = initiative.start_date.map(|_| format!("/api/evenements/{}.ics", initiative.id));
    let phone_href = initiative
        .phone
        .as_deref()
        .map(|p| format!("tel:{}", p.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect::<String>()));
    view! {
        <dl class="initiative-facts">
            <dt>"Type"</dt>
            <dd>{initiative.kind.label}</dd>
            <dt>"Thématiques"</dt>
            <dd>{themes}</dd>
            <dt>"Publics"</dt>
            <dd>{audiences}</dd>
            <dt>"Dates"</dt>
            <dd>
                {dates}
                {calendar_file.map(|href| view! {
                    " "<a class="add-to-calendar" href=href download>"Ajouter à mon agenda"</a>
                })}
            </dd>
            <dt>"Lieu"</dt>
            <dd>
                {initiative.address.map(|a| view! { {a}<br/> })}
                {format!("{} — bassin de {}", initiative.commune_name, initiative.area.name)}
            </dd>
            <dt>"Structure"</dt>
            <dd>
                {match initiative.structure_path.clone() {
                    Some(page) => view! { <a href=page>{initiative.organisation.clone()}</a> }.into_any(),
                    None => initiative.organisation.clone().into_any(),
                }}
            </dd>
            {initiative.website.map(|site| view! {
                <dt>"Site web"</dt>
                <dd><a href=site.clone() rel="noopener noreferrer">{site.clone()}</a></dd>
            })}
            {initiative.email.map(|email| view! {
                <dt>"E-mail"</dt>
                <dd><a href=format!("mailto:{email}")>{email.clone()}</a></dd>
            })}
            {initiative.phone.zip(phone_href).map(|(phone, href)| view! {
                <dt>"Téléphone"</dt>
                <dd><a href=href>{phone}</a></dd>
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
            aria-label="Localisation sur la carte"
        ></div>
    }
}
