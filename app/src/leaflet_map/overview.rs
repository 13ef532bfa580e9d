//! The map page's map: the pins of the view, clustered, each opening a popup that leads to its
//! detail page.
//!
//! Built for 50 000 pins: the pins arrive as a compact payload (`domain::pins`), a supercluster
//! index clusters them once per view, and only the clusters and pins inside the visible area
//! become Leaflet markers — a few hundred at most, whatever the size of the view. Moving the
//! map adds and removes markers by difference, so a marker whose popup is open stays put.
//! Popup texts are not in the payload: they come from the list page when it shows the
//! initiative, otherwise from `load_summaries` on demand.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::sync::Arc;

use geojson::feature::Id;
use geojson::{Feature, Geometry, Value};
use js_sys::Reflect;
use leaflet::{FeatureGroup, LatLng, Map, Marker};
use leptos::html::Div;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use supercluster::{CoordinateSystem, Supercluster};
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use super::base::{
    adopt_preview, cluster_marker, create_map, draw_background, element, end_preview, max_zoom, on, pin_marker,
    show_department,
};
use super::bindings::{options, pair};
use crate::domain::initiative::TO_CHECK_LABEL;
use crate::domain::{InitiativeSummary, PinSet};
use crate::map::load_summaries;

/// Cluster radius, in screen pixels.
const CLUSTER_RADIUS: f64 = 45.0;

/// Most initiatives a cluster's popup lists (a cluster that no zoom can split: same address).
const LISTED_IN_CLUSTER: usize = 50;

/// The map once mounted; `None` before hydration and after the page is left.
type Shared = Rc<RefCell<Option<Overview>>>;

struct Overview {
    map: Map,
    /// The markers on the map: the group's click handler finds what was clicked from them.
    layer: FeatureGroup,
    pins: Arc<PinSet>,
    /// None while there are no pins: supercluster cannot index an empty set (it panics).
    index: Option<Supercluster>,
    /// Popup texts known so far, by initiative id.
    summaries: HashMap<i64, InitiativeSummary>,
    /// The markers drawn, by [`MarkerKey`].
    drawn: HashMap<MarkerKey, Marker>,
}

/// What a marker stands for: one initiative (by id) or one cluster (by supercluster id, which
/// is unique across zooms).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum MarkerKey {
    Pin(i64),
    Cluster(usize),
}

/// Mounts the map into `node` once it exists, keeps its pins equal to `pins`, learns popup
/// texts from `known` (the list's items), and shows the pin `focused` names.
pub fn mount(
    node: NodeRef<Div>,
    pins: Signal<Option<Arc<PinSet>>>,
    known: Signal<Vec<InitiativeSummary>>,
    focused: RwSignal<Option<i64>>,
) {
    let shared: Shared = Rc::default();
    let slot = shared.clone();
    Effect::new(move |_| {
        let Some(container) = node.get() else { return };
        match Overview::mount(&container, &slot) {
            Ok(mut overview) => {
                overview.learn(&known.get_untracked());
                *slot.borrow_mut() = Some(overview);
                if let Some(pins) = pins.get_untracked() {
                    show_pins(&slot, pins);
                }
            }
            Err(error) => leptos::logging::error!("carte : {error:?}"),
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
            show_pins(&slot, pins);
        }
    });
    let slot = shared.clone();
    Effect::new(move |_| {
        let known = known.get();
        if let Some(overview) = slot.borrow_mut().as_mut() {
            overview.learn(&known);
        }
    });
    Effect::new(move |_| {
        if let Some(id) = focused.get() {
            show(&shared, id);
        }
    });
}

fn show_pins(shared: &Shared, pins: Arc<PinSet>) {
    if let Some(overview) = shared.borrow_mut().as_mut() {
        overview.replace_pins(pins);
    }
}

impl Overview {
    fn mount(container: &HtmlElement, shared: &Shared) -> Result<Overview, JsValue> {
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
        Ok(Overview { map, layer, pins: Arc::default(), index: None, summaries: HashMap::new(), drawn: HashMap::new() })
    }

    fn learn(&mut self, summaries: &[InitiativeSummary]) {
        self.summaries.extend(summaries.iter().map(|s| (s.id, s.clone())));
    }

    /// Clusters the pins of a new view and draws them; `data-pins` says how many there are.
    fn replace_pins(&mut self, pins: Arc<PinSet>) {
        self.index = cluster_index(&pins);
        self.pins = pins;
        self.layer.clear_layers();
        self.drawn.clear();
        // In the same task as our first markers: never a moment without pins, nor with both.
        end_preview();
        self.redraw();
        let _ = self.map.get_container().set_attribute("data-pins", &self.pins.pins.len().to_string());
    }

