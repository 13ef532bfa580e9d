// The club's animators in the browser, each person in a browser context of their own: a holder
// submits, the animator of that area approves, and a citizen's map already open shows the new pin
// without a reload; a refusal's reason reaches the holder; a citizen reports a pin and the
// animator resolves it; a citizen's suggestion; the honeypot; animators of another area see
// nothing; the audit log; axe on every new page.
import { expect, linkIn, mailTo, PASSWORD, test, uniqueEmail, violations, waitForHydration, waitForMap, type People, serverFn } from './fixtures';
import type { Page } from '@playwright/test';

// Created by playwright.config.ts's server command.
const CHARTRES = 'animation.chartres@exemple.fr';
const DREUX = 'animation.dreux@exemple.fr';
const ADMIN = 'administration@exemple.fr';

/** The holder whose submissions this file's tests moderate (signed up and verified once:
 * sign-ups are limited per address like sign-ins). */
const HOLDER = uniqueEmail('porteur.moderation');
let holderVerified = false;

/** The holder, signed in on a page of their own, with an initiative in Chartres submitted for
 * review; returns the page and the initiative's id. */
async function holderWithSubmission(people: People, title: string): Promise<{ holder: Page; id: number }> {
  if (!holderVerified) {
    const visitor = await people.anonymous();
    const signedUp = await visitor.request.post('/api/sign_up', {
      form: { organisation: 'CIO de Chartres', contact_name: 'Camille Martin', email: HOLDER, password: PASSWORD }, headers: serverFn(),
    });
    expect(signedUp.status()).toBe(200);
    // Submitting needs a verified address: the link of the mail.
    const secret = new URL(linkIn(await mailTo(HOLDER, /Confirmez votre adresse/), '/verifier-adresse')).searchParams.get('jeton')!;
    const verified = await visitor.request.post('/api/verify_email', { form: { secret }, headers: serverFn() });
    expect(verified.status(), await verified.text()).toBe(200);
    holderVerified = true;
  }
  const holder = await people.signedIn(HOLDER, PASSWORD, '/mes-initiatives');
  const response = await holder.request.post('/api/create_initiative', {
    form: {
      intent: 'submit', 'form[title]': title,
      'form[summary]': 'Des lycéens rencontrent des professionnels de la santé pendant une matinée.',
      'form[kind]': 'visite-entreprise', 'form[themes][]': 'ecole-entreprise', 'form[audiences][]': 'lyceens',
      'form[commune]': 'Chartres (28000)', 'form[lat]': '48.4300', 'form[lon]': '1.5200', 'form[organisation]': 'CIO de Chartres',
    },
    headers: serverFn(),
  });
  expect(response.status(), await response.text()).toBe(200);
  return { holder, id: (await response.json()).id };
}

/** Opens the moderation case of `title` from the animator's queue. */
async function openFromQueue(page: Page, title: string) {
  await page.goto('/moderation');
  await waitForHydration(page);
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await waitForHydration(page);
}

test('a holder submits, the animator of Chartres approves, and an open map shows the pin without reloading', async ({ people }) => {
  const citizen = await people.anonymous();
  await citizen.goto('/');
  await waitForMap(citizen);
  const before = Number(await citizen.locator('#carte').getAttribute('data-pins'));
  const title = `Visite du centre hospitalier ${Date.now()}`;

  await holderWithSubmission(people, title);

  // Dreux's animator does not see it; Chartres's does, field by field.
  const dreux = await people.signedIn(DREUX, PASSWORD, '/moderation');
  await expect(dreux.getByText('Bassin de Dreux')).toBeVisible();
  await expect(dreux.getByRole('link', { name: title })).toHaveCount(0);

  const animator = await people.signedIn(CHARTRES, PASSWORD, '/moderation');
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

  // Mail: Chartres's animator was told of the submission at once; the holder of the approval,
  // with the public page's link.
  const told = await mailTo(CHARTRES, new RegExp(`À modérer : « ${title} »`));
  expect(told.text).toContain('/moderation/initiatives/');
  const published = await mailTo(HOLDER, new RegExp(`Publiée : « ${title} »`));
  await citizen.goto(linkIn(published, '/initiatives/'));
  await expect(citizen.getByRole('heading', { level: 1, name: title })).toBeVisible();
});

