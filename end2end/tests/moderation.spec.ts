// The club's animators in the browser, each person in a browser context of their own: a holder
// submits, the animator of that area approves, and a citizen's map already open shows the new pin
// without a reload; a refusal's reason reaches the holder; a citizen reports a pin and the
// animator resolves it; a citizen's suggestion; the honeypot; animators of another area see
// nothing; the audit log; axe on every new page.
import { expect, PASSWORD, signIn, test, uniqueEmail, violations, waitForHydration, waitForMap } from './fixtures';
import type { Browser, Page } from '@playwright/test';

// Created by playwright.config.ts's server command.
const CHARTRES = 'animation.chartres@exemple.fr';
const DREUX = 'animation.dreux@exemple.fr';
const ADMIN = 'administration@exemple.fr';

/** A new browser context (its own cookies: another person) and a page in it. */
async function person(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

/** A new holder, signed in on `page`, with an initiative in Chartres submitted for review. */
async function holderWithSubmission(page: Page, title: string): Promise<number> {
  await page.goto('/inscription');
  await waitForHydration(page);
  await page.getByLabel('Structure').fill('CIO de Chartres');
  await page.getByLabel('Nom de la personne à contacter').fill('Camille Martin');
  await page.getByLabel('Adresse e-mail').fill(uniqueEmail('porteur'));
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Créer le compte' }).click();
  await expect(page).toHaveURL(/\/compte$/);
  const response = await page.request.post('/api/create_initiative', {
    form: {
      intent: 'submit', 'form[title]': title,
      'form[summary]': 'Des lycéens rencontrent des professionnels de la santé pendant une matinée.',
      'form[kind]': 'visite-entreprise', 'form[themes][]': 'ecole-entreprise', 'form[audiences][]': 'lyceens',
      'form[commune]': 'Chartres (28000)', 'form[lat]': '48.4300', 'form[lon]': '1.5200', 'form[organisation]': 'CIO de Chartres',
    },
    headers: { accept: 'application/json' },
  });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()).id;
}

/** Opens the moderation case of `title` from the animator's queue. */
async function openFromQueue(page: Page, title: string) {
  await page.goto('/moderation');
  await waitForHydration(page);
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await waitForHydration(page);
}

test('a holder submits, the animator of Chartres approves, and an open map shows the pin without reloading', async ({ browser }) => {
  const citizen = await person(browser);
  await citizen.goto('/');
  await waitForMap(citizen);
  const before = Number(await citizen.locator('#carte').getAttribute('data-pins'));
  const title = `Visite du centre hospitalier ${Date.now()}`;

  const holder = await person(browser);
  await holderWithSubmission(holder, title);

  // Dreux's animator does not see it; Chartres's does, field by field.
  const dreux = await person(browser);
  await signIn(dreux, DREUX, PASSWORD, '/moderation');
  await expect(dreux.getByText('Bassin de Dreux')).toBeVisible();
  await expect(dreux.getByRole('link', { name: title })).toHaveCount(0);

  const animator = await person(browser);
  await signIn(animator, CHARTRES, PASSWORD, '/moderation');
  const row = animator.getByRole('row', { name: new RegExp(title) });
  await expect(row).toContainText('Nouvelle initiative');
  await expect(row).toContainText('depuis aujourd\'hui');
  await openFromQueue(animator, title);
  await expect(animator.getByRole('heading', { name: 'Version 1 à valider' })).toBeVisible();
  const content = animator.getByRole('table', { name: 'Contenu proposé' });
  await expect(content.getByRole('row', { name: /Titre/ })).toContainText(title);
  await expect(content.getByRole('row', { name: /Commune/ })).toContainText('Chartres (28000)');
  await animator.getByRole('button', { name: 'Valider et publier' }).click();
  await expect(animator.getByRole('status').filter({ hasText: 'Version publiée' })).toBeVisible();

  // The citizen's map, open all along, gains the pin; the list follows when asked.
  await expect(citizen.locator('#carte')).toHaveAttribute('data-pins', String(before + 1), { timeout: 10_000 });
  await expect(citizen.getByRole('status').filter({ hasText: "La carte vient d'être mise à jour" })).toBeVisible();
  await citizen.getByRole('button', { name: 'Mettre à jour la liste' }).click();
  await expect(citizen.locator('#liste').getByRole('link', { name: title })).toBeVisible();
  await expect(citizen.getByText("La carte vient d'être mise à jour")).toHaveCount(0);
});

