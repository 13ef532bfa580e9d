// Prints the size of the built front-end files, raw and brotli-compressed (quality 11, as the
// static pre-compression serves them), as Markdown tables: what the map's first visit loads, then
// what each other page adds when visited (its chunks, from the split build's manifest), then
// the data files.
// Usage: node bench/sizes.mjs [site-root]   (default target/site)
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const root = process.argv[2] ?? 'target/site';
const kib = (n) => (n / 1024).toFixed(1);
const sizes = new Map();
const size = (file) => {
  if (!sizes.has(file)) {
    const bytes = readFileSync(join(root, file));
    const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
    sizes.set(file, { raw: bytes.length, brotli: brotli.length });
  }
  return sizes.get(file);
};
const table = (title, files) => {
  console.log(`| ${title} | raw (KiB) | brotli (KiB) |`);
  console.log('|---|---:|---:|');
  let raw = 0, brotli = 0;
  for (const file of files) {
    const { raw: r, brotli: b } = size(file);
    raw += r; brotli += b;
    console.log(`| ${file} | ${kib(r)} | ${kib(b)} |`);
  }
  console.log(`| **total** | **${kib(raw)}** | **${kib(brotli)}** |`);
  console.log();
};

const pkg = readdirSync(join(root, 'pkg'));
// The main files: everything in pkg/ but the chunks of the pages loaded on demand.
const main = pkg.filter((f) => /\.(wasm|js|css)$/.test(f) && !/^(chunk_|split_)/.test(f)).map((f) => join('pkg', f));
table('first visit of / (code)', [...main, 'vendor/leaflet/leaflet.js', 'vendor/leaflet/leaflet.css',
  'vendor/supercluster/supercluster.min.js', 'carte28.js']);

const manifestFile = join(root, 'pkg', '__wasm_split_manifest.json');
if (existsSync(manifestFile)) {
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  console.log('| page (lazy route) | files | raw (KiB) | brotli (KiB) |');
  console.log('|---|---:|---:|---:|');
  for (const [name, chunks] of Object.entries(manifest).sort()) {
    const route = name.replace(/^__/, '').replace(/_view_\d+$/, '');
    let raw = 0, brotli = 0;
    for (const chunk of chunks) {
      const { raw: r, brotli: b } = size(join('pkg', `${chunk}.wasm`));
      raw += r; brotli += b;
    }
    console.log(`| ${route} | ${chunks.length} | ${kib(raw)} | ${kib(brotli)} |`);
  }
  console.log();
}

table('data', ['data/bassins28.geojson', 'data/communes28.geojson']);
