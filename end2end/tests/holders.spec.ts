// Initiative holders in the browser: a draft made by placing a pin, submitted, shown pending;
// an edit of a published initiative that the public does not see yet; two tabs and a conflict;
// errors beside their fields with nothing typed lost; the charter and its badge; the whole form
// by keyboard alone; axe on every holder page; markup typed anywhere shown as text.
import { expect, PASSWORD, publishedFeatures, signIn, signUp, test, uniqueEmail, violations, waitForHydration, waitForMap, serverFn } from './fixtures';
import type { Locator, Page } from '@playwright/test';
// The demo holder (playwright.config.ts sets DEMO_PASSWORD): it holds the Mission Locale du
// Drouais's three published demo initiatives.
const DEMO_HOLDER = 'mission-locale-drouais@demo.carte-orientation-28.fr';
const DEMO_PASSWORD = 'demo-carte-orientation-28';
const DEMO_PAGE = '/structures/mission-locale-du-drouais';

async function openNewForm(page: Page) {
  await page.goto('/mes-initiatives/nouvelle');
  await waitForHydration(page);
  await page.locator('#carte-epingle[data-ready]').waitFor();
}

/** Fills every required field with valid values. */
async function fillRequired(page: Page, title: string) {
  await page.getByLabel('Titre').fill(title);
  await page.getByLabel('Résumé', { exact: true }).fill('Des lycéens rencontrent des professionnels de la santé pendant une matinée.');
  await page.getByLabel("Type d'initiative").selectOption('forum-metiers');
  await page.getByRole('checkbox', { name: 'Compétences' }).check();
  await page.getByRole('checkbox', { name: 'Lycéens' }).check();
  await page.getByLabel('Commune').fill('Chartres (28000)');
}

/** Creates a draft through the server function, with this page's session; returns its id. */
async function createDraft(page: Page, title: string): Promise<number> {
  const response = await page.request.post('/api/create_initiative', {
    form: {
      intent: 'draft', 'form[title]': title,
      'form[summary]': 'Un résumé assez long pour être accepté tel quel.', 'form[kind]': 'forum-metiers',
      'form[themes][]': 'competences', 'form[audiences][]': 'lyceens', 'form[commune]': 'Chartres (28000)',
      'form[organisation]': 'CIO de Chartres',
    },
    headers: serverFn(),
  });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()).id;
}

