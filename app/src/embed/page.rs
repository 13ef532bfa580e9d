//! `/integrer?…`: a view of the map as a partner shows it in an `<iframe>` — the view's
//! parameters (`bassin`, `kind`, `theme`, `audience`, `commune`, `q`, `upcoming`, `autour`…) and
//! the display options (`affichage`, `filtres`, see `map::view_address`). No header, footer or
//! account link (`App` leaves them out here); nothing needs a cookie (a framed page gets none in
//! most browsers); live updates as on the map. Links to our other pages open a new tab. Composed
//! here from the map page's parts, so that what only the embed page does stays in its chunk.

use leptos::prelude::*;
use leptos_i18n::td_string;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::use_location;

use crate::components::ErrorNotice;
use crate::language::{href, use_locale};
use crate::map::filter_panel::{CommunesSuggestions, FilterPanel};
use crate::map::list::InitiativeList;
use crate::map::view_address::{map_href, EmbedDisplay, FilterChoice};
use crate::map::{LiveNotice, MapPanel, ViewState};

#[component]
pub fn EmbedPage() -> impl IntoView {
    let location = use_location();
    // The options do not change inside the frame: filtering keeps them (hidden fields).
    let (display, _) = EmbedDisplay::split(&location.search.get_untracked());
    provide_context(display);
    let view_query = Signal::derive(move || EmbedDisplay::split(&location.search.get()).1);
    let full_view = move || href(&map_href(&view_query.get()));
    let locale = use_locale();
    let state = ViewState::new(view_query);
    let ViewState { data, focused, .. } = state;
    let EmbedDisplay { shown, filters } = display;
    // The side column: the filters and the list, as far as the options keep them.
    let side = (shown.shows_list() || filters != FilterChoice::None).then(|| {
        view! {
            <div class="map-layout__side">
                {shown.shows_list().then(|| view! { <LiveNotice state/> })}
                <Transition fallback=move || view! { <p class="loading">{td_string!(locale, map.loading)}</p> }>
                    {move || Suspend::new(async move {
                        match data.await {
                            Ok(data) => {
                                view! {
                                    {(filters != FilterChoice::None).then(|| view! {
                                        <FilterPanel data=data.clone() reduced=filters == FilterChoice::Reduced/>
                                    })}
                                    {shown.shows_list().then(|| view! {
                                        <InitiativeList list=data.list filters=data.filters focused/>
                                    })}
                                }
                                .into_any()
                            }
                            Err(error) => view! { <ErrorNotice error/> }.into_any(),
                        }
                    })}
                </Transition>
                {(filters == FilterChoice::All).then(|| view! { <CommunesSuggestions/> })}
            </div>
        }
    });
    let map = shown.shows_map().then(|| {
        view! {
            <Link rel="preload" href=state.pins_path.get_untracked() as_="fetch" crossorigin="anonymous"/>
            <MapPanel state/>
        }
    });
    let layout = if side.is_some() && map.is_some() { "map-layout" } else { "map-layout map-layout--single" };
    view! {
        <Title text=td_string!(locale, embed.title)/>
        <Meta name="robots" content="noindex"/>
        <div class="embed-page">
            // The site's header, and its skip link, are left out here: the list is the
            // keyboard's way through the initiatives, past the map and the filters.
            {shown.shows_list().then(|| view! {
                <a class="skip-link" href="#liste">{td_string!(locale, site.skip_to_list)}</a>
            })}
            <div class="embed-page__bar">
                <h1 class="embed-page__title">{td_string!(locale, embed.heading)}</h1>
                <a class="embed-page__full" href=full_view target="_blank">
                    {td_string!(locale, embed.full_view)}
                    <span class="sr-only">{td_string!(locale, site.new_tab)}</span>
                </a>
            </div>
            <div class=layout>
                {side}
                {map}
            </div>
        </div>
    }
}
