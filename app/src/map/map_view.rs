//! The map of the map page. The server renders an empty placeholder; the browser mounts Leaflet
//! into it after hydration (Leaflet's handles must never live on a multi-threaded server).

use leptos::html::Div;
use leptos::prelude::*;

use crate::domain::InitiativeSummary;

/// The clustered map of `pins`; when `focused` names an initiative, its pin is shown with its popup.
#[component]
pub fn InitiativeMap(
    pins: Signal<Vec<InitiativeSummary>>,
    focused: RwSignal<Option<i64>>,
) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    #[cfg(feature = "hydrate")]
    crate::leaflet_map::overview::mount(node, pins, focused);
    #[cfg(not(feature = "hydrate"))]
    let _ = (pins, focused);
    view! {
        <div
            id="carte"
            class="map map--overview"
            node_ref=node
            role="region"
            aria-label="Carte des initiatives ; la liste présente les mêmes initiatives"
        ></div>
    }
}
