//! The map of the map page. The server renders an empty placeholder; the browser mounts Leaflet
//! into it after hydration (Leaflet's handles must never live on a multi-threaded server).

use std::sync::Arc;

use leptos::html::Div;
use leptos::prelude::*;

use super::view_address::EmbedDisplay;
use crate::domain::filters::Near;
use crate::domain::{InitiativeSummary, PinSet};

/// The clustered map of `pins` (`None` until the first payload arrives); `known` are the
/// initiatives whose texts the page already has (the list's), for popups without a request;
/// when `focused` names an initiative, its pin is shown with its popup. `status` says why the
/// pins are missing, if they are.
#[component]
pub fn InitiativeMap(
    pins: Signal<Option<Arc<PinSet>>>,
    known: Signal<Vec<InitiativeSummary>>,
    focused: RwSignal<Option<i64>>,
    status: Signal<Option<String>>,
    /// The view's « Autour de »: the map frames its circle.
    around: Signal<Option<Near>>,
) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    #[cfg(feature = "hydrate")]
    crate::leaflet_map::overview::mount(
        node,
        pins,
        known,
        focused,
        around,
        std::rc::Rc::new(|ids| Box::pin(super::load_summaries(ids))),
    );
    #[cfg(not(feature = "hydrate"))]
    let _ = (pins, known, focused, around);
    // The embed page may show the map without its list.
    let with_list = use_context::<EmbedDisplay>().is_none_or(|display| display.shown.shows_list());
    let locale = crate::language::use_locale();
    let label = if with_list {
        leptos_i18n::td_string!(locale, map.region_with_list)
    } else {
        leptos_i18n::td_string!(locale, map.region)
    };
    view! {
        <p class="map-status" role="status">{move || status.get()}</p>
        <div
            id="carte"
            class="map map--overview"
            node_ref=node
            role="region"
            aria-label=label
        ></div>
    }
}
