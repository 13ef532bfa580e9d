//! Fetching the pins of a view (browser only): `/api/pins`, decoded from the compact payload.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::PinSet;

/// The pins at `path` (see `domain::pins::pins_path`), or what went wrong, in French.
pub async fn fetch_pins(path: &str) -> Result<PinSet, String> {
    // On a first visit the page's script has fetched them already, for its preview.
    if let Some(payload) = crate::leaflet_map::base::preview_pins(path) {
        if let Ok(buffer) = wasm_bindgen_futures::JsFuture::from(payload).await {
            if !buffer.is_null() {
                return PinSet::decode(&js_sys::Uint8Array::new(&buffer).to_vec()).map_err(|error| error.to_string());
            }
        }
        // It failed (a nonsense filter's 400…): ask the server, which says why.
    }
    let response =
        gloo_net::http::Request::get(path).send().await.map_err(|_| "le serveur ne répond pas".to_string())?;
    if !response.ok() {
        // Errors are `{"error": "…"}` in French (a nonsense filter is a 400).
        let message = response
            .text()
            .await
            .ok()
            .and_then(|body| serde_json::from_str::<serde_json::Value>(&body).ok())
            .and_then(|body| body.get("error").and_then(|e| e.as_str()).map(str::to_string));
        return Err(message.unwrap_or_else(|| format!("erreur {}", response.status())));
    }
    let bytes = response.binary().await.map_err(|_| "la réponse est incomplète".to_string())?;
    PinSet::decode(&bytes).map_err(|error| error.to_string())
}

/// Keeps `pins` equal to the pins at `path`: fetches each new path, and drops an answer that
/// arrives after a newer path was asked for (fast filter changes must not end on stale pins) or
/// after the page was left (leaving "/?q=…" for a detail page changes the path, then disposes
/// the signals while the fetch is still on its way).
/// `announced` changes when the server announces new published content: the same path is then
/// fetched again (the browser revalidates it; the answer's ETag has changed).
pub fn keep_loaded(
    path: Memo<String>,
    announced: Signal<Option<i64>>,
    pins: RwSignal<Option<Arc<PinSet>>>,
    status: RwSignal<Option<String>>,
) {
    // Which request is the latest: the same path fetched twice must end on the second answer.
    let latest = std::rc::Rc::new(std::cell::Cell::new(0_u64));
    Effect::new(move |_| {
        announced.track();
        let wanted = path.get();
        let request = latest.get() + 1;
        latest.set(request);
        let latest = latest.clone();
        leptos::task::spawn_local(async move {
            let result = fetch_pins(&wanted).await;
            if latest.get() != request || path.try_get_untracked().as_ref() != Some(&wanted) {
                return;
            }
            match result {
                Ok(set) => {
                    pins.set(Some(Arc::new(set)));
                    status.set(None);
                }
                Err(error) => {
                    pins.set(Some(Arc::default()));
                    status.set(Some(format!("Les épingles de la carte n'ont pas pu être chargées : {error}.")));
                }
            }
        });
    });
}
