import { countPins, expect, publishedFeatures, test, waitForMap } from './fixtures';

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
