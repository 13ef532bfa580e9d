// The holders' own pages and claims in the browser: from an initiative to its holder's page (its
// initiatives on a small map and in the list, nothing personal), opened cold too; « C'est notre
// initiative » on an initiative nobody holds, its errors, the animator of its area accepting it,
// and the initiative in the holder's hands; axe on both new pages.
import { expect, mailTo, pageData, PASSWORD, serverFn, signUp, test, violations, waitForHydration, type People } from './fixtures';
import type { Page } from '@playwright/test';

// Created by playwright.config.ts's server command.
const CHARTRES = 'animation.chartres@exemple.fr';
// The demo holder holds the Mission Locale du Drouais's three published demo initiatives.
const DEMO_HOLDER = 'mission-locale-drouais@demo.carte-orientation-28.fr';
const DEMO_PAGE = '/structures/mission-locale-du-drouais';

/** A published initiative of Chartres that nobody holds: a citizen's suggestion, approved. */
async function unheldInitiative(people: People, title: string): Promise<number> {
  const citizen = await people.anonymous();
  const suggested = await citizen.request.post('/api/suggest_initiative', {
    form: {
      'form[title]': title, 'form[summary]': 'Des lycéens découvrent les métiers du bâtiment sur un chantier école.',
      'form[kind]': 'visite-entreprise', 'form[themes][]': 'ecole-entreprise', 'form[audiences][]': 'lyceens',
      'form[commune]': 'Chartres (28000)', 'form[lat]': '48.4400', 'form[lon]': '1.5000',
      'form[organisation]': 'Campus des métiers', contact_email: '', adresse_web: '',
    },
    headers: serverFn(),
  });
  expect(suggested.status(), await suggested.text()).toBe(200);
  const id: number = await suggested.json();
  const animator = await people.signedIn(CHARTRES, PASSWORD, '/moderation');
  const approved = await animator.request.post('/api/approve_revision', { form: { id: String(id), number: '1' }, headers: serverFn() });
  expect(approved.status(), await approved.text()).toBe(200);
  return id;
}

/** The pins drawn on a small map (`#carte-structure`, `#carte-detail`), each checked to be
 * inside the map's frame (framed on them, not on the whole département or off its edges). */
async function smallMapPins(page: Page, map: string): Promise<number> {
  await page.locator(`${map}[data-pins]`).waitFor();
  const frame = (await page.locator(map).boundingBox())!;
  const pins = page.locator(`${map} .leaflet-marker-icon.pin`);
  // Leaflet's zoom animation settles first.
  await expect.poll(async () => {
    for (const pin of await pins.all()) {
      const box = (await pin.boundingBox())!;
      const inside = box.x >= frame.x && box.y >= frame.y && box.x + box.width <= frame.x + frame.width && box.y + box.height <= frame.y + frame.height;
      if (!inside) return `a pin at ${box.x},${box.y} outside ${JSON.stringify(frame)}`;
    }
    return 'inside';
  }).toBe('inside');
  // Framed on the pins, closer than the map's farthest zoom (the whole département), where
  // « Dézoomer » would be disabled.
  await expect(page.locator(`${map} .leaflet-control-zoom-out`)).not.toHaveClass(/leaflet-disabled/);
  return pins.count();
}

test("an initiative leads to its holder's page: its initiatives on the map and in the list, nothing personal", async ({ page }) => {
  // From one of its initiatives found on the map's list…
  const title = 'Job dating en plein air, place de Verdun';
  await page.goto('/?q=Job+dating+en+plein+air');
  await waitForHydration(page);
  await page.locator('#liste').getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await waitForHydration(page);
  await page.getByRole('definition').getByRole('link', { name: 'Mission Locale du Drouais' }).click();
  await expect(page).toHaveURL(DEMO_PAGE);
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Mission Locale du Drouais' })).toBeVisible();
  await expect(page).toHaveTitle('Mission Locale du Drouais – Carte Orientation 28');

  // …to its published initiatives, the same in the list, in the count and on the map.
  const items = page.locator('.structure__entry');
  await expect(items.getByRole('link', { name: title })).toBeVisible();
  const count = await items.count();
  expect(count).toBeGreaterThan(1);
  await expect(page.getByText(`${count} initiatives publiées`)).toBeVisible();
  expect(await smallMapPins(page, '#carte-structure')).toBe(count);
  // (Other test files give the demo holder initiatives elsewhere too.)
  await expect(page.locator('dd', { hasText: /^Bassins? de (.+, )?Dreux/ })).toBeVisible();
  // Nothing personal: neither the account's address nor, not chosen, the contact's name.
  // Not in the page's text, nor in the data it hands the browser.
  const html = await page.content();
  expect(html).not.toContain(DEMO_HOLDER);
  expect(html).not.toContain('Compte de démonstration');
  await expect(page.locator('dt', { hasText: /^Contact$/ })).toHaveCount(0);
  // Each entry leads to its initiative.
  expect(await violations(page)).toEqual([]);
  const last = items.last().getByRole('link');
  const other = await last.innerText();
  await last.click();
  await expect(page.getByRole('heading', { level: 1, name: other })).toBeVisible();

  // Opened directly, its data comes with the page (in postcard, base64: not in its text): it
  // holds the initiatives, nothing personal.
  await page.goto(DEMO_PAGE);
  const data = await pageData(page);
  expect(data).toContain(title);
  expect(data).not.toContain(DEMO_HOLDER);
  expect(data).not.toContain('Compte de démonstration');
});

