//! Fetching the pins of a view (browser only): `/api/pins`, decoded from the compact payload.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_i18n::td_string;

use crate::domain::PinSet;
use crate::language::{use_locale, Locale};

/// A text of the page's language, for what this module says outside any component.
fn say(text: impl Fn(Locale) -> &'static str) -> String {
    text(use_locale()).to_string()
}

/// The pins at `path` (see `domain::pins::pins_path`), or what went wrong (the server's own
/// message in French). For the pins the map shows (`for_the_map`), the clustering worker fetches
/// them once it is up, and indexes a large view's pins from the payload as it arrives
/// (`carte28.fetchedPins`).
pub async fn fetch_pins(path: &str, for_the_map: bool) -> Result<PinSet, String> {
    // The page's script may have them on their way: on a first visit for its preview, later
    // in the clustering worker.
    if let Some(payload) = crate::leaflet_map::base::fetched_pins(path, for_the_map) {
        if let Ok(buffer) = wasm_bindgen_futures::JsFuture::from(payload).await {
            if !buffer.is_null() {
                return PinSet::decode(&js_sys::Uint8Array::new(&buffer).to_vec()).map_err(|error| error.to_string());
            }
        }
        // It failed (a nonsense filter's 400…): ask the server, which says why.
    }
    let response =
        gloo_net::http::Request::get(path).send().await.map_err(|_| say(|l| td_string!(l, map.server_silent)))?;
    if !response.ok() {
        // Errors are `{"error": "…"}` in French (a nonsense filter is a 400): the browser's own
        // JSON reader, and the one field taken (no serde reader of JSON in the WASM: wire.rs).
        let message = response
            .text()
            .await
            .ok()
            .and_then(|body| js_sys::JSON::parse(&body).ok())
            .and_then(|answer| js_sys::Reflect::get(&answer, &"error".into()).ok())
            .and_then(|error| error.as_string());
        return Err(message.unwrap_or_else(|| format!("erreur {}", response.status())));
    }
    let bytes = response.binary().await.map_err(|_| say(|l| td_string!(l, map.incomplete)))?;
    PinSet::decode(&bytes).map_err(|error| error.to_string())
}

/// The pin sets this page fetched last, by path, for as long as nothing new was announced and
/// for a few minutes at most (a pin turns « à vérifier » with time alone): going back to a view
/// — unticking the box just ticked, the back button — shows its pins again at once, the very
/// same set, whose clusters the map kept (leaflet_map/overview.rs). Two views: 50 000 pins are
/// about 2 MB decoded, and the map keeps the clusters of two.
const KEPT_VIEWS: usize = 2;
const KEPT_FOR_MS: f64 = 5.0 * 60.0 * 1000.0;

struct KeptPins {
    path: String,
    pins: Arc<PinSet>,
    fetched_at: f64,
}

/// Keeps `pins` equal to the pins at `path`: fetches each new path (or takes it from the last
/// views' sets), and drops an answer that arrives after a newer path was asked for (fast filter
/// changes must not end on stale pins) or after the page was left (leaving "/?q=…" for a detail
/// page changes the path, then disposes the signals while the fetch is still on its way).
/// `announced` changes when the server announces new published content: the same path is then
/// fetched again (the browser revalidates it; the answer's ETag has changed), and no kept set
/// is used again.
pub fn keep_loaded(
    path: Memo<String>,
    announced: Signal<Option<i64>>,
    pins: RwSignal<Option<Arc<PinSet>>>,
    status: RwSignal<Option<String>>,
) {
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;

    // Which request is the latest: the same path fetched twice must end on the second answer.
    let latest = Rc::new(Cell::new(0_u64));
    let kept = Rc::new(RefCell::new(Vec::<KeptPins>::new()));
    let announced_before = Rc::new(Cell::new(None::<i64>));
    let locale = use_locale();
    Effect::new(move |_| {
        let announcement = announced.get();
        let wanted = path.get();
        let request = latest.get() + 1;
        latest.set(request);
        let now = js_sys::Date::now();
        if announced_before.replace(announcement) != announcement {
            kept.borrow_mut().clear();
        }
        kept.borrow_mut().retain(|set| now - set.fetched_at < KEPT_FOR_MS);
        let known = kept.borrow().iter().find(|set| set.path == wanted).map(|set| set.pins.clone());
        if let Some(known) = known {
            pins.set(Some(known));
            status.set(None);
            return;
        }
        let latest = latest.clone();
        let kept = kept.clone();
        leptos::task::spawn_local(async move {
            let result = fetch_pins(&wanted, true).await;
            if latest.get() != request || path.try_get_untracked().as_ref() != Some(&wanted) {
                return;
            }
            match result {
                Ok(set) => {
                    let set = Arc::new(set);
                    let mut kept = kept.borrow_mut();
                    kept.retain(|known| known.path != wanted);
                    kept.push(KeptPins { path: wanted, pins: set.clone(), fetched_at: now });
                    if kept.len() > KEPT_VIEWS {
                        kept.remove(0);
                    }
                    drop(kept);
                    pins.set(Some(set));
                    status.set(None);
                }
                Err(error) => {
                    pins.set(Some(Arc::default()));
                    status.set(Some(td_string!(locale, map.pins_failed, error = error).to_string()));
                }
            }
        });
    });
}
