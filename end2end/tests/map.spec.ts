import { countPins, expect, publishedFeatures, test, waitForMap, withTiles, type Page } from './fixtures';

test('the map page hydrates and shows every published initiative as pins and in the list', async ({ page, request }) => {
  const features = await publishedFeatures(request);
  expect(features.length).toBeGreaterThanOrEqual(60);
  await page.goto('/');
  await waitForMap(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page.locator('#carte')).toHaveAttribute('data-pins', String(features.length));
  expect(await countPins(page)).toBe(features.length);
  await expect(page.locator('#liste li.initiative-item')).toHaveCount(features.length);
  await expect(page.locator('#result-count')).toContainText(`${features.length} initiatives`);
  await expect(page.locator('.legend li')).toHaveCount(11);
});

test('pins take the colour of their kind, as the legend shows it', async ({ page }) => {
  await page.goto('/?kind=forum-metiers');
  await waitForMap(page);
  const colour = (selector: string) => page.locator(selector).first().evaluate((e) => getComputedStyle(e).backgroundColor);
  const forum = 'rgb(179, 38, 30)'; // #b3261e, the colour of « Forum / salon des métiers »
  await expect.poll(() => colour('#carte .pin__body')).toBe(forum);
  await expect.poll(() => colour('#liste .kind-dot')).toBe(forum);
});

test('every list item leads to the detail page of the same initiative', async ({ page, request }) => {
  const urls = new Map((await publishedFeatures(request)).map((f) => [String(f.id), f.properties.url]));
  await page.goto('/');
  const items = page.locator('#liste li.initiative-item');
  const count = await items.count();
  expect(count).toBe(urls.size);
  for (let i = 0; i < count; i++) {
    const item = items.nth(i);
    const id = await item.getAttribute('data-id');
    await expect(item.locator('a.initiative-item__title')).toHaveAttribute('href', urls.get(id!)!);
  }
});

test('without tiles the map still draws the four areas with their names', async ({ page }) => {
  await page.goto('/');
  await waitForMap(page);
  for (const area of ['Chartres', 'Dreux', 'Châteaudun', 'Nogent-le-Rotrou']) {
    await expect(page.locator('#carte .area-label__text', { hasText: area })).toBeVisible();
  }
  await expect(page.locator('#carte .leaflet-tile')).toHaveCount(0);
});

test('the layout holds on a 360 px phone: no horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/');
  await waitForMap(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.locator('#carte')).toBeVisible();
});

test("the map's clustering accounts for every pin at every zoom, and pins at one address stay one cluster that lists them", async ({ page }) => {
  // The clustering the preview and the WASM share (carte28.clusterIndex), on places of our own:
  // 40 pins around Chartres 1.5 km apart, 3 at one Dreux address, one alone in Nogent-le-Rotrou.
  await page.goto('/');
  await waitForMap(page);
  await page.evaluate(`window.describeIndex = ${describeIndex.toString()}`);
  const found = await page.evaluate(() => {
    const carte28 = (window as any).carte28;
    const places: number[] = [];
    for (let n = 0; n < 40; n++) places.push(1.45 + Math.floor(n / 8) * 0.02, 48.4 + (n % 8) * 0.015);
    for (let n = 0; n < 3; n++) places.push(1.3662, 48.7366);
    places.push(0.8217, 48.3217);
    const index = carte28.clusterIndex(Float64Array.from(places));
    const zooms = (window as any).describeIndex(carte28, index).map((markers: unknown[], zoom: number) => ({ zoom, markers }));
    return { maxZoom: carte28.maxZoom() as number, zooms };
  });
  expect(found.zooms).toHaveLength(found.maxZoom + 1);
  for (const { zoom, markers } of found.zooms) {
    expect(markers.reduce((sum, marker) => sum + marker.count, 0), `zoom ${zoom}`).toBe(44);
    for (const marker of markers.filter((marker) => 'leaves' in marker)) {
      expect(marker.leaves).toHaveLength(marker.count);
      expect(marker.firstTwo).toBe(2);
      expect(marker.splitsAt).toBeGreaterThan(zoom);
    }
  }
  // The département's view (zoom 8): Chartres is one cluster, Nogent's pin stands alone where it is.
  const at8 = found.zooms[8].markers;
  expect(at8.some((marker) => 'leaves' in marker && marker.count === 40)).toBe(true);
  expect(at8).toContainEqual({ lng: 0.8217, lat: 48.3217, count: 1, pin: 43 });
  // At the highest zoom every Chartres pin stands alone; the three at one address never split.
  const atMax = found.zooms[found.maxZoom].markers;
  expect(atMax.filter((marker) => 'pin' in marker)).toHaveLength(41);
  const crowd = atMax.find((marker) => 'leaves' in marker)!;
  expect(crowd.leaves).toEqual([40, 41, 42]);
  expect(crowd.splitsAt).toBeGreaterThan(found.maxZoom);
});

