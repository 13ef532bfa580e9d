//! Clustering of the map page's pins: plain Rust over the pin set (`domain::pins::PinSet`), so
//! that it builds and is unit-tested on the native target too; the map (`overview.rs`) turns
//! what it answers into Leaflet markers.
//!
//! One supercluster index per view, clustering up to the map's highest zoom: beyond it pins at
//! one address would overlap for good, so they stay a cluster whose popup lists them. The radius
//! and extent must equal those of the page's preview (`public/carte28.js`), which draws the same
//! clusters before the WASM arrives (a test below reads the script to check).

use std::sync::Arc;

use geojson::feature::Id;
use geojson::{Feature, Geometry, Value};
use supercluster::{CoordinateSystem, Supercluster};

use crate::domain::{Pin, PinSet};

/// Cluster radius, in screen pixels.
pub const CLUSTER_RADIUS: f64 = 45.0;
/// The tile size supercluster measures the radius against.
pub const CLUSTER_EXTENT: f64 = 256.0;

/// What a marker stands for: one initiative (by id) or one cluster (by supercluster id, which
/// is unique across zooms).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MarkerKey {
    Pin(i64),
    Cluster(usize),
}

/// One marker to draw: what it stands for, where, and how many initiatives it holds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spot {
    pub key: MarkerKey,
    pub lat: f64,
    pub lng: f64,
    pub count: usize,
}

/// The pins of a view and their index.
#[derive(Default)]
pub struct Clusters {
    pins: Arc<PinSet>,
    /// None while there are no pins: supercluster cannot index an empty set (it panics).
    index: Option<Supercluster>,
    max_zoom: u8,
}

impl Clusters {
    /// Indexes `pins` for zooms 0 to `max_zoom`.
    pub fn new(pins: Arc<PinSet>, max_zoom: u8) -> Clusters {
        let index = cluster_index(&pins, max_zoom);
        Clusters { pins, index, max_zoom }
    }

    pub fn pins(&self) -> &PinSet {
        &self.pins
    }

    /// Whether these are the clusters of that very set (not an equal copy).
    pub fn are_of(&self, pins: &Arc<PinSet>) -> bool {
        Arc::ptr_eq(&self.pins, pins)
    }

    /// Pin `id`, if the view has it.
    pub fn pin(&self, id: i64) -> Option<&Pin> {
        let pins = &self.pins.pins;
        pins.binary_search_by_key(&id, |p| p.id).ok().map(|n| &pins[n])
    }

    /// The clusters and lone pins inside `bbox` (west, south, east, north) at `zoom`.
    pub fn spots(&self, bbox: [f64; 4], zoom: u8) -> Vec<Spot> {
        self.features(bbox, zoom).iter().filter_map(|feature| self.describe(feature)).collect()
    }

    /// The zoom at which `cluster` splits.
    pub fn expansion_zoom(&self, cluster: usize) -> u8 {
        self.index.as_ref().map(|index| index.get_cluster_expansion_zoom(cluster) as u8).unwrap_or(self.max_zoom)
    }

    /// How many initiatives `cluster` holds.
    pub fn cluster_size(&self, cluster: usize) -> usize {
        self.leaves(cluster, usize::MAX).len()
    }

    /// The initiative ids in `cluster`, at most `limit`, in id order.
    pub fn cluster_ids(&self, cluster: usize, limit: usize) -> Vec<i64> {
        let mut ids: Vec<i64> = self
            .leaves(cluster, limit)
            .iter()
            .filter_map(|leaf| match self.describe(leaf) {
                Some(Spot { key: MarkerKey::Pin(id), .. }) => Some(id),
                _ => None,
            })
            .collect();
        ids.sort_unstable();
        ids
    }

