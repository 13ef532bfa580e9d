//! Everything that talks to Leaflet (browser only; natively, only the check below). Leaflet is
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

/// Cluster radius, in screen pixels, and the tile size it is measured against: those of
/// `carte28.js`'s index. The WASM needs them to bound how far from a pin the cluster that holds
/// it can be drawn (`clustering::Clusters::where_to_show`), the server to cluster as the script
/// does (`domain::supercluster`, for its sketch of the map).
#[cfg_attr(not(any(feature = "hydrate", feature = "ssr")), allow(dead_code))]
pub(crate) const CLUSTER_RADIUS: f64 = 45.0;
#[cfg_attr(not(any(feature = "hydrate", feature = "ssr")), allow(dead_code))]
pub(crate) const CLUSTER_EXTENT: f64 = 256.0;

#[cfg(test)]
mod tests {
    #[test]
    fn the_wasm_knows_the_radius_and_extent_the_script_clusters_with() {
        let script = include_str!("../../../public/carte28.js");
        assert!(script.contains(&format!("const CLUSTER_RADIUS = {};", super::CLUSTER_RADIUS as u32)), "radius");
        assert!(script.contains(&format!("const CLUSTER_EXTENT = {};", super::CLUSTER_EXTENT as u32)), "extent");
    }
}
