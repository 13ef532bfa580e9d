#!/usr/bin/env bash
# The map page's server rendering (issue 15): `/` and a filtered view with the demo data, 64
# connections, `wrk -t1 -c64 -d${SECONDS_PER_URL:-10}s --latency` with a browser's
# `Accept-Encoding`, one URL after the other. Goal: ≥ 1 000 requests/s and p99 < 100 ms for each.
# BEFORE_BIN=<a copy of an older target/release/server> measures it first, in the same run.
# Run through `make bench-map-page` (which builds for release first); prints Markdown.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/wait-for-server.sh
port=${BENCH_PORT:-3450}
seconds=${SECONDS_PER_URL:-10}
site="http://127.0.0.1:$port"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
dir=$(mktemp -d)
pid=
stop() { [ -z "$pid" ] || { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; pid=; }; }
trap 'stop; rm -rf "$dir"' EXIT
urls=("/" "/?bassin=dreux&kind=forum-metiers" "/?q=forum+m%C3%A9tiers")

echo "Load average before the run: $(cut -d' ' -f1-3 /proc/loadavg); wrk -t1 -c64 -d${seconds}s --latency -H 'Accept-Encoding: gzip, deflate, br'."
echo
echo "| build | URL | requests/s | p50 | p99 | non-2xx or socket errors |"
echo "|---|---|---:|---:|---:|---:|"
for bin in ${BEFORE_BIN:-} target/release/server; do
  [ -x "$bin" ] || { echo "$bin is missing: run make release" >&2; exit 1; }
  stop
  rm -f "$dir"/map.db*
  LEPTOS_SITE_ADDR=127.0.0.1:$port LEPTOS_SITE_ROOT=target/site LEPTOS_ENV=PROD RUST_LOG=error \
    DATABASE_URL="sqlite://$dir/map.db" "$bin" &
  pid=$!
  wait_for_server "$site" || exit 1
  label="$bin of $(date -u -r "$bin" '+%m-%d %H:%M')"
  for url in "${urls[@]}"; do
    status=$(curl -s -o /dev/null -w '%{http_code}' "$site$url")
    [ "$status" = 200 ] || { echo "$url answers $status" >&2; exit 1; }
    out=$(wrk -t1 -c64 -d"${seconds}s" --latency -H 'Accept-Encoding: gzip, deflate, br' "$site$url")
    rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    errors=$(awk '/Non-2xx/ {n += $NF} /Socket errors/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' <<<"$out")
    echo "| $label | \`$url\` | $rps | $p50 | $p99 | $errors |"
  done
done
