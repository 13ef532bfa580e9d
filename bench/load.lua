-- wrk script of bench/load.sh: once the run is over, prints its Markdown row for one endpoint,
-- whose first cells (endpoint, connections) come in WRK_ROW_START: `done` runs in wrk's main
-- Lua state, which never sees `init`'s arguments. Latencies are wrk's, per request, in ms.
-- Errors are answers of status 400 or more (wrk counts those, not 3xx: bench/load.sh checks
-- first that every endpoint answers 200) plus connect, read and write errors and timeouts.

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("| %s | %.0f | %.1f ms | %.1f ms | %d |\n", os.getenv("WRK_ROW_START") or "? | ?",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.status + e.connect + e.read + e.write + e.timeout))
end
