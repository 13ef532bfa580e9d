//! Supercluster's clustering (version 8, the one `public/vendor/supercluster` holds) on the
//! server, for the map page's sketch (`server/src/map_sketch.rs`): the clusters the page's script
//! will draw a moment later (`carte28.clusterIndex`, same options), so that the server's picture
//! and Leaflet's markers are the same. It is the clustering worker's index (the crate
//! `cluster-index`, Supercluster's and KDBush's code step by step), of which the sketch reads the
//! zooms it draws.

/// The sketch's checksum of the points it clusters (the page computes it of the points it decodes).
pub use super::pins::points_checksum;
use cluster_index::Options;
pub use cluster_index::{lat_y, lng_x};

// The options of `carte28.clusterIndex`; clusters start from two pins (`minPoints`). The
// sketch needs only its zooms: the index is built down to the lowest of them.
use super::cluster_options::{CLUSTER_EXTENT, CLUSTER_RADIUS};

/// A lone pin or a cluster at one zoom, in Supercluster's unit square (spherical Mercator, x
/// east and y south, from 0 to 1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spot {
    pub x: f64,
    pub y: f64,
    /// How many pins it stands for: 1 for a lone pin.
    pub count: u32,
    /// A lone pin's index in the points given; meaningless for a cluster.
    pub pin: usize,
    /// Supercluster's id: a lone pin's index, a cluster's `cluster_id` (the page's index gives
    /// the same cluster the same id, which names its marker: `leaflet_map::clustering`).
    pub id: f64,
}

/// The spots of `points` (longitude, latitude, in the pin set's order) at each zoom from
/// `lowest` to `highest`, clustered as Supercluster does for a map whose highest zoom is
/// `max_zoom`: `result[z - lowest]` are the spots at zoom `z`, in Supercluster's order.
/// `highest` is at most `max_zoom`.
pub fn spots_by_zoom(points: &[(f64, f64)], max_zoom: u8, lowest: u8, highest: u8) -> Vec<Vec<Spot>> {
    assert!(lowest <= highest && highest <= max_zoom, "zooms {lowest}..={highest} out of 0..={max_zoom}");
    let coordinates: Vec<f64> = points.iter().flat_map(|&(lng, lat)| [lng, lat]).collect();
    // Supercluster's default node size, as the page's index has it.
    let options = Options { min_zoom: lowest, max_zoom, radius: CLUSTER_RADIUS, extent: CLUSTER_EXTENT, node_size: 64 };
    let levels = cluster_index::load(&coordinates, options);
    (lowest..=highest)
        .map(|zoom| {
            let level = levels[usize::from(zoom)].as_ref().expect("every zoom from the lowest is built");
            level
                .items()
                .map(|item| Spot {
                    x: item.x,
                    y: item.y,
                    count: item.count,
                    pin: if item.count == 1 { item.id as usize } else { usize::MAX },
                    id: item.id,
                })
                .collect()
        })
        .collect()
}

/// The spots of `points` at `zoom` (below [`CLOSE_UP_FROM`](super::cluster_options::CLOSE_UP_FROM):
/// the wide index's zooms) as the page's index answers them (`carte28.clusterSpots`), four
/// numbers each: longitude, latitude, then a cluster's id and count, or -1 and a pin's number.
/// What `/api/sketch/{zoom}` sends, for the map to draw a view's clusters while its own index
/// is on its way (`leaflet_map::clustering::Clusters::later`).
pub fn spots_as_the_page_reads_them(points: &[(f64, f64)], zoom: u8) -> Vec<f64> {
    let wide = super::cluster_options::CLOSE_UP_FROM - 1;
    let spots = spots_by_zoom(points, wide, zoom, zoom).swap_remove(0);
    let mut numbers = Vec::with_capacity(4 * spots.len());
    for spot in spots {
        if spot.count == 1 {
            let (lng, lat) = points[spot.pin];
            numbers.extend_from_slice(&[lng, lat, -1.0, spot.pin as f64]);
        } else {
            numbers.extend_from_slice(&[x_lng(spot.x), y_lat(spot.y), spot.id, f64::from(spot.count)]);
        }
    }
    numbers
}

