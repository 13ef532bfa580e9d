//! The few Leaflet calls the `leaflet` crate does not bind, and the markercluster plugin.

use js_sys::{Array, Function, Object, Reflect};
use leaflet::{Icon, LatLng, LatLngBounds, Layer, Marker};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `L.divIcon`: an icon made of HTML, styled by our CSS.
    #[wasm_bindgen(js_namespace = L, js_name = divIcon)]
    pub fn div_icon(options: &Object) -> Icon;

    /// A leaflet.markercluster group.
    #[wasm_bindgen(extends = Layer)]
    #[derive(Clone, Debug)]
    pub type MarkerClusterGroup;

    #[wasm_bindgen(js_namespace = L, js_name = markerClusterGroup)]
    pub fn marker_cluster_group(options: &Object) -> MarkerClusterGroup;

    /// Adds many markers at once (one clustering pass instead of one per marker).
    #[wasm_bindgen(method, js_name = addLayers)]
    pub fn add_layers(this: &MarkerClusterGroup, layers: &Array);

    /// Removes every marker.
    #[wasm_bindgen(method, js_name = clearLayers)]
    pub fn clear_layers(this: &MarkerClusterGroup);

    /// Zooms and spiderfies until `marker` is visible, then calls `callback`.
    #[wasm_bindgen(method, js_name = zoomToShowLayer)]
    pub fn zoom_to_show_layer(this: &MarkerClusterGroup, marker: &Marker, callback: &Function);

    /// The cluster handed to `iconCreateFunction`.
    pub type MarkerCluster;

    #[wasm_bindgen(method, js_name = getChildCount)]
    pub fn get_child_count(this: &MarkerCluster) -> u32;

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
