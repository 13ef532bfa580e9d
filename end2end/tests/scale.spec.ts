// The map and the list with 5 068 initiatives (demo + 5 000 synthetic): clusters still add up,
// the list comes in pages, popups load what the pin payload leaves out, keyboards can expand
// clusters. Runs against the second server of playwright.config.ts (project "scale").
import type { Locator } from '@playwright/test';
import { checkPreviewHandover, checkSketch, countPins, expect, openGroup, test, waitForMap, withTiles, type Page } from './fixtures';

/** Clicks a list item's « Voir sur la carte »; answers its title and the link the map should
 * then show for it: in its own pin's popup, or (several at one address) the popup listing them. */
async function locate(page: Page, item: Locator) {
  const link = item.locator('a.initiative-item__title');
  const [title, href] = [(await link.textContent())!.trim(), await link.getAttribute('href')];
  await item.locator('button.initiative-item__locate').click();
  return { title, popupLink: page.locator(`.leaflet-popup-content a.popup__title[href="${href}"]`) };
}

async function publishedCount(page: Page, query = ''): Promise<number> {
  const response = await page.request.get(`/api/initiatives.geojson${query}`);
  expect(response.status()).toBe(200);
  return (await response.json()).features.length;
}

test('every pin of a large view is on the map, clustered, and the list shows one page of it', async ({ page }) => {
  const total = await publishedCount(page);
  expect(total).toBeGreaterThan(5000);
  await page.goto('/');
  await waitForMap(page);
  await expect(page.locator('#carte')).toHaveAttribute('data-pins', String(total));
  expect(await countPins(page)).toBe(total);
  // A few dozen markers stand for thousands of pins.
  expect(await page.locator('#carte .leaflet-marker-icon').count()).toBeLessThan(400);
  await expect(page.locator('#result-count')).toHaveText(`${total.toLocaleString('fr-FR')} initiatives`);
  await expect(page.locator('#liste li.initiative-item')).toHaveCount(100);
  await expect(page.locator('.pagination')).toContainText(`Page 1 sur ${Math.ceil(total / 100)}`);
});

test('with thousands of pins the preview clusters them as the WASM does', async ({ page }) => {
  const preview = await checkPreviewHandover(page, '/');
  expect(preview.filter((marker) => marker.includes(' cluster ')).length).toBeGreaterThan(3);
  expect(await countPins(page)).toBe(await publishedCount(page));
});

test("with thousands of pins the server's sketch shows the clusters the map then draws", async ({ page, browser }) => {
  expect((await checkSketch(page, browser, '/')).markers).toBeGreaterThan(3);
});

test('the list pages forward and back with the URL, and the map keeps the whole view', async ({ page }) => {
  await page.goto('/?bassin=dreux');
  await waitForMap(page);
  const pins = await page.locator('#carte').getAttribute('data-pins');
  const firstTitle = await page.locator('#liste .initiative-item__title').first().textContent();
  await page.locator('.pagination a.pagination__next').click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(page).toHaveURL(/bassin=dreux/);
  await expect(page.locator('#liste ol.initiative-list')).toHaveAttribute('start', '101');
  await expect(page.locator('#liste .initiative-item__title').first()).not.toHaveText(firstTitle!);
  await expect(page.locator('.list-range')).toContainText('initiatives 101 à 200');
  await expect(page.locator('#carte')).toHaveAttribute('data-pins', pins!);
  await page.goBack();
  await expect(page).not.toHaveURL(/page=2/);
  await expect(page.locator('#liste .initiative-item__title').first()).toHaveText(firstTitle!);
});

test('a list item of a later page is found on the map', async ({ page }) => {
  await page.goto('/?page=3');
  await waitForMap(page);
  const { title, popupLink } = await locate(page, page.locator('#liste li.initiative-item').nth(40));
  await expect(popupLink).toBeVisible();
  await expect(popupLink).toHaveText(title);
  await expect(popupLink).toBeFocused();
});

