//! The map page: every published initiative on a Leaflet map, with the same set as a list.

mod legend;
mod list;
mod map_view;
mod page;

pub use page::{load_map_data, MapPage};
