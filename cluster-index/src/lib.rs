//! Supercluster's index (version 8, the one `public/vendor/supercluster` holds) built in
//! WebAssembly, for the map's clustering worker (`public/clustering-worker.js`): a filter change
//! back to a large view waits for its index, and this builds the index of 50 000 pins in half
//! the time Supercluster's JavaScript takes (bench/RESULTS.md, twenty-second session).
//!
//! It is the very same index, byte for byte: the same KD-trees (KDBush 4's buffers, sorted by
//! the same selection) and the same numbers beside them (Supercluster's `data`, six per point or
//! cluster), so that the page puts them in a Supercluster of its own and queries it as one it
//! built (`fromTrees` in `public/clustering-off-thread.js`; `map.spec.ts` compares them). What
//! makes them the same: every step is Supercluster's and KDBush's code in the same order, with
//! the same `f64` arithmetic, and the few functions of JavaScript's `Math` whose last bit is the
//! engine's own (`sin`, `log`, `exp`) are the page's, imported (`math`).
//!
//! `worker_abi` is what the worker calls; `kd_tree` is KDBush's part; `payload` reads the pins'
//! positions from the map's pin payload, for the worker to index a view as soon as it arrives.

mod kd_tree;
mod math;
pub mod payload;
#[cfg(target_arch = "wasm32")]
mod worker_abi;

pub use kd_tree::KdTree;

/// Supercluster's options that shape its index (the rest: `minPoints` 2, no `reduce`).
#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub min_zoom: u8,
    pub max_zoom: u8,
    pub radius: f64,
    pub extent: f64,
    pub node_size: u16,
}

/// What Supercluster keeps of each point or cluster, six numbers (its `stride` without
/// `reduce`): x, y in the unit square, the last zoom it was taken at, its id (a point's index in
/// the input, a cluster's id), its parent cluster's id, and how many points it holds.
pub const STRIDE: usize = 6;
const OFFSET_ZOOM: usize = 2;
const OFFSET_ID: usize = 3;
const OFFSET_PARENT: usize = 4;
const OFFSET_NUM: usize = 5;

/// One zoom of the index: its KD-tree, and Supercluster's numbers for each of its items.
pub struct Level {
    pub tree: KdTree,
    pub data: Vec<f64>,
}

/// A point or a cluster of a level, as Supercluster's `getClusters` reads it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Item {
    /// In the unit square (x east, y south, from 0 to 1).
    pub x: f64,
    pub y: f64,
    /// A point's index in the input; a cluster's Supercluster id (the zoom and the item it
    /// started from, above the points' indexes).
    pub id: f64,
    /// How many points it holds: 1 for a point.
    pub count: u32,
}

impl Level {
    /// Its points and clusters, in Supercluster's order.
    pub fn items(&self) -> impl Iterator<Item = Item> + '_ {
        self.data.chunks_exact(STRIDE).map(|item| Item {
            x: item[0],
            y: item[1],
            id: item[OFFSET_ID],
            count: item[OFFSET_NUM] as u32,
        })
    }
}

/// Supercluster's `load`: the index of `points` (longitude then latitude of each), one level
/// per zoom from `min_zoom` to `max_zoom + 1` (the points themselves), `None` below `min_zoom`,
/// as Supercluster's `trees`.
pub fn load(points: &[f64], options: Options) -> Vec<Option<Level>> {
    let count = points.len() / 2;
    let mut data = Vec::with_capacity(count * STRIDE);
    for (i, point) in points.chunks_exact(2).enumerate() {
        let x = f64::from(lng_x(point[0]) as f32);
        let y = f64::from(lat_y(point[1]) as f32);
        data.extend_from_slice(&[x, y, f64::INFINITY, i as f64, -1.0, 1.0]);
    }
    let top = usize::from(options.max_zoom) + 1;
    let mut levels: Vec<Option<Level>> = (0..=top).map(|_| None).collect();
    levels[top] = Some(level(data, options.node_size));
    let mut neighbours = Vec::new();
    for zoom in (options.min_zoom..=options.max_zoom).rev() {
        let above = levels[usize::from(zoom) + 1].as_mut().expect("built just before");
        let next = cluster(above, zoom, count, options, &mut neighbours);
        levels[usize::from(zoom)] = Some(level(next, options.node_size));
    }
    levels
}

/// Supercluster's `_createTree`.
fn level(data: Vec<f64>, node_size: u16) -> Level {
    let tree = KdTree::new(data.chunks_exact(STRIDE).map(|item| (item[0] as f32, item[1] as f32)), node_size);
    Level { tree, data }
}

