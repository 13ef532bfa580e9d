#!/usr/bin/env bash
# `/api/pins` against nginx serving the same bytes (issue 15's goal: ≥ 0.8×), on a database given
# as DATABASE_URL (e.g. the 50 000-pin file `bench/scale.sh` seeds), with the release server and,
# when BEFORE_BIN names an older build, that one too, in the same run:
# `wrk -t2 -c32 -d10s -H 'Accept-Encoding: br'`, each URL twice, alternating. Prints Markdown.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/wait-for-server.sh
source bench/nginx-pins.sh
: "${DATABASE_URL:?DATABASE_URL=sqlite:///…/50000.db}"
port=${BENCH_PORT:-3460}
nginx_port=$((port + 1))
dir=$(mktemp -d)
pid=
stop() { [ -z "$pid" ] || { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; pid=; }; }
trap 'stop; [ -f "$dir/nginx.pid" ] && kill "$(cat "$dir/nginx.pid")" 2>/dev/null; rm -rf "$dir"' EXIT
serve() {
  stop
  LEPTOS_SITE_ADDR=127.0.0.1:$port LEPTOS_SITE_ROOT=target/site LEPTOS_ENV=PROD RUST_LOG=error TILE_URL= \
    DEMO_DATA=off "$1" &
  pid=$!
  wait_for_server "http://127.0.0.1:$port" 150 || exit 1
}
serve target/release/server
curl -fs -H 'Accept-Encoding: br' -o "$dir/pins.br" "http://127.0.0.1:$port/api/pins"
serve_pins_with_nginx "$dir" "$nginx_port" || exit 1
echo "$(wc -c <"$dir/pins.br") bytes of brotli pins; load average $(cut -d' ' -f1-3 /proc/loadavg)."
echo
echo "| round | server | requests/s | p99 |"
echo "|---:|---|---:|---:|"
measure() {
  wrk -t2 -c32 -d10s --latency -H 'Accept-Encoding: br' "$1" | awk '/^Requests\/sec/ {r = $2} $1 == "99%" {p = $2} END {print r " | " p}'
}
for round in 1 2; do
  echo "| $round | nginx | $(measure "http://127.0.0.1:$nginx_port/pins") |"
  for bin in ${BEFORE_BIN:-} target/release/server; do
    serve "$bin"
    curl -fs -o /dev/null "http://127.0.0.1:$port/api/pins"
    echo "| $round | $bin | $(measure "http://127.0.0.1:$port/api/pins") |"
  done
done
