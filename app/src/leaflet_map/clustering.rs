//! Clustering of the map page's pins (`domain::pins::PinSet`); the map (`overview.rs`) turns
//! what it answers into Leaflet markers.
//!
//! The index is Supercluster's JavaScript, built by `carte28.clusterIndex` (`public/carte28.js`):
//! the very function the page's preview clusters with before the WASM arrives, so both draw the
//! same clusters by construction, and the browser has Supercluster already (the preview needs
//! it). A Rust copy of it in the WASM cost every citizen's first visit 8 kB, and clustering
//! the same pins a second time on a first visit (bench/RESULTS.md, 2026-12-05).
//!
//! A large view's index is built in a worker (`carte28.clusterIndexLater`,
//! `public/clustering-off-thread.js`), the same index by the same code, while the page draws the
//! view's list: so the map takes it as a promise, and a view asked for meanwhile wins
//! (`overview.rs`, `awaited`). Meanwhile the map may draw the server's sketch of the view, its
//! clusters at the map's zoom (`/api/sketch/{zoom}`, fetched by the script beside the pins):
//! an "index" that answers that zoom only, which the index replaces ([`Clusters::later`]).
//!
//! One index per view, clustering up to the map's highest zoom: beyond it pins at one address
//! would overlap for good, so they stay a cluster whose popup lists them. On a map with tiles
//! (to zoom 18) the script answers for two Supercluster indexes, a wide one to zoom 13 and a
//! close-up one built when first needed (`withCloseUp`): this side sees one index. Answers
//! cross from JavaScript as flat arrays of numbers, not as GeoJSON objects read field by field.

use std::sync::Arc;

use wasm_bindgen::prelude::*;

use super::base::{log_error, max_zoom};
use crate::domain::cluster_options::{CLUSTER_EXTENT, CLUSTER_RADIUS};
use crate::domain::pins::points_checksum;
use crate::domain::{Pin, PinSet};

#[wasm_bindgen]
extern "C" {
    /// An index of a view's pins for zooms 0 to the map's highest, answering as Supercluster's.
    pub type ClusterIndex;

    /// Indexes the points `coordinates` holds (longitude then latitude of each pin, in the pin
    /// set's order: a pin's number in it is how the index names it) for the map at `zoom`
    /// (none: the map's own). A promise of the index: a large view's is built off the page's
    /// main thread, which meanwhile draws the view's list. `checksum`, the points'
    /// [`points_checksum`], tells whether the server's sketch is of them.
    #[wasm_bindgen(js_namespace = carte28, js_name = clusterIndexLater)]
    fn cluster_index(coordinates: &[f64], zoom: Option<f64>, checksum: f64) -> js_sys::Promise;

    /// The clusters and lone pins inside the box at `zoom`, four numbers each: longitude,
    /// latitude, then a cluster's id and count, or -1 and a pin's number.
    #[wasm_bindgen(js_namespace = carte28, js_name = clusterSpots)]
    fn cluster_spots(index: &ClusterIndex, west: f64, south: f64, east: f64, north: f64, zoom: u8) -> Vec<f64>;

    /// The numbers of the pins in a cluster, at most `limit`.
    #[wasm_bindgen(catch, js_namespace = carte28, js_name = clusterLeaves)]
    fn cluster_leaves(index: &ClusterIndex, cluster: f64, limit: f64) -> Result<Vec<u32>, JsValue>;

    /// The zoom at which a cluster splits (above the highest zoom when none can).
    #[wasm_bindgen(catch, method, js_name = getClusterExpansionZoom)]
    fn get_cluster_expansion_zoom(this: &ClusterIndex, cluster: f64) -> Result<f64, JsValue>;

    /// For the server's sketch of a view (`/api/sketch/{zoom}`), which the script gives first
    /// when it comes before the index: the promise of the index; undefined for an index.
    #[wasm_bindgen(method, getter)]
    fn later(this: &ClusterIndex) -> JsValue;
}

/// What a marker stands for: one initiative (by id) or one cluster (by Supercluster's id,
/// which is unique across zooms).
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

/// The pins of a view and their index, or, while the index is on its way, the server's sketch
/// of them.
#[derive(Default)]
pub struct Clusters {
    pins: Arc<PinSet>,
    /// None while there are no pins: an index of nothing answers nothing.
    index: Option<ClusterIndex>,
    /// Whether `index` is the server's sketch ([`Clusters::later`]).
    sketch: bool,
    max_zoom: u8,
}

impl Clusters {
    /// Indexes `pins` for zooms 0 to the map's highest, which `carte28.clusterIndexLater` reads
    /// from the page as the map does: asked here too, rather than handed in, so the two cannot
    /// differ. Perhaps the server's sketch of them first (`is_sketch`), then the index (`later`).
    pub async fn new(pins: Arc<PinSet>) -> Clusters {
        if pins.pins.is_empty() {
            return Clusters::of(pins, None).await;
        }
        // The script copies what it keeps: the coordinates go before the wait. Their checksum is
        // summed here, in compiled code: the script's loop over 100 000 numbers, cold at a
        // filter change, held the main thread 2 to 4 ms (bench/RESULTS.md, twenty-seventh session).
        let index = {
            let coordinates: Vec<f64> = pins.pins.iter().flat_map(|pin| [pin.lon, pin.lat]).collect();
            cluster_index(&coordinates, None, points_checksum(pins.pins.iter().map(|pin| (pin.lon, pin.lat))))
        };
        Clusters::of(pins, Some(index)).await
    }

