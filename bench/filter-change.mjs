// Time from ticking a filter box to the map and the list both showing the new view, in headless
// Debian Chromium, on a hydrated map page. The box is ticked and unticked in turn, so the runs
// alternate between two views (the first visit of each view is the slowest: it is in the table).
// Usage: node bench/filter-change.mjs URL NAME VALUE [RUNS]   e.g. … http://127.0.0.1:3300/ bassin dreux 20
// FRESH=1: the page is loaded anew before each change, so that every change is the first visit
// of its view in that page (the page keeps the last views' pins and clusters otherwise); the
// server's answers are warm after the first run, as for a visitor after the first one.
// PAUSE=ms: how long the visitor looks at the opened group before ticking (default 0). The mouse
// that opens the group asks for the clustering worker of a large view (public/carte28.js): it
// starts 300 ms later unless a change comes first, then needs about 300 ms to come up to speed.
// So with PAUSE=0 a fresh page's change is clustered in the page, as before the worker; with
// PAUSE=1000, in the worker.
// Another says how long the main thread's longest task was during each change (the browser
// reports tasks of 50 ms or more: 0 means none that long), for which the page cannot answer
// anything else, a keystroke, a scroll.
// Another says how long the new view's index took, from asked to ready, timed in the page:
// `carte28.clusterIndexLater` (built in a worker from 2 000 pins, the page drawing the list
// meanwhile), or `carte28.clusterIndex` on a build before it (all of it on the main thread).
// Once the worker fetches the pins itself (`carte28.fetchedPins`), it starts the index before the
// WASM asks for it: this is then only the part left when the WASM asks. Once the script also
// fetches the server's sketch of the view (`/api/sketch/{zoom}`), it answers with the sketch
// when that comes first, the index behind it: this is then the time to the sketch, and another
// line says how many changes were drawn from one.
// The browser is browser-profiles.mjs's: every outside host fails at once, so that a server with
// a tile URL (a map to zoom 18) is measured without waiting for tiles that cannot come here.
import { launchChromium } from './browser-profiles.mjs';

const [url = 'http://127.0.0.1:3300/', name = 'bassin', value = 'dreux'] = process.argv.slice(2);
const runs = Number(process.argv[5] ?? 20);
const browser = await launchChromium();
const fresh = process.env.FRESH === '1';
const pause = Number(process.env.PAUSE ?? 0);
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const box = `input[name="${name}"][value="${value}"]`;
async function open() {
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('#carte[data-pins] .leaflet-marker-icon'), null, { timeout: 60_000 });
  await page.waitForTimeout(500);
  // Open the box's group: groups start folded.
  await page.locator('details.filters__group', { has: page.locator(box) }).locator('summary').click();
  await page.waitForTimeout(pause);
}
await open();
const samples = [];
const indexings = [];
const longestTasks = [];
const engines = [];
let sketches = 0;
for (let i = 0; i < runs; i++) {
  if (fresh && i > 0) await open();
  // In the page: tick, then poll on every frame until the pin count on the map and the count
  // above the list (rendered with the list's rows, in the same update) have both changed.
  const [elapsed, clustering, longestTask, engine, sketched] = await page.evaluate(async (selector) => {
    // The clustering's share: how long the indexing of the new view's pins took (zero when the
    // page had that view's index already).
    const carte28 = window.carte28;
    const asked = carte28.clusterIndexLater ? 'clusterIndexLater' : 'clusterIndex';
    const clusterIndex = carte28[asked];
    let indexing = 0;
    let sketched = false;
    // Every argument passes: the WASM also gives the points' checksum, which its sketch must match.
    carte28[asked] = function (coordinates, ...rest) {
      const start = performance.now();
      const index = clusterIndex(coordinates, ...rest);
      if (!(index instanceof Promise)) {
        indexing += performance.now() - start;
        return index;
      }
      return index.then((ready) => {
        indexing += performance.now() - start;
        sketched = sketched || Boolean(ready && ready.later);
        return ready;
      });
    };
    const map = document.querySelector('#carte');
    const before = {
      pins: map.getAttribute('data-pins'),
      count: document.querySelector('#result-count').textContent,
    };
    const start = performance.now();
    let longest = 0;
    const tasks = new PerformanceObserver((list) => {
      for (const task of list.getEntries()) {
        if (task.startTime + task.duration >= start) longest = Math.max(longest, task.duration);
      }
    });
    tasks.observe({ type: 'longtask' });
    // What will build the new view's index in the worker, if it is up.
    const engine = carte28.offThread?.state === 'ready' ? carte28.offThread.engine || 'javascript' : 'none';
    document.querySelector(selector).click();
    return await new Promise((resolve, reject) => {
      const check = () => {
        const done = map.getAttribute('data-pins') !== before.pins
          && document.querySelector('#result-count').textContent !== before.count;
        if (done) {
          const elapsed = performance.now() - start;
          carte28[asked] = clusterIndex;
          // The task drawing the last of the view has ended (this is the next frame): it is reported.
          setTimeout(() => {
            for (const task of tasks.takeRecords()) {
              if (task.startTime + task.duration >= start) longest = Math.max(longest, task.duration);
            }
            tasks.disconnect();
            resolve([elapsed, indexing, longest, engine, sketched]);
          }, 0);
        }
        else if (performance.now() - start > 30_000) reject(new Error('the view did not change'));
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
  }, box);
  samples.push(elapsed);
  indexings.push(clustering);
  longestTasks.push(longestTask);
  engines.push(engine);
  sketches += sketched ? 1 : 0;
  await page.waitForTimeout(300);
}
await browser.close();
const ascending = (values) => [...values].sort((a, b) => a - b);
const quantile = (values, q) => values[Math.min(values.length - 1, Math.floor(q * values.length))];
const sorted = ascending(samples);
const at = (q) => quantile(sorted, q);
const what = (fresh ? `${name}=${value} clicked, each time on a page loaded anew` : `${name}=${value} on/off`)
  + (pause ? `, ${pause} ms after opening its group` : '');
// Without FRESH, only the first two changes are each view's first visit in the page.
const firstTwo = fresh ? '' : `; first two (each view's first visit): ${samples.slice(0, 2).map((s) => s.toFixed(0)).join(' ms, ')} ms`;
console.log(`| filter change (${what}) → map and list updated | median ${at(0.5).toFixed(0)} ms, p90 ${at(0.9).toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms, max ${sorted.at(-1).toFixed(0)} ms${firstTwo} |`);
console.log(`(${runs} changes, ${url})`);
const longest = ascending(longestTasks);
console.log(`(the main thread's longest task during a change: median ${quantile(longest, 0.5).toFixed(0)} ms, max ${longest.at(-1).toFixed(0)} ms; `
  + `changes with a task of 50 ms or more: ${longest.filter((task) => task > 0).length} of ${runs})`);
const indexed = ascending(indexings);
console.log(`(the new view's index (or the server's sketch of it, when that came first), asked to ready: median ${quantile(indexed, 0.5).toFixed(1)} ms, min ${indexed[0].toFixed(1)} ms)`);
// What would build the indexes in the worker at each click ('webassembly', or 'javascript' where
// /cluster-index.wasm could not be had or on a build before it), or 'none': the worker was not up.
const tally = Object.entries(engines.reduce((counts, engine) => ({ ...counts, [engine]: (counts[engine] ?? 0) + 1 }), {}));
console.log(`(the clustering worker at each change: ${tally.map(([engine, times]) => `${engine} ${times}`).join(', ')})`);
console.log(`(changes drawn first from the server's sketch: ${sketches} of ${runs})`);
