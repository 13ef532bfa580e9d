// Builds public/vendor/leaflet/leaflet.js (and its leaflet.css) from npm's Leaflet with only
// the parts our pages use: every page loads it (the site's head), the citizen's first visit of
// `/` included (issue 15's byte budget, end2end/tests/first-visit.spec.ts). npm's dist/leaflet.js, every part
// of Leaflet, was 37 595 B as sent on that first visit; this one is 33 559 B (bench/RESULTS.md,
// nineteenth session).
//
// Left out, used by no page of ours (public/carte28.js, app/src/leaflet_map, the WASM's
// bindings of the `leaflet` crate): the layers and scale controls, image, video and SVG
// overlays, tooltips, WMS tiles, rectangles, and the canvas renderer (every vector layer of ours,
// the areas' outlines and the « Autour de » circle, is drawn in SVG).
// A page that starts using one of them adds it to ENTRY below. What it would meet otherwise:
// `L.<name>` undefined, which the browser tests see at once (every map of the site is opened
// there); a method such as `bindTooltip`, missing only when called; and `preferCanvas: true`,
// drawn in SVG without a word. Plugins that assign to `L` cannot: its names are read-only here.
//
// Usage: node scripts/build-leaflet.mjs OUT   (scripts/copy-vendor-assets.sh runs it)
// The file is written only when its content changed, so that `make release` sees nothing new.
import { build } from 'esbuild';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

const out = process.argv[2] ?? 'public/vendor/leaflet/leaflet.js';
const sources = resolve('node_modules/leaflet/src');
const { version } = JSON.parse(await readFile(resolve('node_modules/leaflet/package.json'), 'utf8'));

// The parts exported, as Leaflet's own src/Leaflet.js and the folders' index.js files export
// them, minus the ones named above.
const ENTRY = `
export {version} from '../package.json';
export * from './core/index';
export * from './dom/index';
export * from './geometry/index';
export * from './geo/index';

// Every handler of the map: Leaflet's own map/index.js.
export * from './map/index';
import {Map} from './map/Map';

import {Control, control} from './control/Control';
import {Zoom, zoom} from './control/Control.Zoom';
import {Attribution, attribution} from './control/Control.Attribution';
Control.Zoom = Zoom;
Control.Attribution = Attribution;
control.zoom = zoom;
control.attribution = attribution;
export {Control, control};

export {Layer} from './layer/Layer';
export {LayerGroup, layerGroup} from './layer/LayerGroup';
export {FeatureGroup, featureGroup} from './layer/FeatureGroup';
import {GeoJSON, geoJSON, geoJson, geometryToLayer, coordsToLatLng, coordsToLatLngs, latLngToCoords, latLngsToCoords, getFeature, asFeature} from './layer/GeoJSON';
GeoJSON.geometryToLayer = geometryToLayer;
GeoJSON.coordsToLatLng = coordsToLatLng;
GeoJSON.coordsToLatLngs = coordsToLatLngs;
GeoJSON.latLngToCoords = latLngToCoords;
GeoJSON.latLngsToCoords = latLngsToCoords;
GeoJSON.getFeature = getFeature;
GeoJSON.asFeature = asFeature;
export {GeoJSON, geoJSON, geoJson};
export {DivOverlay} from './layer/DivOverlay';
export {Popup, popup} from './layer/Popup';
export * from './layer/marker/index';
export {GridLayer, gridLayer} from './layer/tile/GridLayer';
export {TileLayer, tileLayer} from './layer/tile/TileLayer';

export {Renderer} from './layer/vector/Renderer';
import {SVG, create, pointsToPath, svg} from './layer/vector/SVG';
SVG.create = create;
SVG.pointsToPath = pointsToPath;
export {SVG, svg};
// Leaflet's layer/vector/Renderer.getRenderer.js, less its canvas: the same methods, SVG only.
Map.include({
  getRenderer: function (layer) {
    var renderer = layer.options.renderer || this._getPaneRenderer(layer.options.pane) || this.options.renderer || this._renderer;
    if (!renderer) {
      renderer = this._renderer = this._createRenderer();
    }
    if (!this.hasLayer(renderer)) {
      this.addLayer(renderer);
    }
    return renderer;
  },
  _getPaneRenderer: function (name) {
    if (name === 'overlayPane' || name === undefined) {
      return false;
    }
    var renderer = this._paneRenderers[name];
    if (renderer === undefined) {
      renderer = this._createRenderer({pane: name});
      this._paneRenderers[name] = renderer;
    }
    return renderer;
  },
  _createRenderer: function (options) {
    return svg(options);
  }
});
export {Path} from './layer/vector/Path';
export {CircleMarker, circleMarker} from './layer/vector/CircleMarker';
export {Circle, circle} from './layer/vector/Circle';
export {Polyline, polyline} from './layer/vector/Polyline';
export {Polygon, polygon} from './layer/vector/Polygon';
`;

const result = await build({
  stdin: { contents: ENTRY, resolveDir: sources, sourcefile: 'leaflet-for-carte28.js' },
  bundle: true,
  minify: true,
  // A classic script, as npm's dist/leaflet.js: `var L = …` makes the global the pages use.
  format: 'iife',
  globalName: 'L',
  charset: 'utf8',
  // Leaflet's licence (BSD-2-Clause) asks for its notice in what is redistributed; its LICENSE
  // file is copied beside this one (copy-vendor-assets.sh).
  banner: { js: `/* @preserve Leaflet ${version} (our parts of it: scripts/build-leaflet.mjs), a JS library for interactive maps. https://leafletjs.com (c) 2010-2023 Vladimir Agafonkin, (c) 2010-2011 CloudMade. BSD-2-Clause */` },
  write: false,
  logLevel: 'warning',
});
await writeIfChanged(out, Buffer.from(result.outputFiles[0].contents));

// Leaflet's stylesheet beside it, less the rules of the parts left out (the layers and scale
// controls, tooltips): 0.5 kB of the first visit (bench/RESULTS.md, twentieth session). It is a
// flat list of `selectors { declarations }` (and one `@media print` around such rules): each
// selector naming a part left out goes, then each rule left with none. The release build
// minifies what remains (scripts/minify-site.mjs).
const LEFT_OUT_CSS = /leaflet-(control-layers|control-scale|tooltip)/;
const stylesheet = (await readFile(resolve('node_modules/leaflet/dist/leaflet.css'), 'utf8'))
  .replace(/\/\*[\s\S]*?\*\//g, '')
  .replace(/([^{}@]+)\{([^{}]*)\}/g, (rule, selectors, declarations) => {
    const kept = selectors.split(',').filter((selector) => !LEFT_OUT_CSS.test(selector));
    return kept.length ? `${kept.join(',')}{${declarations}}` : '';
  });
await writeIfChanged(out.replace(/\.js$/, '.css'), Buffer.from(stylesheet));

async function writeIfChanged(path, bytes) {
  const before = await readFile(path).catch(() => null);
  if (before && bytes.equals(before)) return;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, bytes);
  console.log(`built ${path}: ${bytes.length} bytes`);
}
