//! The browser entry point: hydrates the HTML the server rendered.

// The whole app's view types are nested in this crate's hydration code: the map page's list
// item outgrew the default depth (as `app` did, see its `recursion_limit`).
#![recursion_limit = "512"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // The panic's message in the console, and a notice in the page: a page's chunk that failed
    // to download (a panic in Leptos 0.8) stops the whole module (app/src/broken_page.rs).
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        app::broken_page::show_notice();
    }));
    app::broken_page::watch_navigation();
    app::pages::preload_initiative_page_on_intent();
    // `hydrate_lazy`, awaited: a page of its own chunk (app/src/pages/mod.rs) is downloaded before
    // the server's HTML is taken over. Only then `<body data-hydrated="true">` tells tests and
    // styles that the page is live — its buttons answer and its forms no longer post natively.
    wasm_bindgen_futures::spawn_local(async {
        let body = leptos::prelude::document().body().expect("a page has a body");
        leptos::mount::hydrate_from_async(body.clone(), app::App).await.forget();
        let _ = body.set_attribute("data-hydrated", "true");
    });
}
