import { expect, publishedFeatures, test, waitForMap } from './fixtures';

test('« Date la plus proche » puts events to come first, then permanent offers, then past events, in the URL', async ({ page }) => {
  // What the list must be, from the published initiatives' dates: an event is to come until the
  // end of its last day (the server's day: SQLite's date('now') is UTC), a one-off event ends on
  // its start date. The demo data's dates are fixed, so its events pass one after the other.
  const features = await publishedFeatures(page.request);
  const today = new Date().toISOString().slice(0, 10);
  const dates = features.map((feature) => feature.properties);
  const toCome = dates.filter((d) => d.start_date !== null && (d.end_date ?? d.start_date) >= today).length;
  const permanent = dates.filter((d) => d.start_date === null).length;
  const past = features.length - toCome - permanent;
  expect(toCome, 'the demo data still has events to come').toBeGreaterThan(0);
  expect(permanent).toBeGreaterThan(0);
  await page.goto('/');
  await waitForMap(page);
  await page.locator('#filtre-tri').selectOption({ label: 'Date la plus proche' });
  await expect(page).toHaveURL(/\?tri=date$/);
  const items = page.locator('#liste li.initiative-item');
  await expect(items).toHaveCount(features.length);
  const dated = () => items.evaluateAll((items) => items.map((item) => item.querySelector('.initiative-item__dates') !== null));
  await expect.poll(dated).toEqual([...Array(toCome).fill(true), ...Array(permanent).fill(false), ...Array(past).fill(true)]);
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
