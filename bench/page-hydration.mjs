// How long a page opened cold (a shared link) takes to come alive, and the code it downloads:
// for each run, when the document was parsed (domInteractive) and hydrated (`body[data-hydrated]`),
// with the number of code files (wasm, js, css) and their bytes as transferred.
// Usage: node bench/page-hydration.mjs URL [desktop|phone] [RUNS]
// The phone profile is the peer benchmark's: 390×844, CPU 4×, RTT 150 ms, 9 Mbit/s down. Over
// plain HTTP Chromium speaks HTTP/1.1 (six connections per host): a page of many chunks pays
// round trips here that HTTP/2 behind a TLS proxy would not.
import { createRequire } from 'node:module';

const require = createRequire(new URL('../end2end/package.json', import.meta.url));
const { chromium } = require('@playwright/test');

const [url = 'http://127.0.0.1:3000/', profile = 'desktop'] = process.argv.slice(2);
const runs = Number(process.argv[4] ?? 5);
const phone = profile === 'phone';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-quic',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
});
const hydrated = [];
for (let run = 0; run < runs; run++) {
  const context = await browser.newContext(phone
    ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
    : { viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    new MutationObserver(() => {
      if (!window.__hydrated && document.querySelector('body[data-hydrated]')) window.__hydrated = performance.now();
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-hydrated'] });
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
