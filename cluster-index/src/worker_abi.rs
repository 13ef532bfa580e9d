//! What `public/clustering-worker.js` calls, with numbers and addresses in the module's memory
//! only (no JavaScript glue): `points(n)` makes room for n points and says where to write them
//! (longitude then latitude of each), `index(…)` builds their index with Supercluster's options,
//! then `tree(z)`/`tree_length(z)` and `data(z)`/`data_length(z)` say where each zoom's KD-tree
//! buffer (bytes) and Supercluster numbers (`f64`s) are, for the worker to copy; `release()`
//! frees them. One index at a time: the worker answers its questions in order.

use std::cell::RefCell;

use crate::{load, Options};

#[derive(Default)]
struct Worker {
    points: Vec<f64>,
    /// Each zoom's KD-tree buffer and numbers (empty below the index's lowest zoom).
    trees: Vec<(Vec<u8>, Vec<f64>)>,
}

thread_local! {
    static WORKER: RefCell<Worker> = RefCell::new(Worker::default());
}

#[no_mangle]
pub extern "C" fn points(count: usize) -> *mut f64 {
    WORKER.with_borrow_mut(|worker| {
        worker.points = vec![0.0; 2 * count];
        worker.points.as_mut_ptr()
    })
}

#[no_mangle]
pub extern "C" fn index(min_zoom: u32, max_zoom: u32, radius: f64, extent: f64, node_size: u32) -> u32 {
    WORKER.with_borrow_mut(|worker| {
        let options = Options {
            min_zoom: min_zoom.min(30) as u8,
            max_zoom: max_zoom.min(30) as u8,
            radius,
            extent,
            node_size: node_size.min(65_535) as u16,
        };
        let points = std::mem::take(&mut worker.points);
        worker.trees = load(&points, options)
            .into_iter()
            .map(|level| level.map(|level| (level.tree.buffer(), level.data)).unwrap_or_default())
            .collect();
        worker.trees.len() as u32
    })
}

#[no_mangle]
pub extern "C" fn tree(zoom: usize) -> *const u8 {
    WORKER.with_borrow(|worker| worker.trees[zoom].0.as_ptr())
}

#[no_mangle]
pub extern "C" fn tree_length(zoom: usize) -> usize {
    WORKER.with_borrow(|worker| worker.trees[zoom].0.len())
}

#[no_mangle]
pub extern "C" fn data(zoom: usize) -> *const f64 {
    WORKER.with_borrow(|worker| worker.trees[zoom].1.as_ptr())
}

#[no_mangle]
pub extern "C" fn data_length(zoom: usize) -> usize {
    WORKER.with_borrow(|worker| worker.trees[zoom].1.len())
}

#[no_mangle]
pub extern "C" fn release() {
    WORKER.with_borrow_mut(|worker| *worker = Worker::default());
}
