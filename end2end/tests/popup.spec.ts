import { expect, test, waitForMap } from './fixtures';

test("a list item's « Voir sur la carte » opens its pin's popup, whose link leads to it", async ({ page }) => {
  await page.goto('/');
  await waitForMap(page);
  const item = page.locator('#liste li.initiative-item').nth(2);
  const link = item.locator('a.initiative-item__title');
  const [title, href] = [(await link.textContent())!.trim(), await link.getAttribute('href')];
  await item.locator('button.initiative-item__locate').click();
  // Its own pin's popup, or (several initiatives at one address) the popup listing them.
  const popupLink = page.locator(`.leaflet-popup-content a.popup__title[href="${href}"]`);
  await expect(popupLink).toBeVisible();
  await expect(popupLink).toHaveText(title);
  await expect(popupLink).toBeFocused();
  await popupLink.click();
  await expect(page).toHaveURL(href!);
  await expect(page.locator('h1')).toHaveText(title);
});

test('clusters zoom in to single pins, and a pin opens a popup leading to its initiative', async ({ page }) => {
  await page.goto('/');
  await waitForMap(page);
  const pins = page.locator('#carte .leaflet-marker-icon.pin');
  for (let round = 0; round < 8 && (await pins.count()) === 0; round++) {
    const clusters = page.locator('#carte .marker-cluster');
    const counts = await clusters.locator('.marker-cluster__count').allTextContents();
    const largest = counts.map(Number).indexOf(Math.max(...counts.map(Number)));
    await clusters.nth(largest).click();
    await page.waitForTimeout(700);
  }
  const pin = pins.first();
  await expect(pin).toBeVisible();
  const title = (await pin.getAttribute('title'))!;
  await pin.click();
  const popupLink = page.locator('.leaflet-popup-content a.popup__title');
  await expect(popupLink).toHaveText(title);
  await popupLink.click();
  await expect(page.locator('h1')).toHaveText(title);
});
