//! The map page: every published initiative on a Leaflet map, with the same set as a list.

mod filter_panel;
pub(crate) mod legend;
mod list;
#[cfg(feature = "hydrate")]
mod live;
mod map_view;
mod page;
#[cfg(feature = "hydrate")]
mod pin_loader;
#[cfg(feature = "hydrate")]
mod position;
mod server_fns;

pub use page::MapPage;
pub use server_fns::{load_communes, load_map_data, load_summaries};