/** Every marker of `index` at every zoom of the map, in the page: a cluster as its place, count,
 *  pins (sorted), how many of them a limit of two gives, and the zoom it splits at; a lone pin
 *  as its place and number. */
function describeIndex(carte28: any, index: any, zooms = carte28.maxZoom()) {
  const found = [];
  for (let zoom = 0; zoom <= zooms; zoom++) {
    const spots: Float64Array = carte28.clusterSpots(index, -180, -85, 180, 85, zoom);
    const markers = [];
    for (let at = 0; at < spots.length; at += 4) {
      const [lng, lat, cluster, countOrPin] = spots.slice(at, at + 4);
      markers.push(cluster >= 0
        ? { lng, lat, count: countOrPin, leaves: [...carte28.clusterLeaves(index, cluster, Infinity)].sort((a, b) => a - b),
            firstTwo: carte28.clusterLeaves(index, cluster, 2).length, splitsAt: index.getClusterExpansionZoom(cluster) }
        : { lng, lat, count: 1, pin: countOrPin });
    }
    found.push(markers);
  }
  return found;
}

test('with tiles the map clusters to the streets: views open as without tiles, and a cluster opens at the zoom where its pins part', async ({ page, browser }) => {
  // The places of the test above; two pins 100 m apart in Châteaudun: one cluster down to
  // zoom 15 (a 45-pixel radius is 143 m there), apart at 16; and four pins west of it, D, C,
  // A, B in that order, which the two indexes group differently: {D, C} and {A, B} at zoom 13
  // (the wide index, from the pins), {C, A, B} at 14 (the close-up one, from zoom 18 up), A and
  // B apart only at 18.
  const places: number[] = [];
  for (let n = 0; n < 40; n++) places.push(1.45 + Math.floor(n / 8) * 0.02, 48.4 + (n % 8) * 0.015);
  for (let n = 0; n < 3; n++) places.push(1.3662, 48.7366);
  places.push(0.8217, 48.3217, 1.3309, 48.0708, 1.3309 + 0.00135, 48.0708);
  places.push(1.2, 48.07, 1.207, 48.07, 1.21, 48.07, 1.2104, 48.07);
  const read = async (page: Page) => {
    await page.evaluate(`window.describeIndex = ${describeIndex.toString()}`);
    return page.evaluate((places) => {
      const carte28 = (window as any).carte28;
      const Supercluster = (window as any).Supercluster;
      // Counts the indexings: the close-up index is built when a zoom of its own is first asked for.
      let indexings = 0;
      const load = Supercluster.prototype.load;
      Supercluster.prototype.load = function (...args: unknown[]) {
        indexings += 1;
        return load.apply(this, args);
      };
      const index = carte28.clusterIndex(Float64Array.from(places));
      for (let zoom = 0; zoom <= Math.min(13, carte28.maxZoom()); zoom++) carte28.clusterSpots(index, -180, -85, 180, 85, zoom);
      const indexingsToZoom13 = indexings;
      const zooms = (window as any).describeIndex(carte28, index);
      Supercluster.prototype.load = load;
      return { maxZoom: carte28.maxZoom(), zooms, indexingsToZoom13, indexings };
    }, places);
  };

  await withTiles(page);
  await page.goto('/');
  await waitForMap(page);
  const tiled = await read(page);
  const plain = await browser.newPage();
  await plain.goto('/');
  await waitForMap(plain);
  const untiled = await read(plain);
  await plain.close();

  expect(untiled.maxZoom).toBe(13);
  expect(tiled.maxZoom).toBe(18);
  expect(tiled.zooms).toHaveLength(19);
  expect(tiled.indexingsToZoom13, 'the zooms a view opens at need one index').toBe(1);
  expect(tiled.indexings, 'the streets have an index of their own').toBe(2);
  // To zoom 13 the same markers as without tiles, hence as the server's sketch: only where a
  // cluster that holds together there splits differs (without tiles: never, it lists its pins).
  const placesOf = (zooms: any[]) => zooms.slice(0, 14).map((markers) => markers.map(({ splitsAt, ...marker }: any) => marker));
  expect(placesOf(tiled.zooms)).toEqual(placesOf(untiled.zooms));

  // Every zoom accounts for every pin, and a cluster opens (Enter or a click zooms the map to
  // `splitsAt`) exactly where its pins part: one marker holds them all the zoom before.
  const markerOf = (zoom: number, pin: number) => tiled.zooms[zoom].findIndex((marker: any) =>
    marker.pin === pin || (marker.leaves ?? []).includes(pin));
  for (const [zoom, markers] of tiled.zooms.entries()) {
    expect(markers.reduce((sum: number, marker: any) => sum + marker.count, 0), `zoom ${zoom}`).toBe(50);
    for (const marker of markers.filter((marker: any) => 'leaves' in marker)) {
      expect(marker.leaves).toHaveLength(marker.count);
      expect(marker.splitsAt).toBeGreaterThan(zoom);
      if (marker.splitsAt > 18) continue;
      const at = (zoom: number) => new Set(marker.leaves.map((pin: number) => markerOf(zoom, pin)));
      expect(at(marker.splitsAt).size, `a cluster of zoom ${zoom} parts at ${marker.splitsAt}`).toBeGreaterThan(1);
      expect(at(marker.splitsAt - 1).size, `a cluster of zoom ${zoom} holds until ${marker.splitsAt}`).toBe(1);
    }
  }
  // The two pins 100 m apart: one cluster at zoom 13, which opens at 16 with tiles.
  const cluster = (zooms: any[], zoom: number, pins: string) => zooms[zoom].find((marker: any) => marker.leaves?.join() === pins);
  expect(cluster(tiled.zooms, 13, '44,45').splitsAt).toBe(16);
  expect(cluster(untiled.zooms, 13, '44,45').splitsAt).toBe(14);
  // {A, B} at 13 opens where A and B part, through {C, A, B} at 14; {D, C} opens at 14.
  expect(cluster(tiled.zooms, 14, '47,48,49')).toBeDefined();
  expect(cluster(tiled.zooms, 13, '48,49').splitsAt).toBe(18);
  expect(cluster(tiled.zooms, 13, '46,47').splitsAt).toBe(14);
  // At zoom 18 every pin stands alone but the three at one address, which never part.
  const atMax = tiled.zooms[18];
  expect(atMax.filter((marker: any) => 'pin' in marker)).toHaveLength(47);
  expect(atMax.filter((marker: any) => 'leaves' in marker)).toEqual([expect.objectContaining({ leaves: [40, 41, 42], splitsAt: 19 })]);
});

