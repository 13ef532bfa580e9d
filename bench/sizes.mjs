// Prints the size of the built front-end files, raw and brotli-compressed (quality 11, as a
// static pre-compression would serve them), as a Markdown table.
// Usage: node bench/sizes.mjs [site-root]   (default target/site)
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const root = process.argv[2] ?? 'target/site';
const files = [
  ...readdirSync(join(root, 'pkg')).filter((f) => /\.(wasm|js|css)$/.test(f)).map((f) => join('pkg', f)),
  'vendor/leaflet/leaflet.js',
  'vendor/leaflet/leaflet.css',
  'data/bassins28.geojson',
  'data/communes28.geojson',
];
const kib = (n) => (n / 1024).toFixed(1);
console.log('| file | raw (KiB) | brotli (KiB) |');
console.log('|---|---:|---:|');
for (const file of files) {
  const bytes = readFileSync(join(root, file));
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
  console.log(`| ${file} | ${kib(bytes.length)} | ${kib(brotli.length)} |`);
}
