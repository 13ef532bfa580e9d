//! The map page's map — its state and events: the pins of the view, clustered
//! (`clustering.rs`), each opening a popup (`popups.rs`) that leads to its detail page.
//!
//! Built for 50 000 pins: the pins arrive as a compact payload (`domain::pins`), a supercluster
//! index clusters them once per view, and only the clusters and pins inside the visible area
//! become Leaflet markers — a few hundred at most, whatever the size of the view. Moving the
//! map adds and removes markers by difference, so a marker whose popup is open stays put.
//! Popup texts are not in the payload: they come from the list page when it shows the
//! initiative, otherwise on demand from the loader the page gives ([`LoadSummaries`]).

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;

use js_sys::Reflect;
use leaflet::{Circle, CircleOptions, FeatureGroup, LatLng, Map, Marker};
use leptos::html::Div;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use super::base::{
    adopt_preview, cluster_marker, create_map, draw_background, element, end_preview, log_error, max_zoom, on,
    pin_marker, show_department,
};
use super::bindings::{options, pair};
use super::clustering::{Clusters, MarkerKey, Spot};
use super::popups::{focus_popup_link, list_content, loading_content, popup_content};
use crate::domain::filters::Near;
use crate::domain::{InitiativeSummary, PinSet};
use crate::error::AppError;

/// Most initiatives a cluster's popup lists (a cluster that no zoom can split: same address).
const LISTED_IN_CLUSTER: usize = 50;

/// How the map gets the texts of initiatives it has none for (popups): the page's server
/// function (`map::load_summaries`), handed over by the page, so that this layer imports no
/// page (the map page imports it).
pub type LoadSummaries =
    Rc<dyn Fn(Vec<i64>) -> Pin<Box<dyn Future<Output = Result<Vec<InitiativeSummary>, AppError>>>>>;

/// The map once mounted; `None` before hydration and after the page is left.
type Shared = Rc<RefCell<Option<Overview>>>;

struct Overview {
    map: Map,
    /// The markers on the map: the group's click handler finds what was clicked from them.
    layer: FeatureGroup,
    /// The view's pins, clustered.
    clusters: Clusters,
    /// The previous view's: unticking the box just ticked, or the back button, shows them
    /// again without clustering anew (50 000 pins take a third of a filter change's time).
    previous: Clusters,
    /// The pins of the view being clustered (`Clusters::new`, a promise), until they are shown;
    /// a view asked for meanwhile takes their place, and their clusters are dropped when they come.
    awaited: Option<Arc<PinSet>>,
    /// The pin the list asked to see (« Voir sur la carte ») while `awaited` was on its way.
    focus_when_shown: Option<i64>,
    /// Popup texts known so far, by initiative id.
    summaries: HashMap<i64, InitiativeSummary>,
    /// Where the others come from.
    load: LoadSummaries,
    /// The circle of « Autour de », when the view has one.
    around: Option<Circle>,
    /// The markers drawn, by [`MarkerKey`].
    drawn: HashMap<MarkerKey, Marker>,
}

/// Mounts the map into `node` once it exists, keeps its pins equal to `pins`, learns popup
/// texts from `known` (the list's items) and from `load`, and shows the pin `focused` names.
pub fn mount(
    node: NodeRef<Div>,
    pins: Signal<Option<Arc<PinSet>>>,
    known: Signal<Vec<InitiativeSummary>>,
    focused: RwSignal<Option<i64>>,
    around: Signal<Option<Near>>,
    load: LoadSummaries,
) {
    let shared: Shared = Rc::default();
    let slot = shared.clone();
    Effect::new(move |_| {
        let Some(container) = node.get() else { return };
        match Overview::mount(&container, &slot, load.clone()) {
            Ok(mut overview) => {
                overview.learn(&known.get_untracked());
                overview.show_around(around.get_untracked().as_ref());
                *slot.borrow_mut() = Some(overview);
                if let Some(pins) = pins.get_untracked() {
                    show_pins(&slot, pins, focused);
                }
            }
            Err(error) => log_error("carte :", &error),
        }
        let slot = SendWrapper::new(slot.clone());
        on_cleanup(move || {
            end_preview();
            if let Some(overview) = slot.borrow_mut().take() {
                overview.map.remove();
            }
        });
    });
    let slot = shared.clone();
    Effect::new(move |_| {
        if let Some(pins) = pins.get() {
            show_pins(&slot, pins, focused);
        }
    });
    let slot = shared.clone();
    Effect::new(move |_| {
        let known = known.get();
        if let Some(overview) = slot.borrow_mut().as_mut() {
            overview.learn(&known);
        }
    });
    let slot = shared.clone();
    Effect::new(move |previous: Option<Option<Near>>| {
        let near = around.get();
        // Only a change of place or radius moves the map: a new search around the same place
        // leaves it where the visitor put it.
        if previous.as_ref() != Some(&near) {
            if let Some(overview) = slot.borrow_mut().as_mut() {
                overview.show_around(near.as_ref());
            }
        }
        near
    });
    Effect::new(move |_| {
        if let Some(id) = focused.get() {
            show(&shared, id);
        }
    });
}

