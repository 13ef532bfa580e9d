#!/usr/bin/env bash
# Filter change at 50 000 pins, two release builds side by side: three rounds, each build in
# turn, one server at a time on the same database, each timed by bench/filter-change.mjs.
#
# Usage: bench/filter-change-side-by-side.sh BEFORE AFTER [DATABASE]
#   BEFORE, AFTER: folders each holding a release build's `server` and `site` (copies of
#   target/release/server and target/site after `make release`).
#   DATABASE: a SQLite file with the synthetic initiatives (default /tmp/big/c50k.db, made by
#   `DATABASE_URL="sqlite:///tmp/big/c50k.db?mode=rwc" target/debug/fixtures seed-synthetic --count 50000`).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=$PWD/node_modules/.bin:$PATH
source bench/wait-for-server.sh
before=$1 after=$2 database=${3:-/tmp/big/c50k.db}
for round in 1 2 3; do
  for build in "$before" "$after"; do
    start_build "$build" "$database"
    wait_for_server http://127.0.0.1:3300 || { kill $pid; exit 1; }
    echo "== round $round, $build"
    FRESH=1 PAUSE=1000 node bench/filter-change.mjs "http://127.0.0.1:3300/?bassin=dreux" bassin dreux 12
    kill $pid
    wait $pid 2>/dev/null || true
  done
done
