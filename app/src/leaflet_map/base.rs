//! A Leaflet map framed on Eure-et-Loir, and its background: tiles when configured, otherwise the
//! outlines of the communes and the four areas, drawn from local files so the map reads offline.

use js_sys::{Function, Reflect};
use leaflet::{LatLng, LatLngBounds, Map, MapOptions, Marker, TileLayer, TileLayerOptions, Zoom, ZoomOptions};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlElement;

use super::bindings::{div_icon, geo_json, options, pair};
use crate::domain::geography::{DEPARTMENT_EAST, DEPARTMENT_NORTH, DEPARTMENT_SOUTH, DEPARTMENT_WEST};

/// The département's extent, to frame the map on.
pub fn department_bounds() -> LatLngBounds {
    LatLngBounds::new(
        &LatLng::new(DEPARTMENT_SOUTH, DEPARTMENT_WEST),
        &LatLng::new(DEPARTMENT_NORTH, DEPARTMENT_EAST),
    )
}

/// A new map inside `element`, its controls labelled in French, with a plain-text Leaflet
/// credit (no flag image).
pub fn create_map(element: &HtmlElement) -> Result<Map, JsValue> {
    let map_options: MapOptions = options(&[
        ("minZoom", 7.into()),
        ("maxZoom", max_zoom().into()),
        ("zoomSnap", 0.25.into()),
        ("zoomControl", false.into()),
    ])
    .unchecked_into();
    let map = Map::new_with_element(element, &map_options)?;
    let mut zoom = ZoomOptions::new();
    zoom.set_zoom_in_title("Zoomer");
    zoom.set_zoom_out_title("Dézoomer");
    map.add_control(&Zoom::new(&zoom));
    let attribution = Reflect::get(&map, &"attributionControl".into())?;
    call(&attribution, "setPrefix", &JsValue::from_str("<a href=\"https://leafletjs.com\">Leaflet</a>"))?;
    // Leaflet labels its popups' close button in English.
    let container = element.clone();
    let label_close_button = Closure::<dyn Fn()>::new(move || {
        if let Ok(Some(button)) = container.query_selector(".leaflet-popup-close-button") {
            let _ = button.set_attribute("aria-label", "Fermer");
            let _ = button.set_attribute("title", "Fermer");
        }
    });
    map.on("popupopen", &label_close_button.into_js_value());
    follow_container_size(element, &map)?;
    Ok(map)
}

/// Tells Leaflet its container's size once it has one. A map created in a page the router is
/// still assembling measures a container of 0 × 0, and would then turn clicks into wrong
/// positions and draw only a corner. Later changes are left alone: Leaflet follows the window
/// itself, and re-measuring on every layout shift would redraw the markers under the pointer.
fn follow_container_size(element: &HtmlElement, map: &Map) -> Result<(), JsValue> {
    let resized = map.clone();
    let callback = Closure::<dyn Fn()>::new(move || {
        let size = call(&resized, "getSize", &JsValue::UNDEFINED).ok();
        let measured = |axis: &str| {
            size.as_ref().and_then(|s| Reflect::get(s, &axis.into()).ok()).and_then(|v| v.as_f64()).unwrap_or(0.0)
        };
        if measured("x") == 0.0 || measured("y") == 0.0 {
            resized.invalidate_size(false);
        }
    });
    let observer = web_sys::ResizeObserver::new(callback.into_js_value().unchecked_ref())?;
    observer.observe(element);
    // Removing the map (leaving the page) ends the watch.
    let disconnect = Closure::<dyn Fn()>::new(move || observer.disconnect());
    map.on("unload", &disconnect.into_js_value());
    Ok(())
}

