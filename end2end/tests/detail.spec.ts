import { expect, publishedFeatures, test, waitForHydration } from './fixtures';

test('a detail page is complete without JavaScript', async ({ browser, request }) => {
  const feature = (await publishedFeatures(request))[0];
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const response = await page.goto(feature.properties.url);
  expect(response!.status()).toBe(200);
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page.locator('h1')).toHaveText(feature.properties.title);
  const text = await page.locator('main').innerText();
  expect(text).toContain(feature.properties.organisation);
  expect(text).toContain(feature.properties.commune);
  expect(text).toContain(feature.properties.bassin);
  await expect(page.locator('main a[href="/"]').first()).toBeVisible();
  await context.close();
});

test('once hydrated, the detail page shows the initiative on a small map', async ({ page, request }) => {
  const feature = (await publishedFeatures(request))[0];
  await page.goto(feature.properties.url);
  await waitForHydration(page);
  await expect(page.locator('#carte-detail .leaflet-marker-icon.pin')).toBeVisible();
});

test('demo data is labelled as such', async ({ page, request }) => {
  const feature = (await publishedFeatures(request))[0];
  await page.goto(feature.properties.url);
  await expect(page.locator('.demo-badge')).toContainText('démonstration');
});
