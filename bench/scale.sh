#!/usr/bin/env bash
# The scale benchmarks of issue 3, at 5 000 and 50 000 synthetic initiatives (plus the demo data):
# pin-data bytes, /api/pins throughput against nginx serving the same bytes as a static file (same
# run, same machine), search latency in the data layer, navigation → clusters visible, and filter
# change → map and list updated. Run through `make bench-scale` (release build first); prints
# Markdown for bench/RESULTS.md. Needs wrk and nginx (Debian: wrk, nginx-light), installed here
# when missing and run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/wait-for-server.sh
source bench/nginx-pins.sh
port=${BENCH_PORT:-3300}
nginx_port=$((port + 1))
runs=${BENCH_RUNS:-15}
server=target/release/server
[ -x $server ] || { echo "$server is missing: run make release" >&2; exit 1; }
# Test data comes from the fixtures binary (make fixtures): the release server has no such command.
fixtures=target/debug/fixtures
[ -x $fixtures ] || { echo "$fixtures is missing: run make fixtures" >&2; exit 1; }
for tool in wrk:wrk nginx:nginx-light; do
  command -v "${tool%%:*}" >/dev/null && continue
  [ "$(id -u)" = 0 ] || { echo "install the Debian package ${tool#*:}" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${tool#*:}" >/dev/null
done

dir=$(mktemp -d)
pid=
stop_server() { [ -z "$pid" ] || { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; pid=; }; }
trap 'stop_server; [ -f "$dir/nginx.pid" ] && kill "$(cat "$dir/nginx.pid")" 2>/dev/null; rm -rf "$dir"' EXIT

# A database with the demo data and N synthetic initiatives.
seed() {
  local n=$1 started=$SECONDS
  DATABASE_URL="sqlite://$dir/$n.db" DEMO_DATA=auto RUST_LOG=warn $server seed-demo >/dev/null
  DATABASE_URL="sqlite://$dir/$n.db" RUST_LOG=warn $fixtures seed-synthetic --count "$n" >/dev/null
  echo "| seeding $n synthetic initiatives (\`fixtures seed-synthetic --count $n\`) | $((SECONDS - started)) s |" >&2
}

# The release server on database N, without tiles (as in the tests: the machine has no internet).
serve() {
  stop_server
  LEPTOS_SITE_ADDR=127.0.0.1:$port LEPTOS_SITE_ROOT=target/site LEPTOS_ENV=PROD RUST_LOG=warn TILE_URL= \
    DEMO_DATA=off DATABASE_URL="sqlite://$dir/$1.db" $server &
  pid=$!
  wait_for_server "http://127.0.0.1:$port" 150 || exit 1
}

seed 5000 2>"$dir/seed.txt"
seed 50000 2>>"$dir/seed.txt"
url=http://127.0.0.1:$port

echo "### Pin data for 50 000 pins"
serve 50000
echo
echo "Command: \`curl -H 'Accept-Encoding: …' $url/api/pins\` (the whole map: demo data + 50 000 synthetic):"
echo
echo "| encoding | bytes |"
echo "|---|---:|"
for encoding in br gzip identity; do
  bytes=$(curl -fs -H "Accept-Encoding: $encoding" -o "$dir/pins.$encoding" -w '%{size_download}' "$url/api/pins")
  echo "| $encoding | $bytes |"
done
echo

echo "### /api/pins against nginx serving the same bytes (50 000 pins, brotli)"
serve_pins_with_nginx "$dir" "$nginx_port" || exit 1
echo "Command: \`wrk -t2 -c32 -d15s -H 'Accept-Encoding: br' URL\`, the two one after the other, on the same 2 cores as the servers."
echo
echo "| server | URL | requests/s | transfer/s | latency p50 / p99 |"
echo "|---|---|---:|---:|---|"
bench_url() {
  local out
  out=$(wrk -t2 -c32 -d15s --latency -H 'Accept-Encoding: br' "$2")
  local rps transfer p50 p99
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  transfer=$(awk '/^Transfer\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  echo "| $1 | \`$2\` | $rps | $transfer | $p50 / $p99 |"
  echo "$rps" >"$dir/rps.$1"
}
bench_url nginx "http://127.0.0.1:$nginx_port/pins"
bench_url carte "$url/api/pins"
bench_url "carte, filtered view" "$url/api/pins?bassin=dreux"
echo
awk -v a="$(cat "$dir/rps.carte")" -v b="$(cat "$dir/rps.nginx")" 'BEGIN { printf "Ratio /api/pins ÷ nginx: **%.2f×** (goal ≥ 0.8×)\n", a / b }'
echo

echo "### Search latency in the data layer (50 000 pins)"
echo
echo "Command: \`target/release/examples/search_latency sqlite://…/50000.db 50\`"
echo
stop_server
target/release/examples/search_latency "sqlite://$dir/50000.db" 50
echo

echo "### Navigation → clusters visible, and filter change → map and list updated"
echo
echo "Commands: \`node bench/pins-visible.mjs $url/ $runs\`, \`node bench/filter-change.mjs $url/ bassin dreux 20\` and the same with \`FRESH=1\` (every change the first visit of its view: on \`/\`, and unticking Dreux on \`/?bassin=dreux\` for the whole set), on the release server."
for n in 5000 50000; do
  serve $n
  echo
  echo "At $n synthetic initiatives:"
  echo
  echo "| measure | result |"
  echo "|---|---|"
  node bench/pins-visible.mjs "$url/" "$runs" | grep '^|' | sed 's/first pins visible/clusters visible/'
  node bench/filter-change.mjs "$url/" bassin dreux 20 | grep '^|'
  FRESH=1 node bench/filter-change.mjs "$url/" bassin dreux 12 | grep '^|'
  FRESH=1 node bench/filter-change.mjs "$url/?bassin=dreux" bassin dreux 12 | grep '^|' | sed 's/clicked/unticked (the whole set)/'
done
echo
echo "Seeding times:"
echo
echo "| what | time |"
echo "|---|---|"
cat "$dir/seed.txt"
