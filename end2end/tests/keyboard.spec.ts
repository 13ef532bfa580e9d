import { expect, test, waitForMap } from './fixtures';

test('the first Tab reaches a link that skips to the list', async ({ page }) => {
  await page.goto('/');
  await waitForMap(page);
  await page.keyboard.press('Tab');
  const skip = page.locator('a.skip-link');
  await expect(skip).toBeFocused();
  await expect(skip).toHaveAttribute('href', '#liste');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#liste$/);
});

test('from the keyboard alone, a list item opens its pin and the popup link takes the focus', async ({ page }) => {
  await page.goto('/');
  await waitForMap(page);
  const item = page.locator('#liste li.initiative-item').first();
  const link = item.locator('a.initiative-item__title');
  const [title, href] = [(await link.textContent())!.trim(), await link.getAttribute('href')];
  await link.focus();
  await page.keyboard.press('Tab');
  await expect(item.locator('button.initiative-item__locate')).toBeFocused();
  await page.keyboard.press('Enter');
  // Its own pin's popup, or (several initiatives at one address) the popup listing them.
  const popupLink = page.locator(`.leaflet-popup-content a.popup__title[href="${href}"]`);
  await expect(popupLink).toHaveText(title);
  await expect(popupLink).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('h1')).toHaveText(title);
});

test("the focus ring of a list item's link and button shows on every side", async ({ page }) => {
  // The list's items clip what they paint (`content-visibility`, style/main.css): their side
  // padding must leave room for the ring drawn outside a focused control (3px, 2px off). Read
  // from the pixels: axe does not see a clipped ring.
  await page.goto('/');
  await waitForMap(page);
  const item = page.locator('#liste li.initiative-item').first();
  const link = item.locator('a.initiative-item__title');
  const button = item.locator('button.initiative-item__locate');
  // To the button and back with the keyboard: a focus the keyboard moved shows its ring.
  await link.focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  for (const control of [link, button]) {
    if (control === button) await page.keyboard.press('Tab');
    await expect(control).toBeFocused();
    expect(await control.evaluate((element) => element.matches(':focus-visible'))).toBe(true);
    await control.scrollIntoViewIfNeeded();
    const box = (await control.boundingBox())!;
    const margin = 8;
    const shot = await page.screenshot({ clip: { x: box.x - margin, y: box.y - margin, width: box.width + 2 * margin, height: box.height + 2 * margin } });
    // The ring's colour, as the style sheet gives it (`:focus-visible`), then the image decoded
    // by the page itself: how many pixels of that colour lie in the band outside the control on
    // each side.
    const ring = (await control.evaluate((element) => getComputedStyle(element).outlineColor)).match(/\d+/g)!.map(Number);
    expect(ring, 'an opaque rgb() ring').toHaveLength(3);
    const sides = await page.evaluate(async ({ png, margin, ring: [red, green, blue] }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${png}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      [canvas.width, canvas.height] = [image.width, image.height];
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const ringPixels = (x: number, y: number, width: number, height: number) => {
        const data = context.getImageData(x, y, width, height).data;
        let count = 0;
        for (let at = 0; at < data.length; at += 4) {
          if (Math.abs(data[at] - red) < 24 && Math.abs(data[at + 1] - green) < 24 && Math.abs(data[at + 2] - blue) < 24) count++;
        }
        return count;
      };
      const [width, height] = [canvas.width, canvas.height];
      return {
        left: ringPixels(0, 0, margin, height), right: ringPixels(width - margin, 0, margin, height),
        top: ringPixels(0, 0, width, margin), bottom: ringPixels(0, height - margin, width, margin),
      };
    }, { png: shot.toString('base64'), margin, ring });
    for (const [side, pixels] of Object.entries(sides)) expect(pixels, `${await control.innerText()}: ${side}`).toBeGreaterThan(0);
  }
});

