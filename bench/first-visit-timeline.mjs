// Where a first visit of the map page spends its time: for each cold load, when the document was
// parsed (domInteractive), when the map appeared, the first pin or cluster (the preview drawn by
// public/carte28.js, or the WASM's), hydration, and the WASM's own markers (focusable: the map
// works from then on); plus when each file arrived.
// Usage: node bench/first-visit-timeline.mjs URL [desktop|phone] [RUNS]
// The phone profile is the peer benchmark's: 390×844, CPU 4×, RTT 150 ms, 9 Mbit/s down.
import { launchChromium, newVisitorContext, newVisitorPage } from './browser-profiles.mjs';

const [url = 'http://127.0.0.1:3000/', profile = 'desktop'] = process.argv.slice(2);
const runs = Number(process.argv[4] ?? 3);
const browser = await launchChromium();
for (let run = 0; run < runs; run++) {
  const context = await newVisitorContext(browser, profile);
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
      seen('live', '.leaflet-marker-pane .leaflet-marker-icon[tabindex]');
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  const page = await newVisitorPage(context, profile);
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
      live: round(moments.live),
      files: performance.getEntriesByType('resource')
        .map((file) => `${new URL(file.name).pathname} ${round(file.startTime)}–${round(file.responseEnd)} ms`),
    };
  });
  console.log(`run ${run + 1}: parsed ${timeline.parsed} ms, map ${timeline.map} ms, first pin ${timeline.firstPin} ms, hydrated ${timeline.hydrated} ms, live markers ${timeline.live} ms`);
  if (run === 0) for (const file of timeline.files) console.log(`  ${file}`);
  await context.close();
}
await browser.close();