test('initiatives published at one address stay one cluster, whose popup lists them, found from the list', async ({ people }) => {
  // holderWithSubmission places every initiative at one point: two of them, published.
  const stamp = Date.now();
  const titles = [`Matinée des métiers de la santé ${stamp}`, `Après-midi des métiers du soin ${stamp}`];
  const animator = await people.signedIn(CHARTRES, PASSWORD, '/moderation');
  for (const title of titles) {
    const { id } = await holderWithSubmission(people, title);
    const approved = await animator.request.post('/api/approve_revision', { form: { id: String(id), number: '1' }, headers: serverFn() });
    expect(approved.status(), await approved.text()).toBe(200);
  }
  const citizen = await people.anonymous();
  await citizen.goto(`/?q=${stamp}`);
  await waitForMap(citizen);
  await expect(citizen.locator('#carte')).toHaveAttribute('data-pins', '2');
  await expect(citizen.locator('#liste li.initiative-item')).toHaveCount(2);
  // « Voir sur la carte » zooms as far as the map goes: the two never split, so their cluster's
  // popup lists both, the keyboard on the one asked for.
  const item = citizen.locator('#liste li.initiative-item', { hasText: titles[1] });
  await item.getByRole('button', { name: /Voir sur la carte/ }).click();
  const listed = citizen.locator('.leaflet-popup-content a.popup__title');
  await expect(listed).toHaveCount(2);
  expect((await listed.allTextContents()).sort()).toEqual([...titles].sort());
  await expect(listed.filter({ hasText: titles[1] })).toBeFocused();
  await expect(citizen.locator('#carte .marker-cluster')).toHaveCount(1);
  await expect(citizen.locator('#carte .leaflet-marker-icon.pin')).toHaveCount(0);
  // The cluster itself, activated, lists them too rather than zooming further.
  await citizen.getByRole('button', { name: 'Fermer' }).click();
  await expect(listed).toHaveCount(0);
  await citizen.locator('#carte .marker-cluster').click();
  await expect(listed).toHaveCount(2);
});

test('a map whose event stream was refused reconnects and catches up with what it missed', async ({ people, consoleErrors }) => {
  const citizen = await people.anonymous();
  // The first attempts are refused, as by a proxy restarting: the browser gives up on them and
  // the page opens a new stream a few seconds later.
  let refusals = 0;
  await citizen.route('**/api/events**', (route) => {
    refusals += 1;
    return route.fulfill({ status: 503, contentType: 'text/plain', body: 'indisponible' });
  });
  await citizen.goto('/');
  await waitForMap(citizen);
  await expect.poll(() => refusals).toBeGreaterThan(0);
  const before = Number(await citizen.locator('#carte').getAttribute('data-pins'));

  const title = `Découverte des métiers de la logistique ${Date.now()}`;
  const { id } = await holderWithSubmission(people, title);
  const animator = await people.signedIn(CHARTRES, PASSWORD, '/moderation');
  const approved = await animator.request.post('/api/approve_revision', { form: { id: String(id), number: '1' }, headers: serverFn() });
  expect(approved.status(), await approved.text()).toBe(200);

  await citizen.unroute('**/api/events**');
  await expect(citizen.locator('#carte')).toHaveAttribute('data-pins', String(before + 1), { timeout: 15_000 });
  // What the refusals made the browser log, and nothing else.
  const others = consoleErrors.filter((e) => !/status of 503|EventSource/.test(e));
  expect(others).toEqual([]);
  consoleErrors.splice(0, consoleErrors.length);
});