test('from the keyboard, the filter panel keeps the focus and the groups opened through every change of view', async ({ page, request }) => {
  await page.goto('/');
  await waitForMap(page);
  const count = async (query: string) => ((await (await request.get(`/api/initiatives.geojson?${query}`)).json()).features as unknown[]).length;
  const said = (n: number) => (n === 0 ? 'Aucune initiative' : n === 1 ? '1 initiative' : `${n} initiatives`);
  const all = await count('');
  const dreux = await count('bassin=dreux');
  const forums = await count('q=forum&bassin=dreux');
  expect(dreux).toBeGreaterThan(forums);
  // Two groups opened from the keyboard: « Thématique » to read, « Bassin » to tick a box in.
  const group = (legend: string) => page.locator('details.filters__group', { has: page.locator('summary', { hasText: legend }) });
  for (const legend of ['Thématique', 'Bassin']) {
    await group(legend).locator('summary').focus();
    await page.keyboard.press('Enter');
    await expect(group(legend)).toHaveAttribute('open', '');
  }
  const box = page.locator('input[name="bassin"][value="dreux"]');
  await box.focus();
  await page.keyboard.press('Space');
  await expect(page).toHaveURL(/\/\?bassin=dreux$/);
  await expect(page.locator('#result-count')).toHaveText(said(dreux));
  // The box is the new view's, ticked, and the keyboard is still on it; « Thématique », where
  // nothing is ticked, stays open.
  await expect(box).toBeChecked();
  await expect(box).toBeFocused();
  await expect(group('Thématique')).toHaveAttribute('open', '');
  // Unticking it: the whole map again, and « Bassin », where nothing is ticked now, stays open
  // around the focus.
  await page.keyboard.press('Space');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('#result-count')).toHaveText(said(all));
  await expect(box).not.toBeChecked();
  await expect(box).toBeFocused();
  await expect(group('Bassin')).toHaveAttribute('open', '');
  await page.keyboard.press('Space');
  await expect(page.locator('#result-count')).toHaveText(said(dreux));
  // Enter in the search box: the words stay, and so do the focus and the cursor after them.
  const search = page.locator('#filtre-q');
  await search.focus();
  await page.keyboard.type('forum');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/\?q=forum&bassin=dreux$/);
  await expect(page.locator('#result-count')).toHaveText(said(forums));
  await expect(search).toBeFocused();
  await expect(search).toHaveValue('forum');
  expect(await search.evaluate((input: HTMLInputElement) => input.selectionStart)).toBe(5);
  await page.keyboard.type(' dreux');
  await expect(search).toHaveValue('forum dreux');
});

test('a group the visitor closed, and words typed while a view loads, stay as they were in the next view', async ({ page }) => {
  await page.goto('/');
  await waitForMap(page);
  const group = (legend: string) => page.locator('details.filters__group', { has: page.locator('summary', { hasText: legend }) });
  /** Resolves once the panel's fields are the next view's (new elements). */
  const nextPanel = async () => {
    const before = await page.locator('#filtre-q').elementHandle();
    return () => page.waitForFunction((old) => document.getElementById('filtre-q') !== old, before);
  };
  const box = page.locator('input[name="bassin"][value="dreux"]');
  let replaced = await nextPanel();
  await group('Bassin').locator('summary').click();
  await box.check();
  await replaced();
  await expect(page).toHaveURL(/\/\?bassin=dreux$/);
  await expect(group('Bassin')).toHaveAttribute('open', '');
  // « Bassin », open with its box ticked, closed by the visitor: closed it stays through a change.
  await group('Bassin').locator('summary').click();
  await expect(group('Bassin')).not.toHaveAttribute('open', '');
  replaced = await nextPanel();
  await page.locator('#filtre-q').fill('forum');
  await page.locator('#filtre-q').press('Enter');
  await replaced();
  await expect(page).toHaveURL(/\/\?q=forum&bassin=dreux$/);
  await expect(box).toBeChecked();
  await expect(group('Bassin')).not.toHaveAttribute('open', '');
  // The next view takes its time to come: the visitor goes on typing in « Commune » meanwhile.
  let release = () => {};
  const held = new Promise<void>((resolve) => { release = resolve; });
  await page.route('**/api/load_map_data', async (route) => { await held; await route.continue(); });
  replaced = await nextPanel();
  await page.locator('#filtre-q').fill('atelier');
  await page.locator('#filtre-q').press('Enter');
  await expect(page).toHaveURL(/\/\?q=atelier&bassin=dreux$/);
  await page.locator('#filtre-commune').fill('Char');
  release();
  await replaced();
  await expect(page.locator('#filtre-q')).toHaveValue('atelier');
  // Not sent, not lost: the words and the keyboard are where the visitor left them.
  await expect(page.locator('#filtre-commune')).toHaveValue('Char');
  await expect(page.locator('#filtre-commune')).toBeFocused();
});