test('with tiles, thousands of pins: the sketch, the preview and the map agree, and list items are found at the streets\' zooms', async ({ page, browser }) => {
  // A deployment with tiles goes to zoom 18; its views open clustered as without tiles (the
  // server's sketch is the same), the streets' zooms by an index built when first needed.
  const zooms = await withTiles(page);
  await checkSketch(page, browser, '/');
  expect(await page.evaluate(() => (window as any).carte28.maxZoom())).toBe(18);
  await checkPreviewHandover(page, '/');
  const items = page.locator('#liste li.initiative-item');
  for (const n of [0, 1, 2, 3]) {
    const { title, popupLink } = await locate(page, items.nth(n));
    await expect(popupLink).toBeVisible();
    await expect(popupLink).toHaveText(title);
  }
  expect(Math.max(...zooms), 'the map went to the streets').toBeGreaterThanOrEqual(14);
});

test('a pin the list does not show loads its popup on demand', async ({ page }) => {
  await page.goto('/');
  await waitForMap(page);
  // Pins whose texts the page does not have yet are named by their kind only. The map draws
  // markers a little beyond its edges too: only one inside the map can be clicked.
  const unknown = page.locator('#carte .leaflet-marker-icon.pin[title^="Initiative :"]');
  const unknownInside = async () => {
    const map = (await page.locator('#carte').boundingBox())!;
    for (const pin of await unknown.all()) {
      const box = await pin.boundingBox();
      if (box && box.x >= map.x && box.y >= map.y && box.x + box.width <= map.x + map.width
        && box.y + box.height <= map.y + map.height) return pin;
    }
    return null;
  };
  let pin = await unknownInside();
  for (let round = 0; round < 10 && pin === null; round++) {
    const clusters = page.locator('#carte .marker-cluster');
    const counts = (await clusters.locator('.marker-cluster__count').allTextContents()).map(Number);
    // By keyboard: the biggest cluster may sit under a neighbour, where no pointer reaches it.
    await clusters.nth(counts.indexOf(Math.max(...counts))).focus();
    await page.keyboard.press('Enter');
    await page.waitForTimeout(500);
    pin = await unknownInside();
  }
  await pin!.click();
  const popupLink = page.locator('.leaflet-popup-content a.popup__title');
  await expect(popupLink).toHaveAttribute('href', /^\/initiatives\/\d+-/);
  await expect(popupLink).toBeFocused();
  const title = (await popupLink.textContent())!;
  expect(title.length).toBeGreaterThan(5);
  await popupLink.click();
  await expect(page.locator('h1')).toHaveText(title);
});

test('a keyboard user expands a cluster with Enter and stays on the map', async ({ page }) => {
  await page.goto('/');
  await waitForMap(page);
  const cluster = page.locator('#carte .marker-cluster').first();
  const before = await page.locator('#carte .marker-cluster__count').allTextContents();
  await cluster.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('#carte .marker-cluster__count').allTextContents()).not.toEqual(before);
  await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('leaflet-marker-icon'))).toBe(true);
});

test('a filter narrows the map and the list to the same set at scale', async ({ page }) => {
  const expected = await publishedCount(page, '?bassin=chateaudun&kind=immersion');
  await page.goto('/');
  await waitForMap(page);
  await openGroup(page, 'Bassin');
  await page.locator('input[name="bassin"][value="chateaudun"]').check();
  await expect(page).toHaveURL(/bassin=chateaudun/);
  await openGroup(page, 'Type');
  await page.locator('input[name="kind"][value="immersion"]').check();
  await expect(page).toHaveURL(/kind=immersion/);
  await expect(page.locator('#carte')).toHaveAttribute('data-pins', String(expected));
  await expect(page.locator('#result-count')).toHaveText(`${expected.toLocaleString('fr-FR')} initiatives`);
  expect(await countPins(page)).toBe(expected);
});

/** Views of 2 000 pins or more go to carte28's clustering worker once it is up to speed; the
 * page clusters the first change to one itself, and starts the worker. This makes that first
 * change (Châteaudun, then Dreux too), waits for the worker, and leaves Dreux's view (under
 * 2 000 pins): the next large view the visitor picks is clustered by the worker. */