/// Shows the pins of a new view: at once when they are the view's shown or the one before
/// (clustered already: the page hands back the very set it had, map/pin_loader.rs keeping the
/// last views'), otherwise once clustered. A pin the list asked to see meanwhile (`show`) is
/// asked for again (`focused`) once they are shown.
fn show_pins(shared: &Shared, pins: Arc<PinSet>, focused: RwSignal<Option<i64>>) {
    let mut slot = shared.borrow_mut();
    let Some(overview) = slot.as_mut() else { return };
    if overview.awaited.as_ref().is_some_and(|awaited| Arc::ptr_eq(awaited, &pins)) {
        return;
    }
    if overview.clusters.are_of(&pins) && !overview.clusters.is_sketch() {
        // Shown already: a view asked for since and still being clustered is dropped.
    } else if overview.previous.are_of(&pins) {
        let clusters = std::mem::take(&mut overview.previous);
        overview.show_clusters(clusters);
    } else {
        overview.awaited = Some(pins.clone());
        drop(slot);
        let shared = shared.clone();
        leptos::task::spawn_local(async move {
            let mut clusters = Clusters::new(pins.clone()).await;
            loop {
                // The server's sketch of the view may come first: drawn, then its index.
                let later = {
                    let later = clusters.later();
                    let mut slot = shared.borrow_mut();
                    let Some(overview) = slot.as_mut() else { return };
                    if !overview.awaited.as_ref().is_some_and(|awaited| Arc::ptr_eq(awaited, &pins)) {
                        return;
                    }
                    overview.show_clusters(clusters);
                    if later.is_none() {
                        overview.awaited = None;
                        if let Some(id) = overview.focus_when_shown.take() {
                            focused.set(Some(id));
                        }
                    }
                    later
                };
                let Some(later) = later else { return };
                clusters = later.await;
            }
        });
        return;
    }
    overview.awaited = None;
    if let Some(id) = overview.focus_when_shown.take() {
        focused.set(Some(id));
    }
}