    /// Brings the markers in line with the visible area: adds what appeared, removes what
    /// left or merged, keeps the rest (and so any open popup).
    fn redraw(&mut self) {
        let bounds = self.map.get_bounds();
        let (south_west, north_east) = (bounds.get_south_west(), bounds.get_north_east());
        // A margin of a quarter of the view on each side: panning a little shows no gap.
        let (dlat, dlng) = ((north_east.lat() - south_west.lat()) / 4.0, (north_east.lng() - south_west.lng()) / 4.0);
        let bbox = [south_west.lng() - dlng, south_west.lat() - dlat, north_east.lng() + dlng, north_east.lat() + dlat];
        let zoom = self.map.get_zoom().floor().max(0.0) as u8;
        let features = self.clusters(bbox, zoom);
        let refocus = focus_is_on_a_marker(&self.map);
        let mut wanted = HashSet::with_capacity(features.len());
        for feature in &features {
            let Some((key, lat, lng, count)) = self.describe(feature) else { continue };
            wanted.insert(key);
            if !self.drawn.contains_key(&key) {
                let marker = self.marker(key, lat, lng, count);
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

    /// The clusters and lone pins of the index inside `bbox` at `zoom` (none without pins).
    fn clusters(&self, bbox: [f64; 4], zoom: u8) -> Vec<Feature> {
        self.index.as_ref().and_then(|index| index.get_clusters(bbox, zoom).ok()).unwrap_or_default()
    }

    /// At most `limit` pins of cluster `cluster`.
    fn leaves(&self, cluster: usize, limit: usize) -> Vec<Feature> {
        self.index.as_ref().map(|index| index.get_leaves(cluster, limit, 0)).unwrap_or_default()
    }

    /// The key, position and pin count of a feature of the index.
    fn describe(&self, feature: &Feature) -> Option<(MarkerKey, f64, f64, usize)> {
        let Some(Geometry { value: Value::Point(point), .. }) = &feature.geometry else { return None };
        let (lng, lat) = (point[0], point[1]);
        if let Some(cluster_id) = feature.property("cluster_id").and_then(|v| v.as_u64()) {
            let count = feature.property("point_count").and_then(|v| v.as_u64()).unwrap_or_default();
            return Some((MarkerKey::Cluster(cluster_id as usize), lat, lng, count as usize));
        }
        let Some(Id::Number(index)) = &feature.id else { return None };
        let pin = self.pins.pins.get(index.as_u64()? as usize)?;
        Some((MarkerKey::Pin(pin.id), pin.lat, pin.lon, 1))
    }

    fn marker(&self, key: MarkerKey, lat: f64, lng: f64, count: usize) -> Marker {
        let marker = match key {
            MarkerKey::Pin(id) => {
                let pin = self.pin(id).expect("drawn pins come from the payload");
                let title = match self.summaries.get(&id) {
                    Some(summary) => summary.title.clone(),
                    None => format!("Initiative : {}", self.pins.kind_of(pin).label),
                };
                pin_marker(lat, lng, &self.pins.kind_of(pin).colour, &title, true, pin.to_check)
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

    fn pin(&self, id: i64) -> Option<&crate::domain::Pin> {
        let pins = &self.pins.pins;
        pins.binary_search_by_key(&id, |p| p.id).ok().map(|n| &pins[n])
    }

    /// The lowest zoom from the current one at which pin `id` stands alone, else the cluster
    /// that holds it at the highest zoom (pins at one address never split).
    fn where_to_show(&self, id: i64) -> Option<(f64, MarkerKey)> {
        let pin = self.pin(id)?;
        let from = self.map.get_zoom().floor().max(0.0) as u8;
        let top = max_zoom() as u8;
        // A lone pin is drawn exactly where it is: a tiny box around it finds it.
        let exact = around(pin, 1e-6);
        for zoom in from..=top {
            let alone = self
                .clusters(exact, zoom)
                .iter()
                .any(|feature| matches!(self.describe(feature), Some((MarkerKey::Pin(found), ..)) if found == id));
            if alone {
                return Some((f64::from(zoom), MarkerKey::Pin(id)));
            }
        }
        // A cluster is drawn at the centre of its pins, which are within a few cluster radii of
        // it (each zoom merges clusters of the next one, whose radius is half as large).
        let reach = 4.0 * CLUSTER_RADIUS / (256.0 * 2f64.powi(i32::from(top))) * 360.0;
        self.clusters(around(pin, reach), top).iter().find_map(|feature| match self.describe(feature) {
            Some((key @ MarkerKey::Cluster(_), ..)) if self.cluster_holds(key, id) => Some((f64::from(top), key)),
            _ => None,
        })
    }

    fn cluster_holds(&self, key: MarkerKey, id: i64) -> bool {
        let MarkerKey::Cluster(cluster) = key else { return false };
        self.leaves(cluster, usize::MAX)
            .iter()
            .any(|leaf| matches!(self.describe(leaf), Some((MarkerKey::Pin(found), ..)) if found == id))
    }

    /// The initiative ids in a cluster, at most `limit`.
    fn cluster_ids(&self, cluster: usize, limit: usize) -> Vec<i64> {
        let mut ids: Vec<i64> = self
            .leaves(cluster, limit)
            .iter()
            .filter_map(|leaf| match self.describe(leaf) {
                Some((MarkerKey::Pin(id), ..)) => Some(id),
                _ => None,
            })
            .collect();
        ids.sort_unstable();
        ids
    }
}

/// The box of `degrees` on each side of `pin`, as supercluster takes it.
fn around(pin: &crate::domain::Pin, degrees: f64) -> [f64; 4] {
    [pin.lon - degrees, pin.lat - degrees, pin.lon + degrees, pin.lat + degrees]
}

/// A supercluster index of `pins`, clustering up to the map's highest zoom: beyond it pins at
/// one address would overlap for good, so they stay a cluster whose popup lists them.
fn cluster_index(pins: &PinSet) -> Option<Supercluster> {
    if pins.pins.is_empty() {
        return None;
    }
    let mut index = Supercluster::new(
        Supercluster::builder()
            .radius(CLUSTER_RADIUS)
            .extent(256.0)
            .min_zoom(0)
            .max_zoom(max_zoom() as u8)
            .coordinate_system(CoordinateSystem::LatLng)
            .build(),
    );
    let features = pins
        .pins
        .iter()
        .enumerate()
        .map(|(n, pin)| Feature {
            id: Some(Id::Number(n.into())),
            geometry: Some(Geometry::new(Value::Point(vec![pin.lon, pin.lat]))),
            bbox: None,
            properties: None,
            foreign_members: None,
        })
        .collect();
    if let Err(error) = index.load(features) {
        leptos::logging::error!("carte : regroupement impossible : {error}");
        return None;
    }
    Some(index)
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
            let Some(index) = &overview.index else { return };
            let zoom = index.get_cluster_expansion_zoom(cluster) as f64;
            if zoom <= max_zoom() {
                let target = marker.get_lat_lng();
                overview.map.set_view(&target, zoom);
                // The map's own `moveend` may come while we hold the map: draw now too.
                overview.redraw();
            } else {
                let ids = overview.cluster_ids(cluster, LISTED_IN_CLUSTER);
                let total = overview.leaves(cluster, usize::MAX).len();
                open_list_popup(shared, &marker, ids, total, None);
            }
        }
    }
}

/// Brings pin `id` into view, zooming as far as it takes to split its cluster, then opens its
/// popup and puts the keyboard focus on the popup's link (the list's « Voir sur la carte »).
fn show(shared: &Shared, id: i64) {
    let mut borrowed = shared.borrow_mut();
    let Some(overview) = borrowed.as_mut() else { return };
    let Some(pin) = overview.pin(id).copied() else { return };
    let Some((zoom, key)) = overview.where_to_show(id) else { return };
    let scroll = web_sys::ScrollIntoViewOptions::new();
    scroll.set_block(web_sys::ScrollLogicalPosition::Nearest);
    overview.map.get_container().scroll_into_view_with_scroll_into_view_options(&scroll);
    let at = LatLng::new(pin.lat, pin.lon);
    overview.map.set_view_with_options(&at, zoom, &options(&[("animate", false.into())]));
    overview.redraw();
    let Some(marker) = overview.drawn.get(&key).cloned() else { return };
    match key {
        MarkerKey::Pin(_) => open_pin_popup(shared, overview, &marker, id),
        MarkerKey::Cluster(cluster) => {
            let mut ids = overview.cluster_ids(cluster, LISTED_IN_CLUSTER);
            if !ids.contains(&id) {
                ids.insert(0, id);
            }
            let total = overview.leaves(cluster, usize::MAX).len();
            open_list_popup(shared, &marker, ids, total, Some(id));
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
            let (shared, marker) = (shared.clone(), marker.clone());
            leptos::task::spawn_local(async move {
                let content = match load_summaries(vec![id]).await {
                    Ok(mut found) if !found.is_empty() => {
                        let summary = found.remove(0);
                        let content = popup_content(&summary);
                        if let Some(overview) = shared.borrow_mut().as_mut() {
                            overview.summaries.insert(id, summary);
                        }
                        content
                    }
                    Ok(_) => element("p", "popup__error", "Cette initiative n'est plus publiée."),
                    Err(error) => element("p", "popup__error", &format!("Chargement impossible : {error}")),
                };
                marker.set_popup_content(&content.into());
                focus_popup_link(None);
            });
        }
    }
}

/// Opens a popup listing the initiatives `ids` of a cluster that no zoom can split; the focus
/// goes to the link of `wanted` (the initiative the list asked for), else to the first one.
fn open_list_popup(shared: &Shared, marker: &Marker, ids: Vec<i64>, total: usize, wanted: Option<i64>) {
    let popup_options = options(&[("maxWidth", 300.into()), ("autoPanPadding", pair(24.0, 24.0))]);
    marker.bind_popup_with_options(&loading_content().into(), &popup_options.into());
    marker.open_popup();
    let (shared, marker) = (shared.clone(), marker.clone());
    leptos::task::spawn_local(async move {
        let content = match load_summaries(ids).await {
            Ok(summaries) => {
                let content = list_content(&summaries, total);
                if let Some(overview) = shared.borrow_mut().as_mut() {
                    overview.learn(&summaries);
                }
                content
            }
            Err(error) => element("p", "popup__error", &format!("Chargement impossible : {error}")),
        };
        marker.set_popup_content(&content.into());
        focus_popup_link(wanted);
    });
}

fn loading_content() -> HtmlElement {
    element("p", "popup__loading", "Chargement…")
}

/// The popup of a pin, built as DOM nodes so every text stays text.
fn popup_content(pin: &InitiativeSummary) -> HtmlElement {
    let popup = element("div", "popup", "");
    let link = element("a", "popup__title", &pin.title);
    let _ = link.set_attribute("href", &pin.path);
    let _ = popup.append_child(&link);
    for (class, text) in [
        ("popup__kind", pin.kind_label.clone()),
        ("popup__place", format!("{} · bassin de {}", pin.commune_name, pin.area_name)),
        ("popup__org", pin.organisation.clone()),
    ] {
        let _ = popup.append_child(&element("p", class, &text));
    }
    if pin.charter_signed {
        let _ = popup.append_child(&element("p", "charter-badge", "Charte signée"));
    }
    if pin.to_check {
        let _ = popup.append_child(&element("p", "check-badge", TO_CHECK_LABEL));
    }
    if pin.is_demo {
        let _ = popup.append_child(&element("p", "demo-badge", "Donnée de démonstration"));
    }
    popup
}

/// The popup of a cluster at one address: its initiatives as links.
fn list_content(summaries: &[InitiativeSummary], total: usize) -> HtmlElement {
    let popup = element("div", "popup popup--list", "");
    let heading = format!("{total} initiatives à cet endroit");
    let _ = popup.append_child(&element("p", "popup__heading", &heading));
    let list = element("ul", "popup__list", "");
    for summary in summaries {
        let item = element("li", "", "");
        let link = element("a", "popup__title", &summary.title);
        let _ = link.set_attribute("href", &summary.path);
        let _ = link.set_attribute("data-id", &summary.id.to_string());
        let _ = item.append_child(&link);
        let _ = item.append_child(&element("span", "popup__kind", &format!(" — {}", summary.kind_label)));
        let _ = list.append_child(&item);
    }
    let _ = popup.append_child(&list);
    if total > summaries.len() {
        let more = format!("et {} autres : la liste, filtrée par commune, les montre toutes.", total - summaries.len());
        let _ = popup.append_child(&element("p", "popup__more", &more));
    }
    popup
}

/// Puts the keyboard focus on the open popup's link to `wanted`, else on its first link.
fn focus_popup_link(wanted: Option<i64>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let find = |selector: &str| document.query_selector(selector).ok().flatten();
    let first = ".leaflet-popup-content .popup__title";
    let link = wanted
        .and_then(|id| find(&format!("{first}[data-id=\"{id}\"]")))
        .or_else(|| find(first))
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    if let Some(link) = link {
        let _ = link.focus();
    }
}

/// Whether the keyboard focus is on one of the map's markers.
fn focus_is_on_a_marker(map: &Map) -> bool {
    let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
    active.is_some_and(|e| e.class_list().contains("leaflet-marker-icon") && map.get_container().contains(Some(&e)))
}

fn marker_icon(marker: &Marker) -> Option<HtmlElement> {
    Reflect::get(marker, &"_icon".into()).ok()?.dyn_into().ok()
}