test('a refusal needs a reason, which the holder then reads', async ({ people }) => {
  const title = `Atelier métiers du soin ${Date.now()}`;
  const { holder } = await holderWithSubmission(people, title);
  const animator = await people.signedIn(CHARTRES, PASSWORD, '/moderation');
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
  // The mail says it too, and leads to the form.
  const refused = await mailTo(HOLDER, new RegExp(`À revoir : « ${title} »`));
  expect(refused.text).toContain("> Indiquez les dates et les horaires de l'atelier.");
  await holder.goto(linkIn(refused, '/mes-initiatives/'));
  await expect(holder.getByLabel('Titre')).toHaveValue(title);
});

test('a citizen reports a pin, and the animator of its area resolves the report', async ({ people, request }) => {
  const citizen = await people.anonymous();
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

  const animator = await people.signedIn(CHARTRES, PASSWORD, '/moderation');
  const row = animator.getByRole('row', { name: new RegExp(comment.replace(/[()]/g, '.')) });
  await expect(row).toContainText('Signalement');
  await expect(row).toContainText(`Des informations sont erronées : ${comment}`);
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
  const dreux = await people.signedIn(DREUX, PASSWORD, '/moderation');
  await dreux.goto(`/moderation/initiatives/${feature.id}`);
  await expect(dreux.getByRole('alert')).toContainText('Votre compte ne permet pas cette action.');
});

test('a citizen suggests an initiative; a bot filling the honeypot is told why it was refused', async ({ people }) => {
  const citizen = await people.anonymous();
  await citizen.goto('/proposer');
  await waitForHydration(citizen);
  await citizen.locator('#carte-epingle[data-ready]').waitFor();
  const title = `Café des métiers de Dreux ${Date.now()}`;
  await citizen.getByLabel('Titre').fill(title);
  await citizen.getByLabel('Résumé', { exact: true }).fill('Un samedi par mois, des professionnels racontent leur métier autour d\'un café.');
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

  const animator = await people.signedIn(DREUX, PASSWORD, '/moderation');
  await expect(animator.getByRole('row', { name: new RegExp(title) })).toContainText('Suggestion citoyenne');
  await openFromQueue(animator, title);
  await expect(animator.getByText('Suggestion citoyenne — contact : voisine@exemple.fr')).toBeVisible();
});

test('the admin reads who did what in the audit log; others may not', async ({ people }) => {
  const admin = await people.signedIn(ADMIN, PASSWORD, '/admin/journal');
  await expect(admin.getByRole('heading', { name: 'Journal des actions' })).toBeVisible();
  await expect(admin.getByRole('cell', { name: 'Bassins d\'un animateur' }).first()).toBeVisible();
  const animator = await people.signedIn(CHARTRES, PASSWORD, '/moderation');
  await animator.goto('/admin/journal');
  await expect(animator.getByRole('alert')).toContainText('Votre compte ne permet pas cette action.');
  const anonymous = await people.anonymous();
  await anonymous.goto('/moderation');
  await expect(anonymous).toHaveURL(/\/connexion\?suite=\/moderation$/);
});

test('axe finds no violation on the moderation pages, the suggestion form and the report form', async ({ people, request }) => {
  const title = `Forum santé ${Date.now()}`;
  const { id } = await holderWithSubmission(people, title);
  const animator = await people.signedIn(CHARTRES, PASSWORD, '/moderation');
  expect(await violations(animator)).toEqual([]);
  await animator.goto(`/moderation/initiatives/${id}`);
  await waitForHydration(animator);
  expect(await violations(animator)).toEqual([]);
  const admin = await people.signedIn(ADMIN, PASSWORD, '/admin/journal');
  expect(await violations(admin)).toEqual([]);
  const citizen = await people.anonymous();
  await citizen.goto('/proposer');
  await waitForHydration(citizen);
  expect(await violations(citizen)).toEqual([]);
  const collection = await (await request.get('/api/initiatives.geojson')).json();
  await citizen.goto(collection.features[0].properties.url);
  await waitForHydration(citizen);
  await citizen.getByText('Signaler un problème sur cette initiative').click();
  expect(await violations(citizen)).toEqual([]);
});