impl Overview {
    fn mount(container: &HtmlElement, shared: &Shared, load: LoadSummaries) -> Result<Overview, JsValue> {
        // On a first visit the page's script has drawn the view already (`public/carte28.js`):
        // its map, view and background are kept, its markers give way to ours on our first draw.
        let map = match adopt_preview(container) {
            Some(preview) => preview,
            None => {
                let map = create_map(container)?;
                show_department(&map);
                draw_background(&map);
                map
            }
        };
        let layer = FeatureGroup::new();
        map.add_layer(&layer);
        // Markers come and go with the view: one handler on the group serves them all.
        let clicked = shared.clone();
        on(
            &layer,
            "click",
            Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
                let key = Reflect::get(&event, &"layer".into()).ok().and_then(|marker| marker_key(&marker));
                if let Some(key) = key {
                    activate(&clicked, key);
                }
            }),
        )?;
        // Leaflet turns Enter on a focused marker into a `keypress` on it, not a click.
        let pressed = shared.clone();
        on(
            &layer,
            "keypress",
            Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
                let enter = Reflect::get(&event, &"originalEvent".into())
                    .ok()
                    .and_then(|original| Reflect::get(&original, &"key".into()).ok())
                    .and_then(|key| key.as_string())
                    .is_some_and(|key| key == "Enter");
                let key = Reflect::get(&event, &"layer".into()).ok().and_then(|marker| marker_key(&marker));
                if let (true, Some(key)) = (enter, key) {
                    activate(&pressed, key);
                }
            }),
        )?;
        let moved = shared.clone();
        on(
            &map,
            "moveend",
            Closure::<dyn Fn(JsValue)>::new(move |_| {
                // Busy means we moved the map ourselves and redraw when done.
                if let Ok(mut overview) = moved.try_borrow_mut() {
                    if let Some(overview) = overview.as_mut() {
                        overview.redraw();
                    }
                }
            }),
        )?;
        Ok(Overview {
            map,
            layer,
            clusters: Clusters::default(),
            previous: Clusters::default(),
            awaited: None,
            focus_when_shown: None,
            summaries: HashMap::new(),
            load,
            drawn: HashMap::new(),
            around: None,
        })
    }

    /// Draws the circle of `near` and frames it (the department stays framed without one).
    fn show_around(&mut self, near: Option<&Near>) {
        if let Some(circle) = self.around.take() {
            circle.remove();
        }
        let Some(near) = near else { return };
        let options = CircleOptions::new();
        options.set_radius(f64::from(near.km) * 1000.0);
        options.set_interactive(false);
        options.set_class_name("map__around".to_string());
        options.set_weight(2.0);
        options.set_fill_opacity(0.05);
        let circle = Circle::new_with_options(&LatLng::new(near.lat(), near.lon()), &options);
        circle.add_to(&self.map);
        self.map.fit_bounds(&circle.get_bounds());
        self.around = Some(circle);
    }

    fn learn(&mut self, summaries: &[InitiativeSummary]) {
        self.summaries.extend(summaries.iter().map(|s| (s.id, s.clone())));
    }

    /// Draws the clusters of a new view; `data-pins` says how many pins it has. A sketch of the
    /// view (`Clusters::later`) is no view of its own: it gives way to the view's index, which
    /// keeps its markers (the same clusters with the same Supercluster ids, computed from the
    /// same positions by the same code: `cluster-index`), and it is never kept for going back.
    fn show_clusters(&mut self, clusters: Clusters) {
        if self.clusters.is_sketch() {
            let sketched = std::mem::replace(&mut self.clusters, clusters);
            if sketched.have_the_pins_of(&self.clusters) {
                self.redraw();
                return;
            }
        } else {
            self.previous = std::mem::replace(&mut self.clusters, clusters);
        }
        self.layer.clear_layers();
        self.drawn.clear();
        // In the same task as our first markers: never a moment without pins, nor with both.
        end_preview();
        self.redraw();
        let _ = self.map.get_container().set_attribute("data-pins", &self.clusters.pins().pins.len().to_string());
    }

    /// Brings the markers in line with the visible area: adds what appeared, removes what
    /// left or merged, keeps the rest (and so any open popup).
    fn redraw(&mut self) {
        let bounds = self.map.get_bounds();
        let (south_west, north_east) = (bounds.get_south_west(), bounds.get_north_east());
        // A margin of a quarter of the view on each side: panning a little shows no gap.
        let (dlat, dlng) = ((north_east.lat() - south_west.lat()) / 4.0, (north_east.lng() - south_west.lng()) / 4.0);
        let bbox = [south_west.lng() - dlng, south_west.lat() - dlat, north_east.lng() + dlng, north_east.lat() + dlat];
        let spots = self.clusters.spots(bbox, self.zoom());
        let refocus = focus_is_on_a_marker(&self.map);
        let mut wanted = HashSet::with_capacity(spots.len());
        for spot in spots {
            let key = spot.key;
            wanted.insert(key);
            if !self.drawn.contains_key(&key) {
                let marker = self.marker(spot);
                self.layer.add_layer(&marker);
                self.drawn.insert(key, marker);
            }
        }
        let layer = &self.layer;
        self.drawn.retain(|key, marker| {
            let keep = wanted.contains(key);
            if !keep {
                layer.remove_layer(marker);
            }
            keep
        });
        if refocus {
            // The marker a keyboard user activated is gone (it split or merged): keep them on the map.
            if let Some(icon) = self.drawn.values().next().and_then(marker_icon) {
                let _ = icon.focus();
            }
        }
    }

    /// The map's zoom, as the index counts zooms.
    fn zoom(&self) -> u8 {
        self.map.get_zoom().floor().max(0.0) as u8
    }

    fn marker(&self, Spot { key, lat, lng, count }: Spot) -> Marker {
        let marker = match key {
            MarkerKey::Pin(id) => {
                let pin = self.clusters.pin(id).expect("drawn pins come from the payload");
                let kind = self.clusters.pins().kind_of(pin);
                let title = match self.summaries.get(&id) {
                    Some(summary) => summary.title.clone(),
                    None => {
                        let locale = crate::language::use_locale();
                        let kind = crate::language::kind_label(locale, &kind.label, &kind.label_en);
                        leptos_i18n::td_string!(locale, popups.pin, kind = kind).to_string()
                    }
                };
                pin_marker(lat, lng, &kind.colour, &title, true, pin.to_check)
            }
            MarkerKey::Cluster(_) => cluster_marker(lat, lng, count as u32, true),
        };
        let (kind, id) = match key {
            MarkerKey::Pin(id) => ("pin", id as f64),
            MarkerKey::Cluster(id) => ("cluster", id as f64),
        };
        let _ = Reflect::set(&marker, &"carteKind".into(), &kind.into());
        let _ = Reflect::set(&marker, &"carteId".into(), &id.into());
        marker
    }
}

