// Time from navigation start to the first pins (clusters or markers) visible on the map, in
// headless Debian Chromium with a cold cache (a new browser context per run).
// Usage: node bench/pins-visible.mjs URL [RUNS]
import { createRequire } from 'node:module';

const require = createRequire(new URL('../end2end/package.json', import.meta.url));
const { chromium } = require('@playwright/test');

const url = process.argv[2] ?? 'http://127.0.0.1:3300/';
const runs = Number(process.argv[3] ?? 15);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic'],
});
const samples = { hydrated: [], pins: [] };
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'commit' });
  // Polled on every animation frame; performance.now() counts from the navigation's start.
  const pins = await page.waitForFunction(
    () => document.querySelector('#carte[data-pins] .leaflet-marker-icon') && performance.now(),
    null, { polling: 'raf', timeout: 30_000 });
  samples.pins.push(await pins.jsonValue());
  const hydrated = await page.evaluate(() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd);
  samples.hydrated.push(hydrated);
  await context.close();
}
await browser.close();
const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `median ${at(0.5).toFixed(0)} ms, p90 ${at(0.9).toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms, max ${sorted.at(-1).toFixed(0)} ms`;
};
console.log(`| navigation → DOMContentLoaded | ${stats(samples.hydrated)} |`);
console.log(`| navigation → first pins visible | ${stats(samples.pins)} |`);
console.log(`(${runs} runs, new browser context each, ${url})`);