test("a large view's index built by the clustering worker answers as the page's own, and without the worker the page builds it", async ({ page }) => {
  // 3 000 places (more than carte28.clusterIndexLater keeps in the page), 5 of them at one
  // address, indexed in the page (carte28.clusterIndex) and by the worker: every marker at every
  // zoom, every cluster's pins and the zoom it splits at must be the same.
  const compare = () => page.evaluate(async () => {
    const carte28 = (window as any).carte28;
    const places: number[] = [];
    let seed = 28;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let n = 0; n < 2995; n++) places.push(0.8 + 1.3 * random(), 47.95 + 0.9 * random());
    for (let n = 0; n < 5; n++) places.push(1.3662, 48.7366);
    const describe = (index: any) => {
      const zooms = [];
      for (let zoom = 0; zoom <= carte28.maxZoom(); zoom++) {
        const spots: Float64Array = carte28.clusterSpots(index, -180, -85, 180, 85, zoom);
        const markers = [];
        for (let at = 0; at < spots.length; at += 4) {
          const [lng, lat, cluster, countOrPin] = spots.slice(at, at + 4);
          markers.push(cluster >= 0
            ? [lng, lat, cluster, countOrPin, [...carte28.clusterLeaves(index, cluster, Infinity)].sort((a, b) => a - b), index.getClusterExpansionZoom(cluster)]
            : [lng, lat, countOrPin]);
        }
        zooms.push(markers);
      }
      return zooms;
    };
    // The first large index asked for starts the worker; it takes the next ones once up to speed.
    const started = performance.now();
    let later = await carte28.clusterIndexLater(Float64Array.from(places));
    while (carte28.offThread?.state !== 'ready' && carte28.offThread?.state !== 'failed' && performance.now() - started < 20_000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    later = await carte28.clusterIndexLater(Float64Array.from(places));
    // The worker's index makes the pins' features as it is asked for them (the page's makes
    // all 3 000 up front): how to tell which one answered, before asking it anything.
    const fromWorker = Object.keys(later.points).length < 3000;
    return {
      own: describe(carte28.clusterIndex(Float64Array.from(places))),
      later: describe(later),
      fromWorker,
      worker: carte28.offThread?.state,
    };
  });
  await page.goto('/');
  await waitForMap(page);
  const worker = page.waitForEvent('worker');
  const found = await compare();
  expect((await worker).url()).toMatch(/\/clustering-worker\.js$/);
  expect(found.worker).toBe('ready');
  expect(found.fromWorker).toBe(true);
  expect(found.later).toEqual(found.own);
  // Not a trivial index: clusters at the département's zoom, the one address a cluster at the highest.
  expect(found.own[8].filter((marker) => marker.length === 6).length).toBeGreaterThan(5);
  const oneAddress = [2995, 2996, 2997, 2998, 2999];
  expect(found.own[found.own.length - 1].some((marker) => marker.length === 6
    && oneAddress.every((pin) => (marker[4] as number[]).includes(pin)))).toBe(true);

  // A worker that cannot start (its script missing): the page builds the same index itself, and
  // goes on building them.
  await page.route('**/clustering-worker.js', (route) => route.fulfill({ status: 404, body: '' }));
  await page.goto('/');
  await waitForMap(page);
  const alone = await compare();
  expect(alone.worker).toBe('failed');
  expect(alone.fromWorker).toBe(false);
  expect(alone.later).toEqual(found.own);
  // Asked anyway once it has failed, it answers at once (a question posted to a stopped worker
  // would wait for good): the index built in the page; no payload, no index from one.
  const afterFailure = await page.evaluate(async () => {
    const carte28 = (window as any).carte28;
    const index = await carte28.offThread.index(Float64Array.from([1.5, 48.4, 1.5001, 48.4001]), carte28.clusterOptions());
    const fetched = carte28.offThread.fetchPins({ path: '/api/pins' }, carte28.clusterOptions());
    return { clusters: index.getClusters([-180, -85, 180, 85], 0).length, payload: await fetched.payload, index: await fetched.index };
  });
  expect(afterFailure).toEqual({ clusters: 1, payload: null, index: null });
});