test('a refusal needs a reason, which the holder then reads', async ({ browser }) => {
  const holder = await person(browser);
  const title = `Atelier métiers du soin ${Date.now()}`;
  await holderWithSubmission(holder, title);
  const animator = await person(browser);
  await signIn(animator, CHARTRES, PASSWORD, '/moderation');
  await openFromQueue(animator, title);
  const reason = animator.getByLabel('Motif du refus');
  await reason.fill('Non');
  await animator.getByRole('button', { name: 'Refuser avec ce motif' }).click();
  await expect(animator.locator('#champ-reason-erreur')).toContainText('10 caractères au moins');
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(reason).toHaveValue('Non');
  await reason.fill('Indiquez les dates et les horaires de l\'atelier.');
  await animator.getByRole('button', { name: 'Refuser avec ce motif' }).click();
  await expect(animator.getByRole('status').filter({ hasText: 'Refus enregistré' })).toBeVisible();

  await holder.goto('/mes-initiatives');
  const row = holder.getByRole('row', { name: new RegExp(title) });
  await expect(row).toContainText('Refusée');
  await expect(row).toContainText("Motif du refus : Indiquez les dates et les horaires de l'atelier.");
});

test('a citizen reports a pin, and the animator of its area resolves the report', async ({ browser, request }) => {
  const citizen = await person(browser);
  const collection = await (await request.get('/api/initiatives.geojson?bassin=chartres')).json();
  const feature = collection.features[0];
  await citizen.goto(feature.properties.url);
  await waitForHydration(citizen);
  await citizen.getByText('Signaler un problème sur cette initiative').click();
  await citizen.getByRole('button', { name: 'Envoyer le signalement' }).click();
  await expect(citizen.locator('#champ-report_reason-erreur')).toHaveText('Choisissez le problème que vous signalez.');
  await citizen.getByLabel('Des informations sont erronées').check();
  const comment = `Le numéro de téléphone ne répond plus (${Date.now()}).`;
  await citizen.getByLabel('Commentaire').fill(comment);
  await citizen.getByRole('button', { name: 'Envoyer le signalement' }).click();
  await expect(citizen.getByRole('status').filter({ hasText: 'votre signalement a été transmis' })).toBeVisible();

  const animator = await person(browser);
  await signIn(animator, CHARTRES, PASSWORD, '/moderation');
  const row = animator.getByRole('row', { name: new RegExp(comment.replace(/[()]/g, '.')) });
  await expect(row).toContainText('Signalement');
  await row.getByRole('link').click();
  await waitForHydration(animator);
  const report = animator.locator('.moderation-report', { hasText: comment });
  await report.getByLabel('Ce qui a été fait (facultatif)').fill('Numéro corrigé avec la structure.');
  await report.getByRole('button', { name: 'Marquer comme résolu' }).click();
  await expect(animator.getByRole('status').filter({ hasText: 'Signalement marqué comme résolu' })).toBeVisible();
  await expect(animator.locator('.moderation-report', { hasText: comment })).toContainText('Numéro corrigé avec la structure.');
  await animator.goto('/moderation');
  await expect(animator.getByRole('row', { name: new RegExp(comment.replace(/[()]/g, '.')) })).toHaveCount(0);

  // Dreux's animator may not even open it.
  const dreux = await person(browser);
  await signIn(dreux, DREUX, PASSWORD, '/moderation');
  await dreux.goto(`/moderation/initiatives/${feature.id}`);
  await expect(dreux.getByRole('alert')).toContainText('Votre compte ne permet pas cette action.');
});

