// « Autour de moi »: a pupil in Dreux finds what lies within 10 km of where they stand, or of a
// commune they type; the list, the pins, the counts and the exports hold the same set, which
// the test checks against great-circle distances it computes itself.
import { countPins, expect, openGroup, publishedFeatures, test, violations, waitForMap, type Feature } from './fixtures';
import type { Page } from '@playwright/test';

/** The great-circle distance in km (haversine). */
function km(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(a));
}

/** The published initiatives within `radius` km of (`lat`, `lon`); none may lie within 0.5 %
 * of the circle, where the filter's plane approximation and the great circle could disagree. */
function within(features: Feature[], lat: number, lon: number, radius: number): Set<number> {
  const distances = features.map((f) => ({ id: f.id, d: km(lat, lon, f.geometry.coordinates[1], f.geometry.coordinates[0]) }));
  expect(distances.filter(({ d }) => Math.abs(d - radius) < radius * 0.005), 'a pin on the circle itself').toEqual([]);
  return new Set(distances.filter(({ d }) => d < radius).map(({ id }) => id));
}

async function expectView(page: Page, expected: Set<number>) {
  await expect(page.locator('#result-count')).toContainText(`${expected.size} initiative`);
  const listed = await page.locator('#liste li.initiative-item').evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-id'))));
  expect(new Set(listed)).toEqual(expected);
  await expect(page.locator('#carte')).toHaveAttribute('data-pins', String(expected.size));
  expect(await countPins(page)).toBe(expected.size);
}

test('« Autour de moi » keeps what lies within the radius of the position the browser gives', async ({ browser, request }) => {
  // Place Métezeau, Dreux.
  const [lat, lon] = [48.7371, 1.3663];
  const context = await browser.newContext({ geolocation: { latitude: lat, longitude: lon }, permissions: ['geolocation'] });
  const page = await context.newPage();
  await page.goto('/');
  await waitForMap(page);
  const features = await publishedFeatures(request);
  await page.getByRole('button', { name: 'Autour de moi' }).click();
  // Rounded to 0.001° (about 100 m) in the address: what the server gets.
  await expect(page).toHaveURL(/\/\?autour=48\.737%2C1\.366&rayon=10$/);
  const expected = within(features, 48.737, 1.366, 10);
  expect(expected.size).toBeGreaterThan(0);
  expect(expected.size).toBeLessThan(features.length);
  await expectView(page, expected);
  await expect(page.locator('#filtre-autour')).toHaveValue('48.737,1.366');
  // The map frames the circle.
  await expect(page.locator('#carte path.map__around')).toHaveCount(1);

  // A wider radius, chosen in the list: the same place, more initiatives.
  await page.locator('#filtre-rayon').selectOption('30');
  await expect(page).toHaveURL(/autour=48\.737%2C1\.366&rayon=30$/);
  const wider = within(features, 48.737, 1.366, 30);
  expect(wider.size).toBeGreaterThan(expected.size);
  await expectView(page, wider);
  // The counts beside the areas and the export say the same.
  await openGroup(page, 'Bassin');
  const counted = await page.locator('input[name="bassin"]').evaluateAll((boxes) =>
    boxes.map((box) => Number(/\((\d+)\)/.exec(box.closest('label')!.textContent!)?.[1] ?? 0)));
  expect(counted.reduce((a, b) => a + b, 0)).toBe(wider.size);
  const exported = await request.get('/api/initiatives.geojson?autour=48.737%2C1.366&rayon=30');
  expect(new Set(((await exported.json()).features as Feature[]).map((f) => f.id))).toEqual(wider);
  expect(await violations(page)).toEqual([]);
  await context.close();
});

test('a commune typed instead of a position uses its centre, without asking the browser', async ({ page, request }) => {
  await page.goto('/');
  await waitForMap(page);
  await page.locator('#filtre-autour').fill('Chartres (28085)');
  await page.locator('#filtre-autour').press('Enter');
  // The address keeps what was typed, as the commune filter does.
  await expect(page).toHaveURL(/\/\?autour=Chartres\+%2828085%29&rayon=10$/);
  const centre = (await (await request.get('/api/initiatives.geojson?commune=28085')).json()).features as Feature[];
  expect(centre.length).toBeGreaterThan(0);
  // The export of the same view is the reference here; it must hold Chartres's own initiatives.
  const view = ((await (await request.get('/api/initiatives.geojson?autour=28085&rayon=10')).json()).features as Feature[]).map((f) => f.id);
  expect(view).toEqual(expect.arrayContaining(centre.map((f) => f.id)));
  await expectView(page, new Set(view));
  await expect(page.locator('#filtre-autour')).toHaveValue('Chartres (28085)');
});

