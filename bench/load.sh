#!/usr/bin/env bash
# Mixed load (issue 14): readers on the map page, a detail page, the pins, a search and the CSV
# export — 64 connections in all, one wrk each (one thread: two cores serve and load at once) —
# and meanwhile one writer saving drafts as the demo holder, for LOAD_SECONDS (20). Prints
# Markdown for RESULTS.md: requests/s, p50, p99 and errors per endpoint. The goals: p99 under
# 20 ms for pages and pins, no error anywhere.
# Run through `make bench-load` (which builds for release first).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/wait-for-server.sh
port=${BENCH_LOAD_PORT:-3400}
# SERVER_BIN measures another build (a copy kept from before a change), as in end2end/.
server=${SERVER_BIN:-target/release/server}
seconds=${LOAD_SECONDS:-20}
site="http://127.0.0.1:$port"
password=demo-carte-orientation-28
[ -x "$server" ] || { echo "$server is missing: run make release" >&2; exit 1; }
if ! command -v wrk >/dev/null; then
  echo "installing wrk (apt-get)" >&2
  apt-get install -y wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
fi

dir=$(mktemp -d)
# A fresh database: the demo data is loaded at start-up, DEMO_PASSWORD makes the demo holder.
# PUBLIC_URL is where the writer's Origin header says it comes from; only errors are logged (the
# warnings of a demo without publisher or mail server would mix with the table).
LEPTOS_SITE_ADDR=127.0.0.1:$port LEPTOS_SITE_ROOT=target/site LEPTOS_ENV=PROD RUST_LOG=error \
  DATABASE_URL="sqlite://$dir/load.db" DEMO_PASSWORD=$password PUBLIC_URL=$site \
  "$server" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
wait_for_server "$site" || exit 1

# A published initiative's page, from the open-data export.
detail=$(curl -fs "$site/api/initiatives.geojson" | node -e \
  'let s = ""; process.stdin.on("data", (d) => s += d).on("end", () => console.log(JSON.parse(s).features[0].properties.url))')
# label, connections, path: 64 connections in all.
readers=(
  "map page /|16|/"
  "detail page $detail|12|$detail"
  "pins /api/pins|16|/api/pins"
  "search /?q=forum métiers|12|/?q=forum+m%C3%A9tiers"
  "CSV export /api/initiatives.csv|8|/api/initiatives.csv"
)
# Each must answer 200 (wrk counts only 4xx and 5xx as errors), and the first request of each
# fills its caches, as on a server that has been running a while.
for reader in "${readers[@]}"; do
  IFS='|' read -r label connections path <<<"$reader"
  status=$(curl -s -o /dev/null -w '%{http_code}' "$site$path")
  [ "$status" = 200 ] || { echo "$path answers $status, not 200" >&2; exit 1; }
done

echo "Binary: $server of $(date -u -r "$server" '+%Y-%m-%d %H:%M UTC');" \
  "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)."
echo
echo "| endpoint | connections | requests/s | p50 | p99 | errors |"
echo "|---|---:|---:|---:|---:|---:|"
outputs=()
pids=()
for reader in "${readers[@]}"; do
  IFS='|' read -r label connections path <<<"$reader"
  out="$dir/wrk-${#outputs[@]}.txt"
  outputs+=("$out")
  WRK_ROW_START="$label | $connections" wrk -t1 -c"$connections" -d"${seconds}s" -s bench/load.lua "$site$path" >"$out" 2>&1 &
  pids+=($!)
done
node bench/load-writer.mjs "$site" "$seconds" "$password" >"$dir/writer.txt" 2>&1 &
writer=$!
wait "${pids[@]}"
wait $writer || { echo "the writer failed:" >&2; cat "$dir/writer.txt" >&2; exit 1; }
for out in "${outputs[@]}"; do
  grep '^| ' "$out" || { echo "wrk failed:" >&2; cat "$out" >&2; exit 1; }
done
head -1 "$dir/writer.txt"
echo
tail -1 "$dir/writer.txt"
