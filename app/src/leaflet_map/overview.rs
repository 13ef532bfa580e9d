//! The map page's map: every pin, clustered, each with a popup leading to its detail page.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::Array;
use leaflet::{Map, Marker};
use leptos::html::Div;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use super::base::{create_map, department_bounds, draw_background, element, pin_marker};
use super::bindings::{div_icon, marker_cluster_group, options, pair, MarkerCluster, MarkerClusterGroup};
use crate::domain::InitiativeSummary;
use crate::map::legend::kind_colour;

struct Overview {
    map: Map,
    cluster: MarkerClusterGroup,
    markers: HashMap<i64, Marker>,
}

/// Mounts the map into `node` once it exists in the page, keeps its pins equal to `pins`, and
/// shows the pin `focused` names.
pub fn mount(node: NodeRef<Div>, pins: Signal<Vec<InitiativeSummary>>, focused: RwSignal<Option<i64>>) {
    let overview: Rc<RefCell<Option<Overview>>> = Rc::default();
    let slot = overview.clone();
    Effect::new(move |_| {
        let Some(container) = node.get() else { return };
        match Overview::mount(&container) {
            Ok(mut mounted) => {
                mounted.show_pins(&pins.get_untracked());
                *slot.borrow_mut() = Some(mounted);
            }
            Err(error) => leptos::logging::error!("carte : {error:?}"),
        }
        let slot = SendWrapper::new(slot.clone());
        on_cleanup(move || {
            if let Some(overview) = slot.borrow_mut().take() {
                overview.map.remove();
            }
        });
    });
    let slot = overview.clone();
    Effect::new(move |_| {
        let pins = pins.get();
        if let Some(overview) = slot.borrow_mut().as_mut() {
            overview.show_pins(&pins);
        }
    });
    Effect::new(move |_| {
        if let (Some(id), Some(overview)) = (focused.get(), overview.borrow().as_ref()) {
            overview.show(id);
        }
    });
}

impl Overview {
    fn mount(container: &HtmlElement) -> Result<Overview, JsValue> {
        let map = create_map(container)?;
        map.fit_bounds(&department_bounds());
        draw_background(&map);
        let cluster = marker_cluster_group(&options(&[
            ("showCoverageOnHover", false.into()),
            ("maxClusterRadius", 45.into()),
            ("spiderfyOnMaxZoom", true.into()),
            ("iconCreateFunction", cluster_icon()),
        ]));
        map.add_layer(&cluster);
        Ok(Overview { map, cluster, markers: HashMap::new() })
    }

    /// Replaces the pins on the map by `pins` and says how many in `data-pins`.
    fn show_pins(&mut self, pins: &[InitiativeSummary]) {
        self.cluster.clear_layers();
        let layers = Array::new();
        self.markers = HashMap::with_capacity(pins.len());
        for pin in pins {
            let marker = pin_marker(pin.lat, pin.lon, &kind_colour(&pin.kind), &pin.title, true);
            marker.bind_popup_with_options(
                &popup_content(pin).into(),
                &options(&[("maxWidth", 280.into()), ("autoPanPadding", pair(24.0, 24.0))]).into(),
            );
            layers.push(&marker);
            self.markers.insert(pin.id, marker);
        }
        self.cluster.add_layers(&layers);
        let _ = self.map.get_container().set_attribute("data-pins", &pins.len().to_string());
    }

    /// Brings the pin into view (zooming into its cluster), opens its popup and focuses its link.
    fn show(&self, id: i64) {
        let Some(marker) = self.markers.get(&id) else { return };
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        self.map.get_container().scroll_into_view_with_scroll_into_view_options(&options);
        let target = marker.clone();
        let open = Closure::once_into_js(move || {
            target.open_popup();
            focus_popup_link();
        });
        self.cluster.zoom_to_show_layer(marker, open.unchecked_ref());
    }
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
    if pin.is_demo {
        let _ = popup.append_child(&element("p", "demo-badge", "Donnée de démonstration"));
    }
    popup
}

fn focus_popup_link() {
    let link = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(".leaflet-popup-content .popup__title").ok().flatten())
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    if let Some(link) = link {
        let _ = link.focus();
    }
}

/// Cluster icons show their count, and tell screen readers what activating them does.
fn cluster_icon() -> JsValue {
    Closure::<dyn Fn(MarkerCluster) -> leaflet::Icon>::new(|cluster: MarkerCluster| {
        let count = cluster.get_child_count();
        let size = match count {
            0..=9 => "small",
            10..=49 => "medium",
            _ => "large",
        };
        let html = format!(
            "<span class=\"marker-cluster__count\">{count}</span>\
             <span class=\"sr-only\"> initiatives, zoomer pour les voir</span>"
        );
        div_icon(&options(&[
            ("html", html.into()),
            ("className", format!("marker-cluster marker-cluster--{size}").into()),
            ("iconSize", pair(40.0, 40.0)),
        ]))
    })
    .into_js_value()
}
