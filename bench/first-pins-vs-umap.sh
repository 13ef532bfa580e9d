#!/bin/bash
# first-pins-vs-umap.sh — the peer scripts of ../shared/bench-peers (side-by-side.sh, phone.sh)
# with two changes: the synthetic pins come from our fixtures binary (`make fixtures`), and "first
# marker" means a pin or a cluster, never one of our area names (they are markers too, and the
# page's script may draw them before the pins). Same runs otherwise: uMap's
# Cluster layer and our map alternated in one Chromium, cold cache each time.
# Usage: bench/first-pins-vs-umap.sh [side-by-side|phone]  (env: NS, REPS as the peer scripts)
# Run from the checkout after `make release`.
set -euo pipefail
peers=$(cd "$(dirname "$0")/../../shared/bench-peers" && pwd)
script=${1:-side-by-side}
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
cp "$peers"/*.sh "$copy/"
sed -i "s/'.leaflet-marker-pane .leaflet-marker-icon'/'.leaflet-marker-pane .leaflet-marker-icon:not(.area-label)'/" \
  "$copy/$script.sh"
grep -q 'leaflet-marker-icon:not(.area-label)' "$copy/$script.sh" || { echo "the peer script's selector changed"; exit 1; }
# Test data comes from the fixtures binary (make fixtures): the release server has no such command.
[[ -x target/debug/fixtures ]] || { echo "target/debug/fixtures is missing: run make fixtures"; exit 1; }
sed -i 's|\$server seed-synthetic|$PWD/target/debug/fixtures seed-synthetic|' "$copy/$script.sh"
grep -q 'target/debug/fixtures seed-synthetic' "$copy/$script.sh" || { echo "the peer script's seeding changed"; exit 1; }
bash "$copy/$script.sh"
