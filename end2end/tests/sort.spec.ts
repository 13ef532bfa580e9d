import { expect, test, waitForMap } from './fixtures';

test('« Date la plus proche » puts dated events first, in the URL', async ({ page }) => {
  await page.goto('/');
  await waitForMap(page);
  await page.locator('#filtre-tri').selectOption({ label: 'Date la plus proche' });
  await expect(page).toHaveURL(/\?tri=date$/);
  await expect(page.locator('#liste li.initiative-item').first().locator('.initiative-item__dates')).toBeVisible();
  await expect(page.locator('#liste li.initiative-item').last().locator('.initiative-item__dates')).toHaveCount(0);
});

test('sorting by distance uses the position the browser gives, nearest first', async ({ browser }) => {
  // Nogent-le-Rotrou, at the western edge of the département.
  const context = await browser.newContext({ geolocation: { latitude: 48.32, longitude: 0.82 }, permissions: ['geolocation'] });
  const page = await context.newPage();
  await page.goto('/?tri=distance');
  await waitForMap(page);
  await expect(page.locator('.list-notice')).toContainText('plus proche');
  await expect(page.locator('#liste li.initiative-item').first()).toContainText('bassin de Nogent-le-Rotrou');
  await context.close();
});

test('a refused position leaves the list in name order and says why', async ({ browser }) => {
  const context = await browser.newContext({ permissions: [] });
  const page = await context.newPage();
  await page.goto('/?tri=distance');
  await waitForMap(page);
  await expect(page.locator('.list-notice')).toContainText('Tri par distance impossible');
  const titles = await page.locator('#liste a.initiative-item__title').allTextContents();
  const byName = await context.newPage();
  await byName.goto('/');
  expect(titles).toEqual(await byName.locator('#liste a.initiative-item__title').allTextContents());
  expect(titles.length).toBeGreaterThan(60);
  await context.close();
});
