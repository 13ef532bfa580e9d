//! Everything that talks to Leaflet (browser only). Leaflet and leaflet.markercluster are loaded
//! as classic scripts from `/vendor`, so they are reached through the global `L`.

pub mod base;
pub mod bindings;
pub mod detail;
pub mod overview;
