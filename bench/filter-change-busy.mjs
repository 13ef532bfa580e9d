// How long the page's main thread works on a filter change, for two builds side by side: on a
// machine whose speed drifts from one minute to the next, the end-to-end time of
// `filter-change.mjs` moves with it, while two servers asked in turn in one run compare fairly.
// For each URL in turn: the page loaded anew, the box ticked, then, from a Chromium trace, the
// sum of the main thread's top-level tasks until the map and the list both show the new view
// (the trace itself slows the page: compare the two columns, not with other benchmarks).
// Usage: node bench/filter-change-busy.mjs URL_A URL_B [ROUNDS]   e.g. two release servers of two
// commits over the same database, … "http://127.0.0.1:3452/?bassin=dreux" "http://127.0.0.1:3453/?bassin=dreux" 12
// (the box ticked is `bassin=dreux`: from Dreux's pins back to all of them).
import { launchChromium } from './browser-profiles.mjs';

const urls = process.argv.slice(2, 4);
const rounds = Number(process.argv[4] ?? 12);
const box = 'input[name="bassin"][value="dreux"]';
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const results = urls.map(() => ({ busy: [], elapsed: [] }));
for (let round = 0; round < rounds; round++) {
  for (const [n, url] of urls.entries()) {
    await page.goto(url);
    // The WASM's own markers are focusable: the page is hydrated and its map mounted.
    await page.waitForFunction(() => document.querySelector('#carte[data-pins] .leaflet-marker-icon[tabindex]'), null, { timeout: 60_000 });
    await page.waitForTimeout(400);
    await page.locator('details.filters__group', { has: page.locator(box) }).locator('summary').click();
    await page.waitForTimeout(200);
    await browser.startTracing(page, { categories: ['devtools.timeline', 'blink.user_timing'] });
    const elapsed = await page.evaluate(async (selector) => {
      const map = document.querySelector('#carte');
      const pins = map.getAttribute('data-pins');
      const count = document.querySelector('#result-count').textContent;
      const start = performance.now();
      performance.mark('tick');
      document.querySelector(selector).click();
      await new Promise((resolve) => {
        const check = () => (map.getAttribute('data-pins') !== pins && document.querySelector('#result-count').textContent !== count
          ? resolve() : requestAnimationFrame(check));
        requestAnimationFrame(check);
      });
      performance.mark('done');
      return performance.now() - start;
    }, box);
    const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
    const tick = events.find((e) => e.name === 'tick');
    const done = events.find((e) => e.name === 'done');
    // The main thread's complete events between the two marks; the nested ones are inside a top-level one.
    const tasks = events.filter((e) => e.ph === 'X' && e.tid === tick.tid && e.ts >= tick.ts && e.ts <= done.ts)
      .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    let end = 0;
    let busy = 0;
    for (const task of tasks) {
      if (task.ts >= end) {
        busy += task.dur;
        end = task.ts + task.dur;
      }
    }
    results[n].busy.push(busy / 1000);
    results[n].elapsed.push(elapsed);
  }
}
await browser.close();
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
for (const [n, url] of urls.entries()) {
  const { busy, elapsed } = results[n];
  console.log(`| ${url} | main thread busy: median ${median(busy).toFixed(0)} ms | change → map and list updated (traced): median ${median(elapsed).toFixed(0)} ms |`);
}
console.log(`(${rounds} rounds, the URLs in turn)`);
