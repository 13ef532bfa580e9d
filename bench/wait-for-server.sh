# Sourced by the benchmark scripts (load.sh, run.sh, scale.sh, the side-by-side ones).

# start_build BUILD DATABASE: the release build in folder BUILD (its `server` and `site`: copies
# of target/release/server and target/site after `make release`) serving DATABASE on port 3300,
# in the background, as the benchmarks that compare two builds run each; its process id in $pid.
start_build() {
  LEPTOS_SITE_ADDR=127.0.0.1:3300 LEPTOS_SITE_ROOT="$1/site" LEPTOS_ENV=PROD RUST_LOG=warn \
    TILE_URL='https://tile.openstreetmap.org/{z}/{x}/{y}.png' DEMO_DATA=off \
    DATABASE_URL="sqlite://$2" "$1/server" > /dev/null 2>&1 &
  pid=$!
}

# wait_for_server URL [TRIES]: returns once URL/healthz answers (a try every 0.2 s, 100 tries
# by default); otherwise says so and fails, so that a benchmark never times a server that is not up.
wait_for_server() {
  local url=$1 tries=${2:-100}
  for _ in $(seq 1 "$tries"); do
    curl -fs "$url/healthz" >/dev/null && return 0
    sleep 0.2
  done
  echo "the server at $url did not start" >&2
  return 1
}