async function startClusteringWorker(page: Page) {
  const first = await publishedCount(page, '?bassin=chateaudun&bassin=dreux');
  expect(first).toBeGreaterThan(2000);
  await page.goto('/?bassin=chateaudun');
  await waitForMap(page);
  // A small view: pointing at its filters starts nothing.
  expect(Number(await page.locator('#carte').getAttribute('data-pins'))).toBeLessThan(2000);
  // Which index the map is given: the worker's makes its pins' features when asked for them.
  await page.evaluate(() => {
    const carte28 = (window as any).carte28;
    const later = carte28.clusterIndexLater;
    // Every argument passes: the WASM also gives the points' checksum, which a sketch must match.
    carte28.clusterIndexLater = (coordinates: Float64Array, ...rest: unknown[]) => {
      const pins = coordinates.length / 2;
      // The server's sketch of the view may come first, the index behind it (`later`).
      const note = (index: any): any => {
        if (index.later) index.later = index.later.then(note);
        else (window as any).fromWorker = Object.keys(index.points).length < pins;
        return index;
      };
      return later(coordinates, ...rest).then(note);
    };
  });
  const worker = page.waitForEvent('worker');
  await page.locator('input[name="bassin"][value="dreux"]').check();
  await expect(page).toHaveURL(/bassin=dreux/);
  await expect(page.locator('#carte')).toHaveAttribute('data-pins', String(first));
  expect((await worker).url()).toMatch(/\/clustering-worker\.js$/);
  await expect.poll(() => page.evaluate(() => (window as any).carte28.offThread?.state), { timeout: 20_000 }).toBe('ready');
  expect(await page.evaluate(() => (window as any).fromWorker)).toBe(false);
  await page.locator('input[name="bassin"][value="chateaudun"]').uncheck();
  await expect(page).not.toHaveURL(/chateaudun/);
  await openGroup(page, 'Bassin');
}

test('a large view is clustered off the main thread, and its map works as any other', async ({ page }) => {
  const expected = await publishedCount(page, '?bassin=chartres&bassin=dreux');
  expect(expected).toBeGreaterThan(2000);
  await startClusteringWorker(page);
  // What the page asks of the worker: once it is up, the worker fetches the view's payload and
  // indexes its pins from there, and the page asks for no index of its own.
  await page.evaluate(() => {
    const offThread = (window as any).carte28.offThread;
    const { index, fetchPins } = offThread;
    const asked = (window as any).asked = { indexes: 0, payloads: [] as string[] };
    offThread.index = (...question: unknown[]) => {
      asked.indexes += 1;
      return index(...question);
    };
    offThread.fetchPins = (payload: { path: string }, options: unknown) => {
      asked.payloads.push(payload.path);
      return fetchPins(payload, options);
    };
  });
  await page.locator('input[name="bassin"][value="chartres"]').check();
  await expect(page).toHaveURL(/bassin=chartres/);
  await expect(page.locator('#carte')).toHaveAttribute('data-pins', String(expected));
  // Drawn from the server's sketch first, maybe: the index comes a moment later.
  await expect.poll(() => page.evaluate(() => (window as any).fromWorker)).toBe(true);
  const asked = await page.evaluate(() => (window as any).asked);
  expect(asked.indexes).toBe(0);
  expect(asked.payloads).toHaveLength(1);
  expect(asked.payloads[0]).toMatch(/^\/api\/pins\?(?=.*bassin=chartres)(?=.*bassin=dreux)/);
  expect(await countPins(page)).toBe(expected);
  // Its clusters split under the keyboard, and a list item is found on it.
  const before = await page.locator('#carte .marker-cluster__count').allTextContents();
  await page.locator('#carte .marker-cluster').first().focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('#carte .marker-cluster__count').allTextContents()).not.toEqual(before);
  const { title, popupLink } = await locate(page, page.locator('#liste li.initiative-item').nth(60));
  await expect(popupLink).toBeVisible();
  await expect(popupLink).toHaveText(title);
});

test('a view the server refuses, once the worker fetches the pins, still says why in its words', async ({ page }) => {
  await startClusteringWorker(page);
  await page.evaluate(() => {
    const offThread = (window as any).carte28.offThread;
    const fetchPins = offThread.fetchPins;
    (window as any).payloadsAsked = 0;
    offThread.fetchPins = (...question: unknown[]) => {
      (window as any).payloadsAsked += 1;
      return fetchPins(...question);
    };
    // The back button to an address the visitor had edited by hand.
    history.pushState(null, '', '/?bassin=nulle-part');
    dispatchEvent(new PopStateEvent('popstate', { state: null }));
  });
  // The worker had the server's refusal: the page asks again itself and reads the server's message.
  await expect(page.locator('.map-status')).toContainText("Les épingles de la carte n'ont pas pu être chargées");
  await expect(page.locator('.map-status')).toContainText('Bassin inconnu : « nulle-part »');
  expect(await page.evaluate(() => (window as any).payloadsAsked)).toBe(1);
});

