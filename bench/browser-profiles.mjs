// The browser the page benchmarks drive and the two visitors they play: a desktop, and the peer
// benchmark's mid-range phone (390×844, CPU 4×, RTT 150 ms, 9 Mbit/s down, 1.5 up). Every outside
// host fails at once (no tiles), as in the peer scripts.
import { createRequire } from 'node:module';

const require = createRequire(new URL('../end2end/package.json', import.meta.url));
const { chromium } = require('@playwright/test');

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-quic',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
}

/** A fresh context (cold cache) for `profile` ('desktop' or 'phone'). */
export function newVisitorContext(browser, profile) {
  return browser.newContext(profile === 'phone'
    ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
    : { viewport: { width: 1280, height: 800 } });
}

/** A page of `context`, throttled as the phone when `profile` is 'phone'. */
export async function newVisitorPage(context, profile) {
  const page = await context.newPage();
  if (profile === 'phone') {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 9e6 / 8, uploadThroughput: 1.5e6 / 8 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  return page;
}