/// The unit square's x to longitude (Supercluster's `xLng`).
fn x_lng(x: f64) -> f64 {
    (x - 0.5) * 360.0
}

/// The unit square's y to latitude (Supercluster's `yLat`).
fn y_lat(y: f64) -> f64 {
    let y2 = (180.0 - y * 360.0) * std::f64::consts::PI / 180.0;
    360.0 * y2.exp().atan() / std::f64::consts::PI - 90.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f64::consts::PI;

    #[test]
    fn the_projection_is_leaflets_over_256() {
        assert_eq!(lng_x(0.0), 0.5);
        assert_eq!(lng_x(180.0), 1.0);
        assert!((lat_y(0.0) - 0.5).abs() < 1e-15);
        // Chartres, as Leaflet's EPSG:3857 projects it at zoom 0 (y = 256 · (0.5 − ln(tan(π/4 + φ/2)) / 2π)).
        let phi = 48.4469_f64.to_radians();
        let leaflet = 0.5 - (PI / 4.0 + phi / 2.0).tan().ln() / (2.0 * PI);
        assert!((lat_y(48.4469) - leaflet).abs() < 1e-12);
    }

    #[test]
    fn every_pin_is_counted_once_at_every_zoom() {
        // A deterministic scatter over Eure-et-Loir, with a few pins at one address.
        let mut points: Vec<(f64, f64)> = (0..2_000_u32)
            .map(|n| {
                let a = f64::from(n.wrapping_mul(2_654_435_761) % 10_000) / 10_000.0;
                let b = f64::from(n.wrapping_mul(40_503) % 10_000) / 10_000.0;
                (0.75 + 1.25 * a, 47.95 + b)
            })
            .collect();
        // Five pins at one address, away from the others.
        points.extend([(0.5, 47.5); 5]);
        let levels = spots_by_zoom(&points, 13, 5, 13);
        for (z, spots) in levels.iter().enumerate() {
            assert_eq!(spots.iter().map(|s| s.count).sum::<u32>(), points.len() as u32, "zoom {}", z + 5);
        }
        // Fewer spots as the map zooms out, and the five pins stay one cluster at the highest zoom.
        assert!(levels[0].len() < levels[4].len() && levels[4].len() < levels[8].len());
        let at_address = |s: &&Spot| (s.x - lng_x(0.5)).abs() < 1e-6 && (s.y - lat_y(47.5)).abs() < 1e-6;
        assert_eq!(levels[8].iter().filter(at_address).map(|s| s.count).collect::<Vec<_>>(), [5]);
    }

    /// The points of `scripts/supercluster-fixture.mjs`, drawn the same way (MINSTD, exact).
    fn fixture_points() -> Vec<(f64, f64)> {
        let mut seed: u64 = 20_261_205;
        let mut next = || {
            seed = seed * 48_271 % 2_147_483_647;
            seed as f64 / 2_147_483_647.0
        };
        let mut points = Vec::new();
        for _ in 0..1500 {
            let lng = 0.75 + 1.25 * next();
            points.push((lng, 47.95 + next()));
        }
        points.extend([(1.4892, 48.4469); 6]);
        for _ in 0..40 {
            let lng = 1.36 + 0.02 * next();
            points.push((lng, 48.73 + 0.02 * next()));
        }
        points
    }

    #[test]
    fn the_spots_are_superclusters_own() {
        // Written by Supercluster itself (scripts/supercluster-fixture.mjs): each level's items in
        // its order, [count, x, y] for a cluster and [1, pin] for a lone pin.
        let expected: serde_json::Value = serde_json::from_str(include_str!("supercluster-expected.json")).unwrap();
        let points = fixture_points();
        assert_eq!(expected["points"], points.len());
        let levels = spots_by_zoom(&points, 13, 8, 10);
        for (level, zoom) in levels.iter().zip(8..=10) {
            let theirs = expected["zooms"][zoom.to_string()].as_array().unwrap();
            assert_eq!(level.len(), theirs.len(), "zoom {zoom}: as many spots");
            for (n, (ours, theirs)) in level.iter().zip(theirs).enumerate() {
                let number = |i: usize| theirs[i].as_f64().unwrap();
                assert_eq!(f64::from(ours.count), number(0), "zoom {zoom}, spot {n}: its count");
                if ours.count == 1 {
                    assert_eq!(ours.pin as f64, number(1), "zoom {zoom}, spot {n}: the same pin");
                } else {
                    assert!(
                        (ours.x - number(1)).abs() < 1e-11 && (ours.y - number(2)).abs() < 1e-11,
                        "zoom {zoom}, spot {n}"
                    );
                }
            }
        }
    }

    #[test]
    fn two_pins_merge_within_the_radius_and_not_beyond() {
        // 45 px at zoom 10 is 45 / (256 · 1024) of the unit square: about 0.0618° of longitude.
        let step = 45.0 / (256.0 * 1024.0) * 360.0;
        let close = spots_by_zoom(&[(1.0, 48.0), (1.0 + 0.95 * step, 48.0)], 13, 10, 10);
        assert_eq!(close[0].len(), 1);
        assert_eq!(close[0][0].count, 2);
        assert!((close[0][0].x - lng_x(1.0 + 0.475 * step)).abs() < 1e-7, "the centre is halfway");
        let apart = spots_by_zoom(&[(1.0, 48.0), (1.0 + 1.05 * step, 48.0)], 13, 10, 10);
        assert_eq!(apart[0].iter().map(|s| (s.count, s.pin)).collect::<Vec<_>>(), [(1, 0), (1, 1)]);
    }

    #[test]
    fn the_checksum_tells_points_moved_or_swapped() {
        let points = fixture_points();
        let sum = points_checksum(points.iter().copied());
        let mut moved = points.clone();
        moved[700].1 += 1e-5;
        let mut swapped = points.clone();
        swapped.swap(3, 4);
        let fewer = &points[..points.len() - 1];
        for other in [&moved, &swapped, fewer].map(|points| points_checksum(points.iter().copied())) {
            assert_ne!(other, sum);
        }
        assert_eq!(points_checksum(points.iter().copied()), sum);
    }

    #[test]
    fn the_sketch_of_a_zoom_reads_as_the_pages_spots() {
        let points = fixture_points();
        let numbers = spots_as_the_page_reads_them(&points, 9);
        let spots = &spots_by_zoom(&points, 13, 9, 9)[0];
        assert_eq!(numbers.len(), 4 * spots.len());
        let mut counted = 0.0;
        for (spot, four) in spots.iter().zip(numbers.chunks_exact(4)) {
            if spot.count == 1 {
                // A lone pin: where it is, and its number.
                assert_eq!(four, [points[spot.pin].0, points[spot.pin].1, -1.0, spot.pin as f64]);
                counted += 1.0;
            } else {
                // A cluster: at its centre, back in degrees, with Supercluster's id and its count.
                assert!((lng_x(four[0]) - spot.x).abs() < 1e-12 && (lat_y(four[1]) - spot.y).abs() < 1e-12);
                assert_eq!((four[2], four[3]), (spot.id, f64::from(spot.count)));
                assert!(spot.id as usize > points.len(), "a cluster's id is above the pins' numbers");
                counted += four[3];
            }
        }
        assert_eq!(counted, points.len() as f64, "every pin once");
        assert!(
            numbers.chunks_exact(4).any(|four| four[2] >= 0.0) && numbers.chunks_exact(4).any(|four| four[2] < 0.0)
        );
    }
}
