#!/bin/bash
# first-pins-vs-umap.sh — the peer scripts of ../shared/bench-peers (side-by-side.sh, phone.sh)
# with three changes: the synthetic pins come from our fixtures binary (`make fixtures`); "first
# marker" means a pin or a cluster, never one of our area names (they are markers too, and the
# page's script may draw them before the pins); and the time is read in the page (FIRST, below).
# Same runs otherwise: uMap's Cluster layer and our map alternated in one Chromium, cold cache
# each time.
# Usage: bench/first-pins-vs-umap.sh [side-by-side|phone]  (env: NS, REPS as the peer scripts;
# FIRST=frame|poll, below)
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
# FIRST=frame (the default): the time is read in the page, for both maps: the first frame in
# which a marker has a box (a requestAnimationFrame loop from the page's start, on the clock
# both processes share), not when Playwright's polling, which runs on the page's main thread,
# gets round to seeing it: on our page the main thread is busy right after the first pins
# (Leaflet, the scripts, the WASM), so polling saw them 150-400 ms late. Our first markers may
# then also be the server's sketch of the map (server/src/map_sketch.rs): plain HTML pins and
# clusters shown before Leaflet draws the same (its layers for other map sizes are in the page
# too, hidden: they have no box). FIRST=poll: the peer scripts' own wait (Playwright polling
# for Leaflet's markers), the figures of the sessions before the sketch.
if [[ ${FIRST:-frame} == frame ]]; then
  python3 - "$copy/$script.sh" <<'PY'
import sys
path = sys.argv[1]
script = open(path).read()
wait = "    await page.waitForSelector('.leaflet-marker-pane .leaflet-marker-icon:not(.area-label)', { state: 'attached', timeout: 120000 });\n    const ms = performance.now() - t0;\n"
watch = """    await page.addInitScript(() => {
      const look = () => {
        for (const marker of document.querySelectorAll('.leaflet-marker-pane .leaflet-marker-icon:not(.area-label), .map-sketch__spot')) {
          const box = marker.getBoundingClientRect();
          if (box.width > 0 && box.height > 0) { window.__firstMarkerAt = performance.timeOrigin + performance.now(); return; }
        }
        requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
    const t0 = performance.now();
"""
seen = "    await page.waitForFunction(() => window.__firstMarkerAt, null, { timeout: 120000 });\n    const ms = (await page.evaluate(() => window.__firstMarkerAt)) - (performance.timeOrigin + t0);\n"
if wait not in script or script.count("    const t0 = performance.now();\n") != 1:
    sys.exit("the peer script's wait changed")
script = script.replace("    const t0 = performance.now();\n", watch).replace(wait, seen)
open(path, "w").write(script)
PY
fi
# Test data comes from the fixtures binary (make fixtures): the release server has no such command.
[[ -x target/debug/fixtures ]] || { echo "target/debug/fixtures is missing: run make fixtures"; exit 1; }
sed -i 's|\$server seed-synthetic|$PWD/target/debug/fixtures seed-synthetic|' "$copy/$script.sh"
grep -q 'target/debug/fixtures seed-synthetic' "$copy/$script.sh" || { echo "the peer script's seeding changed"; exit 1; }
bash "$copy/$script.sh"
