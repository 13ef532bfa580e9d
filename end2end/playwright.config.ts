// Browser tests run Debian's Chromium (Playwright's own browser download is not available here)
// against the release build (`cargo leptos build --release`) on a fresh database, started by
// Playwright itself. SERVER_BIN=../target/debug/server tests a debug build instead.
import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const port = 3100;
const baseURL = process.env.BASE_URL ?? `http://127.0.0.1:${port}`;
// A new empty database for every run: the server loads the demo data into it at start-up.
const database = join(mkdtempSync(join(tmpdir(), 'carte-e2e-')), 'e2e.db');

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: 'list',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  webServer: process.env.BASE_URL ? undefined : {
    command: process.env.SERVER_BIN ?? '../target/release/server',
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    env: {
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: '../target/site',
      LEPTOS_SITE_PKG_DIR: 'pkg',
      LEPTOS_OUTPUT_NAME: 'carte-orientation-28',
      LEPTOS_ENV: 'PROD',
      DATABASE_URL: `sqlite://${database}`,
      DEMO_DATA: 'auto',
      TILE_URL: '',
      RUST_LOG: 'warn',
    },
  },
});
