//! On the server: a page of its own chunk names every WASM file the browser needs to hydrate it
//! (`<link rel="preload">`), so that a page opened cold (a shared link to an initiative, a link
//! in a mail) downloads them alongside the main file, not one round trip after it has started.
//! Leptos does this for `#[lazy]` functions but not for lazy routes. The files come from the
//! split build's manifest (`pkg/__wasm_split_manifest.json`, read once); a build without it (the
//! Rust tests) names none.
//!
//! The links close the page's body, after the app, where nothing hydrates them. They are all
//! there: on the server the router renders a lazy route's view in place, and `lazy_page!`'s
//! view asks first thing (a view that awaited something before asking would come too late).
//! The whole page leaves at once (`SsrMode::Async`), so the browser's preload scanner finds them
//! as soon as it arrives. Not in the head among leptos_meta's tags: those are
//! hydrated by their order, so tags the server alone wrote there were taken for the page's own
//! (its description, its canonical address), which then stayed in the head when the visitor left
//! the page and piled up with the next pages' (first-visit.spec.ts). Nor in `Link` headers: an
//! initiative's page names a hundred files, 9 kB of headers, more than some proxies take.
//!
//! Every page also preloads the split build's loader (`__wasm_split.….js`): the hydration module
//! imports it, and the browser only learns so once the page is parsed and that module runs — a
//! round trip that held hydration back on a phone (bench/RESULTS.md, eleventh session).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use leptos::prelude::*;

/// For each page's view function, the WASM files it needs, and where they are served.
#[derive(Clone, Default)]
pub struct ChunkManifest {
    pkg_path: String,
    chunks: Arc<HashMap<String, Vec<String>>>,
    /// The split build's loader (`__wasm_split.….js`), if the build has one.
    split_loader: Option<String>,
}

/// The files the page being rendered asked for (one response's).
#[derive(Clone, Default)]
struct Wanted(Arc<Mutex<Vec<String>>>);

/// Makes the manifest available to the pages of this response (from the HTML shell), and
/// returns the address of the split build's loader, for the shell to preload.
pub fn provide(options: &LeptosOptions) -> Option<String> {
    static MANIFEST: OnceLock<ChunkManifest> = OnceLock::new();
    let manifest = MANIFEST.get_or_init(|| {
        let pkg = std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
        let chunks = std::fs::read_to_string(pkg.join("__wasm_split_manifest.json"))
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default();
        let split_loader = std::fs::read_dir(&pkg).ok().and_then(|files| {
            files
                .filter_map(|file| file.ok()?.file_name().into_string().ok())
                .find(|name| name.starts_with("__wasm_split.") && name.ends_with(".js"))
        });
        let pkg_path = format!("/{}", options.site_pkg_dir);
        ChunkManifest {
            split_loader: split_loader.map(|name| format!("{pkg_path}/{name}")),
            pkg_path,
            chunks: Arc::new(chunks),
        }
    });
    provide_context(manifest.clone());
    provide_context(Wanted::default());
    manifest.split_loader.clone()
}

/// Asks for a preload of each file the lazy route `route` (its type's name, as `lazy_page!`
/// gets it) needs. The manifest names its view function `__{route in snake case}_view_{hash}`.
pub fn preload(route: &str) {
    let (Some(manifest), Some(wanted)) = (use_context::<ChunkManifest>(), use_context::<Wanted>()) else {
        return;
    };
    let prefix = format!("__{}_view_", snake_case(route));
    let files =
        manifest.chunks.iter().filter(|(function, _)| function.starts_with(&prefix)).flat_map(|(_, files)| files);
    let mut wanted = wanted.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    wanted.extend(files.map(|file| format!("{}/{file}.wasm", manifest.pkg_path)));
}

/// The preloads the page asked for, for the end of its body: rendered after the app (the
/// shell's last child), so once every route has asked.
pub fn links() -> impl IntoView {
    let wanted = use_context::<Wanted>().unwrap_or_default();
    move || {
        let files = wanted.0.lock().map(|files| files.clone()).unwrap_or_default();
        // `crossorigin` matches the split loader's `fetch` (same origin, credentials), or the
        // browser downloads twice.
        files
            .into_iter()
            .map(|href| {
                view! { <link rel="preload" href=href r#as="fetch" r#type="application/wasm" crossorigin="anonymous"/> }
            })
            .collect_view()
    }
}

fn snake_case(name: &str) -> String {
    let mut snake = String::new();
    for (index, character) in name.chars().enumerate() {
        if character.is_uppercase() {
            if index > 0 {
                snake.push('_');
            }
            snake.extend(character.to_lowercase());
        } else {
            snake.push(character);
        }
    }
    snake
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_route_type_is_named_as_the_split_build_names_its_view() {
        assert_eq!(super::snake_case("InitiativeRoute"), "initiative_route");
        assert_eq!(super::snake_case("ModerationCaseRoute"), "moderation_case_route");
    }
}
