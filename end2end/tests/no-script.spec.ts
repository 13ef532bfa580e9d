// Every form works without JavaScript (an old phone, blocked scripts, a chunk that failed to
// download): the browser posts the form itself, and the answer is the form's own page — each
// error beside its field, everything typed kept (never a password) — or, once it succeeds, the
// page the script would have gone to. One test per form people depend on: sign-up, sign-in, a
// suggestion, a report, the holder's form, the moderators' decisions, and a claim. And the same
// machinery with the script on, for a form sent before the page's code arrived.
import { expect, PASSWORD, test, uniqueEmail, mailTo, linkIn, serverFn, waitForHydration } from './fixtures';
import type { Browser, BrowserContext, Page } from '@playwright/test';

const CHARTRES = 'animation.chartres@exemple.fr';
const DEMO_HOLDER = 'mission-locale-drouais@demo.carte-orientation-28.fr';
const DEMO_PASSWORD = 'demo-carte-orientation-28';

const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});

/** A page of a browser that runs no script at all. */
async function withoutScript(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  contexts.push(context);
  return context.newPage();
}

/** The page a form sent without script answers on: the form's own, at its answer. */
async function expectAnswerOn(page: Page, path: string) {
  await expect(page).toHaveURL((url) => url.pathname === path && url.searchParams.has('envoi') && url.hash === '#envoi');
}

