//! The browser entry point: hydrates the HTML the server rendered.

// The whole app's view types are nested in this crate's hydration code: the map page's list
// item outgrew the default depth (as `app` did, see its `recursion_limit`).
#![recursion_limit = "512"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
