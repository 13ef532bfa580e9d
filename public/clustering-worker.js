// Carte Orientation 28 — a large view's clustering off the page's main thread: the worker
// (clustering-off-thread.js starts it and asks it for indexes).
//
// It builds the index `carte28.buildIndex` builds (Supercluster, with the options the page sends,
// over the pins in the same order) and sends back its trees, one per zoom, their buffers moved
// rather than copied: of the points the page sends, or of the pins of a payload it fetched for
// the page (`fetchPins`). WebAssembly builds it (`/cluster-index.wasm`, the crate cluster-index/): the
// same trees byte for byte, in half the time of Supercluster's JavaScript, which builds it only
// where the module cannot be had (a build without it, a failure).
'use strict';
importScripts('/vendor/supercluster/supercluster.min.js');

/** The module's exports (cluster-index/src/worker_abi.rs), once instantiated; null without it.
 *  It takes the three functions of `Math` whose last bit is the engine's own from here, so that
 *  its index is Supercluster's to the last bit. */
let webAssembly = null;
let instantiating;
try {
  instantiating = WebAssembly.instantiateStreaming(fetch('/cluster-index.wasm'), {
    math: { sin: Math.sin, log: Math.log, exp: Math.exp },
  });
} catch (error) {
  // No WebAssembly here (a browser without it, or with it turned off): Supercluster's script.
  instantiating = Promise.reject(error);
}
const instantiated = instantiating.then(function (result) {
  webAssembly = result.instance.exports;
}, function () {});

onmessage = function (event) {
  // Questions are taken in the order they came, each after the same instantiation (a payload
  // is answered when the network answers).
  instantiated.then(function () {
    const { warmUp, id, points, options, payload, go } = event.data;
    if (go) {
      indexHeld(go);
      return;
    }
    if (payload) {
      fetchPins(id, payload, options);
      return;
    }
    // What fails here (memory, at 50 000 pins on a small phone) is said to the page, which then
    // builds the index itself: never an error thrown out of the worker.
    try {
      answer(warmUp, id, points, options);
    } catch (error) {
      postMessage({ id: id, failed: true });
    }
  });
};

/** The latest payload asked for (`fetchPins`): one that arrives after a later one was asked
 *  for is handed to the page, not indexed (the page has moved on). */
let latestPayload = 0;

/** The pins of the latest payload fetched with `payload.hold`, waiting for the page's word to
 *  be indexed (`go`, the payload's number): `{id, points, options}`, or null. */
let held = null;
/** The payload the page said to index before its pins came (`go`): they are not held. */
let saidFirst = 0;

/** Fetches the pin payload `payload.path` and hands it to the page as soon as it arrives
 *  (`payload`: its bytes, moved; null if it could not be had, which the page then asks for
 *  itself). Then, for a large view (`payload.from` pins or more), the index of its pins with
 *  `options`, read from the payload by the module while the page decodes it: the index starts
 *  when the pins arrive, not once the page has decoded them — nor after it drew the view's list,
 *  which often arrives first (bench/RESULTS.md, twenty-fifth session). The answer is `trees`
 *  and the pins' `points`, or `trees: null` when there is no index to give (a small view,
 *  another version of the payload, the module missing or failing): the page asks the usual way
 *  then. The worker answers one thing at a time: a payload that arrives while it builds another
 *  index waits for it.
 *  With `payload.hold` (the page asked for the server's sketch of the view too, and draws the
 *  view from it if it comes first), the pins are read and held, and indexed when the page says
 *  so (`go`): once it has drawn the view, or at once without the sketch. Built as the pins
 *  came, the index took the second core from the page's drawing and the browser's work, which
 *  the change waits for: about 10 ms more at the median on a 2-core machine (bench/RESULTS.md,
 *  twenty-ninth session). A newer payload drops the pins held (their index is answered null). */
function fetchPins(id, payload, options) {
  latestPayload = id;
  dropHeld();
  fetch(payload.path).then(function (response) {
    return response.ok ? response.arrayBuffer() : null;
  }).catch(function () {
    return null;
  }).then(function (bytes) {
    // The payload into the module, then to the page at once (moved), which decodes it while
    // the module reads its pins' positions and indexes them.
    let written = false;
    try {
      if (bytes && webAssembly && id === latestPayload) {
        writePayload(new Uint8Array(bytes));
        written = true;
      }
    } catch (error) {
      webAssembly = null;
    }
    postMessage({ id: id, payload: bytes }, bytes ? [bytes] : []);
    let built = null;
    let points = null;
    try {
      const count = written ? webAssembly.payload_points(payload.version, payload.south, payload.north, payload.west, payload.east) : -1;
      if (count >= payload.from) {
        const at = webAssembly.point_data() >>> 0;
        // Copied out first: indexing may grow the module's memory, and its end frees them.
        points = new Float64Array(webAssembly.memory.buffer.slice(at, at + 16 * count));
        if (payload.hold && id === latestPayload && saidFirst !== id) {
          webAssembly.release();
          held = { id: id, points: points, options: options };
          return;
        }
        built = indexOfWrittenPoints(options);
      } else if (webAssembly) {
        webAssembly.release();
      }
    } catch (error) {
      webAssembly = null;
      built = null;
    }
    answerPayload(id, built, points);
  }).catch(function () {
    // Whatever failed above, the page is not left waiting (it ignores a second payload).
    postMessage({ id: id, payload: null });
    postMessage({ id: id, trees: null, engine: engine() });
  });
}

