import { expect, test } from './fixtures';

for (const path of ['/initiatives/999999', '/initiatives/pas-un-identifiant', '/nope/nothing-here']) {
  test(`${path} is a real 404 page with a way back to the map`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response!.status()).toBe(404);
    await expect(page.locator('h1')).toHaveText('Page introuvable');
    await page.locator('main a[href="/"]').click();
    await expect(page).toHaveURL('/');
  });
}
