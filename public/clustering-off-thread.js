// Carte Orientation 28 — a large view's clustering off the page's main thread: the page side.
// public/carte28.js loads it when a visitor filters a large map (`startOffThread`), and hands it
// large views once `carte28.offThread.state` is 'ready' (`clusterIndexLater`).
//
// It starts `clustering-worker.js`, lets it come up to speed, then asks it for indexes: a large
// view's wide index, and its close-up index ahead of need (`withCloseUp` in carte28.js). Once it
// is up, the worker also fetches the map's pin payloads (`fetchPins`), and indexes a large view
// from its payload once it arrives. The
// worker builds the index `carte28.buildIndex` would (the same Supercluster and options, the
// pins in the same order; in WebAssembly, cluster-index/, where it can) and sends back its
// trees; this puts them in a Supercluster of the page's own, which the map queries as it queries
// an index built in the page (map.spec.ts compares them).
(function () {
  'use strict';
  const carte28 = window.carte28;
  /** The indexes asked for and not answered yet, by number: their promise's `resolve`, their
   *  points and options; for a payload the worker fetches (`fetchPins`), `fetched`, and
   *  `handOver`, the resolver of the payload's promise, kept until the payload comes. */
  const asked = new Map();
  let asks = 0;
  /** The number of the payload fetched last (`fetchPins`) if the worker holds its pins
   *  (`hold`) until `indexHeld` says; 0 otherwise. Set before the worker starts, like the two
   *  below: `indexHeld` reads them even when it could not start. */
  let holding = 0;
  /** Whether the sketch asked for last (`sketch`) has come, and how many were asked for. */
  let sketchCame = false;
  let sketches = 0;
  /** 'starting', 'ready' (large views come here), or 'failed' (they stay in the page); and once
   *  ready, what builds the indexes there: 'webassembly', or 'javascript' where the module could
   *  not be had. */
  const offThread = carte28.offThread = { state: 'starting', engine: null, index: index, fetchPins: fetchPins, indexHeld: indexHeld, sketch: sketch, sketchOf: sketchOf };
  let worker;
  try {
    worker = new Worker('/clustering-worker.js');
  } catch (error) {
    offThread.state = 'failed';
    return;
  }
  worker.onmessage = function (event) {
    const answer = event.data;
    if (answer.ready) {
      offThread.state = 'ready';
      offThread.engine = answer.engine;
      return;
    }
    if (answer.engine) offThread.engine = answer.engine;
    const question = asked.get(answer.id);
    if (question && 'payload' in answer) {
      if (question.handOver) question.handOver(answer.payload);
      question.handOver = null;
      return;
    }
    asked.delete(answer.id);
    if (!question) {
      // The worker could not warm up: it is left.
      if (answer.failed) fail();
      return;
    }
    if (question.fetched) {
      // The pins of a payload it fetched, indexed from the payload (or not: null).
      let built = null;
      try {
        if (answer.trees) built = { points: answer.points, index: fromTrees(answer.trees, { points: answer.points, options: question.options }) };
      } catch (error) {
        built = null;
      }
      question.resolve(built);
      return;
    }
    let built = null;
    try {
      if (!answer.failed) built = fromTrees(answer.trees, question);
    } catch (error) {
      built = null;
    }
    // An index the worker could not build, or whose trees the page could not read: built here.
    question.resolve(built || builtHere(question));
  };
  // A worker that cannot start (its script lost, workers blocked) or was stopped: the indexes it
  // owes, and every later one, are built in the page.
  worker.onerror = function (event) {
    event.preventDefault();
    fail();
  };

  function fail() {
    worker.terminate();
    offThread.state = 'failed';
    asked.forEach(function (question) {
      if (question.handOver) question.handOver(null);
      question.resolve(question.fetched ? null : builtHere(question));
    });
    asked.clear();
  }
  // A new worker's first indexes run cold (V8 has optimised none of its code yet: with
  // Supercluster's script, 50 000 pins then took 150 ms rather than 60, more than the page
  // takes; the module's code is optimised once hot too). It warms up first.
  worker.postMessage({ warmUp: carte28.clusterOptions() });

  /** The index of `points` (longitude then latitude of each pin) with Supercluster's
   *  `options`, as a promise. One asked ahead of need (`ahead`: a close-up index) is null
   *  rather than built in the page when the worker fails. Once it has failed, answered at once
   *  (a question posted to a stopped worker would never be). */
  function index(points, options, ahead) {
    if (offThread.state === 'failed') return Promise.resolve(builtHere({ points: points, options: options, ahead: ahead }));
    return new Promise(function (resolve) {
      asked.set(++asks, { resolve: resolve, points: points, options: options, ahead: ahead });
      worker.postMessage({ id: asks, points: points, options: options });
    });
  }

  /** Has the worker fetch the pin payload at `payload.path` and index its pins with `options`
   *  when they are `payload.from` or more (read from the payload in the frame and `version` it
   *  names): `{payload, index}`, a promise of the payload's bytes (an ArrayBuffer; null if the
   *  worker could not have them) and one of `{points, index}` (null when there is no index to
   *  give: a small view, a failure). With `payload.hold`, the worker holds the pins until
   *  `indexHeld` says when to index them. */
  function fetchPins(payload, options) {
    holding = 0;
    if (offThread.state === 'failed') return { payload: Promise.resolve(null), index: Promise.resolve(null) };
    let handOver;
    const bytes = new Promise(function (resolve) { handOver = resolve; });
    const index = new Promise(function (resolve) {
      asked.set(++asks, { resolve: resolve, handOver: handOver, fetched: true, options: options });
      worker.postMessage({ id: asks, payload: payload, options: options });
    });
    if (payload.hold) holding = asks;
    return { payload: bytes, index: index };
  }

  /** Has the worker index the pins of the payload fetched last, which it holds (`fetchPins`
   *  with `hold`), once: when `sketch`, the promise of the map's sketch of their view
   *  (`sketchOf`), has come and is of these pins, once the page is idle after drawing it (the
   *  list, the markers, the browser's frame); at once otherwise (no sketch, not come yet, or not
   *  of these pins: the map waits for the index). `carte28.clusterIndexLater` calls it as it
   *  asks for an index. The word names its payload: one said late, after a newer payload was
   *  asked for, leaves the newer one's pins held; one said before the pins came has them
   *  indexed as they come. */
  function indexHeld(sketch) {
    if (!holding) return;
    const go = { go: holding };
    holding = 0;
    const say = function () { worker.postMessage(go); };
    if (!sketch || !sketchCame) return say();
    sketch.then(function (sketched) {
      if (!sketched) return say();
      if (window.requestIdleCallback) requestIdleCallback(say, { timeout: 200 });
      else setTimeout(say, 50);
    });
  }

  /** The server's sketch of the view whose pins are at `path` (`/api/pins?…`): its clusters at
   *  `zoom` (`/api/sketch/{zoom}`, `server/src/routes/view_sketch.rs`), for the map to draw
   *  while its index is on its way (`leaflet_map::clustering::Clusters::later`). A promise of
   *  its numbers (the zoom, the view's pin count and the checksum of their points, then four per
   *  spot as `carte28.clusterSpots` gives them) or of null; null when there is none to ask for.
   *  Here rather than in carte28.js: only a map whose worker is up asks, and a first visit
   *  does not carry it. */
  function sketch(path, zoom) {
    const url = new URL(path, location.href);
    // Not for a place typed in « Autour de »: the server would look the address up a third
    // time, beside the list and the pins.
    if (url.searchParams.get('autour')) return null;
    url.pathname = '/api/sketch/' + zoom;
    const mine = ++sketches;
    sketchCame = false;
    return fetch(url)
      .then(function (response) { return response.ok ? response.arrayBuffer() : null; })
      .then(function (buffer) { return buffer && new Float64Array(buffer); })
      // No sketch (a refused view, a cut answer): the map waits for its index, as before.
      .catch(function () { return null; })
      .then(function (numbers) {
        if (mine === sketches) sketchCame = true;
        return numbers;
      });
  }

  /** The sketch `fetched` (`sketch`) if it is of the `count` points whose checksum is
   *  `checksum` (the server's `app::domain::pins::points_checksum`, which the WASM computes of
   *  the points it asks the index of; none: no sketch is theirs) and of the zoom the map shows
   *  (`zoom()`) when it comes: a promise of an index, or of null
   *  (`carte28.clusterIndexLater` gives it to the WASM, `leaflet_map::clustering::Clusters::later`).
   *  Its spots are the sketch's at any zoom (`carte28.clusterSpots`): a map zoomed before the
   *  index comes keeps them rather than showing none; a cluster splits one zoom closer, where
   *  the index will draw it (a sketch cannot tell). */
  function sketchOf(fetched, count, checksum, zoom) {
    return fetched.then(function (numbers) {
      const mine = numbers && numbers[1] === count && numbers[2] === checksum && numbers.length % 4 === 3;
      if (!mine || zoom() !== numbers[0]) return null;
      const spots = numbers.subarray(3);
      return {
        getClusterExpansionZoom: function () { return Math.min(numbers[0] + 1, carte28.maxZoom()); },
        spotsAt: function (west, south, east, north) {
          const kept = [];
          for (let n = 0; n < spots.length; n += 4) {
            if (spots[n] >= west && spots[n] <= east && spots[n + 1] >= south && spots[n + 1] <= north) {
              kept.push(spots[n], spots[n + 1], spots[n + 2], spots[n + 3]);
            }
          }
          return Float64Array.from(kept);
        },
      };
    });
  }

  /** What a question the worker could not answer gets instead. */
  function builtHere(question) {
    return question.ahead ? null : carte28.buildIndex(question.points, question.options);
  }

  /** KDBush, the trees' class, which the Supercluster script holds without exporting it. */
  const KDBush = new Supercluster({ minZoom: 0, maxZoom: 0 }).load([]).trees[0].constructor;

  /** A Supercluster index of the trees the worker sent for `question`'s points and options. It
   *  relies on Supercluster 8's inside, `trees` and `points`: package.json pins its version. */
  function fromTrees(trees, question) {
    const points = question.points;
    const built = new Supercluster(question.options);
    trees.forEach(function (tree, zoom) {
      if (!tree) return;
      built.trees[zoom] = KDBush.from(tree.kdbush);
      built.trees[zoom].data = tree.data;
    });
    // The index answers a lone pin with `points[n]`: each made when first asked for, a few
    // hundred per view at most, rather than 50 000 objects up front.
    const made = [];
    built.points = new Proxy(made, {
      get: function (target, key) {
        if (key === 'length') return points.length >> 1;
        const n = typeof key === 'string' && key !== '' ? Number(key) : NaN;
        if (!Number.isInteger(n)) return target[key];
        return target[n] || (target[n] = carte28.pinFeature(points, n));
      },
    });
    return built;
  }
})();