    /// The clusters of `pins` by the index `index` promises. The script answers every index it
    /// is asked for (in the page when its worker fails).
    async fn of(pins: Arc<PinSet>, index: Option<js_sys::Promise>) -> Clusters {
        let index = match index {
            Some(index) => wasm_bindgen_futures::JsFuture::from(index).await.ok().map(JsCast::unchecked_into),
            None => None,
        };
        let sketch = index.as_ref().is_some_and(|index: &ClusterIndex| index.later().is_object());
        Clusters { pins, index, sketch, max_zoom: max_zoom() as u8 }
    }

    /// For the server's sketch of a view (`/api/sketch/{zoom}`, which the script gives first
    /// when it comes before the index): the view's clusters once indexed. A sketch answers with
    /// its spots at any zoom (re-clustered at none), says a cluster splits one zoom closer, and
    /// knows no cluster's pins (`sketchOf` in `public/clustering-off-thread.js`).
    pub fn later(&self) -> Option<impl std::future::Future<Output = Clusters>> {
        let later = self.index.as_ref().filter(|_| self.sketch)?.later();
        Some(Clusters::of(self.pins.clone(), later.dyn_into().ok()))
    }

    /// Whether both are of the very same set.
    pub fn have_the_pins_of(&self, other: &Clusters) -> bool {
        Arc::ptr_eq(&self.pins, &other.pins)
    }

    /// Whether these are a sketch, waiting for their index.
    pub fn is_sketch(&self) -> bool {
        self.sketch
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
        let Some(index) = &self.index else { return Vec::new() };
        let [west, south, east, north] = bbox;
        cluster_spots(index, west, south, east, north, zoom)
            .chunks_exact(4)
            .filter_map(|spot| {
                let (lng, lat) = (spot[0], spot[1]);
                if spot[2] >= 0.0 {
                    let (cluster, count) = (spot[2] as usize, spot[3] as usize);
                    return Some(Spot { key: MarkerKey::Cluster(cluster), lat, lng, count });
                }
                let pin = self.pins.pins.get(spot[3] as usize)?;
                Some(Spot { key: MarkerKey::Pin(pin.id), lat: pin.lat, lng: pin.lon, count: 1 })
            })
            .collect()
    }

    /// The zoom at which `cluster` splits.
    pub fn expansion_zoom(&self, cluster: usize) -> u8 {
        let zoom = self.index.as_ref().and_then(|index| index.get_cluster_expansion_zoom(cluster as f64).ok());
        zoom.map_or(self.max_zoom, |zoom| zoom.clamp(0.0, f64::from(u8::MAX)) as u8)
    }

    /// How many initiatives `cluster` holds.
    pub fn cluster_size(&self, cluster: usize) -> usize {
        self.leaves(cluster, f64::INFINITY).len()
    }

    /// The initiative ids in `cluster`, at most `limit`, in id order.
    pub fn cluster_ids(&self, cluster: usize, limit: usize) -> Vec<i64> {
        let mut ids: Vec<i64> = self
            .leaves(cluster, limit as f64)
            .into_iter()
            .filter_map(|n| self.pins.pins.get(n as usize).map(|pin| pin.id))
            .collect();
        ids.sort_unstable();
        ids
    }

    /// Where pin `id` shows, looking from zoom `from` up: the lowest zoom at which it stands
    /// alone, else the cluster that holds it at the highest zoom (pins at one address never split).
    pub fn where_to_show(&self, id: i64, from: u8) -> Option<(u8, MarkerKey)> {
        let pin = self.pin(id)?;
        // A lone pin is drawn exactly where it is; the index keeps positions in single
        // precision (a few metres), so the box around it is a little wider than that.
        let exact = around(pin, 1e-3);
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

    /// The numbers of the pins in `cluster`, at most `limit`.
    fn leaves(&self, cluster: usize, limit: f64) -> Vec<u32> {
        let leaves = self.index.as_ref().map(|index| cluster_leaves(index, cluster as f64, limit));
        match leaves {
            Some(Ok(leaves)) => leaves,
            Some(Err(error)) => {
                log_error(&format!("carte : groupe {cluster} introuvable :"), &error);
                Vec::new()
            }
            None => Vec::new(),
        }
    }
}

/// The box of `degrees` on each side of `pin`, as the index takes it.
fn around(pin: &Pin, degrees: f64) -> [f64; 4] {
    [pin.lon - degrees, pin.lat - degrees, pin.lon + degrees, pin.lat + degrees]
}
