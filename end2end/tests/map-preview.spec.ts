// The map page draws its pins before the WASM arrives: the server sketches them into the page
// (server/src/map_sketch.rs), the page's script draws them with Leaflet (public/carte28.js), and
// on a phone the WASM takes seconds, the pins should not. The WASM then adopts the same map. Each test holds the
// WASM back to see the page as a slow phone shows it (`holdWasm`, `checkPreviewHandover`).
import { checkPreviewHandover, checkSketch, countPins, expect, holdWasm, publishedFeatures, test, waitForMap, withTiles } from './fixtures';

test('the pins show before the WASM arrives, and the WASM takes the same map over', async ({ page }) => {
  const preview = await checkPreviewHandover(page, '/');
  expect(preview.some((marker) => / (cluster|pin) /.test(marker))).toBe(true);
});

test("a filtered view's preview shows that view's pins only", async ({ page }) => {
  const all = await (await page.request.get('/api/initiatives.geojson')).json();
  const dreux = await (await page.request.get('/api/initiatives.geojson?bassin=dreux')).json();
  expect(dreux.features.length).toBeLessThan(all.features.length);
  const preview = await checkPreviewHandover(page, '/?bassin=dreux');
  const shown = preview.reduce((sum, marker) => sum + Number(marker.match(/cluster (\d+)/)?.[1] ?? 1), 0);
  expect(shown).toBe(dreux.features.length);
});

// A laptop (the map at zoom 9), a phone (8.5) and a large screen (10, a map of about 950 ×
// 1 120 pixels): the sketch's CSS picks Leaflet's zoom from the map's size alone.
for (const [viewport, zoom] of [[{ width: 1280, height: 800 }, 9], [{ width: 390, height: 844 }, 8], [{ width: 1440, height: 1300 }, 10]] as const) {
  test.describe(`at ${viewport.width} × ${viewport.height}`, () => {
    test.use({ viewport });
    test("the server's sketch shows the very markers the map then draws, in their places", async ({ page, browser }) => {
      const sketch = await checkSketch(page, browser, '/');
      expect(sketch.markers).toBeGreaterThan(3);
      expect(sketch.zoom, "the zoom of Leaflet's fit").toBe(zoom);
    });
  });
}

test("a filtered view's sketch is of that view", async ({ page, browser }) => {
  await checkSketch(page, browser, '/?bassin=dreux&kind=immersion');
});

test('the sketch goes as soon as the map is moved, even before the pins arrive', async ({ page }) => {
  const release = await holdWasm(page);
  let releasePins!: () => void;
  const pinsHeld = new Promise<void>((resolve) => { releasePins = resolve; });
  await page.route('**/api/pins*', async (route) => { await pinsHeld; await route.continue(); });
  await page.goto('/');
  await expect(page.locator('#carte .map-sketch__spot:visible').first()).toBeVisible();
  await page.locator('#carte .leaflet-control-zoom-in').click();
  await expect(page.locator('#carte .map-sketch'), 'a picture of another view is gone').toHaveCount(0);
  releasePins();
  release();
  await waitForMap(page);
  await page.unroute('**/api/pins*');
  await page.unroute('**/pkg/*.wasm');
});

test('a view the server refuses gets no preview, and the WASM says why', async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto('/?bassin=nulle-part');
  await expect(page.locator('#carte .area-label')).toHaveCount(4);
  await expect(page.locator('#carte .map-sketch'), 'nor a sketch').toHaveCount(0);
  await expect(page.locator('#carte .leaflet-marker-icon:not(.area-label)')).toHaveCount(0);
  release();
  await waitForMap(page);
  await expect(page.locator('.map-status')).toContainText("Les épingles de la carte n'ont pas pu être chargées");
  // In the server's own words (`/api/pins`'s `{"error": "…"}`), not a bare status code.
  await expect(page.locator('.map-status')).toContainText('Bassin inconnu : « nulle-part »');
  await expect(page.locator('#carte .leaflet-map-pane')).toHaveCount(1);
});

for (const tiles of [false, true]) {
  test(`a first visit clusters its pins once: the WASM takes the index the preview built${tiles ? ' (with tiles: the streets wait to be asked for)' : ''}`, async ({ page }) => {
    if (tiles) await withTiles(page);
    // Counts every indexing (Supercluster's `load`), from the moment the vendor script defines it.
    await page.addInitScript(() => {
      const counted = window as unknown as { Supercluster?: { prototype: { load: (...a: unknown[]) => unknown } }; indexings: number };
      counted.indexings = 0;
      let real: typeof counted.Supercluster;
      Object.defineProperty(window, 'Supercluster', {
        configurable: true,
        get: () => real,
        set: (value) => {
          real = value;
          const load = value.prototype.load;
          value.prototype.load = function (...args: unknown[]) {
            counted.indexings += 1;
            return load.apply(this, args);
          };
        },
      });
    });
    await page.goto('/');
    await waitForMap(page);
    expect(await countPins(page)).toBe((await publishedFeatures(page.request)).length);
    expect(await page.evaluate(() => (window as any).carte28.maxZoom())).toBe(tiles ? 18 : 13);
    expect(await page.evaluate(() => (window as unknown as { indexings: number }).indexings)).toBe(1);
  });
}
