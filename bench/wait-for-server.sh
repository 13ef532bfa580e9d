# Sourced by the benchmark scripts (load.sh, run.sh, scale.sh).

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
