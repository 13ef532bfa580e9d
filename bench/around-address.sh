#!/usr/bin/env bash
# « Autour de » an address (issue 17): what placing it costs a view. The release server with
# `GEOCODER_URL` set to the tests' stand-in of the national address service (`fixtures geocoder`,
# on this machine: its own time is near nothing, the real service's is not measured here), and
# `/api/pins` of three views timed with curl, one request after the other, each a view the
# server has not computed yet (a radius of its own: no cached pins): around a commune (the
# gazetteer), around an address asked for the first time (the server asks the service), and the
# same address with another radius (its place from the server's memory). The difference between
# the last two is what asking the service costs. RUNS addresses, the same street with another
# number each run (new words for the cache; the stand-in answers the same place).
# Needs `make release` and `make fixtures`; prints Markdown.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/wait-for-server.sh
port=${BENCH_PORT:-3460}
geocoder_port=$((port + 1))
runs=${RUNS:-20}
[ "$runs" -le 50 ] || { echo "RUNS: 50 at most (the radii run up to 95 km)" >&2; exit 1; }
site="http://127.0.0.1:$port"
[ -x target/release/server ] || { echo "target/release/server is missing: run make release" >&2; exit 1; }
[ -x target/debug/fixtures ] || { echo "target/debug/fixtures is missing: run make fixtures" >&2; exit 1; }
dir=$(mktemp -d)
target/debug/fixtures geocoder --port "$geocoder_port" >/dev/null &
geocoder=$!
LEPTOS_SITE_ADDR=127.0.0.1:$port LEPTOS_SITE_ROOT=target/site LEPTOS_ENV=PROD RUST_LOG=error \
  DATABASE_URL="sqlite://$dir/bench.db" GEOCODER_URL="http://127.0.0.1:$geocoder_port/search" target/release/server &
pid=$!
trap 'kill $pid $geocoder 2>/dev/null; rm -rf "$dir"' EXIT
wait_for_server "$site" || exit 1

# time_ms PATH: the time to the last byte of one request, in ms; fails unless it answers 200.
time_ms() {
  local out
  out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H 'Accept-Encoding: br' "$site$1")
  [ "${out%% *}" = 200 ] || { echo "$1 answers ${out%% *}" >&2; exit 1; }
  awk -v t="${out#* }" 'BEGIN { printf "%.2f\n", t * 1000 }'
}
# median: of the numbers on stdin.
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

commune=() first=() again=()
for i in $(seq 1 "$runs"); do
  # Another number each run: new words for the cache (the stand-in still finds the street).
  words="noel ballay chartres $i"
  # One visitor (this machine) may have 10 new addresses placed at once, then one every 6 s.
  [ "$i" -le 10 ] || sleep 6.1
  place="autour=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote_plus(sys.argv[1]))' "$words")"
  commune+=("$(time_ms "/api/pins?autour=28085&rayon=$((5 + i))")")
  first+=("$(time_ms "/api/pins?$place&rayon=$((5 + i))")")
  again+=("$(time_ms "/api/pins?$place&rayon=$((45 + i))")")
done
echo "Load average before the run: $(cut -d' ' -f1-3 /proc/loadavg); $runs runs, \`curl\` time to the last byte, median (max)."
echo
echo "| view of \`/api/pins\` | median ms | max ms |"
echo "|---|---:|---:|"
for name in commune first again; do
  declare -n times=$name
  label=$(case $name in commune) echo "around a commune (\`autour=28085\`)";; first) echo "around an address, first time (the server asks the service)";; again) echo "the same address, another radius (its place from memory)";; esac)
  echo "| $label | $(printf '%s\n' "${times[@]}" | median) | $(printf '%s\n' "${times[@]}" | sort -n | tail -1) |"
done
