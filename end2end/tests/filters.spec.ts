import { countPins, expect, openGroup, publishedFeatures, test, waitForHydration, waitForMap, type Feature } from './fixtures';
import type { APIRequestContext, Page } from '@playwright/test';

/** The ids of the initiatives a view's export holds. */
async function exported(request: APIRequestContext, query: string): Promise<Set<number>> {
  const response = await request.get(`/api/initiatives.geojson?${query}`);
  expect(response.status()).toBe(200);
  return new Set(((await response.json()).features as Feature[]).map((f) => f.id));
}

async function listed(page: Page): Promise<Set<number>> {
  const ids = await page.locator('#liste li.initiative-item').evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-id'))));
  return new Set(ids);
}

/** Opens a facet's group (a <details>, closed unless one of its boxes is ticked), as a person would. */
async function expectView(page: Page, expected: Set<number>) {
  await expect(page.locator('#result-count')).toContainText(`${expected.size} initiative`);
  expect(await listed(page)).toEqual(expected);
  await expect(page.locator('#carte')).toHaveAttribute('data-pins', String(expected.size));
  expect(await countPins(page)).toBe(expected.size);
}

test('ticking an area narrows the map and the list to the same set, in the URL', async ({ page, request }) => {
  await page.goto('/');
  await waitForMap(page);
  const dreux = await exported(request, 'bassin=dreux');
  expect(dreux.size).toBeGreaterThan(0);
  const box = page.locator('input[name="bassin"][value="dreux"]');
  await openGroup(page, 'Bassin');
  await expect(page.locator('label', { has: box })).toContainText(`(${dreux.size})`);
  await box.check();
  await expect(page).toHaveURL(/\/\?bassin=dreux$/);
  await expectView(page, dreux);
});

test("unticking the box just ticked shows the previous view's pins again without asking for them", async ({ page, request }) => {
  await page.goto('/');
  await waitForMap(page);
  const all = await exported(request, '');
  const dreux = await exported(request, 'bassin=dreux');
  const pinRequests: string[] = [];
  page.on('request', (sent) => { if (new URL(sent.url()).pathname === '/api/pins') pinRequests.push(sent.url()); });
  await openGroup(page, 'Bassin');
  const box = page.locator('input[name="bassin"][value="dreux"]');
  await box.check();
  await expect(page).toHaveURL(/\/\?bassin=dreux$/);
  await expectView(page, dreux);
  expect(pinRequests, 'a new view fetches its pins').toHaveLength(1);
  await openGroup(page, 'Bassin');
  await box.uncheck();
  await expect(page).toHaveURL(/\/$/);
  await expectView(page, all);
  // The page kept the first view's pins (and the map their clusters): nothing asked again.
  expect(pinRequests).toHaveLength(1);
  // The back button too.
  await page.goBack();
  await expect(page).toHaveURL(/\/\?bassin=dreux$/);
  await expectView(page, dreux);
  expect(pinRequests).toHaveLength(1);
});

test('combined filters, a copied URL and the back button all give the same views', async ({ page, browser, request }) => {
  const query = 'theme=ecole-entreprise&bassin=chartres';
  const expected = await exported(request, query);
  await page.goto('/');
  await waitForMap(page);
  const all = await listed(page);
  await page.goto(`/?${query}`);
  await waitForMap(page);
  await expectView(page, expected);
  // A copied link reproduces the view in a new browser.
  const other = await browser.newContext();
  const copy = await other.newPage();
  await copy.goto(page.url());
  await waitForMap(copy);
  expect(await listed(copy)).toEqual(expected);
  await other.close();
  // Unticking then going back steps through the views.
  await openGroup(page, 'Thématique');
  await page.locator('input[name="theme"][value="ecole-entreprise"]').uncheck();
  await expect(page).toHaveURL(/\/\?bassin=chartres$/);
  await expectView(page, await exported(request, 'bassin=chartres'));
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`\\?${query}$`));
  await expectView(page, expected);
  await page.locator('a', { hasText: 'Tout effacer' }).click();
  await expectView(page, all);
});

test('French search is accent- and order-insensitive, and the export link holds exactly the view', async ({ page, request }) => {
  await page.goto('/');
  await waitForMap(page);
  await page.locator('#filtre-q').fill('ENTREPRISE école');
  await page.locator('#filtre-q').press('Enter');
  await expect(page).toHaveURL(/q=ENTREPRISE/);
  const expected = await exported(request, 'q=ecole+entreprise');
  expect(expected.size).toBeGreaterThan(0);
  await expectView(page, expected);
  const href = await page.locator('.export a', { hasText: 'GeoJSON' }).getAttribute('href');
  const response = await request.get(href!);
  expect(new Set(((await response.json()).features as Feature[]).map((f) => f.id))).toEqual(expected);
});

