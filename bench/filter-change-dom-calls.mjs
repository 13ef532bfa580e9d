// What a filter change asks of the browser's DOM, element by element: the attributes the page
// removes and sets (`removeAttribute`, `setAttribute`) and the HTML it writes (`innerHTML`, with
// its length), from the click until the map and the list both show the new view. Counts, not
// timings: they do not drift with the machine's speed. A rebuild of type-erased views
// (Cargo.toml's `always-erase-components`) removes then sets again every attribute of the
// elements it rebuilds, so what is drawn again at each change, and needs not be, shows here.
// Usage: node bench/filter-change-dom-calls.mjs URL...   e.g. … "http://127.0.0.1:3453/?bassin=dreux"
// (the box clicked is `bassin=dreux`: on that URL it is unticked, from Dreux's pins back to all
// of them; several URLs, e.g. two builds' servers, are measured one after the other).
import { launchChromium } from './browser-profiles.mjs';

const box = 'input[name="bassin"][value="dreux"]';
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.addInitScript(() => {
  // Counting only between the click and the new view (`__domCalls` set by the page's evaluate).
  const count = (key) => { if (window.__domCalls) window.__domCalls[key] = (window.__domCalls[key] ?? 0) + 1; };
  for (const name of ['removeAttribute', 'setAttribute']) {
    const real = Element.prototype[name];
    Element.prototype[name] = function (...args) {
      count(`${name} ${this.tagName.toLowerCase()}`);
      return real.apply(this, args);
    };
  }
  const inner = Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML');
  Object.defineProperty(Element.prototype, 'innerHTML', {
    configurable: true,
    get: inner.get,
    set(html) {
      count(`innerHTML ${this.tagName.toLowerCase()}${this.id ? '#' + this.id : ''} (${String(html).length} characters)`);
      inner.set.call(this, html);
    },
  });
});
for (const url of process.argv.slice(2)) {
  await page.goto(url);
  // The WASM's own markers are focusable: the page is hydrated and its map mounted.
  await page.waitForFunction(() => document.querySelector('#carte[data-pins] .leaflet-marker-icon[tabindex]'), null, { timeout: 60_000 });
  await page.waitForTimeout(300);
  // Its group open, as a person would have it (a group with a ticked box starts open).
  const group = page.locator('details.filters__group', { has: page.locator(box) });
  if ((await group.getAttribute('open')) === null) await group.locator('summary').click();
  const calls = await page.evaluate(async (selector) => {
    window.__domCalls = {};
    const map = document.querySelector('#carte');
    const pins = map.getAttribute('data-pins');
    const count = document.querySelector('#result-count').textContent;
    document.querySelector(selector).click();
    const start = performance.now();
    await new Promise((resolve, reject) => {
      const check = () => {
        if (map.getAttribute('data-pins') !== pins && document.querySelector('#result-count').textContent !== count) resolve();
        else if (performance.now() - start > 30_000) reject(new Error('the view did not change within 30 s'));
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
    const calls = window.__domCalls;
    window.__domCalls = null;
    return calls;
  }, box);
  const entries = Object.entries(calls).sort((a, b) => b[1] - a[1]);
  const attributes = entries.filter(([key]) => !key.startsWith('innerHTML')).reduce((sum, [, n]) => sum + n, 0);
  console.log(`${url}: ${attributes} attribute calls`);
  for (const [key, n] of entries) console.log(`  ${String(n).padStart(5)}  ${key}`);
}
await browser.close();