/// The key a marker was drawn with (see [`Overview::marker`]).
fn marker_key(marker: &JsValue) -> Option<MarkerKey> {
    let kind = Reflect::get(marker, &"carteKind".into()).ok()?.as_string()?;
    let id = Reflect::get(marker, &"carteId".into()).ok()?.as_f64()?;
    match kind.as_str() {
        "pin" => Some(MarkerKey::Pin(id as i64)),
        "cluster" => Some(MarkerKey::Cluster(id as usize)),
        _ => None,
    }
}

/// A click (or Enter) on a marker: a pin opens its popup; a cluster zooms in until it splits,
/// or, when no zoom can split it, lists its initiatives in a popup.
fn activate(shared: &Shared, key: MarkerKey) {
    let mut borrowed = shared.borrow_mut();
    let Some(overview) = borrowed.as_mut() else { return };
    let Some(marker) = overview.drawn.get(&key).cloned() else { return };
    match key {
        MarkerKey::Pin(id) => open_pin_popup(shared, overview, &marker, id),
        MarkerKey::Cluster(cluster) => {
            let zoom = f64::from(overview.clusters.expansion_zoom(cluster));
            if zoom <= max_zoom() {
                let target = marker.get_lat_lng();
                overview.map.set_view(&target, zoom);
                // The map's own `moveend` may come while we hold the map: draw now too.
                overview.redraw();
            } else {
                let ids = overview.clusters.cluster_ids(cluster, LISTED_IN_CLUSTER);
                let total = overview.clusters.cluster_size(cluster);
                open_list_popup(shared, overview.load.clone(), &marker, ids, total, None);
            }
        }
    }
}

