//! Helpers for the Leaflet calls the WASM makes itself.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

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
