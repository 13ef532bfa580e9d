// How long an open map waits to hear of a publication: from the end of a write that changes
// what the public sees (`fixtures seed-hostile`, which publishes an initiative, run against the
// server's own database) to the `published` event on `/api/events`. The server reads its
// published revision every 500 ms, so the expected delay is 0–500 ms plus the read.
//   node bench/live-latency.mjs http://127.0.0.1:3300 sqlite:///tmp/…/bench.db 20
import { execFileSync } from 'node:child_process';

const [base, database, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 20);
// The test-data binary (`make fixtures`): the release server has no such command.
const fixtures = process.env.FIXTURES_BIN ?? 'target/debug/fixtures';

/** Opens the stream and calls `onEvent(revision)` for each `published` event. */
async function listen(onEvent) {
  const response = await fetch(`${base}/api/events?depuis=0`, { headers: { accept: 'text/event-stream' } });
  if (!response.ok) throw new Error(`/api/events answered ${response.status}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.includes('event: published')) onEvent(Number(/data: (\d+)/.exec(block)?.[1]));
      }
    }
  })();
}

let waiting = null;
await listen((revision) => { if (waiting) { waiting(revision); waiting = null; } });
// The first event says where the server stands (the stream was opened with depuis=0).
await new Promise((resolve) => setTimeout(resolve, 1500));
const delays = [];
for (let run = 0; run < runs; run++) {
  const heard = new Promise((resolve) => { waiting = resolve; });
  execFileSync(fixtures, ['seed-hostile'], { env: { ...process.env, DATABASE_URL: database, RUST_LOG: 'warn' }, stdio: 'ignore' });
  const written = performance.now();
  await Promise.race([heard, new Promise((_, reject) => setTimeout(() => reject(new Error('no event within 5 s')), 5000))]);
  delays.push(performance.now() - written);
  await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 400));
}
delays.sort((a, b) => a - b);
const at = (q) => delays[Math.min(delays.length - 1, Math.floor(q * delays.length))];
console.log(`| write → event on an open stream | median ${at(0.5).toFixed(0)} ms, p90 ${at(0.9).toFixed(0)} ms (min ${delays[0].toFixed(0)}, max ${delays[delays.length - 1].toFixed(0)}; ${runs} runs) |`);
process.exit(0);
