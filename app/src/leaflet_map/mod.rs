//! Everything that talks to Leaflet (browser only; `clustering` is plain Rust, built natively
//! for its tests too). Leaflet is loaded as a classic script from
//! `/vendor`, so it is reached through the global `L`. Clustering is ours (supercluster, in
//! Rust): leaflet.markercluster builds one DOM marker per pin, which 50 000 pins cannot afford.

#[cfg(feature = "hydrate")]
pub mod base;
#[cfg(feature = "hydrate")]
pub mod bindings;
pub mod clustering;
#[cfg(feature = "hydrate")]
pub mod detail;
#[cfg(feature = "hydrate")]
pub mod overview;
#[cfg(feature = "hydrate")]
pub mod picker;
#[cfg(feature = "hydrate")]
pub mod popups;