test("« Voir sur la carte » asked while a large view's clusters are on their way shows the pin when they come", async ({ page }) => {
  const expected = await publishedCount(page, '?bassin=chartres&bassin=dreux');
  await startClusteringWorker(page);
  const dreux = await page.locator('#carte').getAttribute('data-pins');
  await slowIndexes(page, true);
  // What the script made of each sketch: drawn (true) or not (false).
  await page.evaluate(() => {
    const w = window as any;
    const { sketchOf } = w.carte28.offThread;
    w.sketchesJudged = [];
    w.carte28.offThread.sketchOf = (...question: unknown[]) => sketchOf(...question).then((drawn: unknown) => {
      w.sketchesJudged.push(Boolean(drawn));
      return drawn;
    });
  });
  // Without a sketch of its pins (here one of as many other pins: the view changed on the
  // server between the two answers), the map shows Dreux's pins until the new view's index comes.
  await page.route('**/api/sketch/**', async (route) => {
    const body = await (await route.fetch()).body();
    const numbers = new Float64Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength));
    numbers[2] += 1;
    await route.fulfill({ body: Buffer.from(numbers.buffer) });
  });
  await page.locator('input[name="bassin"][value="chartres"]').check();
  await expect.poll(() => page.evaluate(() => (window as any).sketchesJudged)).toEqual([false]);
  // The list shows the new view at once; the map still shows Dreux's pins. An initiative of
  // Chartres: the map has no pin of it yet.
  await expect(page.locator('#result-count')).toHaveText(`${expected.toLocaleString('fr-FR')} initiatives`);
  const { title, popupLink } = await locate(page, page.locator('#liste li.initiative-item', { hasText: 'bassin de Chartres' }).nth(3));
  await expect(page.locator('#carte')).toHaveAttribute('data-pins', dreux!);
  expect(await page.evaluate(() => (window as any).indexesCome)).toBe(0);
  await page.evaluate(() => (window as any).releaseIndexes());
  await expect(popupLink).toBeVisible();
  await expect(popupLink).toHaveText(title);
  await expect(page.locator('#carte')).toHaveAttribute('data-pins', String(expected));
  // With it, the map shows the next view at once, and the pin asked for while its index is on
  // its way when it comes.
  await page.unroute('**/api/sketch/**');
  const three = await publishedCount(page, '?bassin=chartres&bassin=chateaudun&bassin=dreux');
  await page.locator('input[name="bassin"][value="chateaudun"]').check();
  await expect(page.locator('#carte')).toHaveAttribute('data-pins', String(three));
  expect(await page.evaluate(() => (window as any).sketchesJudged)).toEqual([false, true]);
  const item = page.locator('#liste li.initiative-item', { hasText: 'bassin de Châteaudun' }).nth(1);
  await expect(item).toBeVisible();
  const chateaudun = await locate(page, item);
  await page.waitForTimeout(300);
  await expect(chateaudun.popupLink).toBeHidden();
  expect(await page.evaluate(() => (window as any).indexesCome)).toBe(1);
  await page.evaluate(() => (window as any).releaseIndexes());
  await expect(chateaudun.popupLink).toBeVisible();
  await expect(chateaudun.popupLink).toHaveText(chateaudun.title);
  expect(await page.evaluate(() => (window as any).indexesCome)).toBe(2);
});

/** A slow phone: the clustering worker's indexes come two seconds late, those it was asked for
 *  and those it built from the payloads it fetched; or (`held`) when the test calls
 *  `releaseIndexes()`. `indexesCome` counts those come. */
async function slowIndexes(page: Page, held = false) {
  await page.evaluate((held) => {
    const w = window as any;
    const offThread = w.carte28.offThread;
    const { index, fetchPins } = offThread;
    w.indexesCome = 0;
    let waiting: (() => void)[] = [];
    w.releaseIndexes = () => {
      waiting.forEach((release) => release());
      waiting = [];
    };
    const late = (built: unknown) => new Promise((resolve) => {
      const come = () => {
        w.indexesCome += 1;
        resolve(built);
      };
      if (held) waiting.push(come);
      else setTimeout(come, 2000);
    });
    offThread.index = (...question: unknown[]) => index(...question).then(late);
    offThread.fetchPins = (...question: unknown[]) => {
      const fetched = fetchPins(...question);
      return { payload: fetched.payload, index: fetched.index.then(late) };
    };
  }, held);
}