/// Supercluster's `_cluster`: the items of `zoom` from those of the zoom above, whose `data`
/// it marks (the zoom each was taken at, its parent).
fn cluster(above: &mut Level, zoom: u8, points: usize, options: Options, neighbours: &mut Vec<u32>) -> Vec<f64> {
    let z = f64::from(zoom);
    let r = options.radius / (options.extent * 2f64.powi(i32::from(zoom)));
    let Level { tree, data } = above;
    let mut next = Vec::with_capacity(data.len());
    for i in (0..data.len()).step_by(STRIDE) {
        if data[i + OFFSET_ZOOM] <= z {
            continue;
        }
        data[i + OFFSET_ZOOM] = z;
        let (x, y) = (data[i], data[i + 1]);
        tree.within(x, y, r, neighbours);
        let origin = data[i + OFFSET_NUM];
        let mut num = origin;
        for &k in neighbours.iter() {
            let k = k as usize * STRIDE;
            if data[k + OFFSET_ZOOM] > z {
                num += data[k + OFFSET_NUM];
            }
        }
        // Supercluster's `minPoints`, 2.
        if num > origin && num >= 2.0 {
            let (mut wx, mut wy) = (x * origin, y * origin);
            // The zoom and the item it started from, above the points' ids.
            let id = (((i / STRIDE) << 5) + usize::from(zoom) + 1 + points) as f64;
            for &k in neighbours.iter() {
                let k = k as usize * STRIDE;
                if data[k + OFFSET_ZOOM] <= z {
                    continue;
                }
                data[k + OFFSET_ZOOM] = z;
                let weight = data[k + OFFSET_NUM];
                wx += data[k] * weight;
                wy += data[k + 1] * weight;
                data[k + OFFSET_PARENT] = id;
            }
            data[i + OFFSET_PARENT] = id;
            next.extend_from_slice(&[wx / num, wy / num, f64::INFINITY, id, -1.0, num]);
        } else {
            next.extend_from_slice(&data[i..i + STRIDE]);
            if num > 1.0 {
                for &k in neighbours.iter() {
                    let k = k as usize * STRIDE;
                    if data[k + OFFSET_ZOOM] <= z {
                        continue;
                    }
                    data[k + OFFSET_ZOOM] = z;
                    next.extend_from_slice(&data[k..k + STRIDE]);
                }
            }
        }
    }
    next
}

/// Longitude to the unit square's x (Supercluster's `lngX`).
pub fn lng_x(lng: f64) -> f64 {
    lng / 360.0 + 0.5
}

/// Latitude to the unit square's y (Supercluster's `latY`).
pub fn lat_y(lat: f64) -> f64 {
    let sin = math::sin(lat * std::f64::consts::PI / 180.0);
    let y = 0.5 - 0.25 * math::log((1.0 + sin) / (1.0 - sin)) / std::f64::consts::PI;
    y.clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIDE: Options = Options { min_zoom: 0, max_zoom: 13, radius: 45.0, extent: 256.0, node_size: 64 };

    /// 2 000 places over Eure-et-Loir, five at one address.
    fn places() -> Vec<f64> {
        let mut places: Vec<f64> = (0..1_995_u32)
            .flat_map(|n| {
                let a = f64::from(n.wrapping_mul(2_654_435_761) % 10_000) / 10_000.0;
                let b = f64::from(n.wrapping_mul(40_503) % 10_000) / 10_000.0;
                [0.75 + 1.25 * a, 47.95 + b]
            })
            .collect();
        places.extend([1.4892, 48.4469].repeat(5));
        places
    }

    #[test]
    fn every_point_is_counted_once_at_every_zoom() {
        let places = places();
        let levels = load(&places, WIDE);
        assert_eq!(levels.len(), 15);
        for (zoom, level) in levels.iter().enumerate() {
            let level = level.as_ref().unwrap();
            assert_eq!(level.items().map(|item| item.count).sum::<u32>(), 2_000, "zoom {zoom}");
            assert_eq!(level.tree.len(), level.items().count());
        }
        // Fewer items as the map zooms out; the points themselves at 14.
        let sizes: Vec<usize> = levels.iter().map(|level| level.as_ref().unwrap().tree.len()).collect();
        assert!(sizes.windows(2).all(|pair| pair[0] <= pair[1]), "{sizes:?}");
        assert!(sizes[0] < sizes[8] && sizes[8] < sizes[13]);
        assert_eq!(sizes[14], 2_000);
        // The five at one address are one cluster at the highest zoom, whose id names it.
        let together: Vec<Item> = levels[13].as_ref().unwrap().items().filter(|item| item.count == 5).collect();
        assert_eq!(together.len(), 1);
        let id = together[0].id as usize - 2_000;
        assert_eq!(id % 32, 14, "the zoom it was made at, plus one");
    }

    #[test]
    fn a_close_up_index_has_only_its_zooms() {
        let options = Options { min_zoom: 14, max_zoom: 18, ..WIDE };
        let levels = load(&places(), options);
        assert_eq!(levels.len(), 20);
        assert!(levels[..14].iter().all(Option::is_none));
        assert!(levels[14..].iter().all(Option::is_some));
    }

    #[test]
    fn two_points_merge_within_the_radius_and_not_beyond() {
        // 45 px at zoom 10 is 45 / (256 · 1024) of the unit square: about 0.0618° of longitude.
        let step = 45.0 / (256.0 * 1024.0) * 360.0;
        let at_ten = |places: &[f64]| {
            let levels = load(places, Options { min_zoom: 10, ..WIDE });
            levels[10].as_ref().unwrap().items().collect::<Vec<_>>()
        };
        let close = at_ten(&[1.0, 48.0, 1.0 + 0.95 * step, 48.0]);
        assert_eq!(close.len(), 1);
        assert_eq!(close[0].count, 2);
        assert!((close[0].x - lng_x(1.0 + 0.475 * step)).abs() < 1e-7, "the centre is halfway");
        let apart = at_ten(&[1.0, 48.0, 1.0 + 1.05 * step, 48.0]);
        assert_eq!(apart.iter().map(|item| (item.count, item.id)).collect::<Vec<_>>(), [(1, 0.0), (1, 1.0)]);
    }
}
