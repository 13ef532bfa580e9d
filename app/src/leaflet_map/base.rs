//! The maps' common parts. What a map is made of — its frame on Eure-et-Loir, its background
//! (tiles when configured, otherwise the outlines of the communes and the four areas, from local
//! files so the map reads offline), pins and clusters — lives in `public/carte28.js`, which also
//! draws the map page's pins before the WASM arrives: one look, whichever side draws. This
//! module binds it, and keeps the small helpers the WASM's maps share.

use js_sys::{Function, Reflect};
use leaflet::{Map, Marker};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

#[wasm_bindgen]
extern "C" {
    /// A new map inside `element`, its controls labelled in French, with a plain-text Leaflet
    /// credit; it follows its container's first real size.
    #[wasm_bindgen(catch, js_namespace = carte28, js_name = newMap)]
    pub fn create_map(element: &HtmlElement) -> Result<Map, JsValue>;

    /// Logs a failure of Leaflet or `carte28.js` in the browser's console, with the browser's own
    /// error object (its message and stack): the release WASM formats no `Debug` text
    /// (`-Zfmt-debug=none`, Makefile), so `{error:?}` would log nothing.
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    pub fn log_error(context: &str, error: &JsValue);

    /// Frames `map` on the whole département.
    #[wasm_bindgen(js_namespace = carte28, js_name = showDepartment)]
    pub fn show_department(map: &Map);

    /// Tiles if configured; the commune outlines if not; the four areas with their names always.
    #[wasm_bindgen(js_namespace = carte28, js_name = drawBackground)]
    pub fn draw_background(map: &Map);

    /// The map's highest zoom. Without tiles, zooming past the scale of a town shows nothing
    /// but a blank page.
    #[wasm_bindgen(js_namespace = carte28, js_name = maxZoom)]
    pub fn max_zoom() -> f64;

    /// A marker drawn as a pin of the given CSS colour; one « à vérifier » (unconfirmed for 12
    /// months) is dashed, and says so in its name.
    #[wasm_bindgen(js_namespace = carte28, js_name = pinMarker)]
    pub fn pin_marker(lat: f64, lon: f64, colour: &str, title: &str, interactive: bool, to_check: bool) -> Marker;

    /// A cluster: its count, and for screen readers what activating it does.
    #[wasm_bindgen(js_namespace = carte28, js_name = clusterMarker)]
    pub fn cluster_marker(lat: f64, lng: f64, count: u32, interactive: bool) -> Marker;

    /// The map the page's script drew in `element` before the WASM arrived (the map page's
    /// preview), for the WASM to adopt; `None` when there is none.
    #[wasm_bindgen(js_namespace = carte28, js_name = adoptPreview)]
    pub fn adopt_preview(element: &HtmlElement) -> Option<Map>;

    /// The `/api/pins` answer at `path` when the page's script has it on its way (a promise of
    /// an `ArrayBuffer`, or of null if it failed): the preview's, handed once, or, for the map's
    /// pins (`for_the_map`), the clustering worker's once it is up, which indexes a large view's
    /// pins from the payload as it arrives; `None` otherwise, and the WASM fetches it.
    #[wasm_bindgen(js_namespace = carte28, js_name = fetchedPins)]
    pub fn fetched_pins(path: &str, for_the_map: bool) -> Option<js_sys::Promise>;

    /// Removes the preview's markers: the WASM's are drawn (or the page is left).
    #[wasm_bindgen(js_namespace = carte28, js_name = endPreview)]
    pub fn end_preview();
}

/// Calls `handler` on each `event` of a Leaflet object, for the life of the page (the closure
/// is handed over to JavaScript).
pub fn on(target: &JsValue, event: &str, handler: Closure<dyn Fn(JsValue)>) -> Result<(), JsValue> {
    let method: Function = Reflect::get(target, &"on".into())?.dyn_into()?;
    method.call2(target, &event.into(), &handler.into_js_value())?;
    Ok(())
}

/// Calls `target[name](argument)`.
pub fn call(target: &JsValue, name: &str, argument: &JsValue) -> Result<JsValue, JsValue> {
    let method: Function = Reflect::get(target, &name.into())?.dyn_into()?;
    method.call1(target, argument)
}

/// A `<tag class=…>` element holding `text` (always as text, never parsed as HTML).
pub fn element(tag: &str, class: &str, text: &str) -> HtmlElement {
    let element: HtmlElement = document().create_element(tag).expect("valid tag name").unchecked_into();
    element.set_class_name(class);
    if !text.is_empty() {
        element.set_text_content(Some(text));
    }
    element
}

fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("a browser document")
}