/** The pins the map's visible markers hold, read at once (`countPins` waits for them to settle),
 *  and whether the index had come by then. */
function pinsDrawn(page: Page) {
  return page.evaluate(() => {
    const visible = (element: Element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(element).opacity !== '0';
    };
    const pins = [...document.querySelectorAll('#carte .marker-cluster, #carte .leaflet-marker-icon.pin')].filter(visible)
      .reduce((sum, marker) => sum + Number(marker.querySelector('.marker-cluster__count')?.textContent ?? 1), 0);
    return { pins, indexesCome: (window as any).indexesCome };
  });
}

test("a large view's clusters come from the server's sketch while its index is on its way, and the index keeps them", async ({ page }) => {
  const expected = await publishedCount(page, '?bassin=chartres&bassin=dreux');
  await startClusteringWorker(page);
  await slowIndexes(page, true);
  const sketches: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/sketch/')) sketches.push(url.pathname + url.search);
  });
  await page.locator('input[name="bassin"][value="chartres"]').check();
  // Drawn before the index came: every pin of the view, in clusters and alone.
  await expect(page.locator('#carte')).toHaveAttribute('data-pins', String(expected));
  expect(await pinsDrawn(page)).toEqual({ pins: expected, indexesCome: 0 });
  expect(sketches).toHaveLength(1);
  expect(sketches[0]).toMatch(/^\/api\/sketch\/\d+\?(?=.*bassin=chartres)(?=.*bassin=dreux)/);
  // The index answers the same spots: it keeps every marker (no flash, nothing redrawn).
  const pinMarkers = '#carte .marker-cluster, #carte .leaflet-marker-icon.pin';
  await page.evaluate((selector) => document.querySelectorAll(selector).forEach((marker) => {
    (marker as HTMLElement).dataset.sketched = 'oui';
  }), pinMarkers);
  const markers = await page.locator(pinMarkers).count();
  await page.evaluate(() => (window as any).releaseIndexes());
  await expect.poll(() => page.evaluate(() => (window as any).indexesCome)).toBe(1);
  await expect(page.locator(pinMarkers)).toHaveCount(markers);
  await expect(page.locator('#carte .marker-cluster:not([data-sketched]), #carte .pin:not([data-sketched])')).toHaveCount(0);
  expect(await pinsDrawn(page)).toEqual({ pins: expected, indexesCome: 1 });
  // And the index took over: one zoom closer, which the sketch cannot answer, the markers are new.
  await page.locator('.leaflet-control-zoom-in').click();
  await expect.poll(() => page.locator('#carte .marker-cluster:not([data-sketched])').count()).toBeGreaterThan(0);
  await page.locator('.leaflet-control-zoom-out').click();
  await expect.poll(async () => (await pinsDrawn(page)).pins).toBe(expected);

  // A cluster activated before its view's index comes: a sketch cannot tell where it splits,
  // so the map zooms one step closer, keeping the sketch's markers until the index draws that
  // zoom's clusters (not the highest zoom, nor nothing).
  const three = await publishedCount(page, '?bassin=chartres&bassin=dreux&bassin=nogent-le-rotrou');
  await page.locator('input[name="bassin"][value="nogent-le-rotrou"]').check();
  await expect(page.locator('#carte')).toHaveAttribute('data-pins', String(three));
  expect(await page.evaluate(() => (window as any).indexesCome)).toBe(1);
  await page.evaluate(() => document.querySelectorAll('#carte .marker-cluster').forEach((marker) => {
    (marker as HTMLElement).dataset.sketched = 'oui';
  }));
  // With the keyboard: a cluster may sit under a neighbour, where no pointer reaches it.
  await page.locator('#carte .marker-cluster').first().focus();
  await page.keyboard.press('Enter');
  await page.waitForTimeout(500);
  // Closer, the sketch's clusters near it (no others: none re-clustered) until the index comes.
  await expect(page.locator('#carte .marker-cluster').first()).toBeVisible();
  await expect(page.locator('#carte .marker-cluster:not([data-sketched])')).toHaveCount(0);
  await page.evaluate(() => (window as any).releaseIndexes());
  await expect.poll(() => page.locator('#carte .marker-cluster:not([data-sketched])').count()).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as any).indexesCome)).toBe(2);
});

