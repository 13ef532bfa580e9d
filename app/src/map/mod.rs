//! The map page: every published initiative on a Leaflet map, with the same set as a list.

mod filter_fields;
pub(crate) mod filter_panel;
#[cfg(feature = "hydrate")]
mod kept_state;
pub(crate) mod legend;
pub(crate) mod list;
mod list_rows;
#[cfg(feature = "hydrate")]
mod live;
mod map_view;
mod page;
#[cfg(feature = "hydrate")]
mod pin_loader;
#[cfg(feature = "hydrate")]
mod position;
mod server_fns;
pub mod view_address;

pub use page::{LiveNotice, MapPage, MapPanel, ViewState};
pub use server_fns::{load_communes, load_map_data, load_summaries};
