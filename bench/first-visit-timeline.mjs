// Where a first visit of the map page spends its time: for each cold load, when the document was
// parsed (domInteractive), when the map appeared, the first pin or cluster (the preview drawn by
// public/carte28.js, or the WASM's), and hydration; plus when each file arrived.
// Usage: node bench/first-visit-timeline.mjs URL [desktop|phone] [RUNS]
// The phone profile is the peer benchmark's: 390×844, CPU 4×, RTT 150 ms, 9 Mbit/s down.
import { createRequire } from 'node:module';

const require = createRequire(new URL('../end2end/package.json', import.meta.url));
const { chromium } = require('@playwright/test');

const [url = 'http://127.0.0.1:3000/', profile = 'desktop'] = process.argv.slice(2);
const runs = Number(process.argv[4] ?? 3);
const phone = profile === 'phone';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-quic',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
});
for (let run = 0; run < runs; run++) {
  const context = await browser.newContext(phone
    ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
    : { viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    window.__moments = {};
    new MutationObserver(() => {
      const now = performance.now();
      const seen = (name, selector) => {
        if (!window.__moments[name] && document.querySelector(selector)) window.__moments[name] = now;
      };
      seen('map', '#carte.leaflet-container');
      seen('firstPin', '.leaflet-marker-pane .leaflet-marker-icon:not(.area-label)');
      seen('hydrated', 'body[data-hydrated]');
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  const page = await context.newPage();
  if (phone) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 9e6 / 8, uploadThroughput: 1.5e6 / 8 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
  await page.waitForSelector('body[data-hydrated]', { timeout: 120_000 });
  await page.waitForSelector('.leaflet-marker-pane .leaflet-marker-icon[tabindex]', { state: 'attached', timeout: 120_000 });
  const timeline = await page.evaluate(() => {
    const round = Math.round;
    const navigation = performance.getEntriesByType('navigation')[0];
    const moments = window.__moments;
    return {
      parsed: round(navigation.domInteractive),
      map: round(moments.map),
      firstPin: round(moments.firstPin),
      hydrated: round(moments.hydrated),
      files: performance.getEntriesByType('resource')
        .map((file) => `${new URL(file.name).pathname} ${round(file.startTime)}–${round(file.responseEnd)} ms`),
    };
  });
  console.log(`run ${run + 1}: parsed ${timeline.parsed} ms, map ${timeline.map} ms, first pin ${timeline.firstPin} ms, hydrated ${timeline.hydrated} ms`);
  if (run === 0) for (const file of timeline.files) console.log(`  ${file}`);
  await context.close();
}
await browser.close();