/// The map's highest zoom. Without tiles, zooming past the scale of a town shows nothing but a
/// blank page.
pub fn max_zoom() -> f64 {
    if tile_settings().0.is_empty() {
        13.0
    } else {
        18.0
    }
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

/// A marker drawn as a pin of the given CSS colour.
pub fn pin_marker(lat: f64, lon: f64, colour: &str, title: &str, interactive: bool) -> Marker {
    styled_pin_marker(lat, lon, colour, title, interactive, "pin")
}

/// A pin « à vérifier » (unconfirmed for 12 months): the same pin, dashed, and said so in its name.
pub fn to_check_pin_marker(lat: f64, lon: f64, colour: &str, title: &str) -> Marker {
    styled_pin_marker(lat, lon, colour, &format!("{title} (à vérifier)"), true, "pin pin--a-verifier")
}

fn styled_pin_marker(lat: f64, lon: f64, colour: &str, title: &str, interactive: bool, class: &str) -> Marker {
    let body = element("span", "pin__body", "");
    let _ = body.set_attribute("style", &format!("--pin-colour: {colour}"));
    let icon = div_icon(&options(&[
        ("className", class.into()),
        ("html", body.into()),
        ("iconSize", pair(28.0, 36.0)),
        ("iconAnchor", pair(14.0, 36.0)),
        ("popupAnchor", pair(0.0, -32.0)),
    ]));
    let marker_options = options(&[
        ("icon", icon.into()),
        ("title", title.into()),
        ("keyboard", interactive.into()),
        ("interactive", interactive.into()),
        ("riseOnHover", true.into()),
    ]);
    Marker::new_with_options(&LatLng::new(lat, lon), marker_options.unchecked_ref())
}

/// The tile URL and attribution the server wrote into the page's `<meta>` tags.
fn tile_settings() -> (String, String) {
    let read = |name: &str| {
        document()
            .query_selector(&format!("meta[name=\"{name}\"]"))
            .ok()
            .flatten()
            .and_then(|meta| meta.get_attribute("content"))
            .unwrap_or_default()
    };
    (read("carte-tile-url"), read("carte-tile-attribution"))
}

/// Tiles if configured; the commune outlines if not; the four areas with their names always.
pub fn draw_background(map: &Map) {
    let (tile_url, attribution) = tile_settings();
    let with_tiles = !tile_url.is_empty();
    if with_tiles {
        let tile_options: TileLayerOptions =
            options(&[("attribution", attribution.into()), ("maxZoom", 19.into())]).unchecked_into();
        TileLayer::new_options(&tile_url, &tile_options).add_to(map);
    }
    let areas_map = map.clone();
    wasm_bindgen_futures::spawn_local(async move {
        if let Some(areas) = fetch_json("/data/bassins28.geojson").await {
            draw_areas(&areas_map, &areas, with_tiles);
        }
    });
    if !with_tiles {
        let communes_map = map.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if let Some(communes) = fetch_json("/data/communes28.geojson").await {
                let style = options(&[("color", "#8f9aa6".into()), ("weight", 0.6.into()), ("fill", false.into())]);
                let layer = geo_json(&communes, &options(&[("style", style.into()), ("interactive", false.into())]));
                layer.add_to(&communes_map);
                // Communes go under the areas' outlines whichever file arrived first.
                let _ = call(&layer, "bringToBack", &JsValue::UNDEFINED);
            }
        });
    }
}

/// Each area's outline, lightly filled when there are no tiles, and its name at its centre.
fn draw_areas(map: &Map, areas: &JsValue, with_tiles: bool) {
    let Ok(features) = Reflect::get(areas, &"features".into()).and_then(|f| f.dyn_into::<js_sys::Array>()) else {
        return;
    };
    for feature in features.iter() {
        let style = options(&[
            ("color", "#1d4e89".into()),
            ("weight", 2.5.into()),
            ("fillColor", "#dbe6f2".into()),
            ("fillOpacity", (if with_tiles { 0.0 } else { 0.45 }).into()),
        ]);
        let layer = geo_json(&feature, &options(&[("style", style.into()), ("interactive", false.into())]));
        layer.add_to(map);
        let name = Reflect::get(&feature, &"properties".into())
            .and_then(|p| Reflect::get(&p, &"bassin".into()))
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_default();
        let label = div_icon(&options(&[
            ("className", "area-label".into()),
            ("html", element("span", "area-label__text", &name).into()),
            ("iconSize", JsValue::NULL),
        ]));
        let label_options =
            options(&[("icon", label.into()), ("interactive", false.into()), ("keyboard", false.into())]);
        let center = layer.get_bounds().get_center();
        Marker::new_with_options(&center, label_options.unchecked_ref()).add_to(map);
    }
}

/// GETs a JSON file and parses it with the browser's own parser (no copy through Rust types).
pub async fn fetch_json(url: &str) -> Option<JsValue> {
    let response = gloo_net::http::Request::get(url).send().await.ok()?;
    if !response.ok() {
        leptos::logging::error!("carte : {url} a répondu {}", response.status());
        return None;
    }
    js_sys::JSON::parse(&response.text().await.ok()?).ok()
}
