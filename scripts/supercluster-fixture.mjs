// Writes app/src/domain/supercluster-expected.json: what Supercluster (node_modules, the version
// public/vendor holds) makes of a set of points, for `domain::supercluster`'s test to compare
// with. The points are not in the file: both sides draw them from the same integer generator
// (MINSTD, exact in JavaScript's doubles), as `fixture_points` in supercluster.rs does.
// Usage: node scripts/supercluster-fixture.mjs  (then commit the JSON)
import { writeFileSync } from 'node:fs';
import Supercluster from '../node_modules/supercluster/index.js';

export function fixturePoints() {
  let seed = 20261205;
  const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const points = [];
  for (let n = 0; n < 1500; n++) points.push([0.75 + 1.25 * next(), 47.95 + next()]);
  // Pins at one address, and a town's worth close together.
  for (let n = 0; n < 6; n++) points.push([1.4892, 48.4469]);
  for (let n = 0; n < 40; n++) points.push([1.36 + 0.02 * next(), 48.73 + 0.02 * next()]);
  return points;
}

const points = fixturePoints().map(([lng, lat], n) => ({ type: 'Feature', properties: { n }, geometry: { type: 'Point', coordinates: [lng, lat] } }));
const index = new Supercluster({ radius: 45, extent: 256, minZoom: 0, maxZoom: 13 }).load(points);
const zooms = {};
for (const zoom of [8, 9, 10]) {
  // The level's items in Supercluster's own order: [count, x, y] in the unit square, a lone
  // pin as its number (its position is the input's).
  zooms[zoom] = index.trees[zoom].data.reduce((spots, _, k, data) => {
    if (k % index.stride) return spots;
    spots.push(data[k + 5] > 1 ? [data[k + 5], +data[k].toFixed(12), +data[k + 1].toFixed(12)] : [1, data[k + 3]]);
    return spots;
  }, []);
}
writeFileSync(new URL('../app/src/domain/supercluster-expected.json', import.meta.url), JSON.stringify({ points: points.length, zooms }) + '\n');