test('without JavaScript the filter panel is a plain form that works', async ({ browser, request }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/');
  await openGroup(page, 'Bassin');
  await page.locator('input[name="bassin"][value="nogent-le-rotrou"]').check();
  await page.locator('input[name="upcoming"]').check();
  await page.locator('.filters button[type="submit"]', { hasText: 'Appliquer' }).click();
  await expect(page).toHaveURL(/bassin=nogent-le-rotrou/);
  const expected = await exported(request, 'bassin=nogent-le-rotrou&upcoming=1');
  await expect(page.locator('#result-count')).toContainText(`${expected.size} initiative`);
  expect(await listed(page)).toEqual(expected);
  await context.close();
});

test('a nonsense filter in the URL gets a 400 page that says what is wrong', async ({ page }) => {
  const response = await page.goto('/?bassin=paris');
  expect(response!.status()).toBe(400);
  await expect(page.locator('main')).toContainText('Bassin inconnu');
});

test('a commune chosen among the suggestions narrows the view; the suggestions stay, written once, through every change', async ({ page, request }) => {
  await page.goto('/');
  await waitForMap(page);
  const suggestions = page.locator('datalist#communes-28');
  await expect(suggestions).toHaveCount(1);
  // Eure-et-Loir's communes, each « Nom (code INSEE) », from the server's HTML.
  const labels = await suggestions.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  expect(labels.length).toBeGreaterThan(300);
  expect(labels).toContain('Chartres (28085)');
  expect(labels.every((label) => /^\S.* \(28\d{3}\)$/.test(label)), 'every suggestion is « Nom (code) »').toBe(true);
  await expect(page.locator('#filtre-commune')).toHaveAttribute('list', 'communes-28');
  await expect(page.locator('#filtre-autour')).toHaveAttribute('list', 'communes-28');
  // The suggestions are written once: a change of view rebuilds the filter panel, not them (a
  // rebuild inside the panel removed and set again each option's value: 728 changes on the
  // 50 000-pin database, counted with the same observer).
  await suggestions.evaluate((datalist) => {
    const watched = window as unknown as { suggestionChanges: number; suggestions: Element };
    watched.suggestions = datalist;
    watched.suggestionChanges = 0;
    new MutationObserver((records) => { watched.suggestionChanges += records.length; })
      .observe(datalist, { childList: true, attributes: true, characterData: true, subtree: true });
  });

  const published = await publishedFeatures(request);
  const dreux = published.find((f) => f.properties.bassin_code === 'dreux')!;
  const code = dreux.properties.commune_code;
  const label = labels.find((l) => l.endsWith(`(${code})`))!;
  expect(label, `a suggestion for ${code}`).toBeTruthy();
  const expected = await exported(request, `commune=${code}`);
  expect(expected.size).toBeGreaterThan(0);
  await page.locator('#filtre-commune').fill(label);
  await page.locator('#filtre-commune').press('Enter');
  await expect(page).toHaveURL(/[?&]commune=/);
  await expectView(page, expected);
  await expect(page.locator('#filtre-commune')).toHaveValue(label);

  await expect(suggestions).toHaveCount(1);
  await expect(suggestions.locator('option')).toHaveCount(labels.length);
  const after = await page.evaluate(() => {
    const watched = window as unknown as { suggestionChanges: number; suggestions: Element };
    return { changes: watched.suggestionChanges, same: document.querySelector('datalist#communes-28') === watched.suggestions };
  });
  expect(after, 'the same suggestions, untouched').toEqual({ changes: 0, same: true });
});

test('the map reached from another page suggests the communes too, and names the view\'s commune', async ({ page }) => {
  // The server writes the suggestions into the map's HTML; a map built in the browser asks for them.
  await page.goto('/charte');
  await waitForHydration(page);
  await page.locator('a.brand').click();
  await waitForMap(page);
  await expect(page.locator('h1')).toHaveText('Qui peut m\'aider à m\'orienter en Eure-et-Loir ?');
  await expect(page.locator('datalist#communes-28 option[value="Chartres (28085)"]')).toHaveCount(1);
  expect(await page.locator('datalist#communes-28 option').count()).toBeGreaterThan(300);
  // A view of a commune, reached in the browser: its field says the commune's name.
  await page.goto('/charte');
  await waitForHydration(page);
  await page.evaluate(() => {
    const link = document.createElement('a');
    link.href = '/?commune=28085';
    link.id = 'vers-chartres';
    link.textContent = 'Chartres';
    // Leptos's router follows a link it did not write as it follows its own.
    document.body.append(link);
  });
  await page.locator('#vers-chartres').click();
  await waitForMap(page);
  await expect(page.locator('#filtre-commune')).toHaveValue('Chartres (28085)');
});
