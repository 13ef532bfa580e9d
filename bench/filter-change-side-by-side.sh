#!/usr/bin/env bash
# Filter change at 50 000 pins, release builds side by side: ROUNDS rounds (3 by default), each
# build in turn in every round, one server at a time on the same database, each timed by
# bench/filter-change.mjs (12 changes a round).
#
# Usage: [ROUNDS=n] bench/filter-change-side-by-side.sh BEFORE AFTER [MORE…] [DATABASE]
#   BEFORE, AFTER, MORE: folders each holding a release build's `server` and `site` (copies of
#   target/release/server and target/site after `make release`).
#   DATABASE: a SQLite file (the last argument, when it is a file) with the synthetic
#   initiatives (default /tmp/big/c50k.db, made by
#   `DATABASE_URL="sqlite:///tmp/big/c50k.db?mode=rwc" target/debug/fixtures seed-synthetic --count 50000`).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=$PWD/node_modules/.bin:$PATH
source bench/wait-for-server.sh
builds=("$@")
database=/tmp/big/c50k.db
if [ -f "${builds[-1]}" ]; then
  database=${builds[-1]}
  unset 'builds[-1]'
fi
for round in $(seq 1 "${ROUNDS:-3}"); do
  for build in "${builds[@]}"; do
    start_build "$build" "$database"
    wait_for_server http://127.0.0.1:3300 || { kill $pid; exit 1; }
    echo "== round $round, $build"
    FRESH=1 PAUSE=1000 node bench/filter-change.mjs "http://127.0.0.1:3300/?bassin=dreux" bassin dreux 12
    kill $pid
    wait $pid 2>/dev/null || true
  done
done