test('a holder makes a draft by placing its pin, submits it, and sees it pending — never public', async ({ page, request }) => {
  await signUp(page);
  await page.goto('/mes-initiatives');
  await expect(page.getByText("Vous n'avez encore aucune initiative")).toBeVisible();
  await page.getByRole('link', { name: 'Nouvelle initiative' }).click();
  await waitForHydration(page);
  await page.locator('#carte-epingle[data-ready]').waitFor();
  await expect(page.getByLabel('Structure')).toHaveValue('CIO de Chartres');
  // « Commune » suggests every commune as « Nom (code postal) » (written in the browser here:
  // the page was reached from a link).
  await expect(page.getByLabel('Commune')).toHaveAttribute('list', 'communes-28');
  await expect(page.locator('datalist#communes-28')).toHaveCount(1);
  await expect(page.locator('datalist#communes-28 option[value="Chartres (28000)"]')).toHaveCount(1);
  expect(await page.locator('datalist#communes-28 option').count()).toBeGreaterThan(300);

  await fillRequired(page, 'Matinée des métiers de la santé');
  // The pin starts at the commune's centre…
  await expect(page.getByLabel('Latitude')).toHaveValue(/^48\.4/);
  await expect(page.locator('#carte-epingle .leaflet-marker-icon.pin')).toBeVisible();
  // Another commune typed key by key takes the pin along, as long as it was not placed by hand.
  await page.getByLabel('Commune').fill('');
  await page.getByLabel('Commune').pressSequentially('Dreux (28100)');
  await expect(page.getByLabel('Latitude')).toHaveValue(/^48\.7/);
  await page.getByLabel('Commune').fill('Chartres (28000)');
  await expect(page.getByLabel('Latitude')).toHaveValue(/^48\.4/);
  const centre = await page.getByLabel('Latitude').inputValue();
  // …and a click on the map moves it there.
  const box = (await page.locator('#carte-epingle').boundingBox())!;
  await page.locator('#carte-epingle').click({ position: { x: box.width / 2 + 60, y: box.height / 2 + 40 } });
  await expect(page.getByLabel('Latitude')).not.toHaveValue(centre);
  const placed = [await page.getByLabel('Latitude').inputValue(), await page.getByLabel('Longitude').inputValue()];
  // Placed by hand, the pin stays put whatever commune is typed next.
  await page.getByLabel('Commune').fill('Lucé (28110)');
  await page.getByLabel('Commune').fill('Chartres (28000)');
  await expect(page.getByLabel('Latitude')).toHaveValue(placed[0]);

  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await expect(page).toHaveURL(/\/mes-initiatives\/\d+\?enregistre=draft$/);
  await expect(page.getByRole('status')).toContainText('Brouillon enregistré');
  await expect(page.getByText('Statut : Brouillon')).toBeVisible();
  await expect(page.getByLabel('Latitude')).toHaveValue(placed[0]);
  await expect(page.getByLabel('Longitude')).toHaveValue(placed[1]);

  await waitForHydration(page);
  await page.getByRole('button', { name: 'Soumettre pour validation' }).click();
  await expect(page).toHaveURL(/\?enregistre=pending$/);
  await expect(page.getByText('Statut : En attente de validation')).toBeVisible();
  const history = page.getByRole('region', { name: 'Historique' });
  await expect(history.locator('tbody tr')).toHaveCount(2);
  await expect(history.locator('tbody tr').first()).toContainText('Camille Martin (CIO de Chartres)');

  await page.goto('/mes-initiatives');
  const row = page.getByRole('row', { name: /Matinée des métiers de la santé/ });
  await expect(row).toContainText('En attente de validation');
  const titles = (await publishedFeatures(request)).map((f) => f.properties.title);
  expect(titles).not.toContain('Matinée des métiers de la santé');
});

