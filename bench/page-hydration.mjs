// How long a page opened cold (a shared link) takes to come alive, and the code it downloads:
// for each run, when the document was parsed (domInteractive) and hydrated (`body[data-hydrated]`),
// with the number of code files (wasm, js, css) and their bytes as transferred.
// Usage: node bench/page-hydration.mjs URL [desktop|phone] [RUNS]
// The phone profile is the peer benchmark's: 390×844, CPU 4×, RTT 150 ms, 9 Mbit/s down. Over
// plain HTTP Chromium speaks HTTP/1.1 (six connections per host): a page of many chunks pays
// round trips here that HTTP/2 behind a TLS proxy would not.
import { launchChromium, newVisitorContext, newVisitorPage } from './browser-profiles.mjs';

const [url = 'http://127.0.0.1:3000/', profile = 'desktop'] = process.argv.slice(2);
const runs = Number(process.argv[4] ?? 5);
const browser = await launchChromium();
const hydrated = [];
for (let run = 0; run < runs; run++) {
  const context = await newVisitorContext(browser, profile);
  await context.addInitScript(() => {
    new MutationObserver(() => {
      if (!window.__hydrated && document.querySelector('body[data-hydrated]')) window.__hydrated = performance.now();
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-hydrated'] });
  });
  const page = await newVisitorPage(context, profile);
  await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
  await page.waitForSelector('body[data-hydrated]', { timeout: 120_000 });
  const result = await page.evaluate(() => {
    const code = performance.getEntriesByType('resource').filter((file) => /\.(wasm|js|css)$/.test(new URL(file.name).pathname));
    return {
      parsed: Math.round(performance.getEntriesByType('navigation')[0].domInteractive),
      hydrated: Math.round(window.__hydrated),
      files: code.length,
      bytes: code.reduce((sum, file) => sum + file.transferSize, 0),
    };
  });
  hydrated.push(result.hydrated);
  console.log(`run ${run + 1}: parsed ${result.parsed} ms, hydrated ${result.hydrated} ms, ${result.files} code files, ${result.bytes} bytes`);
  await context.close();
}
hydrated.sort((a, b) => a - b);
console.log(`median hydrated: ${hydrated[Math.floor(hydrated.length / 2)]} ms`);
await browser.close();