    /// Where pin `id` shows, looking from zoom `from` up: the lowest zoom at which it stands
    /// alone, else the cluster that holds it at the highest zoom (pins at one address never split).
    pub fn where_to_show(&self, id: i64, from: u8) -> Option<(u8, MarkerKey)> {
        let pin = self.pin(id)?;
        // A lone pin is drawn exactly where it is: a tiny box around it finds it.
        let exact = around(pin, 1e-6);
        for zoom in from..=self.max_zoom {
            if self.spots(exact, zoom).iter().any(|spot| spot.key == MarkerKey::Pin(id)) {
                return Some((zoom, MarkerKey::Pin(id)));
            }
        }
        // A cluster is drawn at the centre of its pins, which are within a few cluster radii of
        // it (each zoom merges clusters of the next one, whose radius is half as large).
        let reach = 4.0 * CLUSTER_RADIUS / (CLUSTER_EXTENT * 2f64.powi(i32::from(self.max_zoom))) * 360.0;
        self.spots(around(pin, reach), self.max_zoom).into_iter().find_map(|spot| match spot.key {
            MarkerKey::Cluster(cluster) if self.cluster_ids(cluster, usize::MAX).contains(&id) => {
                Some((self.max_zoom, spot.key))
            }
            _ => None,
        })
    }

    fn features(&self, bbox: [f64; 4], zoom: u8) -> Vec<Feature> {
        self.index.as_ref().and_then(|index| index.get_clusters(bbox, zoom).ok()).unwrap_or_default()
    }

    fn leaves(&self, cluster: usize, limit: usize) -> Vec<Feature> {
        self.index.as_ref().map(|index| index.get_leaves(cluster, limit, 0)).unwrap_or_default()
    }

    /// The spot a feature of the index stands for.
    fn describe(&self, feature: &Feature) -> Option<Spot> {
        let Some(Geometry { value: Value::Point(point), .. }) = &feature.geometry else { return None };
        let (lng, lat) = (point[0], point[1]);
        if let Some(cluster_id) = feature.property("cluster_id").and_then(|v| v.as_u64()) {
            let count = feature.property("point_count").and_then(|v| v.as_u64()).unwrap_or_default();
            return Some(Spot { key: MarkerKey::Cluster(cluster_id as usize), lat, lng, count: count as usize });
        }
        let Some(Id::Number(index)) = &feature.id else { return None };
        let pin = self.pins.pins.get(index.as_u64()? as usize)?;
        Some(Spot { key: MarkerKey::Pin(pin.id), lat: pin.lat, lng: pin.lon, count: 1 })
    }
}

/// The box of `degrees` on each side of `pin`, as supercluster takes it.
fn around(pin: &Pin, degrees: f64) -> [f64; 4] {
    [pin.lon - degrees, pin.lat - degrees, pin.lon + degrees, pin.lat + degrees]
}

