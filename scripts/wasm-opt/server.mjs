// The optimiser behind scripts/wasm-opt/bin/wasm-opt: binaryen loaded once per worker thread and
// kept for the whole release build, instead of one node process per file. A split build hands
// cargo-leptos some 240 files, and npm's `wasm-opt` (binaryen compiled to WebAssembly) spends
// 2 to 3 s starting and warming up for each: 8 minutes of a 19-minute build (bench/RESULTS.md).
// Here each file after the first takes tens of milliseconds. Same binaryen (npm's), same passes
// as `wasm-opt -Oz` (`optimize()` with optimise level 2 and shrink level 2).
// Started by the client on first use; listens on the socket it names; exits after a quiet IDLE_MS.
import { createConnection, createServer } from 'node:net';
import { availableParallelism } from 'node:os';
import { rmSync } from 'node:fs';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';

import { FEATURES } from './features.mjs';

const IDLE_MS = 20_000;
const LONGEST_MS = 10 * 60_000;

if (isMainThread) {
  const socket = process.argv[2];
  // Another optimiser already answering (two clients started one each at once): leave it be.
  const alive = await new Promise((answer) => {
    const probe = createConnection(socket);
    probe.on('connect', () => { probe.destroy(); answer(true); });
    probe.on('error', () => answer(false));
  });
  if (alive) process.exit(0);
  rmSync(socket, { force: true });
  rmSync(socket.replace(/\.sock$/, '.unreachable'), { force: true });
  const workers = Array.from({ length: availableParallelism() }, () => new Worker(new URL(import.meta.url)));
  const idle = [...workers];
  const queue = [];
  let lastActivity = Date.now();
  const dispatch = () => {
    while (idle.length && queue.length) {
      const worker = idle.pop();
      const { job, reply } = queue.shift();
      const failed = (error) => reply({ ok: false, message: `optimiseur arrêté : ${error?.message ?? error}` });
      worker.once('error', failed);
      worker.once('message', (answer) => {
        worker.off('error', failed);
        idle.push(worker);
        lastActivity = Date.now();
        reply(answer);
        dispatch();
      });
      worker.postMessage(job);
    }
  };
  const server = createServer((connection) => {
    lastActivity = Date.now();
    let text = '';
    connection.on('data', (chunk) => {
      text += chunk;
      if (!text.endsWith('\n')) return;
      queue.push({ job: JSON.parse(text), reply: (answer) => connection.end(JSON.stringify(answer) + '\n') });
      dispatch();
    });
  });
  server.listen(socket);
  // Leaves once nothing was asked for IDLE_MS and no file is being optimised (the main WASM
  // takes a minute), and in any case after LONGEST_MS without news: never a leftover process.
  setInterval(() => {
    const quiet = Date.now() - lastActivity;
    const busy = idle.length < workers.length || queue.length > 0;
    if ((quiet > IDLE_MS && !busy) || quiet > LONGEST_MS) {
      server.close();
      rmSync(socket, { force: true });
      process.exit(0);
    }
  }, 1000).unref();
} else {
  const { default: binaryen } = await import('binaryen');
  const { readFileSync, writeFileSync } = await import('node:fs');
  parentPort.on('message', ({ input, output, level, shrink, enable, keepNames }) => {
    try {
      binaryen.setOptimizeLevel(level);
      binaryen.setShrinkLevel(shrink);
      // Names are stripped, as wasm-opt does; CARTE28_KEEP_WASM_NAMES=1 in the build's environment
      // keeps them, so that `twiggy top` can say what the main file of a split build holds
      // (bench/RESULTS.md). It comes with each job (client.mjs), never from this process's
      // environment: a release build following a names-kept one within IDLE_MS reuses this
      // optimiser, and shipped 1.8 MB of names.
      binaryen.setDebugInfo(keepNames === true);
      const module = binaryen.readBinary(readFileSync(input));
      module.setFeatures(enable.reduce((set, name) => set | binaryen.Features[FEATURES[name]], module.getFeatures()));
      if (!module.validate()) throw new Error(`${input} is not valid WebAssembly`);
      module.optimize();
      writeFileSync(output, module.emitBinary());
      module.dispose();
      parentPort.postMessage({ ok: true });
    } catch (error) {
      parentPort.postMessage({ ok: false, message: String(error?.message ?? error) });
    }
  });
}
