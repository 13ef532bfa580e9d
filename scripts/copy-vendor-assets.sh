#!/usr/bin/env bash
# Copies Leaflet and Supercluster (the map page's preview clusters with it before the WASM
# arrives: public/carte28.js) from node_modules into public/vendor, which cargo-leptos then
# copies into the site. The copies are generated: public/vendor is git-ignored.
set -euo pipefail
cd "$(dirname "$0")/.."
out=public/vendor/leaflet
rm -rf "$out" && mkdir -p "$out/images"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css "$out/"
cp node_modules/leaflet/dist/images/* "$out/images/"
out=public/vendor/supercluster
rm -rf "$out" && mkdir -p "$out"
cp node_modules/supercluster/dist/supercluster.min.js node_modules/supercluster/LICENSE "$out/"
