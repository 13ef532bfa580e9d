#!/usr/bin/env bash
# The benchmarks of the public map: release asset sizes, navigation → pins visible, and the delay
# before an open map hears of a publication.
# Run through `make bench` (which builds for release first); prints Markdown for RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${BENCH_PORT:-3300}
[ -x target/release/server ] || { echo "target/release/server is missing: run cargo leptos build --release" >&2; exit 1; }
echo "### Release asset sizes"
node bench/sizes.mjs target/site
dir=$(mktemp -d)
LEPTOS_SITE_ADDR=127.0.0.1:$port LEPTOS_SITE_ROOT=target/site LEPTOS_ENV=PROD RUST_LOG=warn \
  DATABASE_URL="sqlite://$dir/bench.db" target/release/server &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.2
done
curl -fs "http://127.0.0.1:$port/healthz" >/dev/null || { echo "the server did not start" >&2; exit 1; }
echo
echo "### Navigation → pins visible (headless Chromium, cold cache)"
echo "| measure | result |"
echo "|---|---|"
node bench/pins-visible.mjs "http://127.0.0.1:$port/" "${BENCH_RUNS:-15}"
echo
echo "### Live updates: a publication → the event on an open map's stream"
echo "| measure | result |"
echo "|---|---|"
node bench/live-latency.mjs "http://127.0.0.1:$port" "sqlite://$dir/bench.db" "${BENCH_RUNS:-20}"
