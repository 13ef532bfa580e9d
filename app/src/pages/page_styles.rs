//! The stylesheet of every page but the map (`public/pages.css`): an initiative's page, the forms,
//! the holders' and animators' pages… The map's first visit, most citizens' only one, does not
//! download it (`end2end/tests/first-visit.spec.ts` counts what `/` loads), and a page that
//! needs it never shows unstyled:
//! - opened directly, its head links it (`layout::shell`), and the browser paints nothing before
//!   it has it;
//! - reached in the browser (from the map, say), its lazy route waits for it as it waits for
//!   its chunk, both downloading at once (`StyledPage`), so the router swaps the map for a page
//!   already styled.
//!
//! Once in the document the sheet stays: the map uses none of its classes.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos_router::LazyRoute;

/// Where the sheet is served, and its element's id in the head.
pub const HREF: &str = "/pages.css";
pub const ID: &str = "pages-css";

/// A page (`#[lazy_route]`: its own chunk) with the pages' stylesheet: its view is ready once
/// both its chunk and the sheet are (`site_routes` declares every lazy page through it).
pub struct StyledPage<R>(R);

// Not `async fn`s: the waiting is in `styled`, compiled once rather than once for each of the
// 32 pages (as `async fn`s it weighed 19 KiB more in the main WASM, raw).
impl<R: LazyRoute + Sync> LazyRoute for StyledPage<R> {
    fn data() -> Self {
        StyledPage(R::data())
    }

    fn view(this: Self) -> impl Future<Output = AnyView> {
        styled(Box::pin(R::view(this.0)))
    }

    fn preload() -> impl Future<Output = ()> {
        // Starts the sheet's download beside the chunk's; the page's view waits for both.
        #[cfg(feature = "hydrate")]
        let _ = browser::loaded();
        R::preload()
    }
}

/// The page's view once the sheet is there too.
async fn styled(view: Pin<Box<dyn Future<Output = AnyView>>>) -> AnyView {
    #[cfg(feature = "hydrate")]
    let styles = browser::loaded();
    let view = view.await;
    #[cfg(feature = "hydrate")]
    if let Some(styles) = styles {
        let _ = styles.await;
    }
    view
}

/// Whether the page being rendered links the sheet from its head (`layout::shell`): on the
/// server, every page but the map (a lazy route, or the 404 page the router falls back to); in
/// the browser, the head is never rendered again.
pub fn linked_by_server() -> bool {
    #[cfg(feature = "ssr")]
    {
        use_context::<axum::http::request::Parts>()
            .is_some_and(|parts| crate::language::unprefixed(parts.uri.path()) != "/")
    }
    #[cfg(not(feature = "ssr"))]
    false
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::OnceCell;

    use js_sys::Promise;
    use leptos::prelude::document;
    use wasm_bindgen_futures::JsFuture;

    thread_local! {
        /// Once asked for: settles once the sheet is usable; none if the page came with it.
        static LOADED: OnceCell<Option<Promise>> = const { OnceCell::new() };
    }

    /// Starts the sheet's download if no one has, and answers a future that resolves once it
    /// is loaded, or failed to load: a page without its styles is still a page, and a sheet
    /// that failed must not hold every later navigation. None if the page came with the sheet:
    /// nothing to wait for, and hydration must not wait either. A page opened directly hydrates
    /// without yielding to the browser between its lazy route's view and its hydration (its
    /// chunk is already loaded); a wait there, even for a settled promise, lets other tasks
    /// create resources first, which then take the ids the server gave the page's own.
    pub fn loaded() -> Option<JsFuture> {
        LOADED.with(|loaded| loaded.get_or_init(add_link).clone()).map(JsFuture::from)
    }

    /// Adds the sheet's link to the head, and answers a promise of its loading. A page opened
    /// directly already has it from the server: the browser loaded it before this code ran
    /// (a script waits for the stylesheets above it).
    fn add_link() -> Option<Promise> {
        let document = document();
        if document.get_element_by_id(super::ID).is_some() {
            return None;
        }
        let (Ok(link), Ok(Some(head))) = (document.create_element("link"), document.query_selector("head")) else {
            return None;
        };
        let _ = link.set_attribute("rel", "stylesheet");
        let _ = link.set_attribute("id", super::ID);
        let _ = link.set_attribute("href", super::HREF);
        let promise = Promise::new(&mut |resolve, _| {
            let _ = link.add_event_listener_with_callback("load", &resolve);
            let _ = link.add_event_listener_with_callback("error", &resolve);
        });
        let _ = head.append_child(&link);
        Some(promise)
    }
}
