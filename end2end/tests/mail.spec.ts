// Mail and the life of an account in the browser, each mail read from the real SMTP server the
// tests start (scripts/smtp-sink.py): a verified address before submitting; a forgotten password
// whose link signs the other sessions out; broken links; a taken address; the animators' daily
// digest; one-click unsubscribing; the yearly reminder and its one-click confirmation; the
// download of one's data; deleting an account (checked by SQL); the outbox and the legal pages;
// axe on every new page.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  expect, linkIn, mailsTo, mailTo, PASSWORD, signIn, signUp, test, uniqueEmail, violations, waitForHydration,
  type Page,
  serverFn,
} from './fixtures';

const CHARTRES = 'animation.chartres@exemple.fr';
const DREUX = 'animation.dreux@exemple.fr';
const ADMIN = 'administration@exemple.fr';
const DEMO_HOLDER = 'mission-locale-drouais@demo.carte-orientation-28.fr';
const DEMO_PASSWORD = 'demo-carte-orientation-28';

/** An initiative of `commune` through the server function, with `page`'s session. */
async function initiative(page: Page, title: string, intent: 'draft' | 'submit', commune = 'Chartres (28000)') {
  return page.request.post('/api/create_initiative', {
    form: {
      intent, 'form[title]': title,
      'form[summary]': 'Des lycéens rencontrent des professionnels de la santé pendant une matinée.',
      'form[kind]': 'forum-metiers', 'form[themes][]': 'competences', 'form[audiences][]': 'lyceens',
      'form[commune]': commune, 'form[organisation]': 'CIO de Chartres',
    },
    headers: serverFn(),
  });
}

/** A citizen's suggestion in `commune`, sent without an account. */
async function suggest(page: Page, title: string, commune: string) {
  const response = await page.request.post('/api/suggest_initiative', {
    form: {
      'form[title]': title, 'form[summary]': 'Une suggestion assez longue pour être acceptée telle quelle.',
      'form[kind]': 'forum-metiers', 'form[themes][]': 'competences', 'form[audiences][]': 'lyceens',
      'form[commune]': commune, 'form[organisation]': 'Structure suggérée', contact_email: '', adresse_web: '',
    },
    headers: serverFn(),
  });
  expect(response.status(), await response.text()).toBe(200);
}

