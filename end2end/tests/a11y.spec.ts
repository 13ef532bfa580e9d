import { expect, publishedFeatures, test, violations, waitForHydration, waitForMap } from './fixtures';

test('axe finds no violation on the map page', async ({ page }) => {
  await page.goto('/');
  await waitForMap(page);
  await page.locator('#carte .area-label').first().waitFor();
  expect(await violations(page)).toEqual([]);
});

test('axe finds no violation on the map page with a popup open', async ({ page }) => {
  await page.goto('/');
  await waitForMap(page);
  await page.locator('button.initiative-item__locate').first().click();
  await page.locator('.leaflet-popup-content a.popup__title').first().waitFor();
  expect(await violations(page)).toEqual([]);
});

test('axe finds no violation on a detail page', async ({ page, request }) => {
  // A dated one: its page has the most to show (dates, « Ajouter à mon agenda »).
  const feature = (await publishedFeatures(request)).find((f) => f.properties.start_date)!;
  await page.goto(feature.properties.url);
  await waitForHydration(page);
  await page.locator('#carte-detail .leaflet-marker-icon.pin').waitFor();
  expect(await violations(page)).toEqual([]);
});

test('axe finds no violation on the 404 page', async ({ page }) => {
  await page.goto('/initiatives/999999');
  await waitForHydration(page);
  expect(await violations(page)).toEqual([]);
});

test('axe finds no violation with every filter group open and a filter applied', async ({ page }) => {
  await page.goto('/?bassin=dreux');
  await waitForMap(page);
  for (const group of await page.locator('details.filters__group').all()) {
    if ((await group.getAttribute('open')) === null) await group.locator('summary').click();
  }
  await expect(page.locator('details.filters__group:not([open])')).toHaveCount(0);
  expect(await violations(page)).toEqual([]);
});
