// Minifies the release site's scripts and stylesheets that cargo-leptos writes unminified, then
// writes their .br and .gz again (the server sends those, not the file: they must say the same);
// last, compresses the WASM files again where Node's brotli does better, and the clustering
// worker's, which cargo-leptos never sees.
// Usage: node scripts/minify-site.mjs [SITE]   (SITE: target/site; the Makefile's `release` runs it)
//
// Every map page downloads these on a first visit (issue 15's byte budget, first-visit.spec.ts):
// - carte28.js, ours, written to be read (its comments say why the map does what it does);
// - Leaflet's stylesheet, which npm ships unminified;
// - the split build's loader (`__wasm_split.*.js`), which cargo-leptos writes unminified;
// and later, for visitors who filter a large map, clustering-off-thread.js and its worker, and
// for every page but the map, pages.css (app/src/pages/page_styles.rs).
// cargo-leptos already minifies the WASM's glue and our stylesheet, and Leaflet's script and
// Supercluster come minified. Only release builds are minified: `make build` keeps them readable.
import { transform } from 'esbuild';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const site = process.argv[2] ?? 'target/site';
const pkgFiles = await readdir(join(site, 'pkg'));
const loaders = pkgFiles.filter((name) => /^__wasm_split\..*\.js$/.test(name));
const files = ['carte28.js', 'clustering-off-thread.js', 'clustering-worker.js', 'pages.css', 'vendor/leaflet/leaflet.css', ...loaders.map((name) => `pkg/${name}`)];

for (const file of files) {
  const path = join(site, file);
  const source = await readFile(path, 'utf8');
  // No `format`: the scripts keep what they are (carte28.js a classic script, the loader an ES
  // module with its imports and exports). No `target` either: esbuild may write shorter, newer
  // syntax (`??`, `?.`), which every browser able to run the WASM reads.
  const { code, warnings } = await transform(source, { loader: file.endsWith('.css') ? 'css' : 'js', minify: true, charset: 'utf8' });
  for (const warning of warnings) console.warn(`${file}: ${warning.text}`);
  const bytes = Buffer.from(code);
  await writeFile(path, bytes);
  // Brotli at its best quality, as cargo-leptos's --precompress; gzip at its best level.
  const brotli = zlib.brotliCompressSync(bytes, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
  await writeFile(`${path}.br`, brotli);
  await writeFile(`${path}.gz`, zlib.gzipSync(bytes, { level: 9 }));
  console.log(`minified ${file}: ${Buffer.byteLength(source)} → ${bytes.length} bytes (${brotli.length} as brotli)`);
}

// The WASM files' .br again, with Node's brotli (the reference library) at its best quality in
// blocks of 64 KiB: cargo-leptos's compressor (a Rust port of it) leaves the map's main WASM
// 0.9 kB larger, on every first visit (bench/RESULTS.md, twentieth session). A file keeps
// cargo-leptos's .br where it is the smaller one. The threads of libuv compress four at a time.
const brotliCompress = promisify(zlib.brotliCompress);
const wasmFiles = pkgFiles.filter((name) => name.endsWith('.wasm'));
let saved = 0;
await Promise.all(wasmFiles.map(async (name) => {
  const path = join(site, 'pkg', name);
  const bytes = await readFile(path);
  const brotli = await brotliCompress(bytes, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_LGBLOCK]: 16,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
  const before = (await stat(`${path}.br`).catch(() => null))?.size;
  // No .br: a build without --precompress, which sends the file as it is.
  if (before === undefined || brotli.length >= before) return;
  await writeFile(`${path}.br`, brotli);
  saved += before - brotli.length;
}));
console.log(`compressed ${wasmFiles.length} WASM files again: ${saved} bytes less as brotli`);

// The clustering worker's WebAssembly (`make cluster-index`), copied into the site after
// cargo-leptos compressed it: its .br and .gz are written here. The release builds it just
// before: a site without it is a broken build.
const clusterIndex = join(site, 'cluster-index.wasm');
const clusterIndexBytes = await readFile(clusterIndex);
{
  const brotli = await brotliCompress(clusterIndexBytes, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: clusterIndexBytes.length },
  });
  await writeFile(`${clusterIndex}.br`, brotli);
  await writeFile(`${clusterIndex}.gz`, zlib.gzipSync(clusterIndexBytes, { level: 9 }));
  console.log(`compressed cluster-index.wasm: ${clusterIndexBytes.length} → ${brotli.length} bytes as brotli`);
}