/** Signs in through the form, without script; lands on `next`. */
async function signInWithoutScript(page: Page, email: string, password: string, next: string) {
  await page.goto(`/connexion?suite=${encodeURIComponent(next)}`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL((url) => url.pathname + url.search === next);
}

test('sign-in without script: a wrong password comes back with the address kept, then the right one signs in', async ({ browser }) => {
  const page = await withoutScript(browser);
  await page.goto('/connexion?suite=%2Fmes-initiatives');
  await page.getByLabel('Adresse e-mail').fill(DEMO_HOLDER);
  await page.getByLabel('Mot de passe').fill('pas le bon mot de passe');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expectAnswerOn(page, '/connexion');
  await expect(page.getByRole('alert')).toContainText('mot de passe incorrect');
  await expect(page.getByLabel('Adresse e-mail')).toHaveValue(DEMO_HOLDER);
  await expect(page.getByLabel('Mot de passe')).toHaveValue('');
  // Reloading the answer sends nothing again: it shows the same answer.
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('mot de passe incorrect');

  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL((url) => url.pathname + url.search === '/mes-initiatives');
  await expect(page.getByRole('link', { name: /Mon compte/ })).toBeVisible();
});

test('sign-up without script: each error beside its field with what was typed, then the mailbox message', async ({ browser }) => {
  const page = await withoutScript(browser);
  await page.goto('/inscription');
  await page.getByLabel('Structure').fill('Point Information Jeunesse de Dreux');
  await page.getByLabel('Adresse e-mail').fill('pas-une-adresse');
  await page.getByLabel('Mot de passe').fill('court');
  await page.getByRole('button', { name: 'Créer le compte' }).click();
  await expectAnswerOn(page, '/inscription');
  await expect(page.locator('#champ-email-erreur')).not.toBeEmpty();
  await expect(page.locator('#champ-contact_name-erreur')).not.toBeEmpty();
  await expect(page.locator('#champ-password-erreur')).not.toBeEmpty();
  await expect(page.getByLabel('Adresse e-mail')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Structure')).toHaveValue('Point Information Jeunesse de Dreux');
  await expect(page.getByLabel('Adresse e-mail')).toHaveValue('pas-une-adresse');
  await expect(page.getByLabel('Mot de passe')).toHaveValue('');

  const email = uniqueEmail('sans-script');
  await page.getByLabel('Nom de la personne à contacter').fill('Camille Martin');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Créer le compte' }).click();
  await expectAnswerOn(page, '/inscription');
  await expect(page.getByRole('status').filter({ hasText: 'vérifiez votre messagerie' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Créer le compte' })).toBeHidden();
  // The link the mail brings works without script too, and signs in.
  await page.goto(linkIn(await mailTo(email, /Confirmez votre adresse/), '/verifier-adresse'));
  await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
  await expect(page).toHaveURL(/\/mes-initiatives\?adresse=verifiee$/);
});

test('a suggestion without script: what to fix, everything typed kept, then the thanks', async ({ browser }) => {
  const page = await withoutScript(browser);
  await page.goto('/proposer');
  const title = `Forum de l'alternance sans script ${Date.now()}`;
  await page.getByLabel('Titre').fill(title);
  await page.getByLabel("Type d'initiative").selectOption('forum-metiers');
  await page.getByRole('checkbox', { name: 'Tout public' }).check();
  await page.getByLabel('Commune').fill('Dreux (28100)');
  await page.getByLabel('Votre adresse e-mail (facultatif)').fill('voisine@exemple.fr');
  await page.getByRole('button', { name: 'Envoyer la proposition' }).click();
  await expectAnswerOn(page, '/proposer');
  await expect(page.locator('#champ-summary-erreur')).not.toBeEmpty();
  await expect(page.getByLabel('Résumé', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').getByRole('link').first()).toBeVisible();
  await expect(page.getByLabel('Titre')).toHaveValue(title);
  await expect(page.getByLabel("Type d'initiative")).toHaveValue('forum-metiers');
  await expect(page.getByRole('checkbox', { name: 'Tout public' })).toBeChecked();
  await expect(page.getByLabel('Commune')).toHaveValue('Dreux (28100)');
  await expect(page.getByLabel('Votre adresse e-mail (facultatif)')).toHaveValue('voisine@exemple.fr');

  await expect(page.locator('#champ-themes-erreur')).not.toBeEmpty();
  await page.getByLabel('Résumé', { exact: true }).fill("Un samedi par mois, des apprentis racontent leur métier et leur contrat d'alternance.");
  await page.getByRole('checkbox', { name: 'Compétences' }).check();
  await page.getByLabel('Structure').fill('Association des habitants');
  await page.getByRole('button', { name: 'Envoyer la proposition' }).click();
  await expect(page).toHaveURL(/\/proposer\?merci=1(#envoi)?$/);
  await expect(page.getByRole('status').filter({ hasText: 'votre proposition a été transmise' })).toBeVisible();
});

// A slow phone: the form is sent before the page's code arrived, so the browser posts it itself.
// The answer's page then hydrates with the server's reading of what was sent (`SentForm`, handed
// to the browser with the page's data, `wire::WireCodec`): its errors and everything typed stay,
// and the script, now running, sends the corrected form.
test("a suggestion sent before the page's code arrived: its answer hydrates with the errors and everything typed, then the script sends it", async ({ page }) => {
  let release!: () => void;
  const released = new Promise<void>((resolve) => { release = resolve; });
  // The first page's WASM is still held when the form leaves it: that request ends with it.
  await page.route('**/pkg/*.wasm', async (route) => { await released; await route.continue().catch(() => {}); });
  // Not `load`: that the held WASM (preloaded from the head) does not delay it is the browser's business.
  await page.goto('/proposer', { waitUntil: 'domcontentloaded' });
  const title = `Forum de l'alternance envoyé trop tôt ${Date.now()}`;
  await page.getByLabel('Titre').fill(title);
  await page.getByLabel("Type d'initiative").selectOption('forum-metiers');
  await page.getByRole('checkbox', { name: 'Tout public' }).check();
  await page.getByLabel('Commune').fill('Dreux (28100)');
  await page.getByLabel('Votre adresse e-mail (facultatif)').fill('voisine@exemple.fr');
  expect(await page.locator('body[data-hydrated]').count(), 'the WASM is still held back').toBe(0);
  await page.getByRole('button', { name: 'Envoyer la proposition' }).click();
  await expectAnswerOn(page, '/proposer');
  release();
  await waitForHydration(page);

  await expect(page.locator('#champ-summary-erreur')).not.toBeEmpty();
  await expect(page.locator('#champ-themes-erreur')).not.toBeEmpty();
  await expect(page.getByLabel('Titre')).toHaveValue(title);
  await expect(page.getByLabel("Type d'initiative")).toHaveValue('forum-metiers');
  await expect(page.getByRole('checkbox', { name: 'Tout public' })).toBeChecked();
  await expect(page.getByLabel('Commune')).toHaveValue('Dreux (28100)');
  await expect(page.getByLabel('Votre adresse e-mail (facultatif)')).toHaveValue('voisine@exemple.fr');

  // Sent by the script this time: its thanks replace the form.
  const sent = page.waitForResponse((response) => response.url().includes('/api/suggest_initiative'));
  await page.getByLabel('Résumé', { exact: true }).fill("Un samedi par mois, des apprentis racontent leur métier et leur contrat d'alternance.");
  await page.getByRole('checkbox', { name: 'Compétences' }).check();
  await page.getByLabel('Structure').fill('Association des habitants');
  await page.getByRole('button', { name: 'Envoyer la proposition' }).click();
  // The script's request asks for postcard (app/src/wire.rs); the browser's own post would ask for a page.
  const accept = (await sent).request().headers()['accept'];
  expect(accept, 'sent by the script, not by the browser').toContain('application/x-postcard');
  expect(accept).not.toContain('text/html');
  await expect(page.getByRole('status').filter({ hasText: 'votre proposition a été transmise' })).toBeVisible();
});

test('a report without script: the folded form comes back open with its error, then the thanks', async ({ browser, request }) => {
  const collection = await (await request.get('/api/initiatives.geojson?bassin=chartres')).json();
  const page = await withoutScript(browser);
  await page.goto(collection.features[0].properties.url);
  await page.getByText('Signaler un problème sur cette initiative').click();
  const comment = `Le site web ne répond plus (${Date.now()}).`;
  await page.getByLabel('Commentaire').fill(comment);
  await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
  await expect(page).toHaveURL((url) => url.searchParams.has('envoi'));
  await expect(page.locator('#champ-report_reason-erreur')).toHaveText('Choisissez le problème que vous signalez.');
  await expect(page.getByLabel('Commentaire')).toHaveValue(comment);
  await page.getByLabel('Des informations sont erronées').check();
  await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'votre signalement a été transmis' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Envoyer le signalement' })).toBeHidden();
});

test("the holder's form without script: refused with everything kept, saved, submitted, then refused and approved by the animator", async ({ browser }) => {
  const holder = await withoutScript(browser);
  await signInWithoutScript(holder, DEMO_HOLDER, DEMO_PASSWORD, '/mes-initiatives');
  await holder.goto('/mes-initiatives/nouvelle');
  const title = `Matinée des métiers du soin sans script ${Date.now()}`;
  await holder.getByLabel('Titre').fill(title);
  await holder.getByLabel('Commune').fill('Chartres (28000)');
  await holder.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await expectAnswerOn(holder, '/mes-initiatives/nouvelle');
  await expect(holder.locator('#champ-summary-erreur')).not.toBeEmpty();
  await expect(holder.getByLabel('Titre')).toHaveValue(title);
  await expect(holder.getByLabel('Commune')).toHaveValue('Chartres (28000)');

  await holder.getByLabel('Résumé', { exact: true }).fill('Des lycéens rencontrent des soignants pendant une matinée, à l\'hôpital.');
  await holder.getByLabel("Type d'initiative").selectOption('forum-metiers');
  await holder.getByRole('checkbox', { name: 'Compétences' }).check();
  await holder.getByRole('checkbox', { name: 'Lycéens' }).check();
  await holder.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await expect(holder).toHaveURL(/\/mes-initiatives\/\d+\?enregistre=draft(#envoi)?$/);
  await expect(holder.getByText('Statut : Brouillon')).toBeVisible();
  await holder.getByRole('button', { name: /Soumettre/ }).click();
  await expect(holder.getByText(/Statut : (En attente|À valider|Soumise)/)).toBeVisible();
  const edit = new URL(holder.url()).pathname;
  const id = edit.split('/').pop();

  // The animator of Chartres decides, without script too.
  const animator = await withoutScript(browser);
  await signInWithoutScript(animator, CHARTRES, PASSWORD, '/moderation');
  await animator.goto(`/moderation/initiatives/${id}`);
  const reason = animator.getByLabel('Motif du refus');
  await reason.fill('Non');
  await animator.getByRole('button', { name: 'Refuser avec ce motif' }).click();
  await expectAnswerOn(animator, `/moderation/initiatives/${id}`);
  await expect(animator.locator('#champ-reason-erreur')).toContainText('10 caractères au moins');
  await expect(animator.getByLabel('Motif du refus')).toHaveValue('Non');
  await animator.getByLabel('Motif du refus').fill("Indiquez l'heure de début de la matinée.");
  await animator.getByRole('button', { name: 'Refuser avec ce motif' }).click();
  await expect(animator).toHaveURL(new RegExp(`/moderation/initiatives/${id}\\?fait=refusee`));
  await expect(animator.getByRole('status').filter({ hasText: 'Refus enregistré' })).toBeVisible();

  // Submitted again, then approved.
  await holder.goto(edit);
  await expect(holder.getByText("Motif du refus : Indiquez l'heure de début de la matinée.")).toBeVisible();
  await holder.getByLabel('Résumé', { exact: true }).fill('Des lycéens rencontrent des soignants de 9 h à 12 h, à l\'hôpital de Chartres.');
  await holder.getByRole('button', { name: /Soumettre/ }).click();
  await expect(holder).toHaveURL(/\?enregistre=/);
  await animator.goto(`/moderation/initiatives/${id}`);
  await animator.getByRole('button', { name: 'Valider et publier' }).click();
  await expect(animator).toHaveURL(new RegExp(`/moderation/initiatives/${id}\\?fait=publiee`));
  await expect(animator.getByRole('status').filter({ hasText: 'Version publiée' })).toBeVisible();
  const publicPage = await withoutScript(browser);
  await publicPage.goto(`/initiatives/${id}`);
  await expect(publicPage.getByRole('heading', { level: 1 })).toHaveText(title);
});

test("a claim without script: the message refused beside its field and kept, then sent; the animator accepts it", async ({ browser, request }) => {
  // A published initiative nobody holds: a citizen's suggestion, approved.
  const animator = await withoutScript(browser);
  await signInWithoutScript(animator, CHARTRES, PASSWORD, '/moderation');
  const title = `Atelier CV sans script ${Date.now()}`;
  const suggested = await request.post('/api/suggest_initiative', {
    form: {
      'form[title]': title, 'form[summary]': 'Un atelier pour écrire son CV avec des recruteurs du territoire.',
      'form[kind]': 'atelier-se-connaitre', 'form[themes][]': 'competences', 'form[audiences][]': 'tout-public',
      'form[commune]': 'Chartres (28000)', 'form[organisation]': 'Atelier des possibles', contact_email: '', adresse_web: '',
    },
    headers: serverFn(),
  });
  expect(suggested.status(), await suggested.text()).toBe(200);
  const id = String(await suggested.json());
  const approved = await animator.request.post('/api/approve_revision', { form: { id, number: '1' }, headers: serverFn() });
  expect(approved.status(), await approved.text()).toBe(200);

  // A new holder, verified.
  const email = uniqueEmail('porteur.sans.script');
  const signedUp = await request.post('/api/sign_up', {
    form: { organisation: 'Atelier des possibles', contact_name: 'Alex', email, password: PASSWORD }, headers: serverFn(),
  });
  expect(signedUp.status()).toBe(200);
  const secret = new URL(linkIn(await mailTo(email, /Confirmez votre adresse/), '/verifier-adresse')).searchParams.get('jeton')!;
  expect((await request.post('/api/verify_email', { form: { secret }, headers: serverFn() })).status()).toBe(200);
  const holder = await withoutScript(browser);
  await signInWithoutScript(holder, email, PASSWORD, '/mes-initiatives');

  await holder.goto(`/initiatives/${id}`);
  await holder.getByRole('link', { name: "C'est notre initiative" }).click();
  const claimPath = new URL(holder.url()).pathname;
  await holder.getByLabel('Votre lien avec cette initiative').fill('Nous');
  await holder.getByRole('button', { name: 'Envoyer la demande' }).click();
  await expectAnswerOn(holder, claimPath);
  await expect(holder.locator('#champ-claim_message-erreur')).toContainText('10 caractères au moins');
  await expect(holder.getByLabel('Votre lien avec cette initiative')).toHaveValue('Nous');
  await holder.getByLabel('Votre lien avec cette initiative').fill("Nous animons cet atelier chaque mois à l'Atelier des possibles.");
  await holder.getByRole('button', { name: 'Envoyer la demande' }).click();
  await expect(holder.getByRole('status').filter({ hasText: 'Demande envoyée' })).toBeVisible();
  await expect(holder.getByText(/attend la réponse d'un animateur/)).toBeVisible();

  await animator.goto(`/moderation/initiatives/${id}`);
  await animator.getByRole('button', { name: "Accepter : lui confier l'initiative" }).click();
  await expect(animator).toHaveURL(new RegExp(`/moderation/initiatives/${id}\\?fait=rattachement-accepte`));
  await expect(animator.getByRole('status').filter({ hasText: 'Demande acceptée' })).toBeVisible();
  await holder.goto('/mes-initiatives');
  await expect(holder.getByRole('table', { name: 'Mes initiatives et leur statut' }).getByRole('link', { name: title })).toBeVisible();
});
