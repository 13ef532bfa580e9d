//! What `public/clustering-worker.js` calls, with numbers and addresses in the module's memory
//! only (no JavaScript glue): `points(n)` makes room for n points and says where to write them
//! (longitude then latitude of each) — or `payload(n)` makes room for a pin payload of n bytes
//! and `payload_points(…)` reads its pins' positions as the points (`point_data` says where they
//! are, for the worker to copy) —, `index(…)` builds their index with Supercluster's options,
//! then `tree(z)`/`tree_length(z)` and `data(z)`/`data_length(z)` say where each zoom's KD-tree
//! buffer (bytes) and Supercluster numbers (`f64`s) are, for the worker to copy; `release()`
//! frees them. One index at a time: the worker answers its questions in order.

use std::cell::RefCell;

use crate::payload::{positions, Frame};
use crate::{load, Options};

#[derive(Default)]
struct Worker {
    /// A pin payload, as the worker wrote it.
    payload: Vec<u8>,
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
pub extern "C" fn payload(length: usize) -> *mut u8 {
    WORKER.with_borrow_mut(|worker| {
        worker.payload = vec![0; length];
        worker.payload.as_mut_ptr()
    })
}

/// The count of the points read from the payload (a payload of another `version`, or not one:
/// -1), positions restored in the frame from `south` to `north`, `west` to `east`.
#[no_mangle]
pub extern "C" fn payload_points(version: u32, south: f64, north: f64, west: f64, east: f64) -> i32 {
    WORKER.with_borrow_mut(|worker| {
        let payload = std::mem::take(&mut worker.payload);
        let version = u8::try_from(version).unwrap_or(0);
        match positions(&payload, version, Frame { south, north, west, east }) {
            Some(points) if points.len() / 2 <= i32::MAX as usize => {
                worker.points = points;
                (worker.points.len() / 2) as i32
            }
            _ => -1,
        }
    })
}

#[no_mangle]
pub extern "C" fn point_data() -> *const f64 {
    WORKER.with_borrow(|worker| worker.points.as_ptr())
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
        worker.trees = load(&worker.points, options)
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