test('an unverified holder writes drafts but submits only once the link of the mail is opened', async ({ page }) => {
  const email = await signUp(page, { verify: false });
  await signIn(page, email, PASSWORD, '/compte');
  await expect(page.getByText("Votre adresse n'est pas encore vérifiée.")).toBeVisible();
  expect((await initiative(page, 'Brouillon avant vérification', 'draft')).status()).toBe(200);
  const refused = await initiative(page, 'Soumise avant vérification', 'submit');
  expect(refused.status()).toBe(400);
  expect(await refused.text()).toContain("Confirmez d'abord votre adresse");

  // A new link in one click; the first one stops working.
  await page.getByRole('button', { name: 'Renvoyer le lien' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Un nouveau lien vient de partir' })).toBeVisible();
  await expect.poll(async () => (await mailsTo(email)).length).toBe(2);
  const [first, second] = await mailsTo(email);
  await page.goto(linkIn(first, '/verifier-adresse'));
  await expect(page.getByRole('heading', { name: 'Ce lien ne fonctionne pas' })).toBeVisible();
  await page.goto(linkIn(second, '/verifier-adresse'));
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
  await expect(page).toHaveURL(/\/mes-initiatives\?adresse=verifiee$/);
  await expect(page.getByRole('status').filter({ hasText: 'Votre adresse est vérifiée' })).toBeVisible();
  expect((await initiative(page, 'Soumise après vérification', 'submit')).status()).toBe(200);
});

test('a forgotten password: the link sets a new one, signs in, signs the other session out, and serves once', async ({ page, people }) => {
  const email = await signUp(page);
  const other = await people.anonymous();
  await other.goto('/connexion');
  await waitForHydration(other);
  await other.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
  // The sign-in page has an « Adresse e-mail » field too, and stays on screen while the new
  // page's chunk downloads: wait for the new page before typing.
  await expect(other.getByRole('heading', { name: 'Mot de passe oublié' })).toBeVisible();
  await other.getByLabel('Adresse e-mail').fill(email);
  await other.getByRole('button', { name: 'Recevoir le lien' }).click();
  await expect(other.getByRole('status').filter({ hasText: 'Si un compte existe pour cette adresse' })).toBeVisible();
  const mail = await mailTo(email, /nouveau mot de passe/);
  expect(mail.headers['List-Unsubscribe']).toBeUndefined();
  const link = linkIn(mail, '/nouveau-mot-de-passe');

  await other.goto(link);
  await waitForHydration(other);
  await other.getByLabel('Nouveau mot de passe').fill('court');
  await other.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(other.getByLabel('Nouveau mot de passe')).toHaveAccessibleDescription(/au moins 12 caractères/);
  await other.getByLabel('Nouveau mot de passe').fill('une toute nouvelle phrase');
  await other.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(other).toHaveURL(/\/mes-initiatives\?mot-de-passe=change$/);
  // Its page's chunks fully loaded before this tab goes elsewhere (a download cut short by
  // leaving the page is reported in the console).
  await waitForHydration(other);

  await page.goto('/compte');
  await expect(page).toHaveURL(/\/connexion\?suite=/);
  await other.goto(link);
  await expect(other.getByRole('heading', { name: 'Ce lien ne fonctionne pas' })).toBeVisible();
  await expect(other.getByText('Ce lien a déjà servi')).toBeVisible();
  await signIn(page, email, 'une toute nouvelle phrase', '/compte');
});

test('a tampered link gets a page that says why in French', async ({ page }) => {
  for (const path of ['/verifier-adresse?jeton=0badc0de', '/nouveau-mot-de-passe?jeton=', '/desabonnement?jeton=inconnu']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(400);
    await expect(page.getByRole('alert')).toContainText("Ce lien n'est pas valable");
  }
});

test('signing up with a taken address says the same as with a new one, and its owner is told', async ({ page, people }) => {
  const email = await signUp(page);
  const stranger = await people.anonymous();
  await signUp(stranger, { email, organisation: 'Imposteur', verify: false });
  const warning = await mailTo(email, /proposée pour un compte/);
  expect(warning.text).toContain('/mot-de-passe-oublie');
  await expect(stranger.getByRole('link', { name: 'Mon compte' })).toHaveCount(0);
});

test('an animator who chose the daily digest hears of a new item once, in the digest', async ({ people }) => {
  const dreux = await people.signedIn(DREUX, PASSWORD, '/compte');
  await dreux.getByLabel('Un récapitulatif par jour, le matin').check();
  await dreux.getByRole('button', { name: 'Enregistrer ce choix' }).click();
  await expect(dreux.getByRole('status').filter({ hasText: "C'est noté." })).toBeVisible();
  try {
    const title = `Forum de Dreux ${Date.now()}`;
    await suggest(await people.anonymous(), title, 'Dreux (28100)');
    // The admin wants each item at once: told already; Dreux's animator waits for the digest.
    await mailTo(ADMIN, new RegExp(`À modérer : « ${title} »`));
    expect((await mailsTo(DREUX)).filter((m) => m.text.includes(title))).toEqual([]);

    const admin = await people.signedIn(ADMIN, PASSWORD, '/admin/courriels');
    await admin.getByRole('button', { name: 'Préparer maintenant les récapitulatifs' }).click();
    await expect(admin.getByRole('status').filter({ hasText: /récapitulatifs? écrits?/ })).toBeVisible();
    const digest = await mailTo(DREUX, /nouveautés? à modérer/);
    expect(digest.text).toContain(`Suggestion citoyenne : « ${title} » (bassin de Dreux)`);
    await admin.getByRole('button', { name: 'Préparer maintenant les récapitulatifs' }).click();
    await expect(admin.getByRole('status').filter({ hasText: 'Rien de nouveau à récapituler.' })).toBeVisible();
  } finally {
    await dreux.getByLabel('Un courriel à chaque nouveauté').check();
    await Promise.all([
      dreux.waitForResponse((response) => response.url().includes('/api/set_queue_mail') && response.ok()),
      dreux.getByRole('button', { name: 'Enregistrer ce choix' }).click(),
    ]);
  }
});

test('one click on the link of a mail unsubscribes from its kind at once, and one more subscribes again', async ({ people }) => {
  const citizen = await people.anonymous();
  const first = `Atelier de Chartres ${Date.now()}`;
  await suggest(citizen, first, 'Chartres (28000)');
  const mail = await mailTo(CHARTRES, new RegExp(`À modérer : « ${first} »`));
  expect(mail.headers['List-Unsubscribe']).toMatch(/^<http:\/\/127\.0\.0\.1:3100\/api\/desabonnement\?jeton=[0-9a-f]{64}>$/);
  expect(mail.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');

  const reader = await people.anonymous();
  await reader.goto(linkIn(mail, '/desabonnement'));
  await waitForHydration(reader);
  // The page unsubscribes once it runs in the browser (what the server sends changes nothing:
  // mail scanners fetch every link, tests/http_cli_and_mail checks it).
  await expect(reader.getByRole('status')).toContainText('Désabonnement enregistré. L\'adresse a•••@exemple.fr ne recevra plus les courriels « nouveautés à modérer dans vos bassins »');
  const animator = await people.signedIn(CHARTRES, PASSWORD, '/compte');
  await expect(animator.getByRole('listitem').filter({ hasText: 'nouveautés à modérer dans vos bassins' })).toBeVisible();
  const second = `Atelier de Chartres, bis ${Date.now()}`;
  await suggest(citizen, second, 'Chartres (28000)');
  await mailTo(ADMIN, new RegExp(`À modérer : « ${second} »`));
  expect((await mailsTo(CHARTRES)).filter((m) => m.text.includes(second))).toEqual([]);

  await reader.getByRole('button', { name: 'Me réabonner' }).click();
  await expect(reader.getByRole('status').filter({ hasText: 'Vous êtes réabonné·e' })).toBeVisible();
  const third = `Atelier de Chartres, ter ${Date.now()}`;
  await suggest(citizen, third, 'Chartres (28000)');
  await mailTo(CHARTRES, new RegExp(`À modérer : « ${third} »`));
});

test('the yearly reminder leads a holder to confirm their initiative current in one click', async ({ people }) => {
  // The server's first jobs found the demo holder's two initiatives unconfirmed since 2025.
  const reminder = await mailTo(DEMO_HOLDER, /est désormais « à vérifier »/);
  const holder = await people.signedIn(DEMO_HOLDER, DEMO_PASSWORD, '/mes-initiatives');
  await holder.goto(linkIn(reminder, '/mes-initiatives/'));
  await waitForHydration(holder);
  await expect(holder.getByRole('heading', { level: 1 })).toContainText('est-elle toujours à jour ?');
  await holder.getByRole('button', { name: /Toujours à jour/ }).click();
  await expect(holder.getByRole('status').filter({ hasText: 'confirmée à jour' })).toBeVisible();
});

test('a holder downloads their data, then deletes the account: what they hand over stays public, nothing of them remains', async ({ page, people }) => {
  const email = await signUp(page, { organisation: 'Association Départ' });
  const kept = `Forum gardé ${Date.now()}`;
  const archived = `Atelier archivé ${Date.now()}`;
  const animator = await people.signedIn(CHARTRES, PASSWORD, '/moderation');
  for (const title of [kept, archived]) {
    const created = await initiative(page, title, 'submit');
    const { id } = await created.json();
    const approved = await animator.request.post('/api/approve_revision', { form: { id: String(id), number: '1' }, headers: serverFn() });
    expect(approved.status(), await approved.text()).toBe(200);
  }
  await initiative(page, 'Brouillon qui part avec le compte', 'draft');

  await page.goto('/compte');
  await waitForHydration(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger mes données' }).click()]);
  const data = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  expect(data.compte.adresse).toBe(email);
  expect(data.initiatives.length).toBe(3);

  await page.getByRole('link', { name: 'Supprimer mon compte…' }).click();
  await waitForHydration(page);
  await page.getByLabel('Votre mot de passe (pour confirmer)').fill(PASSWORD);
  await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
  await expect(page.getByRole('alert')).toContainText('Dites si vous confiez');
  await page.getByRole('group', { name: new RegExp(kept) }).getByLabel(/La confier au club/).check();
  await page.getByRole('group', { name: new RegExp(archived) }).getByLabel(/L'archiver/).check();
  await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
  await expect(page).toHaveURL(/\/compte\/supprime$/);
  await expect(page.getByRole('heading', { name: 'Votre compte est supprimé' })).toBeVisible();

  const titles = (await (await page.request.get('/api/initiatives.geojson')).json()).features.map((f: { properties: { title: string } }) => f.properties.title);
  expect(titles).toContain(kept);
  expect(titles).not.toContain(archived);
  await page.goto('/connexion');
  await waitForHydration(page);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toContainText('Adresse e-mail ou mot de passe incorrect');

  // By SQL: no row of any table holds the address or the name.
  const found = execFileSync('/usr/bin/python3', ['-c', `
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
found = []
for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'initiatives_search%' AND name NOT LIKE 'sqlite_%'"):
    for column in [c[1] for c in db.execute(f"PRAGMA table_info('{table}')")]:
        n = db.execute(f'SELECT COUNT(*) FROM "{table}" WHERE CAST("{column}" AS TEXT) LIKE ? OR CAST("{column}" AS TEXT) LIKE ?', ('%' + sys.argv[2] + '%', '%Association Départ%')).fetchone()[0]
        if n: found.append(f'{table}.{column}')
print(' '.join(found))
`, join(process.env.CARTE_E2E_FOLDER!, 'e2e.db'), email]).toString().trim();
  expect(found, 'columns still holding the person').toBe('');
});

test('the admin reads every mail in the outbox, security links wiped once sent, other links clickable', async ({ page, people }) => {
  const admin = await people.signedIn(ADMIN, PASSWORD, '/admin/animateurs');
  const invited = uniqueEmail('lecture.animateur');
  await admin.getByLabel("Adresse e-mail de l'animateur").fill(invited);
  await admin.getByRole('group', { name: "Bassins qu'il modérera" }).getByRole('checkbox', { name: 'Chartres' }).check();
  await admin.getByRole('button', { name: "Envoyer l'invitation" }).click();
  await mailTo(invited, /Invitation à animer le club/);
  const holder = await signUp(page, { verify: false });
  await mailTo(holder, /Confirmez votre adresse/);

  await admin.goto('/admin/courriels');
  await waitForHydration(admin);
  await expect(admin.getByText('Les courriels partent par le serveur de courriel configuré')).toBeVisible();
  const invitation = admin.locator('.outbox__mail', { hasText: `à ${invited}` });
  await invitation.locator('summary').click();
  await expect(invitation.getByRole('link', { name: /\/rejoindre-l-animation\?invitation=/ })).toBeVisible();
  await expect(invitation).toContainText('envoyé le');
  const verification = admin.locator('.outbox__mail', { hasText: `à ${holder}` });
  await verification.locator('summary').click();
  await expect(verification).toContainText('Contenu effacé après');
  await expect(verification.getByRole('link', { name: /jeton=/ })).toHaveCount(0);
  expect(await violations(admin)).toEqual([]);
  const demo = await people.signedIn(DEMO_HOLDER, DEMO_PASSWORD, '/admin/courriels');
  await expect(demo.getByRole('alert')).toContainText('Votre compte ne permet pas cette action.');
});

test('every page links the legal pages, which say who publishes and what is collected', async ({ page }) => {
  await page.goto('/');
  await waitForHydration(page);
  const footer = page.getByRole('navigation', { name: 'Informations légales' });
  await footer.getByRole('link', { name: 'Données personnelles' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Données personnelles' })).toBeVisible();
  await expect(page.getByText('Votre adresse e-mail est facultative')).toBeVisible();
  // « Autour de moi » sends a rounded position: the page says so.
  await expect(page.getByText('« Autour de moi » l\'envoie, arrondie à une centaine de mètres')).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await footer.getByRole('link', { name: 'Mentions légales' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Hébergement' })).toBeVisible();
  await expect(page.getByText('variable PUBLISHER_NAME')).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await footer.getByRole('link', { name: 'Accessibilité : non conforme' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'État de conformité' })).toBeVisible();
  await expect(page.getByText('Défenseur des droits, Libre réponse 71120')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('axe finds no violation on the pages of accounts and mail', async ({ page, people }) => {
  // A walk through a dozen pages, axe on each (about 25 s): more than the default 30 s allows for.
  test.slow();
  await page.goto('/mot-de-passe-oublie');
  await waitForHydration(page);
  expect(await violations(page)).toEqual([]);
  const email = await signUp(page, { verify: false });
  const link = linkIn(await mailTo(email, /Confirmez votre adresse/), '/verifier-adresse');
  await page.goto(link);
  await waitForHydration(page);
  expect(await violations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
  await expect(page).toHaveURL(/\/mes-initiatives/);
  await page.goto('/compte');
  await waitForHydration(page);
  expect(await violations(page)).toEqual([]);
  await page.goto('/compte/supprimer');
  await waitForHydration(page);
  expect(await violations(page)).toEqual([]);
  await page.request.post('/api/request_password_reset', { form: { email }, headers: serverFn() });
  await page.goto(linkIn(await mailTo(email, /nouveau mot de passe/), '/nouveau-mot-de-passe'));
  await waitForHydration(page);
  expect(await violations(page)).toEqual([]);
  const animator = await people.signedIn(CHARTRES, PASSWORD, '/compte');
  expect(await violations(animator)).toEqual([]);
  const unsubscribe = (await mailsTo(CHARTRES)).find((m) => m.text.includes('/desabonnement?jeton='))!;
  const reader = await people.anonymous();
  await reader.goto(linkIn(unsubscribe, '/desabonnement'));
  await waitForHydration(reader);
  await expect(reader.getByRole('status')).toContainText('Désabonnement enregistré');
  expect(await violations(reader)).toEqual([]);
  await reader.getByRole('button', { name: 'Me réabonner' }).click();
  await expect(reader.getByRole('status').filter({ hasText: 'Vous êtes réabonné·e' })).toBeVisible();
  const admin = await people.signedIn(ADMIN, PASSWORD, '/admin/animateurs');
  const invited = uniqueEmail('axe.animateur');
  await admin.getByLabel("Adresse e-mail de l'animateur").fill(invited);
  await admin.getByRole('group', { name: "Bassins qu'il modérera" }).getByRole('checkbox', { name: 'Dreux' }).check();
  await admin.getByRole('button', { name: "Envoyer l'invitation" }).click();
  await reader.goto(linkIn(await mailTo(invited, /Invitation à animer/), '/rejoindre-l-animation'));
  await waitForHydration(reader);
  await expect(reader.getByRole('link', { name: "Créer mon compte d'animateur" })).toBeVisible();
  expect(await violations(reader)).toEqual([]);
});
