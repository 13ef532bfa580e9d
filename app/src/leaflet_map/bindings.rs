//! The few Leaflet calls the `leaflet` crate does not bind.

use js_sys::{Array, Object, Reflect};
use leaflet::{Icon, LatLng, LatLngBounds, Layer};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `L.divIcon`: an icon made of HTML, styled by our CSS.
    #[wasm_bindgen(js_namespace = L, js_name = divIcon)]
    pub fn div_icon(options: &Object) -> Icon;

    /// `L.geoJSON(data, options)` with options as a plain object.
    #[wasm_bindgen(js_namespace = L, js_name = geoJSON)]
    pub fn geo_json(data: &JsValue, options: &Object) -> GeoJsonLayer;

    /// A GeoJSON layer (a feature group: it has bounds).
    #[wasm_bindgen(extends = Layer)]
    #[derive(Clone, Debug)]
    pub type GeoJsonLayer;

    #[wasm_bindgen(method, js_name = getBounds)]
    pub fn get_bounds(this: &GeoJsonLayer) -> Bounds;

    /// `L.LatLngBounds`, for the one method the `leaflet` crate does not bind.
    #[wasm_bindgen(extends = LatLngBounds)]
    pub type Bounds;

    #[wasm_bindgen(method, js_name = getCenter)]
    pub fn get_center(this: &Bounds) -> LatLng;
}

/// A plain JS object from key/value pairs, for Leaflet's option bags.
pub fn options(entries: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in entries {
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object
}

/// A `[x, y]` pair, as Leaflet takes sizes and anchors.
pub fn pair(x: f64, y: f64) -> JsValue {
    Array::of2(&x.into(), &y.into()).into()
}
