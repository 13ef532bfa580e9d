//! The options the map's pins are clustered with, those of `carte28.clusterIndex`
//! (`public/carte28.js`): the server's sketch clusters with them (`supercluster.rs`), and the
//! browser's maps bound with them how far from a pin the cluster that holds it can be drawn
//! (`leaflet_map::clustering::Clusters::where_to_show`).

/// The cluster radius, in screen pixels.
pub const CLUSTER_RADIUS: f64 = 45.0;
/// The tile size the radius is measured against, in pixels.
pub const CLUSTER_EXTENT: f64 = 256.0;
/// The first zoom of the close-up index (`CLOSE_UP_FROM` in `carte28.js`, which says why):
/// zooms below it are clustered by the wide index, whose highest zoom is the one below, with
/// tiles or without them.
pub const CLOSE_UP_FROM: u8 = 14;

#[cfg(test)]
mod tests {
    #[test]
    fn the_radius_and_extent_are_the_scripts() {
        let script = include_str!("../../../public/carte28.js");
        assert!(script.contains(&format!("const CLUSTER_RADIUS = {};", super::CLUSTER_RADIUS as u32)), "radius");
        assert!(script.contains(&format!("const CLUSTER_EXTENT = {};", super::CLUSTER_EXTENT as u32)), "extent");
        assert!(script.contains(&format!("const CLOSE_UP_FROM = {};", super::CLOSE_UP_FROM)), "close-up index");
    }
}
