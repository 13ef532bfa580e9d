#!/usr/bin/env bash
# Copies Leaflet (its script built from npm's sources: scripts/build-leaflet.mjs) and Supercluster
# (every clustering of the map page's pins, the preview's before the WASM arrives and the WASM's
# own, is public/carte28.js's `clusterIndex` over it: without it the map page has no pins) from
# node_modules into public/vendor, which cargo-leptos then copies into the site. The copies are
# generated: public/vendor is git-ignored.
set -euo pipefail
cd "$(dirname "$0")/.."
# `install -C` writes a file only when its content changed: an unchanged copy keeps its date, so
# `make release` sees nothing new and does not rebuild the site (Makefile, RELEASE_STAMP).
copy() { local out=$1; shift; mkdir -p "$out"; install -C -m 644 "$@" "$out/"; }
copy public/vendor/leaflet node_modules/leaflet/LICENSE
# Leaflet's script is built from its sources with only the parts our pages use, and its
# stylesheet without the other parts' rules (each written only when it changed, as `install -C`
# does).
node scripts/build-leaflet.mjs public/vendor/leaflet/leaflet.js
copy public/vendor/leaflet/images node_modules/leaflet/dist/images/*
copy public/vendor/supercluster node_modules/supercluster/dist/supercluster.min.js node_modules/supercluster/LICENSE
