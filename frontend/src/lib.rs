//! The browser entry point: hydrates the HTML the server rendered.

// The whole app's view types are nested in this crate's hydration code: the map page's list
// item outgrew the default depth (as `app` did, see its `recursion_limit`).
#![recursion_limit = "512"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // A notice in the page when the module stops: a page's chunk that failed to download (a
    // panic in Leptos 0.8) stops the whole module (app/src/broken_page.rs). The release build's
    // panics are bare traps (Makefile's `release`), caught where they surface; no hook would
    // ever run there, so only debug builds set one, for the panic's message in the console.
    #[cfg(debug_assertions)]
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        app::broken_page::show_notice();
    }));
    app::broken_page::watch_traps();
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

/// Room for the split build to lay the map's read-only data out again, never sent to anyone.
///
/// `cargo leptos build --split` (wasm-split) moves each page's data into the page's chunk: it
/// lays the linker's read-only data segment out again, module by module, each module's share
/// starting aligned. When that layout comes out even a few bytes longer than the linker's, it
/// gives up and leaves **all** of the segment in the main file: every page's texts then travel
/// with the map (first visit 433 kB instead of 398 kB: `first-visit.spec.ts` fails). Whether it
/// does depends on how the linker happened to order the data, which changes with the checkout's
/// path (a clean clone in `/tmp/tmp.1Lhq…` failed where `/work/main` passed, the same code).
/// These bytes, used by no code, lengthen the linker's segment without being in anyone's share,
/// so the new layout always fits; wasm-split then writes them into no file (bench/RESULTS.md,
/// twelfth session). `#[used]` keeps them through the linker's garbage collection.
#[used]
static SPLIT_DATA_SLACK: [u8; 16 * 1024] = [0x5a; 16 * 1024];
