//! `/`: the map page (its server functions are in `server_fns.rs`). The view lives in the URL query
//! (`?bassin=dreux&kind=job-dating…`), so a copied link reproduces it and the back button steps
//! back through filter changes.

use crate::wire::{wire_resource, WireResource};
use leptos::prelude::*;
use leptos_i18n::td_string;
use leptos_meta::{Link, Meta, Style, Title};
use leptos_router::hooks::use_location;
use std::sync::Arc;

use super::filter_panel::{CommunesSuggestions, FilterPanel};
use super::legend::{palette, Legend};
use super::list::InitiativeList;
use super::map_view::InitiativeMap;
use super::server_fns::load_map_data;
use crate::components::ErrorNotice;
use crate::domain::filters::Near;
use crate::domain::pins::pins_path;
use crate::domain::{InitiativeSummary, MapData, PinSet};
use crate::error::AppError;
use crate::language::{href, use_locale};

/// The map page: introduction, the filters and the list beside the map of the same initiatives.
#[component]
pub fn MapPage() -> impl IntoView {
    let location = use_location();
    let state = ViewState::new(location.search.into());
    let ViewState { data, focused, .. } = state;
    let locale = use_locale();
    view! {
        <Title text=td_string!(locale, map.title)/>
        <Link rel="preload" href=state.pins_path.get_untracked() as_="fetch" crossorigin="anonymous"/>
        <Meta name="description" content=td_string!(locale, map.description)/>
        <div class="map-page">
            <div class="map-page__intro">
                <h1>{td_string!(locale, map.heading)}</h1>
                <p>{td_string!(locale, map.intro)}</p>
            </div>
            <div class="map-layout">
                <div class="map-layout__side">
                    <LiveNotice state/>
                    <Transition fallback=move || view! { <p class="loading">{td_string!(locale, map.loading)}</p> }>
                        {move || Suspend::new(async move {
                            match data.await {
                                Ok(data) => view! { <ViewOfInitiatives data focused/> }.into_any(),
                                Err(error) => view! { <ErrorNotice error/> }.into_any(),
                            }
                        })}
                    </Transition>
                    <CommunesSuggestions/>
                </div>
                <MapPanel state/>
            </div>
        </div>
    }
}

/// What a page showing a view of the map keeps (the map page, and the embed page, which composes
/// the same parts its own way): the view read from the server, its pins, live updates.
#[derive(Clone, Copy)]
pub struct ViewState {
    /// The view's list, counts and filters (from `view`, a query string).
    pub data: WireResource<Result<MapData, AppError>>,
    /// The initiative whose pin the map should show, set by the list's "Voir sur la carte".
    pub focused: RwSignal<Option<i64>>,
    /// Where the view's pins are (`/api/pins?…`): the page's head preloads it.
    pub pins_path: Memo<String>,
    pins: RwSignal<Option<Arc<PinSet>>>,
    pins_status: RwSignal<Option<String>>,
    /// Bumped when the visitor asks the list to follow changes announced since it was read.
    refreshed: RwSignal<u32>,
    /// Whether the server announced changes the list does not show yet.
    list_behind: Signal<bool>,
    known: Signal<Vec<InitiativeSummary>>,
    around: Memo<Option<Near>>,
}

impl ViewState {
    pub fn new(view: Signal<String>) -> ViewState {
        let refreshed = RwSignal::new(0_u32);
        let data = wire_resource(move || (view.get(), refreshed.get()), |(search, _)| load_map_data(search));
        // The latest published revision the server announced (`/api/events`), once it differs from
        // the one this page was read at: the map then fetches its pins again.
        let announced = RwSignal::new(None::<i64>);
        #[cfg(feature = "hydrate")]
        super::live::follow(data, announced);
        let focused = RwSignal::new(None::<i64>);
        // The map's pins come from `/api/pins`, fetched in parallel with the list and the counts
        // (and preloaded by the page's head on a first visit). Until the next view's pins arrive
        // the map keeps the current ones.
        let pins_path = Memo::new(move |_| pins_path(&view.get()));
        let pins = RwSignal::new(None::<Arc<PinSet>>);
        let pins_status = RwSignal::new(None::<String>);
        #[cfg(feature = "hydrate")]
        super::pin_loader::keep_loaded(pins_path, announced.into(), pins, pins_status);
        // The list does not change under the visitor's eyes (nor under a screen reader's cursor):
        // it says that the map changed, and follows when asked.
        let list_behind = Signal::derive(move || {
            let read_at = data.get().and_then(Result::ok).map(|d| d.published_revision);
            matches!((announced.get(), read_at), (Some(now), Some(then)) if now > then)
        });
        // The list's items: the map shows their popups without a request.
        let known = Signal::derive(move || data.get().and_then(Result::ok).map(|d| d.list.items).unwrap_or_default());
        // The view's « Autour de », kept while the next view loads (the map would lose its circle).
        let around = Memo::new(move |previous: Option<&Option<Near>>| match data.get() {
            Some(Ok(data)) => data.filters.near,
            _ => previous.cloned().flatten(),
        });
        ViewState { data, focused, pins_path, pins, pins_status, refreshed, list_behind, known, around }
    }
}