/// A supercluster index of `pins`, or `None` for an empty set.
fn cluster_index(pins: &PinSet, max_zoom: u8) -> Option<Supercluster> {
    if pins.pins.is_empty() {
        return None;
    }
    let mut index = Supercluster::new(
        Supercluster::builder()
            .radius(CLUSTER_RADIUS)
            .extent(CLUSTER_EXTENT)
            .min_zoom(0)
            .max_zoom(max_zoom)
            .coordinate_system(CoordinateSystem::LatLng)
            .build(),
    );
    let features = pins
        .pins
        .iter()
        .enumerate()
        .map(|(n, pin)| Feature {
            id: Some(Id::Number(n.into())),
            geometry: Some(Geometry::new(Value::Point(vec![pin.lon, pin.lat]))),
            bbox: None,
            properties: None,
            foreign_members: None,
        })
        .collect();
    if let Err(error) = index.load(features) {
        leptos::logging::error!("carte : regroupement impossible : {error}");
        return None;
    }
    Some(index)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::KindInfo;

    /// The whole département and more.
    const EVERYWHERE: [f64; 4] = [-180.0, -85.0, 180.0, 85.0];
    const MAX_ZOOM: u8 = 13;

    fn pins(places: &[(f64, f64)]) -> Arc<PinSet> {
        let kind = KindInfo {
            code: "forum-metiers".into(),
            label: "Forum".into(),
            label_en: "Forum".into(),
            colour: "#8a3b12".into(),
        };
        let pins = places
            .iter()
            .enumerate()
            .map(|(n, &(lat, lon))| Pin { id: n as i64 + 1, kind: 0, lat, lon, to_check: false })
            .collect();
        Arc::new(PinSet { kinds: vec![kind], pins })
    }

    /// 40 pins around Chartres (1.5 km apart), 3 at one Dreux address, one alone in
    /// Nogent-le-Rotrou.
    fn view() -> Clusters {
        let mut places: Vec<(f64, f64)> =
            (0..40).map(|n| (48.40 + f64::from(n % 8) * 0.015, 1.45 + f64::from(n / 8) * 0.02)).collect();
        places.extend([(48.7366, 1.3662); 3]);
        places.push((48.3217, 0.8217));
        Clusters::new(pins(&places), MAX_ZOOM)
    }

    #[test]
    fn clusters_are_of_the_very_set_they_index_not_of_an_equal_copy() {
        let set = pins(&[(48.44, 1.49), (48.73, 1.37)]);
        let clusters = Clusters::new(set.clone(), MAX_ZOOM);
        assert!(clusters.are_of(&set));
        // Fetched again, the same pins are another set: they may hide a change (the map then
        // clusters anew); only the set the page kept is the same.
        assert!(!clusters.are_of(&Arc::new((*set).clone())));
        assert!(!Clusters::default().are_of(&set));
    }

    #[test]
    fn no_pins_no_markers_and_nothing_to_show() {
        let empty = Clusters::new(pins(&[]), MAX_ZOOM);
        assert!(empty.spots(EVERYWHERE, 8).is_empty());
        assert_eq!(empty.where_to_show(1, 8), None);
        assert!(Clusters::default().spots(EVERYWHERE, 8).is_empty());
    }

    #[test]
    fn the_markers_of_every_zoom_add_up_to_every_pin() {
        let view = view();
        assert_eq!(view.pins().pins.len(), 44);
        for zoom in 0..=MAX_ZOOM {
            let spots = view.spots(EVERYWHERE, zoom);
            assert_eq!(spots.iter().map(|s| s.count).sum::<usize>(), 44, "zoom {zoom}");
            for spot in spots {
                if let MarkerKey::Cluster(cluster) = spot.key {
                    assert_eq!(view.cluster_size(cluster), spot.count);
                    assert!(view.expansion_zoom(cluster) > zoom);
                }
            }
        }
        // The département's view (zoom 8): Chartres is one cluster, Nogent's pin stands alone.
        let at_8 = view.spots(EVERYWHERE, 8);
        assert!(at_8.iter().any(|s| matches!(s.key, MarkerKey::Cluster(_)) && s.count == 40), "{at_8:?}");
        assert!(at_8.iter().any(|s| s.key == MarkerKey::Pin(44)));
    }

    #[test]
    fn a_pin_shows_alone_at_the_first_zoom_that_splits_its_cluster() {
        let view = view();
        let (zoom, key) = view.where_to_show(1, 8).unwrap();
        assert_eq!(key, MarkerKey::Pin(1));
        assert!(zoom > 8 && zoom <= MAX_ZOOM);
        assert!(view.spots(EVERYWHERE, zoom).iter().any(|s| s.key == MarkerKey::Pin(1)));
        assert!(!view.spots(EVERYWHERE, zoom - 1).iter().any(|s| s.key == MarkerKey::Pin(1)));
        // A pin already alone shows at the zoom asked for.
        assert_eq!(view.where_to_show(44, 8), Some((8, MarkerKey::Pin(44))));
    }

    #[test]
    fn pins_at_one_address_stay_one_cluster_that_lists_them() {
        let view = view();
        let (zoom, key) = view.where_to_show(42, 8).unwrap();
        assert_eq!(zoom, MAX_ZOOM);
        let MarkerKey::Cluster(cluster) = key else { panic!("{key:?}") };
        assert_eq!(view.cluster_ids(cluster, 50), vec![41, 42, 43]);
        assert_eq!(view.cluster_ids(cluster, 2).len(), 2);
        assert!(view.expansion_zoom(cluster) > MAX_ZOOM);
        assert_eq!(view.where_to_show(999, 8), None);
    }

    #[test]
    fn the_page_preview_clusters_with_the_same_radius_and_extent() {
        let script = include_str!("../../../public/carte28.js");
        assert!(script.contains(&format!("const CLUSTER_RADIUS = {};", CLUSTER_RADIUS as u32)), "radius");
        assert!(script.contains(&format!("const CLUSTER_EXTENT = {};", CLUSTER_EXTENT as u32)), "extent");
    }
}
