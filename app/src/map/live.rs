//! Following `/api/events` (browser only): the server announces each new published revision; the
//! map page then fetches its pins again. The browser's `EventSource` reconnects by itself after
//! a dropped connection (sending the last revision it saw); when the server answered with an
//! error instead (it caps open streams: 429/503), it gives up: the page then asks
//! `/api/revision` once, and opens a new stream a little later — polling, while refused.

use crate::wire::WireResource;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::domain::MapData;
use crate::error::AppError;

/// Wait before opening a new stream after the browser gave up on one.
const REOPEN_AFTER_MS: i32 = 15_000;

/// The stream the page listens to and its handlers, dropped with it (a stream the browser gave
/// up on is replaced, its handlers freed), closed when the page is left.
struct Stream {
    source: web_sys::EventSource,
    _on_published: Closure<dyn Fn(web_sys::MessageEvent)>,
    _on_error: Closure<dyn Fn()>,
}

type Current = StoredValue<Option<Stream>, LocalStorage>;

/// Once the page's first view is read, listens to the server and sets `announced` to each
/// published revision later than what the page has seen.
pub fn follow(data: WireResource<Result<MapData, AppError>>, announced: RwSignal<Option<i64>>) {
    let current: Current = StoredValue::new_local(None);
    on_cleanup(move || {
        if let Some(Some(stream)) = current.try_update_value(Option::take) {
            stream.source.close();
        }
    });
    Effect::new(move |_| {
        let Some(Ok(read_at)) = data.get().map(|d| d.map(|d| d.published_revision)) else { return };
        if current.with_value(Option::is_none) {
            open(read_at, announced, current);
        }
    });
}

/// Opens a stream that announces revisions after `since`; reopens it if the browser gives up.
fn open(since: i64, announced: RwSignal<Option<i64>>, current: Current) {
    let Ok(source) = web_sys::EventSource::new(&format!("/api/events?depuis={since}")) else { return };
    let on_published = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let Some(revision) = event.data().as_string().and_then(|d| d.parse::<i64>().ok()) else { return };
        announce(announced, revision);
    });
    let _ = source.add_event_listener_with_callback("published", on_published.as_ref().unchecked_ref());
    let reopening = source.clone();
    let on_error = Closure::<dyn Fn()>::new(move || {
        if reopening.ready_state() != web_sys::EventSource::CLOSED {
            return; // the browser is reconnecting by itself
        }
        let Some(seen) = announced.try_get_untracked() else { return };
        let since = seen.unwrap_or(since);
        // Refused a stream: ask once what changed meanwhile.
        leptos::task::spawn_local(async move {
            if let Some(revision) = current_revision().await {
                announce(announced, revision);
            }
        });
        let reopen = Closure::once_into_js(move || {
            // Not if the page was left meanwhile.
            if current.try_with_value(|_| ()).is_some() {
                open(since, announced, current);
            }
        });
        if let Some(window) = web_sys::window() {
            let _ =
                window.set_timeout_with_callback_and_timeout_and_arguments_0(reopen.unchecked_ref(), REOPEN_AFTER_MS);
        }
    });
    source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    current.set_value(Some(Stream { source, _on_published: on_published, _on_error: on_error }));
}

/// Sets `announced` to `revision` if it is later than what the page has seen.
fn announce(announced: RwSignal<Option<i64>>, revision: i64) {
    // The page may have been left: its signals are gone, and so is the need to listen.
    let _ = announced.try_update(|seen| {
        if seen.is_none_or(|seen| revision > seen) {
            *seen = Some(revision);
        }
    });
}

/// The published revision now (`/api/revision`), if the server answers.
async fn current_revision() -> Option<i64> {
    let response = gloo_net::http::Request::get("/api/revision").send().await.ok()?;
    response.ok().then_some(())?;
    response.text().await.ok()?.trim().parse().ok()
}
