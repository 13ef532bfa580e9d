#!/usr/bin/env bash
# The benchmarks of the public map: release asset sizes, navigation → pins visible, the delay
# before an open map hears of a publication, and before a mail an action sends arrives.
# Run through `make bench` (which builds for release first); prints Markdown for RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/wait-for-server.sh
port=${BENCH_PORT:-3300}
[ -x target/release/server ] || { echo "target/release/server is missing: run make release" >&2; exit 1; }
echo "### Release asset sizes"
node bench/sizes.mjs target/site
dir=$(mktemp -d)
smtp=$((port + 25)); mailbox=$((port + 26))
/usr/bin/python3 scripts/smtp-sink.py --port "$smtp" --http-port "$mailbox" >/dev/null &
sink=$!
LEPTOS_SITE_ADDR=127.0.0.1:$port LEPTOS_SITE_ROOT=target/site LEPTOS_ENV=PROD RUST_LOG=warn \
  DATABASE_URL="sqlite://$dir/bench.db" SMTP_URL="smtp://127.0.0.1:$smtp?tls=none" MAIL_FROM="Banc <banc@localhost>" \
  target/release/server &
pid=$!
trap 'kill $pid $sink 2>/dev/null; rm -rf "$dir"' EXIT
wait_for_server "http://127.0.0.1:$port" || exit 1
echo
echo "### Navigation → pins visible (headless Chromium, cold cache)"
echo "| measure | result |"
echo "|---|---|"
node bench/pins-visible.mjs "http://127.0.0.1:$port/" "${BENCH_RUNS:-15}"
echo
echo "### Live updates: a publication → the event on an open map's stream"
echo "| measure | result |"
echo "|---|---|"
node bench/live-latency.mjs "http://127.0.0.1:$port" "sqlite://$dir/bench.db" "${BENCH_RUNS:-20}"
echo
echo "### Mail: an action → its mail at a real SMTP server"
echo "| measure | result |"
echo "|---|---|"
node bench/mail-latency.mjs "http://127.0.0.1:$port" "http://127.0.0.1:$mailbox/messages" "${BENCH_RUNS:-20}"
