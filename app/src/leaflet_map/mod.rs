//! Everything that talks to Leaflet (browser only). Leaflet is
//! loaded as a classic script from `/vendor`, so it is reached through the global `L`, and so is
//! `public/carte28.js`, which draws what every map is made of and clusters the pins (with
//! Supercluster's JavaScript, also from `/vendor`): leaflet.markercluster builds one DOM marker
//! per pin, which 50 000 pins cannot afford.

#[cfg(feature = "hydrate")]
pub mod base;
#[cfg(feature = "hydrate")]
pub mod bindings;
#[cfg(feature = "hydrate")]
pub mod clustering;
#[cfg(feature = "hydrate")]
pub mod detail;
#[cfg(feature = "hydrate")]
pub mod overview;
#[cfg(feature = "hydrate")]
pub mod picker;
#[cfg(feature = "hydrate")]
pub mod popups;