test('a refused position says why and changes nothing; a position far away is a clear error', async ({ browser }) => {
  const context = await browser.newContext({ permissions: [] });
  const page = await context.newPage();
  await page.goto('/');
  await waitForMap(page);
  await page.getByRole('button', { name: 'Autour de moi' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Recherche autour de vous impossible' })).toContainText('refusé');
  await expect(page).toHaveURL(/\/$/);
  await page.goto('/?autour=48.8566,2.3522');
  await expect(page.getByRole('alert')).toContainText("loin de l'Eure-et-Loir");
  await context.close();
  // « Autour de moi » from Paris: said under the field, the map as it was.
  const paris = await browser.newContext({ geolocation: { latitude: 48.8566, longitude: 2.3522 }, permissions: ['geolocation'] });
  const visitor = await paris.newPage();
  await visitor.goto('/?bassin=dreux');
  await waitForMap(visitor);
  await visitor.getByRole('button', { name: 'Autour de moi' }).click();
  await expect(visitor.locator('#autour-note')).toContainText("La position 48.857,2.352 est loin de l'Eure-et-Loir");
  await expect(visitor).toHaveURL(/\/\?bassin=dreux$/);
  await expect(visitor.locator('input[name="bassin"][value="dreux"]')).toBeChecked();
  await paris.close();
});

test('an address typed is placed by the address service, and the page says which address it found', async ({ page, request }) => {
  await page.goto('/');
  await waitForMap(page);
  const features = await publishedFeatures(request);
  // The demo server's address service is the tests' stand-in (`fixtures geocoder`).
  await expect(page.getByLabel('Adresse, commune ou position')).toHaveAttribute('placeholder', 'Tapez une adresse ou une commune');
  await page.evaluate(() => { (window as unknown as { said: Element | null }).said = document.getElementById('autour-annonce'); });
  await page.locator('#filtre-autour').fill('12 rue Noël Ballay, Chartres');
  await page.locator('#filtre-autour').press('Enter');
  // The link keeps the words typed: whoever opens it gets the same place.
  await expect(page).toHaveURL(/\/\?autour=12\+rue\+No%C3%ABl\+Ballay%2C\+Chartres&rayon=10$/);
  // Said under the field, which it describes for screen readers.
  await expect(page.locator('#autour-note')).toHaveText('Adresse trouvée : 12 Rue Noël Ballay 28000 Chartres (source : Base Adresse Nationale)');
  await expect(page.getByRole('status').filter({ hasText: 'Adresse trouvée' })).toHaveCount(1);
  // Said by screen readers from an element that stays through every change of view, which
  // describes the field; the line seen is not said twice.
  await expect(page.locator('#filtre-autour')).toHaveAttribute('aria-describedby', 'autour-annonce');
  await expect(page.locator('#autour-annonce')).toHaveText(await page.locator('#autour-note').innerText());
  await expect(page.locator('#autour-note')).toHaveAttribute('aria-hidden', 'true');
  expect(await page.evaluate(() => document.getElementById('autour-annonce') === (window as unknown as { said: Element | null }).said)).toBe(true);
  await expect(page.locator('#filtre-autour')).toHaveValue('12 rue Noël Ballay, Chartres');
  const expected = within(features, 48.44566, 1.48785, 10);
  expect(expected.size).toBeGreaterThan(0);
  expect(expected.size).toBeLessThan(features.length);
  await expectView(page, expected);
  await expect(page.locator('#carte path.map__around')).toHaveCount(1);
  expect(await violations(page)).toEqual([]);
  // Opened from the link, in English: the same place, said in English.
  await page.goto('/en?autour=12+rue+No%C3%ABl+Ballay%2C+Chartres&rayon=10');
  await expect(page.locator('#autour-note')).toHaveText('Address found: 12 Rue Noël Ballay 28000 Chartres (source: Base Adresse Nationale)');
  await expect(page.locator('#result-count')).toContainText(`${expected.size} initiative`);
});

test('words that name no place are said beside the form, which keeps them; a commune may be typed by its name', async ({ page, request, consoleErrors }) => {
  await page.goto('/?bassin=chartres');
  await waitForMap(page);
  const before = await page.locator('#result-count').textContent();
  await page.locator('#filtre-autour').fill('rue imaginaire de nulle part');
  await page.locator('#filtre-autour').press('Enter');
  await expect(page.locator('#autour-note')).toHaveText(
    'Aucune adresse trouvée pour « rue imaginaire de nulle part ». Vérifiez l\'orthographe, ajoutez la commune, ou choisissez une commune dans la liste proposée.');
  // Nothing lost: the same view, the words still in the field, the area still ticked.
  await expect(page).toHaveURL(/\/\?bassin=chartres$/);
  await expect(page.locator('#filtre-autour')).toHaveValue('rue imaginaire de nulle part');
  await expect(page.locator('#result-count')).toHaveText(before!);
  // An address far from the map, then a service that does not answer: said as plainly.
  await page.locator('#filtre-autour').fill('vieux port');
  await page.locator('#filtre-autour').press('Enter');
  await expect(page.locator('#autour-note')).toContainText('« vieux port » désigne « Quai du Port 13002 Marseille », loin de l\'Eure-et-Loir');
  expect(await violations(page)).toEqual([]);
  // A commune's name, typed without its code: the commune itself, without the address service.
  await page.locator('#filtre-autour').fill('Illiers Combray');
  await page.locator('#filtre-autour').press('Enter');
  await expect(page).toHaveURL(/\/\?bassin=chartres&autour=Illiers\+Combray&rayon=10$/);
  const illiers = ((await (await request.get('/api/initiatives.geojson?bassin=chartres&autour=28196&rayon=10')).json()).features as Feature[]);
  await expectView(page, new Set(illiers.map((f) => f.id)));
  await expect(page.locator('#autour-note')).toBeEmpty();
  // Last (the site then stops asking the service for 30 s): a service that does not answer.
  await page.locator('#filtre-autour').fill('rue en panne');
  await page.locator('#filtre-autour').press('Enter');
  await expect(page.locator('#autour-note')).toContainText('Le service d\'adresses ne répond pas pour le moment');
  await expect(page).toHaveURL(/\/\?bassin=chartres&autour=Illiers\+Combray&rayon=10$/);
  // Chromium logs the check's 503 (as it does any error status): expected here, and only here.
  const down = /the server responded with a status of 503/;
  expect(consoleErrors.filter((error) => down.test(error)).length).toBeGreaterThan(0);
  consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((error) => !down.test(error)));
});

test('the privacy page names the address service the site sends typed addresses to', async ({ page }) => {
  await page.goto('/confidentialite');
  await expect(page.locator('main')).toContainText('Une adresse tapée dans « Autour de » est envoyée par notre serveur, sans votre adresse IP, au service d\'adresses national (127.0.0.1:3127)');
});