/// Brings pin `id` into view, zooming as far as it takes to split its cluster, then opens its
/// popup and puts the keyboard focus on the popup's link (the list's « Voir sur la carte »).
fn show(shared: &Shared, id: i64) {
    let mut borrowed = shared.borrow_mut();
    let Some(overview) = borrowed.as_mut() else { return };
    // The list shows the new view already; its clusters are on their way: once they are shown.
    if overview.awaited.is_some() {
        overview.focus_when_shown = Some(id);
        return;
    }
    let Some(pin) = overview.clusters.pin(id).copied() else { return };
    let Some((zoom, key)) = overview.clusters.where_to_show(id, overview.zoom()) else { return };
    let scroll = web_sys::ScrollIntoViewOptions::new();
    scroll.set_block(web_sys::ScrollLogicalPosition::Nearest);
    overview.map.get_container().scroll_into_view_with_scroll_into_view_options(&scroll);
    let at = LatLng::new(pin.lat, pin.lon);
    overview.map.set_view_with_options(&at, f64::from(zoom), &options(&[("animate", false.into())]));
    overview.redraw();
    let Some(marker) = overview.drawn.get(&key).cloned() else { return };
    match key {
        MarkerKey::Pin(_) => open_pin_popup(shared, overview, &marker, id),
        MarkerKey::Cluster(cluster) => {
            let mut ids = overview.clusters.cluster_ids(cluster, LISTED_IN_CLUSTER);
            if !ids.contains(&id) {
                ids.insert(0, id);
            }
            let total = overview.clusters.cluster_size(cluster);
            open_list_popup(shared, overview.load.clone(), &marker, ids, total, Some(id));
        }
    }
}

/// Opens the popup of pin `id`, loading its texts first when they are not known yet.
fn open_pin_popup(shared: &Shared, overview: &Overview, marker: &Marker, id: i64) {
    let popup_options = options(&[("maxWidth", 280.into()), ("autoPanPadding", pair(24.0, 24.0))]);
    match overview.summaries.get(&id) {
        Some(summary) => {
            marker.bind_popup_with_options(&popup_content(summary).into(), &popup_options.into());
            marker.open_popup();
            focus_popup_link(None);
        }
        None => {
            marker.bind_popup_with_options(&loading_content().into(), &popup_options.into());
            marker.open_popup();
            let (shared, marker, load) = (shared.clone(), marker.clone(), overview.load.clone());
            leptos::task::spawn_local(async move {
                let content = match load(vec![id]).await {
                    Ok(mut found) if !found.is_empty() => {
                        let summary = found.remove(0);
                        let content = popup_content(&summary);
                        if let Some(overview) = shared.borrow_mut().as_mut() {
                            overview.summaries.insert(id, summary);
                        }
                        content
                    }
                    Ok(_) => element(
                        "p",
                        "popup__error",
                        leptos_i18n::td_string!(crate::language::use_locale(), popups.gone),
                    ),
                    Err(error) => load_failed(&error),
                };
                marker.set_popup_content(&content.into());
                focus_popup_link(None);
            });
        }
    }
}

/// What a popup says when its texts could not be loaded.
fn load_failed(error: &impl std::fmt::Display) -> web_sys::HtmlElement {
    let locale = crate::language::use_locale();
    element("p", "popup__error", &leptos_i18n::td_string!(locale, popups.failed, error = error.to_string()).to_string())
}

/// Opens a popup listing the initiatives `ids` of a cluster that no zoom can split; the focus
/// goes to the link of `wanted` (the initiative the list asked for), else to the first one.
fn open_list_popup(
    shared: &Shared,
    load: LoadSummaries,
    marker: &Marker,
    ids: Vec<i64>,
    total: usize,
    wanted: Option<i64>,
) {
    let popup_options = options(&[("maxWidth", 300.into()), ("autoPanPadding", pair(24.0, 24.0))]);
    marker.bind_popup_with_options(&loading_content().into(), &popup_options.into());
    marker.open_popup();
    let (shared, marker) = (shared.clone(), marker.clone());
    leptos::task::spawn_local(async move {
        let content = match load(ids).await {
            Ok(summaries) => {
                let content = list_content(&summaries, total);
                if let Some(overview) = shared.borrow_mut().as_mut() {
                    overview.learn(&summaries);
                }
                content
            }
            Err(error) => load_failed(&error),
        };
        marker.set_popup_content(&content.into());
        focus_popup_link(wanted);
    });
}

/// Whether the keyboard focus is on one of the map's markers.
fn focus_is_on_a_marker(map: &Map) -> bool {
    let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
    active.is_some_and(|e| e.class_list().contains("leaflet-marker-icon") && map.get_container().contains(Some(&e)))
}

fn marker_icon(marker: &Marker) -> Option<HtmlElement> {
    Reflect::get(marker, &"_icon".into()).ok()?.dyn_into().ok()
}
