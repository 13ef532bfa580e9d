//! Everything that talks to Leaflet (browser only). Leaflet is loaded as a classic script from
//! `/vendor`, so it is reached through the global `L`. Clustering is ours (supercluster, in
//! Rust): leaflet.markercluster builds one DOM marker per pin, which 50 000 pins cannot afford.

pub mod base;
pub mod bindings;
pub mod detail;
pub mod overview;
pub mod picker;