test("a holder's page opened cold loads its own code and works; an unknown one is a 404", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const wasm: string[] = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname); });
  const response = await page.goto(DEMO_PAGE);
  expect(response!.status()).toBe(200);
  await waitForHydration(page);
  expect(await smallMapPins(page, '#carte-structure')).toBe(await page.locator('.structure__entry').count());
  expect(wasm.length, `the main file and the page's chunk: ${wasm}`).toBeGreaterThan(1);
  expect(await violations(page)).toEqual([]);
  const missing = await page.goto('/structures/personne-de-ce-nom');
  expect(missing!.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page introuvable' })).toBeVisible();
  await context.close();
});

test("a holder says « C'est notre initiative », the animator of its area accepts, and the initiative is theirs", async ({ page, people }) => {
  const title = `Chantier école du bâtiment ${Date.now()}`;
  const id = await unheldInitiative(people, title);
  const organisation = `Campus des métiers ${Date.now()}`;
  const email = await signUp(page, { organisation });

  // The initiative's page offers the claim (nobody holds it) and links to no holder's page.
  await page.goto(`/initiatives/${id}`);
  await waitForHydration(page);
  await expect(page.getByRole('definition').filter({ hasText: 'Campus des métiers' }).getByRole('link')).toHaveCount(0);
  await page.getByRole('link', { name: "C'est notre initiative" }).click();
  await expect(page.getByRole('heading', { level: 1, name: "C'est notre initiative" })).toBeVisible();
  await waitForHydration(page);
  // A message that says nothing is refused beside its field; what was typed stays.
  await page.getByLabel('Votre lien avec cette initiative').fill('Nous');
  await page.getByRole('button', { name: 'Envoyer la demande' }).click();
  await expect(page.locator('#champ-claim_message-erreur')).toContainText('10 caractères au moins');
  await page.waitForLoadState('networkidle');
  await expect(page.getByLabel('Votre lien avec cette initiative')).toHaveValue('Nous');
  await expect(page.locator('#champ-claim_message-erreur')).toContainText('10 caractères au moins');
  expect(await violations(page)).toEqual([]);
  await page.getByLabel('Votre lien avec cette initiative').fill('Nous animons ce chantier école avec le lycée du bâtiment.');
  await page.getByRole('button', { name: 'Envoyer la demande' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Demande envoyée' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Envoyer la demande' })).toBeHidden();
  await page.reload();
  await expect(page.getByText(/attend la réponse d'un animateur du bassin de Chartres/)).toBeVisible();
  await page.goto('/mes-initiatives');
  const claims = page.getByRole('table', { name: /demandé à rattacher/ });
  await expect(claims.getByRole('row', { name: new RegExp(title) })).toContainText('En attente');

  // Chartres's animator is told, finds it in the queue, reads the message and accepts.
  await mailTo(CHARTRES, new RegExp(`À modérer : « ${title} »`));
  const animator = await people.signedIn(CHARTRES, PASSWORD, '/moderation');
  const row = animator.getByRole('row', { name: new RegExp(title) });
  await expect(row).toContainText('Demande de rattachement');
  await expect(row).toContainText('Nous animons ce chantier école');
  await row.getByRole('link', { name: title }).click();
  await waitForHydration(animator);
  const section = animator.getByRole('region', { name: 'Demandes de rattachement' });
  await expect(section).toContainText(organisation);
  expect(await violations(animator)).toEqual([]);
  // A refusal needs a reason the holder can read.
  await section.getByRole('button', { name: 'Refuser avec ce motif' }).click();
  await expect(section.locator('.form-field__error')).toContainText('10 caractères au moins');
  await section.getByRole('button', { name: "Accepter : lui confier l'initiative" }).click();
  await expect(animator.getByRole('status').filter({ hasText: 'Demande acceptée' })).toBeVisible();
  await expect(animator.getByRole('region', { name: 'Demandes de rattachement' })).toContainText('Demande acceptée le');

  // The holder is told; the initiative is in their list, editable, and on their public page.
  const accepted = await mailTo(email, /Demande de rattachement acceptée/);
  expect(accepted.text).toContain(`/mes-initiatives/${id}`);
  await page.goto('/mes-initiatives');
  await waitForHydration(page);
  await expect(page.getByRole('table', { name: 'Mes initiatives et leur statut' }).getByRole('link', { name: title })).toBeVisible();
  await expect(page.getByRole('table', { name: /demandé à rattacher/ }).getByRole('row', { name: new RegExp(title) })).toContainText('Acceptée');
  await page.goto(`/initiatives/${id}`);
  await waitForHydration(page);
  await expect(page.getByRole('link', { name: "C'est notre initiative" })).toHaveCount(0);
  await page.getByRole('definition').getByRole('link', { name: 'Campus des métiers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: organisation })).toBeVisible();
  await expect(page.locator('.structure__entry').getByRole('link', { name: title })).toBeVisible();
  await expect(page.locator('dt', { hasText: /^Contact$/ })).toHaveCount(0);

  // The holder chooses to show the contact person's name on the page.
  const structure = page.url();
  await page.goto('/compte');
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Voir la page publique' }).waitFor();
  await page.getByLabel("L'afficher", { exact: true }).check();
  await page.getByRole('button', { name: 'Enregistrer ce choix' }).click();
  await expect(page.getByRole('status').filter({ hasText: "C'est noté." })).toBeVisible();
  await page.goto(structure);
  await expect(page.locator('dt', { hasText: /^Contact$/ })).toBeVisible();
  await expect(page.locator('dd', { hasText: /^Camille Martin$/ })).toBeVisible();
});

test('a claim asks an anonymous visitor to sign in; an initiative someone holds is not claimed', async ({ people, page }) => {
  await page.goto(`${DEMO_PAGE}`);
  const held = await page.locator('.structure__entry').first().getByRole('link').getAttribute('href');
  await page.goto(`${held}/rattacher`);
  await expect(page).toHaveURL(new RegExp(`/connexion\\?suite=${held!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/rattacher$`));
  const animator = await people.signedIn(CHARTRES, PASSWORD, `${held}/rattacher`);
  await expect(animator.getByText('Une autre structure tient déjà cette initiative à jour')).toBeVisible();
});

test('the claim page, reached from an English initiative page, speaks English, its messages too', async ({ page, people }) => {
  const title = `Chantier école de la charpente ${Date.now()}`;
  const id = await unheldInitiative(people, title);
  await signUp(page, { organisation: `Compagnons du bois ${Date.now()}` });
  await page.goto(`/en/initiatives/${id}`);
  await waitForHydration(page);
  await page.getByRole('link', { name: 'This is our initiative' }).click();
  await expect(page).toHaveURL(new RegExp(`/en/initiatives/${id}[^/]*/rattacher$`));
  await expect(page.getByRole('heading', { level: 1, name: 'This is our initiative' })).toBeVisible();
  await expect(page.locator('main')).not.toHaveAttribute('lang', 'fr');
  await waitForHydration(page);
  await page.getByLabel('Your link with this initiative').fill('Nous');
  await page.getByRole('button', { name: 'Send the request' }).click();
  await expect(page.locator('#champ-claim_message-erreur')).toContainText('10 characters at least');
  expect(await violations(page)).toEqual([]);
  await page.getByLabel('Your link with this initiative').fill('Nous animons ce chantier école avec les compagnons.');
  await page.getByRole('button', { name: 'Send the request' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Request sent' })).toBeVisible();
  await page.reload();
  await expect(page.getByText(/is waiting for an answer from a facilitator for the area of Chartres/)).toBeVisible();
});