test("the clustering worker builds Supercluster's own index in WebAssembly, byte for byte, and in Supercluster's script without the module", async ({ page }) => {
  // The worker's trees (cluster-index/, `/cluster-index.wasm`) against those Supercluster builds
  // in the page (`carte28.buildIndex`), every byte of every zoom's KD-tree and every number
  // beside it: the wide index of a map without tiles, then the close-up one of a map with tiles,
  // over 3 000 places (with a town's worth close together, five at one address, a column of
  // places at one longitude) and 70 000 (KDBush's ids then take 32 bits).
  const compare = () => page.evaluate(async () => {
    const carte28 = (window as any).carte28;
    const placesOf = (count: number) => {
      const places: number[] = [];
      let seed = 28;
      const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
      for (let n = 0; n < count - 85; n++) places.push(0.8 + 1.3 * random(), 47.95 + 0.9 * random());
      for (let n = 0; n < 40; n++) places.push(1.36 + 0.02 * random(), 48.73 + 0.02 * random());
      for (let n = 0; n < 5; n++) places.push(1.3662, 48.7366);
      for (let n = 0; n < 40; n++) places.push(1.4892, 48.2 + 0.001 * n);
      return Float64Array.from(places);
    };
    // The first large index asked for starts the worker; it takes the next ones once up to speed.
    const started = performance.now();
    await carte28.clusterIndexLater(placesOf(3000));
    while (carte28.offThread?.state !== 'ready' && carte28.offThread?.state !== 'failed' && performance.now() - started < 20_000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const wide = carte28.clusterOptions();
    const closeUp = { ...wide, minZoom: 14, maxZoom: 18 };
    const differences: string[] = [];
    let zooms = 0;
    for (const [count, options] of [[3000, wide], [3000, closeUp], [70000, wide]] as const) {
      const places = placesOf(count);
      const theirs = carte28.buildIndex(places, options).trees;
      const ours = await carte28.offThread.index(places, options);
      // The worker's index makes the pins' features as it is asked for them.
      if (Object.keys(ours.points).length >= count) differences.push(`${count} places: built in the page`);
      if (ours.trees.length !== theirs.length) differences.push(`${count} places: ${ours.trees.length} zooms, not ${theirs.length}`);
      theirs.forEach((tree: any, zoom: number) => {
        const mine = ours.trees[zoom];
        if (!tree || !mine) {
          if (tree || mine) differences.push(`${count} places, zoom ${zoom}: one index only`);
          return;
        }
        zooms += 1;
        const a = new Uint8Array(tree.ids.buffer);
        const b = new Uint8Array(mine.ids.buffer);
        if (a.length !== b.length || a.some((byte, n) => byte !== b[n])) differences.push(`${count} places, zoom ${zoom}: the KD-tree`);
        if (tree.data.length !== mine.data.length || tree.data.some((value: number, n: number) => value !== mine.data[n])) {
          differences.push(`${count} places, zoom ${zoom}: the numbers`);
        }
      });
    }
    return { worker: carte28.offThread.state, engine: carte28.offThread.engine, differences, zooms };
  });
  await page.goto('/');
  await waitForMap(page);
  const found = await compare();
  expect(found.worker).toBe('ready');
  expect(found.engine).toBe('webassembly');
  expect(found.differences).toEqual([]);
  // 15 zooms of the wide index (0 to 14, the places themselves), 6 of the close-up one (14 to 19), twice.
  expect(found.zooms).toBe(15 + 6 + 15);

  // Without the module (a site built without it, a failed download): Supercluster's script in the worker.
  await page.route('**/cluster-index.wasm', (route) => route.fulfill({ status: 404, body: '' }));
  await page.goto('/');
  await waitForMap(page);
  const withoutModule = await compare();
  expect(withoutModule.worker).toBe('ready');
  expect(withoutModule.engine).toBe('javascript');
  expect(withoutModule.differences).toEqual([]);
});

test("with tiles, the worker builds a large view's close-up index ahead, and it answers as the page's own", async ({ page }) => {
  // 3 000 places, 5 at one address. A large view's wide index comes from the worker; its
  // close-up one is asked of the worker when the map reaches zoom 13, before it is needed.
  await withTiles(page);
  await page.goto('/');
  await waitForMap(page);
  await page.evaluate(`window.describeIndex = ${describeIndex.toString()}`);
  const found = await page.evaluate(async () => {
    const carte28 = (window as any).carte28;
    const Supercluster = (window as any).Supercluster;
    const places: number[] = [];
    let seed = 28;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let n = 0; n < 2995; n++) places.push(0.8 + 1.3 * random(), 47.95 + 0.9 * random());
    for (let n = 0; n < 5; n++) places.push(1.3662, 48.7366);
    // The first large index asked for starts the worker; it takes the next ones once up to speed.
    const started = performance.now();
    await carte28.clusterIndexLater(Float64Array.from(places));
    while (carte28.offThread?.state !== 'ready' && performance.now() - started < 20_000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    let indexings = 0;
    const load = Supercluster.prototype.load;
    Supercluster.prototype.load = function (...args: unknown[]) {
      indexings += 1;
      return load.apply(this, args);
    };
    // A view shown at the département's zoom: its close-up index is asked for at zoom 13.
    const later = await carte28.clusterIndexLater(Float64Array.from(places), 9);
    const notYet = later.closeUpAhead === null;
    const atZoom13 = carte28.clusterSpots(later, -180, -85, 180, 85, 13).length;
    const ahead = later.closeUpAhead !== null;
    await later.closeUpAhead;
    const fromWorker = (window as any).describeIndex(carte28, later);
    // A view shown at a street's zoom: both indexes come together.
    const atStreet = await carte28.clusterIndexLater(Float64Array.from(places), 15);
    const streetFromWorker = (window as any).describeIndex(carte28, atStreet);
    const indexingsInPage = indexings;
    Supercluster.prototype.load = load;
    const own = (window as any).describeIndex(carte28, carte28.clusterIndex(Float64Array.from(places)));
    return { worker: carte28.offThread.state, notYet, atZoom13, ahead, indexingsInPage, fromWorker, streetFromWorker, own };
  });
  expect(found.worker).toBe('ready');
  expect(found.notYet, 'at the département\'s zoom the streets wait').toBe(true);
  expect(found.atZoom13).toBeGreaterThan(0);
  expect(found.ahead, 'zoom 13 asks the worker for the close-up index').toBe(true);
  expect(found.indexingsInPage, 'every index came from the worker').toBe(0);
  expect(found.fromWorker).toHaveLength(19);
  expect(found.fromWorker).toEqual(found.own);
  expect(found.streetFromWorker).toEqual(found.own);
  // Not a trivial index: clusters at the streets' zooms, the one address a cluster at the highest.
  expect(found.own[15].filter((marker: any) => 'leaves' in marker).length).toBeGreaterThan(5);
  expect(found.own[18].filter((marker: any) => 'leaves' in marker)).toContainEqual(
    expect.objectContaining({ leaves: [2995, 2996, 2997, 2998, 2999], splitsAt: 19 }));
});