test('an edit of a published initiative waits for review while the public sees the published one', async ({ page }) => {
  await signIn(page, DEMO_HOLDER, DEMO_PASSWORD);
  const rows = page.locator('.holder-table tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText('Publiée');
  await rows.first().locator('th a').click();
  await waitForHydration(page);
  const title = page.getByLabel('Titre');
  const published = await title.inputValue();
  await title.fill(`${published} (nouvelle édition)`);
  await page.getByRole('button', { name: 'Soumettre pour validation' }).click();
  await expect(page).toHaveURL(/\?enregistre=pending$/);
  await expect(page.getByRole('status')).toContainText('La carte montre la version publiée');
  await expect(page.getByText('Statut : Publiée — modification en attente de validation')).toBeVisible();

  await page.getByRole('link', { name: 'Voir la page publique' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(published);
  await page.goto(`/?q=${encodeURIComponent('nouvelle édition')}`);
  await expect(page.locator('#liste li.initiative-item')).toHaveCount(0);
});

test('two tabs: the later save gets a conflict saying what changed, loses nothing, and may then replace it', async ({ context, page }) => {
  await signUp(page);
  const id = await createDraft(page, 'Atelier CV et lettre de motivation');
  const first = page;
  const second = await context.newPage();
  for (const tab of [first, second]) {
    await tab.goto(`/mes-initiatives/${id}`);
    await waitForHydration(tab);
  }
  await first.getByLabel('Titre').fill('Atelier CV, lettre et entretien');
  await first.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await expect(first).toHaveURL(/\?enregistre=draft$/);

  const summary = 'Un autre résumé, tapé dans le second onglet, qui ne doit pas se perdre.';
  await second.getByLabel('Résumé', { exact: true }).fill(summary);
  await second.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  const alert = second.getByRole('alert').filter({ hasText: 'modifiée pendant que vous la modifiiez' });
  await expect(alert).toContainText('Camille Martin (CIO de Chartres)');
  await expect(alert).toContainText('qui change : Titre');
  await expect(second.getByLabel('Résumé', { exact: true })).toHaveValue(summary);
  await expect(second).toHaveURL(new RegExp(`/mes-initiatives/${id}$`));

  // Told what changed, the second tab saves again and knowingly replaces that version.
  await second.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await expect(second).toHaveURL(/\?enregistre=draft$/);
  await expect(second.getByLabel('Résumé', { exact: true })).toHaveValue(summary);
  await expect(second.getByRole('region', { name: 'Historique' }).locator('tbody tr')).toHaveCount(3);
});

test('errors show beside their fields, are listed with links, and nothing typed is lost', async ({ page }) => {
  await signUp(page);
  await openNewForm(page);
  await page.getByLabel('Titre').fill('Ab');
  await page.getByLabel('Description').fill('Un long texte tapé avec soin.\n\nSur deux paragraphes.');
  await page.getByLabel('Site web').fill('exemple');
  await page.getByLabel('Latitude').fill('abc');
  await page.getByLabel('Longitude').fill('1.5');
  await page.getByLabel('Date de début').fill('2027-05-12');
  await page.getByLabel('Heure de début').fill('17:00');
  await page.getByLabel('Heure de fin').fill('09:00');
  await page.getByRole('button', { name: 'Soumettre pour validation' }).click();

  const alert = page.getByRole('alert').filter({ hasText: 'Certains champs sont à corriger' });
  await expect(alert).toBeVisible();
  await expect(alert.getByRole('link', { name: /Le titre doit compter au moins 5 caractères/ })).toHaveAttribute('href', '#champ-title');
  const title = page.getByLabel('Titre');
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  const describedBy = (await title.getAttribute('aria-describedby'))!;
  await expect(page.locator(`[id="${describedBy.split(' ').pop()}"]`)).toHaveText('Le titre doit compter au moins 5 caractères.');
  await expect(page.locator('#champ-location-erreur')).toContainText('Les coordonnées sont des nombres');
  await expect(page.locator('#champ-commune-erreur')).toContainText('Choisissez une commune');
  await expect(page.locator('#champ-themes-erreur')).toContainText('au moins une thématique');
  await expect(title).toHaveValue('Ab');
  await expect(page.getByLabel('Description')).toHaveValue('Un long texte tapé avec soin.\n\nSur deux paragraphes.');
  await expect(page.getByLabel('Site web')).toHaveValue('exemple');
  await expect(page.getByLabel('Latitude')).toHaveValue('abc');
  await expect(page.locator('#champ-end_time-erreur')).toHaveText("L'heure de fin doit suivre l'heure de début.");
  await expect(page.getByLabel('Heure de début')).toHaveValue('17:00');
  await expect(page.getByLabel('Heure de fin')).toHaveValue('09:00');
  expect(await violations(page)).toEqual([]);

  // Pins outside Eure-et-Loir are refused beside the pin.
  await page.getByLabel('Latitude').fill('48.8566');
  await page.getByLabel('Longitude').fill('2.3522');
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await expect(page.locator('#champ-location-erreur')).toContainText('en Eure-et-Loir');
});

test('an immersion needs the charter signed; signing it puts the badge on map, list and detail', async ({ page }) => {
  await signUp(page);
  await openNewForm(page);
  await fillRequired(page, 'Immersion en laboratoire');
  await page.getByLabel("Type d'initiative").selectOption('immersion');
  await page.getByRole('button', { name: 'Soumettre pour validation' }).click();
  await expect(page.locator('#champ-kind-erreur')).toContainText("charte d'immersion (version 1)");
  await expect(page.getByLabel('Titre')).toHaveValue('Immersion en laboratoire');
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await expect(page).toHaveURL(/\?enregistre=draft$/);
  const draft = page.url().split('?')[0];

  await page.goto('/charte');
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Charte d'immersion du club Carte Orientation 28");
  expect(await violations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Signer la charte (version 1)' }).click();
  await expect(page.getByText(/Vous avez signé la version 1 le/)).toBeVisible();

  await page.goto(draft);
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Soumettre pour validation' }).click();
  await expect(page.getByText('Statut : En attente de validation')).toBeVisible();

  // The demo holder has not signed yet: its own page shows no badge.
  await page.goto(DEMO_PAGE);
  await expect(page.getByRole('heading', { level: 1, name: 'Mission Locale du Drouais' })).toBeVisible();
  await expect(page.locator('.structure__header .charter-badge')).toHaveCount(0);
  // The demo holder signs: its published initiatives carry the badge for everyone.
  await page.context().clearCookies();
  await signIn(page, DEMO_HOLDER, DEMO_PASSWORD, '/charte');
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Signer la charte (version 1)' }).click();
  await expect(page.getByText(/Vous avez signé la version 1 le/)).toBeVisible();
  await page.context().clearCookies();
  await page.goto(`/?q=${encodeURIComponent('Mission Locale du Drouais')}`);
  await waitForMap(page);
  const item = page.locator('#liste li.initiative-item').filter({ hasText: 'Mission Locale du Drouais' }).first();
  await expect(item.getByRole('link', { name: 'Charte signée' })).toBeVisible();
  // The list writes its badges as HTML (`map/list_rows.rs`), the other pages with the badges'
  // components: the same elements, attributes and texts.
  const listBadges = await Promise.all(['.charter-badge', '.demo-badge'].map((badge) => item.locator(badge).evaluate(shape)));
  expect(listBadges[0]).toEqual(['A', ['class=charter-badge', 'href=/charte', expect.stringMatching(/^title=Sa structure a signé/)], ['Charte signée']]);
  await item.locator('button.initiative-item__locate').click();
  await expect(page.locator('.leaflet-popup-content .charter-badge')).toHaveText('Charte signée');
  await item.locator('a.initiative-item__title').click();
  await expect(page.locator('.initiative__header').getByRole('link', { name: 'Charte signée' })).toBeVisible();
  const header = page.locator('.initiative__header');
  expect(await Promise.all(['.charter-badge', '.demo-badge'].map((badge) => header.locator(badge).evaluate(shape)))).toEqual(listBadges);
  // …and so does its holder's own page.
  await waitForHydration(page);
  await page.getByRole('definition').getByRole('link', { name: 'Mission Locale du Drouais' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mission Locale du Drouais' })).toBeVisible();
  await expect(page.locator('.structure__header').getByRole('link', { name: 'Charte signée' })).toBeVisible();
  // Initiatives of holders who did not sign carry no badge.
  await page.goto(`/?q=${encodeURIComponent('CIO de Chartres')}`);
  await expect(page.locator('#liste li.initiative-item').first()).toBeVisible();
  await expect(page.locator('#liste .charter-badge')).toHaveCount(0);
});

/** An element as a reader gets it: its tag, attributes (in any order) and children, text
 * included; the comments Leptos leaves for hydration left out. */
function shape(element: Element): unknown {
  const of = (node: Node): unknown => node instanceof Element
    ? [node.tagName, [...node.attributes].map((a) => `${a.name}=${a.value}`).sort(), [...node.childNodes].map(of).filter((n) => n !== null)]
    : node.nodeType === Node.TEXT_NODE ? node.textContent : null;
  return of(element);
}

/** Presses Tab until `target` has the focus (the keyboard's way to a field). */
async function tabTo(page: Page, target: Locator) {
  for (let step = 0; step < 60; step++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

test('the whole form works with the keyboard alone', async ({ page }) => {
  await signUp(page);
  await openNewForm(page);
  await page.locator('main').focus();
  await tabTo(page, page.getByLabel('Titre'));
  await page.keyboard.type('Visite de la fromagerie');
  await tabTo(page, page.getByLabel('Résumé', { exact: true }));
  await page.keyboard.type('Les collégiens découvrent les métiers de la transformation du lait.');
  await tabTo(page, page.getByLabel("Type d'initiative"));
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel("Type d'initiative")).toHaveValue('visite-entreprise');
  await tabTo(page, page.getByRole('checkbox', { name: 'Relation école / entreprise' }));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('checkbox', { name: 'Collégiens' }));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByLabel('Commune'));
  await page.keyboard.type('Dreux (28100)');
  await expect(page.getByLabel('Latitude')).toHaveValue(/^48\.7/);
  await tabTo(page, page.getByRole('button', { name: 'Soumettre pour validation' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\?enregistre=pending$/);
  await expect(page.getByText('Statut : En attente de validation')).toBeVisible();
});

test('holder pages are axe-clean, and anonymous visitors are sent to sign in', async ({ page }) => {
  await page.goto('/mes-initiatives');
  await expect(page).toHaveURL(/\/connexion\?suite=\/mes-initiatives$/);
  await signUp(page);
  const id = await createDraft(page, 'Forum des métiers du bâtiment');
  for (const path of ['/mes-initiatives', '/mes-initiatives/nouvelle', `/mes-initiatives/${id}`, '/charte']) {
    await page.goto(path);
    await waitForHydration(page);
    expect(await violations(page), path).toEqual([]);
  }
});

test("another holder's initiative is neither readable nor editable", async ({ browser, page }) => {
  await signUp(page);
  const id = await createDraft(page, 'Brouillon privé de la structure A');
  const other = await browser.newContext();
  const stranger = await other.newPage();
  await signUp(stranger, { organisation: 'Structure B' });
  const response = await stranger.goto(`/mes-initiatives/${id}`);
  expect(response!.status()).toBe(403);
  await expect(stranger.getByText('Votre compte ne permet pas cette action.')).toBeVisible();
  await expect(stranger.getByText('Brouillon privé de la structure A')).toHaveCount(0);
  await other.close();
});

test('markup typed in any text field shows as text in popup, list, detail and holder pages', async ({ page }) => {
  // `fixtures seed-hostile` published an initiative whose every text is markup (playwright.config.ts).
  // The list's rows are HTML written by the app (`map/list_rows.rs`): sent by the server when the
  // view is opened, built in the browser when the visitor reaches it from another view.
  const item = page.locator('#liste li.initiative-item').first();
  for (const reached of ['opened', 'searched']) {
    if (reached === 'opened') {
      await page.goto(`/?q=${encodeURIComponent('Piège')}`);
      await waitForMap(page);
    } else {
      await page.goto('/');
      await waitForMap(page);
      // Set on this document: still there after the search, the list was built in the browser.
      await page.evaluate(() => { (window as any).__samePage = true; });
      await page.locator('#filtre-q').fill('Piège');
      await page.locator('#filtre-q').press('Enter');
      await expect(page.locator('#result-count')).toHaveText('1 initiative');
      expect(await page.evaluate(() => (window as any).__samePage)).toBe(true);
    }
    await expect(item.locator('a.initiative-item__title'), reached).toContainText('<img src=x onerror="window.__xss=1">');
    await expect(item, reached).toContainText('Structure <img');
    expect(await page.locator('img[src="x"], #liste script').count(), reached).toBe(0);
    expect(await page.evaluate(() => (window as any).__xss), reached).toBeUndefined();
    await item.locator('button.initiative-item__locate').click();
    await expect(page.locator('.leaflet-popup-content a.popup__title'), reached).toContainText('<script>window.__xss=1</script>');
  }
  await item.locator('a.initiative-item__title').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('<img src=x');
  await expect(page.locator('.initiative__description')).toContainText('<b>Second</b> paragraphe.');
  await expect(page.locator('.initiative-facts')).toContainText('Rue <img');

  await signUp(page);
  await openNewForm(page);
  await fillRequired(page, 'Titre <img src=x onerror="window.__xss=1">');
  await page.getByLabel('Description').fill('<script>window.__xss=1</script>');
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await expect(page).toHaveURL(/\?enregistre=draft$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Titre <img src=x onerror="window.__xss=1">');
  await page.goto('/mes-initiatives');
  await expect(page.locator('.holder-table')).toContainText('Titre <img src=x');

  for (const path of ['/', '/mes-initiatives']) {
    await page.goto(path);
    await waitForHydration(page);
    expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
  }
});
