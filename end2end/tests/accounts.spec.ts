// Holder accounts in the browser: sign-up and the link that confirms the address, the header,
// sign-out, sign-in, errors beside their fields with nothing typed lost, the keyboard alone, and
// axe on the forms.
import { expect, PASSWORD, signUp, test, uniqueEmail, violations, waitForHydration } from './fixtures';

test('a holder signs up, confirms the address from the mail, is signed in everywhere, signs out, and signs back in', async ({ page }) => {
  const email = await signUp(page, { email: uniqueEmail('camille'), organisation: 'Mission locale du Drouais' });
  await expect(page.getByRole('link', { name: /Mon compte \(Mission locale du Drouais\)/ })).toBeVisible();
  await page.goto('/compte');
  await expect(page.getByRole('heading', { level: 1, name: 'Mon compte' })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await expect(page.getByText('vérifiée', { exact: true })).toBeVisible();

  await page.goto('/');
  await expect(page.getByRole('link', { name: /Mon compte/ })).toBeVisible();
  await page.goto('/compte');
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Se déconnecter', exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('link', { name: 'Se connecter' })).toBeVisible();

  await page.goto('/connexion');
  await waitForHydration(page);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill('pas la bonne phrase');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toContainText('Adresse e-mail ou mot de passe incorrect');
  await expect(page.getByLabel('Adresse e-mail')).toHaveValue(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/compte$/);
  await expect(page.getByText(email)).toBeVisible();
});

test('the account page sends anonymous visitors to sign in, and back after', async ({ page }) => {
  const email = await signUp(page, { email: uniqueEmail('retour') });
  await page.context().clearCookies();
  await page.goto('/compte');
  await expect(page).toHaveURL(/\/connexion\?suite=(%2F|\/)compte$/);
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/compte$/);
  await expect(page.getByText(email)).toBeVisible();
});

test('sign-up errors are written beside their fields and nothing typed is lost, by keyboard alone', async ({ page }) => {
  await page.goto('/inscription');
  await waitForHydration(page);
  await page.getByLabel('Structure').focus();
  await page.keyboard.type('CIO de Chartres');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Dominique Petit');
  await page.keyboard.press('Tab');
  await page.keyboard.type('dominique@');
  await page.keyboard.press('Tab');
  await page.keyboard.type('court');
  await page.keyboard.press('Enter');

  const email = page.getByLabel('Adresse e-mail');
  const password = page.getByLabel('Mot de passe');
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveAccessibleDescription(/nom@exemple\.fr/);
  await expect(password).toHaveAccessibleDescription(/au moins 12 caractères/);
  await expect(page.getByRole('alert')).toContainText('Certains champs sont à corriger');
  await expect(page.getByLabel('Structure')).toHaveValue('CIO de Chartres');
  await expect(page.getByLabel('Nom de la personne à contacter')).toHaveValue('Dominique Petit');
  await expect(email).toHaveValue('dominique@');
  expect(await violations(page)).toEqual([]);

  await email.fill(uniqueEmail('dominique'));
  await password.fill(PASSWORD);
  await password.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'vérifiez votre messagerie' })).toBeVisible();
});

test('axe finds no violation on the sign-in form and the account page', async ({ page }) => {
  await page.goto('/connexion');
  await waitForHydration(page);
  expect(await violations(page)).toEqual([]);
  await signUp(page, { organisation: 'Cap Emploi 28', verify: false });
  expect(await violations(page)).toEqual([]);
});
