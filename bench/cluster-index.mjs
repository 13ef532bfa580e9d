// How long one index of a large view takes to build: Supercluster's JavaScript (node_modules:
// Supercluster 8, as public/vendor; its KDBush a later 4.x, the same algorithm) against the
// clustering worker's WebAssembly (cluster-index/, as `make cluster-index` puts it in the site),
// in Node's V8, the same engine as Chromium's, alone on the machine (no page, no list, no server
// beside it). Checks first that both build the same trees, byte for byte, as map.spec.ts does in
// the browser.
// Usage: node bench/cluster-index.mjs [PLACES] [RUNS]   (defaults 50000 and 12; the site's module:
// WASM=path to take another)
// The places: 400 towns drawn in the département's box, each place within about 2 km of one
// (MINSTD, the same every run), 20 of them at one address. Both indexes of a map with tiles are
// timed: the wide one (zooms 0 to 13, built with every view) and the close-up one (14 to 18).
import { readFileSync } from 'node:fs';
import Supercluster from '../node_modules/supercluster/index.js';

const count = Number(process.argv[2] ?? 50000);
const runs = Number(process.argv[3] ?? 12);
const wasmPath = process.env.WASM ?? new URL('../target/site/cluster-index.wasm', import.meta.url);

let seed = 28;
const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
const towns = Array.from({ length: 400 }, () => [0.8 + 1.3 * random(), 47.95 + 0.9 * random()]);
const places = new Float64Array(2 * count);
for (let n = 0; n < count; n++) {
  const [lng, lat] = n < 20 ? towns[0] : towns[Math.floor(random() * towns.length)];
  const spread = n < 20 ? 0 : 0.03;
  places[2 * n] = lng + spread * (random() - 0.5);
  places[2 * n + 1] = lat + spread * (random() - 0.5);
}

// The options of carte28.js (`clusterOptions`, `closeUpOptions`) on a map with tiles.
const wide = { radius: 45, extent: 256, minZoom: 0, maxZoom: 13 };
const closeUp = { radius: 45, extent: 256, minZoom: 14, maxZoom: 18 };

const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {
  math: { sin: Math.sin, log: Math.log, exp: Math.exp },
});
const module = instance.exports;

/** Supercluster's trees, as the worker sends them: per zoom, the KD-tree's bytes and the numbers. */
function bySupercluster(options) {
  const features = new Array(count);
  for (let n = 0; n < count; n++) features[n] = { geometry: { coordinates: [places[2 * n], places[2 * n + 1]] } };
  return Array.from(new Supercluster(options).load(features).trees, (tree) => tree && { kdbush: tree.ids.buffer, data: tree.data });
}

/** The same by the module, copied out of its memory as public/clustering-worker.js does. */
function byWebAssembly(options) {
  const at = module.points(count);
  new Float64Array(module.memory.buffer, at, places.length).set(places);
  const zooms = module.index(options.minZoom, options.maxZoom, options.radius, options.extent, 64);
  const memory = module.memory.buffer;
  const trees = [];
  for (let zoom = 0; zoom < zooms; zoom++) {
    const length = module.tree_length(zoom);
    if (!length) {
      trees.push(null);
      continue;
    }
    const data = module.data(zoom);
    trees.push({
      kdbush: memory.slice(module.tree(zoom), module.tree(zoom) + length),
      data: new Float64Array(memory.slice(data, data + 8 * module.data_length(zoom))),
    });
  }
  module.release();
  return trees;
}

for (const options of [wide, closeUp]) {
  const theirs = bySupercluster(options);
  const ours = byWebAssembly(options);
  const same = theirs.length === ours.length && theirs.every((tree, zoom) => {
    const mine = ours[zoom];
    if (!tree || !mine) return !tree && !mine;
    const [a, b] = [new Uint8Array(tree.kdbush), new Uint8Array(mine.kdbush)];
    return a.length === b.length && a.every((byte, n) => byte === b[n])
      && tree.data.length === mine.data.length && tree.data.every((value, n) => value === mine.data[n]);
  });
  if (!same) throw new Error(`zooms ${options.minZoom}–${options.maxZoom}: the module's index is not Supercluster's`);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`| index of ${count} places | Supercluster's JavaScript, median (min) | WebAssembly, median (min) | ratio |`);
console.log('|---|---:|---:|---:|');
for (const [name, options] of [['wide (zooms 0–13)', wide], ['close-up (zooms 14–18)', closeUp]]) {
  const times = { js: [], wasm: [] };
  // Warm, then in turn, so that both meet the same state of the machine.
  for (let run = -2; run < runs; run++) {
    for (const [engine, build] of [['js', bySupercluster], ['wasm', byWebAssembly]]) {
      const start = performance.now();
      build(options);
      if (run >= 0) times[engine].push(performance.now() - start);
    }
  }
  const [js, wasm] = [median(times.js), median(times.wasm)];
  console.log(`| ${name} | ${js.toFixed(1)} ms (${Math.min(...times.js).toFixed(1)}) | ${wasm.toFixed(1)} ms (${Math.min(...times.wasm).toFixed(1)}) | ${(wasm / js).toFixed(2)} |`);
}
console.log(`(${runs} runs each, in turn, after two to warm up; the same trees byte for byte)`);
