#!/usr/bin/env bash
# Copies Leaflet from node_modules into public/vendor/leaflet, which
# cargo-leptos then copies into the site. The copies are generated: public/vendor is git-ignored.
set -euo pipefail
cd "$(dirname "$0")/.."
out=public/vendor/leaflet
rm -rf "$out" && mkdir -p "$out/images"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css "$out/"
cp node_modules/leaflet/dist/images/* "$out/images/"
