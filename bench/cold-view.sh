#!/usr/bin/env bash
# A view new to the server (just started: as after a publication, or on a new day), two release
# builds in turn, on the same database:
#  - the default view's first requests, in a first visitor's order (the page, its pins, two
#    sketches), each timed by curl (time_total, with its HTTP status);
#  - the first filter change to the view of all the pins (bench/filter-change.mjs, one change).
#
# Usage: bench/cold-view.sh BEFORE AFTER [DATABASE] [STARTS]
#   BEFORE, AFTER: folders each holding a release build's `server` and `site` (copies of
#   target/release/server and target/site after `make release`).
#   DATABASE: default /tmp/big/c50k.db (see bench/filter-change-side-by-side.sh); STARTS: 5.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=$PWD/node_modules/.bin:$PATH
source bench/wait-for-server.sh
before=$1 after=$2 database=${3:-/tmp/big/c50k.db} starts=${4:-5}
pid=
stop() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=; fi; }
trap stop EXIT
if curl -fs http://127.0.0.1:3300/healthz >/dev/null; then
  echo "a server already answers on port 3300: stop it first (its times would be taken for this build's)" >&2
  exit 1
fi
start() {
  start_build "$1" "$database"
  wait_for_server http://127.0.0.1:3300 || exit 1
  kill -0 "$pid" || { echo "the server of $1 stopped" >&2; exit 1; }
  sleep 1 # the server settled, as before a visitor who comes later
}
timed() { curl -s -o /dev/null -w '%{time_total} s (%{http_code})' -H 'accept-encoding: br' "http://127.0.0.1:3300$1"; }
for run in $(seq "$starts"); do
  for build in "$before" "$after"; do
    start "$build"
    echo "$build requests: page $(timed /), pins $(timed /api/pins), sketch 9 $(timed /api/sketch/9), sketch 8 $(timed /api/sketch/8)"
    stop
    start "$build"
    change=$(FRESH=1 PAUSE=1000 node bench/filter-change.mjs 'http://127.0.0.1:3300/?bassin=dreux' bassin dreux 1)
    echo "$build first change: $(grep -o 'median [0-9]* ms' <<< "$change" | head -1)"
    stop
  done
done
