//! The map inside partners' sites: `/integrer` (the embed page: a view of the map, without the
//! site's header and footer, the only page other sites may frame) and `/integrer-la-carte` (the
//! page that writes the `<iframe>` code for a view, with a live preview). Both are lazy chunks:
//! the map's first visit carries neither.

mod code;
mod page;

pub use code::EmbedCodePage;
pub use page::EmbedPage;

use leptos::prelude::*;

/// `/integrer` or `/integrer-la-carte`, by the address: the two share a route type, and so
/// one chunk and one loader in the main file.
#[component]
pub fn EmbedPages() -> impl IntoView {
    let path = leptos_router::hooks::use_location().pathname.get_untracked();
    if crate::language::unprefixed(&path) == crate::map::view_address::EMBED_PATH {
        view! { <EmbedPage/> }.into_any()
    } else {
        view! { <EmbedCodePage/> }.into_any()
    }
}