/** The index of a fetched payload's pins, to the page: `built`, its trees, and their `points`;
 *  or `built` null, no index to give (the page then asks the usual way). */
function answerPayload(id, built, points) {
  if (!built) {
    postMessage({ id: id, trees: null, engine: engine() });
    return;
  }
  postMessage({ id: id, trees: built, points: points, engine: engine() }, movedBuffers(built).concat([points.buffer]));
}

/** Indexes the pins of payload `id` (`held`): the page has drawn their view, or will not draw
 *  it from a sketch. Said before they came, they will not be held; said late (another payload
 *  is held), it is left. */
function indexHeld(id) {
  if (!held || held.id !== id) {
    if (id === latestPayload) saidFirst = id;
    return;
  }
  const { points, options } = held;
  held = null;
  let built = null;
  try {
    built = trees(points, options);
  } catch (error) {
    built = null;
  }
  answerPayload(id, built, points);
}

/** Drops the pins held, their index answered null: a newer payload was asked for, the page has
 *  moved on. */
function dropHeld() {
  if (!held) return;
  answerPayload(held.id, null, null);
  held = null;
}

/** Writes the payload `bytes` into the module, for `payload_points` to read. */
function writePayload(bytes) {
  const module = webAssembly;
  // Making room may grow the module's memory: its buffer is read after.
  const at = module.payload(bytes.length) >>> 0;
  new Uint8Array(module.memory.buffer, at, bytes.length).set(bytes);
}

/** The buffers of `built`'s trees, moved to the page rather than copied. */
function movedBuffers(built) {
  const moved = [];
  built.forEach(function (tree) {
    if (tree) moved.push(tree.kdbush, tree.data.buffer);
  });
  return moved;
}

function answer(warmUp, id, points, options) {
  if (warmUp) {
    // A new worker's first indexes run cold (V8 compiles the hot functions of either the script
    // or the module better once they have run a while): two of 10 000 made-up points in the
    // département's box bring it up to speed (the first of 50 000 pins then takes what it takes
    // warm).
    let seed = 28;
    const random = function () { return (seed = (seed * 48271) % 2147483647) / 2147483647; };
    for (let round = 0; round < 2; round++) {
      const made = new Float64Array(20000);
      for (let n = 0; n < made.length; n += 2) {
        made[n] = 0.8 + 1.3 * random();
        made[n + 1] = 47.95 + 0.9 * random();
      }
      trees(made, warmUp);
    }
    postMessage({ ready: true, engine: engine() });
    return;
  }
  const built = trees(points, options);
  postMessage({ id: id, trees: built, engine: engine() }, movedBuffers(built));
}

/** What builds the indexes now: 'webassembly', or 'javascript' (no module, or it trapped). */
function engine() {
  return webAssembly ? 'webassembly' : 'javascript';
}

/** The index of `points` (longitude then latitude of each) as its trees: for each zoom of
 *  Supercluster's `trees`, null or a KDBush buffer (`kdbush`) with Supercluster's numbers for each
 *  point or cluster beside it (`data`, a Float64Array). */
function trees(points, options) {
  // The module knows Supercluster's clustering without `reduce` or `map` and with `minPoints` 2,
  // which is all the map asks for.
  const plain = !options.reduce && !options.map && (options.minPoints === undefined || options.minPoints === 2);
  if (webAssembly && plain) {
    try {
      return builtByWebAssembly(points, options);
    } catch (error) {
      // A trap (memory) leaves the module's state unknown: Supercluster's script from now on.
      webAssembly = null;
    }
  }
  return Array.from(supercluster(points, options).trees, function (tree) {
    return tree ? { kdbush: tree.ids.buffer, data: Float64Array.from(tree.data) } : null;
  });
}

function builtByWebAssembly(points, options) {
  const module = webAssembly;
  // Where the points go: asked first, since making room may grow the module's memory (which
  // detaches the views of it made before). Addresses and lengths come back as signed 32-bit
  // numbers: `>>> 0` reads them unsigned.
  const at = module.points(points.length >> 1) >>> 0;
  new Float64Array(module.memory.buffer, at, points.length).set(points);
  return indexOfWrittenPoints(options);
}

/** The trees of the points written into the module (`builtByWebAssembly`, `fetchPins`). */
function indexOfWrittenPoints(options) {
  const module = webAssembly;
  // The options as Supercluster reads them: one the page leaves out takes Supercluster's default.
  const o = new Supercluster(options).options;
  const zooms = module.index(o.minZoom, o.maxZoom, o.radius, o.extent, o.nodeSize);
  const memory = module.memory.buffer;
  const built = [];
  for (let zoom = 0; zoom < zooms; zoom++) {
    const length = module.tree_length(zoom) >>> 0;
    if (!length) {
      built.push(null);
      continue;
    }
    const tree = module.tree(zoom) >>> 0;
    const data = module.data(zoom) >>> 0;
    built.push({
      kdbush: memory.slice(tree, tree + length),
      data: new Float64Array(memory.slice(data, data + 8 * (module.data_length(zoom) >>> 0))),
    });
  }
  module.release();
  return built;
}

/** Supercluster's own index of `points`. Indexing reads nothing of a point but its coordinates:
 *  the page makes the features the index answers with, when asked for. */
function supercluster(points, options) {
  const features = new Array(points.length >> 1);
  for (let n = 0; n < features.length; n++) {
    features[n] = { geometry: { coordinates: [points[2 * n], points[2 * n + 1]] } };
  }
  return new Supercluster(options).load(features);
}