test("the clustering worker indexes a view drawn from the server's sketch once the page is idle, and at once when the sketch is late", async ({ page }) => {
  const expected = await publishedCount(page, '?bassin=chartres&bassin=dreux');
  await startClusteringWorker(page);
  // Dreux's view drawn, and the page idle after it: what it said the worker is said.
  const dreux = await publishedCount(page, '?bassin=dreux');
  await expect(page.locator('#carte')).toHaveAttribute('data-pins', String(dreux));
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve)));
  // The page's idle moment after drawing, when it tells the worker to index the pins it holds:
  // the test's to give. `indexesCome` counts the indexes built from the payloads fetched. While
  // `sketchFirst`, the page has the pins only once their sketch has come (at 5 000 pins the
  // payload can come first, and then the worker indexes them at once: the test's second part).
  await page.evaluate(() => {
    const w = window as any;
    w.idle = [];
    w.requestIdleCallback = (callback: () => void) => w.idle.push(callback);
    const { fetchPins, sketch } = w.carte28.offThread;
    let lastSketch: Promise<unknown> | null = null;
    w.carte28.offThread.sketch = (...question: unknown[]) => (lastSketch = sketch(...question));
    w.indexesCome = 0;
    w.sketchFirst = true;
    w.carte28.offThread.fetchPins = (...question: unknown[]) => {
      const fetched = fetchPins(...question);
      fetched.index.then((built: unknown) => {
        if (built) w.indexesCome += 1;
      });
      if (!w.sketchFirst || !lastSketch) return fetched;
      return { payload: Promise.all([fetched.payload, lastSketch]).then(([bytes]) => bytes), index: fetched.index };
    };
  });
  await page.locator('input[name="bassin"][value="chartres"]').check();
  // Drawn from the sketch, every pin; the worker holds them, and does not index them meanwhile
  // (it would take a core from the drawing).
  await expect(page.locator('#carte')).toHaveAttribute('data-pins', String(expected));
  expect(await pinsDrawn(page)).toEqual({ pins: expected, indexesCome: 0 });
  await expect.poll(() => page.evaluate(() => (window as any).idle.length)).toBe(1);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as any).indexesCome)).toBe(0);
  // Idle: the index comes, and takes over (one zoom closer, which the sketch cannot answer).
  await page.evaluate(() => (window as any).idle.pop()());
  await expect.poll(() => page.evaluate(() => (window as any).indexesCome)).toBe(1);
  await page.evaluate(() => document.querySelectorAll('#carte .marker-cluster').forEach((marker) => {
    (marker as HTMLElement).dataset.sketched = 'oui';
  }));
  await page.locator('.leaflet-control-zoom-in').click();
  await expect.poll(() => page.locator('#carte .marker-cluster:not([data-sketched])').count()).toBeGreaterThan(0);

  // A sketch that comes after the pins: the worker indexes them at once, and the map draws the
  // view from its index rather than wait for the sketch.
  await page.locator('.leaflet-control-zoom-out').click();
  await page.evaluate(() => {
    (window as any).sketchFirst = false;
  });
  let releaseSketch = () => {};
  const sketchHeld = new Promise<void>((resolve) => {
    releaseSketch = resolve;
  });
  await page.route('**/api/sketch/**', async (route) => {
    await sketchHeld;
    await route.continue();
  });
  const three = await publishedCount(page, '?bassin=chartres&bassin=dreux&bassin=nogent-le-rotrou');
  await page.locator('input[name="bassin"][value="nogent-le-rotrou"]').check();
  await expect(page.locator('#carte')).toHaveAttribute('data-pins', String(three));
  expect(await pinsDrawn(page)).toEqual({ pins: three, indexesCome: 2 });
  expect(await page.evaluate(() => (window as any).idle.length)).toBe(0);
  releaseSketch();
  await page.unrouteAll({ behavior: 'wait' });
});
