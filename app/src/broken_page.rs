//! What a person sees when the page's code stops in the browser: most often a page's chunk that
//! could not be downloaded (`pages/mod.rs`; a lost connection on a phone), which Leptos 0.8 turns
//! into a panic, and a panic stops the whole WASM module (any trap does). Without this, links and
//! buttons would silently do nothing; with it, a notice at the top of the page says so and offers
//! a reload of the address the person was going to.

use std::cell::{Cell, RefCell};

use leptos::prelude::{document, window};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The notice's id: shown once, however many panics follow.
const NOTICE_ID: &str = "page-interrompue";

/// A link followed this long ago (ms) or less is where the person was going when the code
/// stopped: the router stops before it changes the address bar.
const RECENT_MS: f64 = 30_000.0;

thread_local! {
    /// The last link of this site followed, and when (`Date.now()`).
    static LAST_LINK: RefCell<Option<(String, f64)>> = const { RefCell::new(None) };
    /// Whether the page is being left: downloads it cuts short are no failure to report.
    static LEAVING: Cell<bool> = const { Cell::new(false) };
}

/// Remembers every link of this site a person follows (a listener that runs before the
/// router's), so that the notice can offer the page they asked for rather than the one they left;
/// and whether the page is being left.
pub fn watch_navigation() {
    let listener = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        let link = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("a[href]").ok().flatten())
            .and_then(|link| link.get_attribute("href"))
            .filter(|href| href.starts_with('/') && !href.starts_with("//"));
        if let Some(href) = link {
            LAST_LINK.with(|last| *last.borrow_mut() = Some((href, js_sys::Date::now())));
        }
    });
    let _ = window().add_event_listener_with_callback_and_bool("click", listener.as_ref().unchecked_ref(), true);
    listener.forget();
    // `pageshow` too: a page restored from the back-forward cache is not being left any more.
    for (event, leaving) in [("pagehide", true), ("pageshow", false)] {
        let listener = Closure::<dyn Fn()>::new(move || LEAVING.with(|flag| flag.set(leaving)));
        let _ = window().add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
        listener.forget();
    }
}

/// Puts the notice up when the WASM module stops. A panic stops it with a trap, which JavaScript
/// sees as a `WebAssembly.RuntimeError`, thrown where the module was called from: an uncaught
/// exception (an event listener, a microtask of `wasm-bindgen-futures`) or a rejected promise.
/// In the release build this is the only way to know: a panic there is the trap itself, no panic
/// hook runs (`-Cpanic=immediate-abort`, Makefile's `release`). Other scripts' errors (Leaflet's,
/// say) leave the page working and put nothing up.
pub fn watch_traps() {
    let is_trap = |error: &JsValue| error.is_instance_of::<js_sys::WebAssembly::RuntimeError>();
    let on_error = Closure::<dyn Fn(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
        if is_trap(&event.error()) {
            show_notice();
        }
    });
    let _ = window().add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref());
    on_error.forget();
    let on_rejection =
        Closure::<dyn Fn(web_sys::PromiseRejectionEvent)>::new(move |event: web_sys::PromiseRejectionEvent| {
            if is_trap(&event.reason()) {
                show_notice();
            }
        });
    let _ = window().add_event_listener_with_callback("unhandledrejection", on_rejection.as_ref().unchecked_ref());
    on_rejection.forget();
}

/// Puts the notice at the top of the page (from `watch_traps`, and from the panic hook of the
/// builds that have one: `frontend`), unless the
/// page is being left (its chunks cut short by the departure).
pub fn show_notice() {
    let document = document();
    if LEAVING.with(Cell::get) || document.get_element_by_id(NOTICE_ID).is_some() {
        return;
    }
    let Some(body) = document.body() else { return };
    // The page asked for if a link was just followed, else this one (`href=""`).
    let target = LAST_LINK
        .with(|last| last.borrow().clone())
        .filter(|(_, at)| js_sys::Date::now() - at <= RECENT_MS)
        .map(|(href, _)| href)
        .unwrap_or_default();
    // In the document's language (read from its address: the reactive context may be gone).
    let locale = crate::language::document_locale();
    let (broken, reload) =
        (leptos_i18n::td_string!(locale, states.broken), leptos_i18n::td_string!(locale, states.reload));
    // `rel="external"`: the router, stopped with the rest, must not be asked to follow it.
    let _ = body.insert_adjacent_html(
        "afterbegin",
        &format!(
            r#"<div id="{NOTICE_ID}" class="page-broken" role="alert">
                 <p>{broken}</p>
                 <p><a id="{NOTICE_ID}-recharger" class="button" href="" rel="external">{reload}</a></p>
               </div>"#
        ),
    );
    // Set as an attribute, never written into the markup above.
    if let Some(reload) = document.get_element_by_id(&format!("{NOTICE_ID}-recharger")) {
        let _ = reload.set_attribute("href", &target);
    }
}
