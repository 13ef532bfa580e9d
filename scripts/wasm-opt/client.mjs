// `wasm-opt` as cargo-leptos calls it (`-Oz --enable-… FILE -o FILE`, once per file of a split
// build), answered by a long-lived optimiser (server.mjs) instead of a new node process per
// file. Anything it does not know, or any trouble reaching the optimiser, goes to npm's own
// `wasm-opt` unchanged. cargo-leptos puts node_modules/.bin first on PATH, so that is where
// scripts/install-tools.sh links bin/wasm-opt, which runs this file.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { statSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { FEATURES } from './features.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
// In the temporary folder (a socket's path must stay under ~100 characters), one per checkout.
const name = `carte28-wasm-opt-${createHash('sha256').update(root).digest('hex').slice(0, 12)}`;
const socket = join(tmpdir(), `${name}.sock`);
// Left by a client that could not reach an optimiser: for ten minutes (the rest of that build)
// the files go straight to the real wasm-opt instead of waiting again, one after the other.
const unreachable = join(tmpdir(), `${name}.unreachable`);
const gaveUpLately = () => {
  try {
    return Date.now() - statSync(unreachable).mtimeMs < 10 * 60_000;
  } catch {
    return false;
  }
};
const args = process.argv.slice(2);

/** The job, or null for what only the real wasm-opt knows. */
function job() {
  // The build's own setting, sent with each file: the optimiser may have been started by another
  // build, with another environment, less than IDLE_MS before.
  const keepNames = process.env.CARTE28_KEEP_WASM_NAMES === '1';
  const found = { input: null, output: null, level: null, shrink: 0, enable: [], keepNames };
  for (let n = 0; n < args.length; n++) {
    const arg = args[n];
    const level = /^-O([0-4sz])$/.exec(arg);
    if (level) {
      const l = level[1];
      [found.level, found.shrink] = l === 's' ? [2, 1] : l === 'z' ? [2, 2] : [Number(l), 0];
    } else if (arg.startsWith('--enable-')) found.enable.push(arg.slice('--enable-'.length));
    else if (arg === '-o') found.output = resolve(args[++n]);
    else if (arg.endsWith('.wasm') && !found.input) found.input = resolve(arg);
    else return null;
  }
  if (!found.input || !found.output || found.level === null || found.enable.some((f) => !(f in FEATURES))) return null;
  return found;
}

function real() {
  const result = spawnSync(join(root, 'node_modules', 'binaryen', 'bin', 'wasm-opt'), args, { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

function ask(request) {
  return new Promise((resolvePromise, reject) => {
    const connection = createConnection(socket);
    let text = '';
    connection.on('connect', () => connection.write(JSON.stringify(request) + '\n'));
    connection.on('data', (chunk) => { text += chunk; });
    connection.on('end', () => { try { resolvePromise(JSON.parse(text)); } catch (error) { reject(error); } });
    connection.on('error', reject);
    // A stuck optimiser must not hold the build: the real wasm-opt takes over.
    connection.setTimeout(5 * 60_000, () => { connection.destroy(); reject(new Error('timeout')); });
  });
}

const request = job();
if (!request || gaveUpLately()) real();
else {
  let answer;
  for (let attempt = 0; attempt < 75 && !answer; attempt++) {
    try {
      answer = await ask(request);
    } catch (error) {
      if (error.message === 'timeout') break;
      // No optimiser listening (first file, or the last one left): start one.
      if (attempt % 25 === 0 && (error.code === 'ENOENT' || error.code === 'ECONNREFUSED')) {
        spawn(process.execPath, [join(here, 'server.mjs'), socket], { detached: true, stdio: 'ignore' }).unref();
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  if (!answer) {
    try {
      writeFileSync(unreachable, '');
    } catch {
      // Not even the temporary folder: every file will wait its turn, then take the real one.
    }
    real();
  }
  else if (!answer.ok) { console.error(`wasm-opt: ${answer.message}`); process.exit(1); }
}