test('a citizen suggests an initiative; a bot filling the honeypot is told why it was refused', async ({ browser }) => {
  const citizen = await person(browser);
  await citizen.goto('/proposer');
  await waitForHydration(citizen);
  await citizen.locator('#carte-epingle[data-ready]').waitFor();
  const title = `Café des métiers de Dreux ${Date.now()}`;
  await citizen.getByLabel('Titre').fill(title);
  await citizen.getByLabel('Résumé').fill('Un samedi par mois, des professionnels racontent leur métier autour d\'un café.');
  await citizen.getByLabel("Type d'initiative").selectOption('atelier-se-connaitre');
  await citizen.getByRole('checkbox', { name: 'Se connaître soi pour mieux s\'orienter' }).check();
  await citizen.getByRole('checkbox', { name: 'Tout public' }).check();
  await citizen.getByLabel('Commune').fill('Dreux (28100)');
  await citizen.getByLabel('Structure').fill('Association des habitants');
  await citizen.getByLabel('Votre adresse e-mail (facultatif)').fill('pas-une-adresse');
  await citizen.getByRole('button', { name: 'Envoyer la proposition' }).click();
  await expect(citizen.locator('#champ-contact_email-erreur')).toContainText('nom@exemple.fr');
  await expect(citizen.getByLabel('Titre')).toHaveValue(title);

  // What a program that fills every input would send.
  await citizen.locator('input[name="adresse_web"]').evaluate((input: HTMLInputElement) => { input.value = 'https://spam.example'; });
  await citizen.getByLabel('Votre adresse e-mail (facultatif)').fill('voisine@exemple.fr');
  await citizen.getByRole('button', { name: 'Envoyer la proposition' }).click();
  await expect(citizen.getByRole('alert')).toContainText('comme le font les robots');
  await citizen.locator('input[name="adresse_web"]').evaluate((input: HTMLInputElement) => { input.value = ''; });
  await citizen.getByRole('button', { name: 'Envoyer la proposition' }).click();
  await expect(citizen).toHaveURL(/\/proposer\?merci=1$/);
  await expect(citizen.getByRole('status').filter({ hasText: 'votre proposition a été transmise' })).toBeVisible();

  const animator = await person(browser);
  await signIn(animator, DREUX, PASSWORD, '/moderation');
  await expect(animator.getByRole('row', { name: new RegExp(title) })).toContainText('Suggestion citoyenne');
  await openFromQueue(animator, title);
  await expect(animator.getByText('Suggestion citoyenne — contact : voisine@exemple.fr')).toBeVisible();
});

test('the admin reads who did what in the audit log; others may not', async ({ browser }) => {
  const admin = await person(browser);
  await signIn(admin, ADMIN, PASSWORD, '/admin/journal');
  await expect(admin.getByRole('heading', { name: 'Journal des actions' })).toBeVisible();
  await expect(admin.getByRole('cell', { name: 'Bassins d\'un animateur' }).first()).toBeVisible();
  const animator = await person(browser);
  await signIn(animator, CHARTRES, PASSWORD, '/moderation');
  await animator.goto('/admin/journal');
  await expect(animator.getByRole('alert')).toContainText('Votre compte ne permet pas cette action.');
  const anonymous = await person(browser);
  await anonymous.goto('/moderation');
  await expect(anonymous).toHaveURL(/\/connexion\?suite=\/moderation$/);
});

test('axe finds no violation on the moderation pages, the suggestion form and the report form', async ({ browser, request }) => {
  const holder = await person(browser);
  const title = `Forum santé ${Date.now()}`;
  const id = await holderWithSubmission(holder, title);
  const animator = await person(browser);
  await signIn(animator, CHARTRES, PASSWORD, '/moderation');
  expect(await violations(animator)).toEqual([]);
  await animator.goto(`/moderation/initiatives/${id}`);
  await waitForHydration(animator);
  expect(await violations(animator)).toEqual([]);
  const admin = await person(browser);
  await signIn(admin, ADMIN, PASSWORD, '/admin/journal');
  expect(await violations(admin)).toEqual([]);
  const citizen = await person(browser);
  await citizen.goto('/proposer');
  await waitForHydration(citizen);
  expect(await violations(citizen)).toEqual([]);
  const collection = await (await request.get('/api/initiatives.geojson')).json();
  await citizen.goto(collection.features[0].properties.url);
  await waitForHydration(citizen);
  await citizen.getByText('Signaler un problème sur cette initiative').click();
  expect(await violations(citizen)).toEqual([]);
});
