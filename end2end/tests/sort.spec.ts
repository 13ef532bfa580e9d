import { expect, publishedFeatures, test, waitForMap } from './fixtures';

test('« Date la plus proche » puts events to come first, then permanent offers, then past events, in the URL', async ({ page }) => {
  // The order the list must follow, from the published initiatives' dates, as the server sorts
  // (app/src/data/initiatives.rs, `push_order`): events to come (until the end of their last
  // day, the server's day: SQLite's date('now') is UTC; a one-off event ends on its start date)
  // by start date, then permanent offers, then past events, the most recent first. The demo
  // data's dates are fixed: its events pass one after the other, and this holds whichever day it is.
  const features = await publishedFeatures(page.request);
  expect(features.length, 'the whole view on one page of the list (PAGE_SIZE)').toBeLessThanOrEqual(100);
  const today = new Date().toISOString().slice(0, 10);
  const order = new Map(features.map((feature) => {
    const { start_date: start, end_date: end } = feature.properties;
    const last = end ?? start;
    // [group, key within it], increasing down the list (dates as YYYY-MM-DD compare as text).
    const place: [number, string] = start === null ? [1, ''] : last! >= today ? [0, start] : [2, invert(last!)];
    return [String(feature.id), place];
  }));
  // Every group but « to come », which the demo's dates will empty, is there on any day (the
  // demo's permanent offers, and the events it has passed): the order between them is checked.
  expect(new Set([...order.values()].map(([group]) => group)).size).toBeGreaterThanOrEqual(2);
  await page.goto('/');
  await waitForMap(page);
  await page.locator('#filtre-tri').selectOption({ label: 'Date la plus proche' });
  await expect(page).toHaveURL(/\?tri=date$/);
  const items = page.locator('#liste li.initiative-item');
  await expect(items).toHaveCount(features.length);
  const sorted = async () => {
    const ids = await items.evaluateAll((items) => items.map((item) => item.getAttribute('data-id')!));
    const places = ids.map((id) => order.get(id)!);
    return places.every((place, n) => n === 0 || compare(places[n - 1], place) <= 0);
  };
  await expect.poll(sorted).toBe(true);
  // Dates are shown for events, not for permanent offers.
  const dated = await items.evaluateAll((items) => items.map((item) => [item.getAttribute('data-id')!, item.querySelector('.initiative-item__dates') !== null] as const));
  for (const [id, shown] of dated) expect(shown, `dates of initiative ${id}`).toBe(order.get(id)![0] !== 1);
});

/** A YYYY-MM-DD date whose text order is the reverse of the date's (most recent first). */
function invert(date: string): string {
  return [...date].map((c) => (c >= '0' && c <= '9' ? String(9 - Number(c)) : c)).join('');
}

function compare([groupA, keyA]: [number, string], [groupB, keyB]: [number, string]): number {
  return groupA - groupB || (keyA < keyB ? -1 : keyA > keyB ? 1 : 0);
}

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

test('leaving the order by distance puts the rows back in the order chosen', async ({ browser }) => {
  const context = await browser.newContext({ geolocation: { latitude: 48.32, longitude: 0.82 }, permissions: ['geolocation'] });
  const page = await context.newPage();
  const byName = await context.newPage();
  await byName.goto('/');
  const names = await byName.locator('#liste a.initiative-item__title').allTextContents();
  await page.goto('/?tri=distance');
  await waitForMap(page);
  await expect(page.locator('.list-notice')).toContainText('plus proche');
  const titles = page.locator('#liste a.initiative-item__title');
  expect(await titles.allTextContents()).not.toEqual(names);
  // The server writes this page's rows in the name order, as for « Nom » (the browser sorted
  // them): the new view's rows must still replace the sorted ones.
  await page.locator('#filtre-tri').selectOption({ label: 'Nom' });
  await expect(page).toHaveURL(/\/$/);
  await expect.poll(() => titles.allTextContents()).toEqual(names);
  await context.close();
});

test('sorting by distance leaves the keyboard on the row it was on, wherever the row goes', async ({ browser }) => {
  const context = await browser.newContext({ geolocation: { latitude: 48.32, longitude: 0.82 }, permissions: ['geolocation'] });
  const page = await context.newPage();
  // The nearest-first page's texts are held back until the keyboard is in the list.
  let release = () => {};
  const held = new Promise<void>((resolve) => { release = resolve; });
  await page.route('**/api/load_summaries*', async (route) => { await held; await route.continue(); });
  await page.goto('/?tri=distance');
  await waitForMap(page);
  const ids = () => page.locator('#liste li.initiative-item').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')));
  const byName = await ids();
  const row = page.locator('#liste li.initiative-item').nth(2);
  const id = await row.getAttribute('data-id');
  await row.locator('button.initiative-item__locate').focus();
  release();
  await expect(page.locator('.list-notice')).toContainText('plus proche');
  expect(await ids()).not.toEqual(byName);
  const focused = page.locator(':focus');
  await expect(focused).toHaveClass('initiative-item__locate');
  expect(await focused.evaluate((button) => button.closest('li')!.getAttribute('data-id'))).toBe(id);
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
