//! The initiative form's map: the holder places the pin by clicking or dragging it. The pin and
//! the form's latitude/longitude fields stay in step both ways, so the fields (keyboard, screen
//! readers) and the map (pointer) are two ways to do the same thing.

use std::cell::RefCell;
use std::rc::Rc;

use leaflet::{LatLng, Map, Marker};
use leptos::html::Div;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::base::{call, create_map, draw_background, log_error, on, pin_marker, show_department};
use super::bindings::options;
use crate::domain::initiative_form::parse_coordinate;

/// The zoom the map jumps to once the pin has a position: a town's streets.
const PLACING_ZOOM: f64 = 12.0;

/// The pin's position as the fields hold it, when both are numbers.
fn typed_position(lat: RwSignal<String>, lon: RwSignal<String>) -> Option<(f64, f64)> {
    Some((parse_coordinate(&lat.get())?, parse_coordinate(&lon.get())?))
}

/// Writes a position into the fields, with the six decimals the saved form shows.
fn write_position(lat: RwSignal<String>, lon: RwSignal<String>, at: &LatLng) {
    lat.set(format!("{:.6}", at.lat()));
    lon.set(format!("{:.6}", at.lng()));
}

/// Mounts the picker into `node` once it exists: clicks and drags write `lat`/`lon`; typing in
/// them moves the pin.
pub fn mount(node: NodeRef<Div>, lat: RwSignal<String>, lon: RwSignal<String>, pin_title: String) {
    Effect::new(move |_| {
        let Some(container) = node.get() else { return };
        let map = match create_map(&container) {
            Ok(map) => map,
            Err(error) => return log_error("carte :", &error),
        };
        show_department(&map);
        draw_background(&map);
        let marker: Rc<RefCell<Option<Marker>>> = Rc::default();
        let click = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
            if let Ok(at) = js_sys::Reflect::get(&event, &"latlng".into()) {
                write_position(lat, lon, at.unchecked_ref());
            }
        });
        let _ = on(&map, "click", click);
        let _ = container.set_attribute("data-ready", "true");
        // The pin follows the fields (typed, picked from a commune, or written by a click).
        let (effect_map, effect_marker, pin_title) = (map.clone(), marker.clone(), pin_title.clone());
        Effect::new(move |_| {
            let Some((lat_value, lon_value)) = typed_position(lat, lon) else { return };
            let at = LatLng::new(lat_value, lon_value);
            let mut marker = effect_marker.borrow_mut();
            match marker.as_ref() {
                Some(existing) => existing.set_lat_lng(&at),
                None => *marker = Some(new_pin(&effect_map, &at, lat, lon, &pin_title)),
            }
            // Close enough to place the pin to the street, then follow it without zooming. No
            // animation: leaving the page mid-animation makes Leaflet fail on a removed map.
            let zoom = effect_map.get_zoom().max(PLACING_ZOOM);
            effect_map.set_view_with_options(&at, zoom, &options(&[("animate", false.into())]));
        });
        let map = SendWrapper::new(map);
        on_cleanup(move || {
            map.remove();
        });
    });
}

/// The draggable pin; a drag writes its end position into the fields.
fn new_pin(map: &Map, at: &LatLng, lat: RwSignal<String>, lon: RwSignal<String>, title: &str) -> Marker {
    let marker = pin_marker(at.lat(), at.lng(), "#1d4e89", title, true, false);
    marker.add_to(map);
    if let Ok(dragging) = js_sys::Reflect::get(&marker, &"dragging".into()) {
        let _ = call(&dragging, "enable", &JsValue::UNDEFINED);
    }
    let dragged = marker.clone();
    let dragend = Closure::<dyn Fn(JsValue)>::new(move |_| write_position(lat, lon, &dragged.get_lat_lng()));
    let _ = on(&marker, "dragend", dragend);
    marker
}
