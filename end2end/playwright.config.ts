// Browser tests run Debian's Chromium (Playwright's own browser download is not available here)
// against the release build (`make release`) on a fresh database, started by
// Playwright itself. SERVER_BIN=../target/debug/server tests a debug build instead.
import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const port = 3100;
const baseURL = process.env.BASE_URL ?? `http://127.0.0.1:${port}`;
// The scale tests run against a second server whose database also holds 5 000 synthetic
// initiatives (`fixtures seed-synthetic`), enough to need clusters, pages and on-demand popups.
const scalePort = 3101;
const scaleURL = process.env.SCALE_BASE_URL ?? `http://127.0.0.1:${scalePort}`;
const server = process.env.SERVER_BIN ?? '../target/release/server';
// Test data (`seed-hostile`, `seed-synthetic`) comes from the fixtures binary (`make fixtures`):
// the release server has no such command.
const fixtures = process.env.FIXTURES_BIN ?? '../target/debug/fixtures';
// New empty databases for every run, seeded by the commands below. The runner makes the folder;
// its workers (which read this file again) inherit the variable, so tests can open the same
// database (mail.spec.ts checks by SQL what a deleted account leaves).
const folder = process.env.CARTE_E2E_FOLDER ??= mkdtempSync(join(tmpdir(), 'carte-e2e-'));
// A real SMTP server (aiosmtpd) receives every mail the demo server sends; tests read them
// from its HTTP port (fixtures.ts, `mailTo`).
const smtpPort = 3125;
const mailboxPort = 3126;
// A stand-in for the national address service (`fixtures geocoder`): the real one is on the
// internet. The demo server places addresses typed in « Autour de » with it (around.spec.ts).
const geocoderPort = 3127;
// Only the servers of the projects named on the command line are started (all without
// `--project`): `--project durability` alone needs none, its test starts its own.
// `--project a b` names two (a file filter after them too: starting one server more is harmless).
const projectsNamed = process.argv.flatMap((arg, i, args) => {
  if (arg.startsWith('--project=')) return [arg.slice('--project='.length)];
  if (arg !== '--project') return [];
  const after = args.slice(i + 1);
  const end = after.findIndex((next) => next.startsWith('-'));
  return end < 0 ? after : after.slice(0, end);
});
const wanted = (projects: string[]) => projectsNamed.length === 0 || projects.some((name) => projectsNamed.includes(name));
// The bad-input corpus's server: demo data and an animator on a database of its own. Started
// here rather than by its test, so that one server serves the whole corpus even when a failed
// case makes Playwright start a new worker.
const badInputPort = 3103;

const serverEnv = (port: number, database: string) => ({
  LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
  LEPTOS_SITE_ROOT: '../target/site',
  LEPTOS_SITE_PKG_DIR: 'pkg',
  LEPTOS_OUTPUT_NAME: 'carte-orientation-28',
  LEPTOS_ENV: 'PROD',
  DATABASE_URL: `sqlite://${join(folder, database)}`,
  DEMO_DATA: 'auto',
  TILE_URL: '',
  RUST_LOG: 'warn',
  // The demo holder account (holders.spec.ts signs in with it).
  DEMO_PASSWORD: 'demo-carte-orientation-28',
  // The password of the animators and the admin created below (moderation.spec.ts).
  ADMIN_PASSWORD: 'une phrase de passe solide',
  // Every link of every mail leads back to this server.
  PUBLIC_URL: `http://127.0.0.1:${port}`,
});

// An animator of Chartres, one of Dreux, and an administrator (moderation.spec.ts).
const staff = [
  `${server} admin create --email animation.chartres@exemple.fr --role animator --area chartres`,
  `${server} admin create --email animation.dreux@exemple.fr --role animator --area dreux`,
  `${server} admin create --email administration@exemple.fr`,
].join(' && ');

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: 'list',
  use: {
    trace: 'retain-on-failure',
    // A French browser (`Accept-Language: fr-FR`), as most citizens': an English one is sent to
    // the English pages at its first visit (english.spec.ts).
    locale: 'fr-FR',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  projects: [
    { name: 'demo', testIgnore: [/scale\.spec\.ts/, /durability\.spec\.ts/, /bad-input\.spec\.ts/], use: { baseURL } },
    { name: 'scale', testMatch: /scale\.spec\.ts/, use: { baseURL: scaleURL } },
    // Starts, kills and restarts servers of its own (port 3102); no browser.
    { name: 'durability', testMatch: /durability\.spec\.ts/ },
    // Malformed requests to a server of its own (port 3103, below); no browser.
    { name: 'bad-input', testMatch: /bad-input\.spec\.ts/ },
  ],
  webServer: process.env.BASE_URL ? undefined : [
    {
      projects: ['demo'],
      command: `/usr/bin/python3 ../scripts/smtp-sink.py --port ${smtpPort} --http-port ${mailboxPort}`,
      url: `http://127.0.0.1:${mailboxPort}/messages`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      projects: ['demo'],
      command: `${fixtures} geocoder --port ${geocoderPort}`,
      url: `http://127.0.0.1:${geocoderPort}/search?q=chartres`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      projects: ['demo'],
      // Demo data, then one initiative whose texts are all markup (the XSS test), the club's
      // staff, then serve.
      command: `${server} seed-demo && ${fixtures} seed-hostile && ${staff} && ${server}`,
      url: `${baseURL}/healthz`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      env: {
        ...serverEnv(port, 'e2e.db'),
        // Every browser test signs in and up from 127.0.0.1: more than any one person would.
        SIGN_IN_BURST_PER_ADDRESS: '1000',
        CONTRIBUTIONS_BURST_PER_ADDRESS: '1000',
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}?tls=none`,
        MAIL_FROM: 'Carte Orientation 28 <ne-pas-repondre@carte-orientation-28.localhost>',
        GEOCODER_URL: `http://127.0.0.1:${geocoderPort}/search`,
      },
    },
    {
      projects: ['scale'],
      // Demo data first (as at any start-up), then 5 000 synthetic initiatives, then serve.
      command: `${server} seed-demo && ${fixtures} seed-synthetic --count 5000 && ${server}`,
      url: `${scaleURL}/healthz`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'pipe',
      env: serverEnv(scalePort, 'scale.db'),
    },
    {
      projects: ['bad-input'],
      command: `${server} seed-demo && ${staff} && ${server}`,
      url: `http://127.0.0.1:${badInputPort}/healthz`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: serverEnv(badInputPort, 'bad-input.db'),
    },
  ].filter((entry) => wanted(entry.projects)).map(({ projects, ...entry }) => entry),
});
