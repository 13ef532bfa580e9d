//! The small maps of a detail page (the initiative's pin in its area) and of a holder's page
//! (each of its published initiatives): pins only, not interactive — the page's words say the
//! same (the address, the list).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leaflet::{LatLng, LatLngBounds, Map};
use leptos::html::Div;
use leptos::prelude::*;
use send_wrapper::SendWrapper;

use super::base::{create_map, draw_background, log_error, on, pin_marker};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsValue;

/// One pin of a small map.
#[derive(Clone, Debug)]
pub struct SmallPin {
    pub lat: f64,
    pub lon: f64,
    pub colour: String,
    pub title: String,
}

/// The zoom of a small map on one pin, and the closest it goes to frame several: a town and its
/// surroundings.
const CLOSE_ZOOM: f64 = 12.0;

/// Mounts a small map showing `pins` into `node` once it exists in the page: on the pin when
/// there is one, framing them all otherwise.
pub fn mount(node: NodeRef<Div>, pins: Vec<SmallPin>) {
    Effect::new(move |_| {
        let Some(container) = node.get() else { return };
        let map: Rc<RefCell<Option<Map>>> = Rc::default();
        match create_map(&container) {
            Ok(created) => {
                frame_when_sized(&created, pins.clone());
                draw_background(&created);
                for pin in &pins {
                    pin_marker(pin.lat, pin.lon, &pin.colour, &pin.title, false, false).add_to(&created);
                }
                let _ = container.set_attribute("data-pins", &pins.len().to_string());
                *map.borrow_mut() = Some(created);
            }
            Err(error) => log_error("carte :", &error),
        }
        let map = SendWrapper::new(map);
        on_cleanup(move || {
            if let Some(map) = map.borrow_mut().take() {
                map.remove();
            }
        });
    });
}

/// Frames `pins` now, and again when the map first gets a real size: a map created in a page the
/// router is still assembling measures 0 × 0, where Leaflet would frame the whole département
/// (`carte28.js` tells Leaflet the real size once there is one, which fires `resize`).
fn frame_when_sized(map: &Map, pins: Vec<SmallPin>) {
    frame(map, &pins);
    let framed = Rc::new(Cell::new(has_size(map)));
    let sized = map.clone();
    let handler = Closure::<dyn Fn(JsValue)>::new(move |_| {
        if !framed.get() && has_size(&sized) {
            framed.set(true);
            frame(&sized, &pins);
        }
    });
    if let Err(error) = on(map.as_ref(), "resize", handler) {
        log_error("carte :", &error);
    }
}

fn has_size(map: &Map) -> bool {
    let size = map.get_size();
    size.x() > 0.0 && size.y() > 0.0
}

/// The pin at [`CLOSE_ZOOM`], or every pin with a margin for their icons, no closer than it.
fn frame(map: &Map, pins: &[SmallPin]) {
    let Some(first) = pins.first() else { return };
    let corner = LatLng::new(first.lat, first.lon);
    if pins.len() == 1 {
        map.set_view(&corner, CLOSE_ZOOM);
        return;
    }
    let bounds = LatLngBounds::new(&corner, &corner);
    for pin in &pins[1..] {
        bounds.extend(&LatLng::new(pin.lat, pin.lon));
    }
    let options = js_sys::Object::new();
    let padding = js_sys::Array::of2(&JsValue::from(40), &JsValue::from(40));
    let _ = js_sys::Reflect::set(&options, &"padding".into(), &padding);
    let _ = js_sys::Reflect::set(&options, &"maxZoom".into(), &JsValue::from(CLOSE_ZOOM));
    map.fit_bounds_with_options(&bounds, &options);
}