/// Says that the map changed since the list was read, with a button to follow.
#[component]
pub fn LiveNotice(state: ViewState) -> impl IntoView {
    let ViewState { list_behind, refreshed, .. } = state;
    let locale = use_locale();
    view! {
        <p class="live-notice" role="status">
            {move || list_behind.get().then(|| view! {
                {td_string!(locale, map.updated)}
                <button class="button button--small" type="button" on:click=move |_| refreshed.update(|n| *n += 1)>
                    {td_string!(locale, map.update_list)}
                </button>
            })}
        </p>
    }
}

/// The map of the view, and its legend.
#[component]
pub fn MapPanel(state: ViewState) -> impl IntoView {
    let ViewState { data, pins, known, focused, pins_status, around, .. } = state;
    let locale = use_locale();
    view! {
        <section class="map-panel" aria-labelledby="carte-titre">
            <h2 id="carte-titre" class="sr-only">{td_string!(locale, map.map)}</h2>
            <InitiativeMap pins=pins.into() known focused status=pins_status.into() around=around.into()/>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    data.await.ok().map(|data| {
                        let palette = palette(&data.kinds);
                        view! {
                            <Style id="kind-palette">{palette}</Style>
                            <Legend kinds=data.kinds/>
                        }
                    })
                })}
            </Transition>
        </section>
    }
}

/// The filter panel, the export links and the list of one view.
#[component]
fn ViewOfInitiatives(data: MapData, focused: RwSignal<Option<i64>>) -> impl IntoView {
    let query = data.filters.to_query();
    let suffix = if query.is_empty() { String::new() } else { format!("?{query}") };
    let locale = use_locale();
    view! {
        <FilterPanel data=data.clone()/>
        <p class="export">
            {td_string!(locale, map.export)}
            <a href=format!("/api/initiatives.geojson{suffix}")>"GeoJSON"</a>
            " · "
            <a href=format!("/api/initiatives.csv{suffix}")>{td_string!(locale, map.csv)}</a>
            " · "
            <a href=href(&format!("/imprimer{suffix}"))>{td_string!(locale, map.print)}</a>
            " · "
            <a href=href(&format!("/integrer-la-carte{suffix}"))>{td_string!(locale, map.embed)}</a>
        </p>
        <CalendarLinks suffix=suffix.clone()/>
        <InitiativeList list=data.list filters=data.filters focused/>
    }
}

/// The view's dated initiatives for a calendar: a subscription (`webcal://`, which calendar apps
/// open as one) and the same address to paste into a web calendar's « from URL ».
#[component]
fn CalendarLinks(suffix: String) -> impl IntoView {
    let path = format!("/api/evenements.ics{suffix}");
    let subscribe = format!("webcal://{}{path}", site_host());
    let locale = use_locale();
    view! {
        <p class="export">
            {td_string!(locale, map.calendar)}
            <a href=subscribe>{td_string!(locale, map.subscribe)}</a>
            " · "
            <a href=path>{td_string!(locale, map.ical)}</a>
        </p>
    }
}

/// The site's host, as `webcal://` links need it: the configured public address on the server,
/// the page's own in the browser (the same in a correct deployment; a hydrated link keeps the
/// server's value anyway).
fn site_host() -> String {
    #[cfg(feature = "ssr")]
    {
        let db = use_context::<crate::data::Db>();
        db.map(|db| crate::settings::host_of(db.public_url()).to_string()).unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        web_sys::window().and_then(|w| w.location().host().ok()).unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    String::new()
}
