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
