// Carte Orientation 28 — a large view's clustering off the page's main thread: the worker
// (clustering-off-thread.js starts it and asks it for indexes).
//
// It builds the index `carte28.buildIndex` builds (the same Supercluster, with the options the
// page sends, over the pins in the same order) and sends back its trees, one per zoom, their
// buffers moved rather than copied.
'use strict';
importScripts('/vendor/supercluster/supercluster.min.js');

onmessage = function (event) {
  const { warmUp, id, points, options } = event.data;
  // What fails here (memory, at 50 000 pins on a small phone) is said to the page, which then
  // builds the index itself: never an error thrown out of the worker.
  try {
    answer(warmUp, id, points, options);
  } catch (error) {
    postMessage({ id: id, failed: true });
  }
};

function answer(warmUp, id, points, options) {
  if (warmUp) {
    // A new worker's first indexes run cold: two of 10 000 made-up points in the département's
    // box bring V8 up to speed (the first of 50 000 pins then takes what the page takes).
    let seed = 28;
    const random = function () { return (seed = (seed * 48271) % 2147483647) / 2147483647; };
    for (let round = 0; round < 2; round++) {
      const made = new Float64Array(20000);
      for (let n = 0; n < made.length; n += 2) {
        made[n] = 0.8 + 1.3 * random();
        made[n + 1] = 47.95 + 0.9 * random();
      }
      index(made, warmUp);
    }
    postMessage({ ready: true });
    return;
  }
  const moved = [];
  // A tree is a KDBush (its buffer: the positions and their order) with Supercluster's numbers
  // for each point or cluster beside it (`data`, a plain array: copied into one that can move).
  const trees = Array.from(index(points, options).trees, function (tree) {
    if (!tree) return null;
    const data = Float64Array.from(tree.data);
    moved.push(tree.ids.buffer, data.buffer);
    return { kdbush: tree.ids.buffer, data: data };
  });
  postMessage({ id: id, trees: trees }, moved);
}

/** The index of `points` (longitude then latitude of each). Indexing reads nothing of a point
 *  but its coordinates: the page makes the features the index answers with, when asked for. */
function index(points, options) {
  const features = new Array(points.length >> 1);
  for (let n = 0; n < features.length; n++) {
    features[n] = { geometry: { coordinates: [points[2 * n], points[2 * n + 1]] } };
  }
  return new Supercluster(options).load(features);
}
