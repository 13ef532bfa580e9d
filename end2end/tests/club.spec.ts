// The club in the browser: an animator invites a holder with a single-use link that fills the
// sign-up form; the directory; the dashboard's charts; the admin gives an animator areas;
// « à vérifier » pins and the holder's one-click confirmation; axe on every club page.
import { expect, linkIn, mailTo, PASSWORD, test, uniqueEmail, violations, waitForHydration, waitForMap } from './fixtures';

const CHARTRES = 'animation.chartres@exemple.fr';
const ADMIN = 'administration@exemple.fr';
const DEMO_HOLDER = 'mission-locale-drouais@demo.carte-orientation-28.fr';
const DEMO_PASSWORD = 'demo-carte-orientation-28';
// The demo initiative of the demo holder unconfirmed since 2025 (app/data/demo_initiatives.json).
const STALE = 'Parrainage « Un pro, un jeune » dans le Drouais';

test('an animator invites a holder by mail: the link fills the sign-up form and serves once; the address is verified by mail', async ({ people }) => {
  const animator = await people.signedIn(CHARTRES, PASSWORD, '/club/invitations');
  await waitForHydration(animator);
  await animator.getByRole('button', { name: "Créer le lien d'invitation" }).click();
  await expect(animator.locator('#champ-organisation-erreur')).toContainText('2 à 120 caractères');
  const organisation = `CFA des métiers ${Date.now()}`;
  const email = uniqueEmail('alex');
  await animator.getByLabel('Structure invitée').fill(organisation);
  await animator.getByLabel('Nom de la personne (facultatif)').fill('Alex Petit');
  await animator.getByLabel(/Son adresse e-mail/).fill(email);
  await animator.getByRole('button', { name: "Créer le lien d'invitation" }).click();
  await expect(animator.getByRole('status').filter({ hasText: `envoyé par courriel à ${email}` })).toBeVisible();
  const link = animator.getByLabel("Lien d'invitation");
  await expect(link).toHaveValue(/\/inscription\?invitation=[0-9a-f]{64}$/);
  const url = await link.inputValue();
  await expect(animator.getByRole('row', { name: new RegExp(organisation) })).toContainText('Valable jusqu');

  // The mail carries the same link.
  const mail = await mailTo(email, /Invitation à rejoindre le club/);
  expect(mail.text).toContain(`${organisation} à rejoindre le club`);
  expect(linkIn(mail, '/inscription')).toBe(url);
  const invited = await people.anonymous();
  await invited.goto(linkIn(mail, '/inscription'));
  await waitForHydration(invited);
  await expect(invited.getByText('Vous êtes invité·e par Animation (Club des animateurs')).toBeVisible();
  await expect(invited.getByLabel('Structure')).toHaveValue(organisation);
  await expect(invited.getByLabel('Nom de la personne à contacter')).toHaveValue('Alex Petit');
  await expect(invited.getByLabel('Adresse e-mail')).toHaveValue(email);
  await invited.getByLabel('Mot de passe').fill(PASSWORD);
  await invited.getByRole('button', { name: 'Créer le compte' }).click();
  // The animator holds the same link, so it proves nothing: the address is verified by its own
  // mail, whose link then signs the new holder in.
  await expect(invited.getByRole('status').filter({ hasText: 'vérifiez votre messagerie' })).toBeVisible();
  const verification = await mailTo(email, /Confirmez votre adresse/);
  await invited.goto(linkIn(verification, '/verifier-adresse'));
  await waitForHydration(invited);
  await invited.getByRole('button', { name: 'Confirmer mon adresse' }).click();
  await expect(invited).toHaveURL(/\/mes-initiatives\?adresse=verifiee$/);
  await expect(invited.getByRole('link', { name: new RegExp(`Mon compte \\(${organisation}\\)`) })).toBeVisible();

  const again = await people.anonymous();
  await again.goto(url);
  await expect(again.getByText("Ce lien d'invitation a déjà servi")).toBeVisible();
  await expect(again.getByLabel('Structure')).toHaveValue('');
  await animator.goto('/club/invitations');
  await expect(animator.getByRole('row', { name: new RegExp(organisation) })).toContainText(`par ${organisation}`);
});

test('holders read the directory; animators read the dashboard as charts and tables', async ({ people }) => {
  const holder = await people.signedIn(DEMO_HOLDER, DEMO_PASSWORD, '/club');
  const row = holder.getByRole('row', { name: /Mission Locale du Drouais/ });
  await expect(row).toContainText('Dreux');
  await expect(row.getByRole('cell').nth(1)).toHaveText('3');
  await holder.goto('/club/tableau-de-bord');
  await expect(holder.getByRole('alert')).toContainText('Votre compte ne permet pas cette action.');

  const animator = await people.signedIn(CHARTRES, PASSWORD, '/club/tableau-de-bord');
  await expect(animator.getByRole('heading', { name: 'Tableau de bord du club' })).toBeVisible();
  for (const chart of ['Initiatives publiées par bassin', 'Initiatives publiées par type', 'Bassin de Dreux : initiatives publiées par thématique']) {
    await expect(animator.getByRole('img', { name: chart })).toBeVisible();
  }
  const byKind = animator.locator('#publiees-par-type');
  await byKind.getByText(/Les chiffres/).click();
  await expect(byKind.getByRole('row', { name: /Job dating/ })).toBeVisible();
  await expect(animator.locator('.dashboard-figures')).toContainText('à vérifier');
});

test('the admin invites an animator by mail; the link makes them moderate only the areas given', async ({ people }) => {
  const admin = await people.signedIn(ADMIN, PASSWORD, '/admin/animateurs');
  await waitForHydration(admin);
  await admin.getByRole('button', { name: "Envoyer l'invitation" }).click();
  await expect(admin.locator('#champ-email-erreur')).toContainText('nom@exemple.fr');
  await expect(admin.locator('#champ-areas-erreur')).toContainText('Cochez au moins un bassin');
  const email = uniqueEmail('futur.animateur');
  await admin.getByLabel("Adresse e-mail de l'animateur").fill(email);
  await admin.getByRole('group', { name: "Bassins qu'il modérera" }).getByRole('checkbox', { name: 'Nogent-le-Rotrou' }).check();
  await admin.getByRole('button', { name: "Envoyer l'invitation" }).click();
  await expect(admin.getByRole('status').filter({ hasText: `Invitation envoyée à ${email}` })).toBeVisible();
  await expect(admin.getByRole('row', { name: new RegExp(email) })).toContainText('Nogent-le-Rotrou');

  const mail = await mailTo(email, /Invitation à animer le club/);
  expect(mail.text).toContain('- Nogent-le-Rotrou');
  const newcomer = await people.anonymous();
  await newcomer.goto(linkIn(mail, '/rejoindre-l-animation'));
  await waitForHydration(newcomer);
  await expect(newcomer.getByText('modérer les bassins de : Nogent-le-Rotrou')).toBeVisible();
  await newcomer.getByRole('link', { name: "Créer mon compte d'animateur" }).click();
  await waitForHydration(newcomer);
  await expect(newcomer.getByLabel('Adresse e-mail')).toHaveValue(email);
  await newcomer.getByLabel('Structure').fill('Club Carte Orientation 28');
  await newcomer.getByLabel('Nom de la personne à contacter').fill('Dominique Roux');
  await newcomer.getByLabel('Mot de passe').fill(PASSWORD);
  await newcomer.getByRole('button', { name: 'Créer le compte' }).click();
  await expect(newcomer).toHaveURL(/\/moderation$/);
  await expect(newcomer.getByText('Bassin de Nogent-le-Rotrou')).toBeVisible();
  await expect(newcomer.getByRole('link', { name: 'Modération' })).toBeVisible();
  // Only those areas: a case of Chartres is refused.
  const chartres = (await (await newcomer.request.get('/api/initiatives.geojson?bassin=chartres')).json()).features[0];
  await newcomer.goto(`/moderation/initiatives/${chartres.id}`);
  await expect(newcomer.getByRole('alert')).toContainText('Votre compte ne permet pas cette action.');

  // The admin sees the invitation used, and changes the areas in place.
  await admin.reload();
  await waitForHydration(admin);
  await expect(admin.getByRole('row', { name: new RegExp(email) })).toContainText('Acceptée');
  const areasOf = () => admin.getByRole('group', { name: new RegExp(`Dominique Roux.*${email.replace(/\./g, '\\.')}`) });
  await areasOf().getByRole('checkbox', { name: 'Dreux' }).check();
  // A saved form loads the page again: wait for it, so that the boxes read are the server's
  // (the box was checked by hand before) and the test does not end mid-load — closing a
  // browser context during a page load once hung its teardown past a minute (CI).
  const reloaded = admin.waitForEvent('load');
  await admin.getByRole('button', { name: `Enregistrer les bassins de ${email}` }).click();
  await reloaded;
  await waitForHydration(admin);
  await expect(areasOf().getByRole('checkbox', { name: 'Dreux' })).toBeChecked();
  await expect(areasOf().getByRole('checkbox', { name: 'Nogent-le-Rotrou' })).toBeChecked();
  await expect(areasOf().getByRole('checkbox', { name: 'Chartres' })).not.toBeChecked();
  // And the newcomer may now open a case of Dreux, still not one of Chartres.
  const dreux = (await (await newcomer.request.get('/api/initiatives.geojson?bassin=dreux')).json()).features[0];
  await newcomer.goto(`/moderation/initiatives/${dreux.id}`);
  await waitForHydration(newcomer);
  await expect(newcomer.getByRole('heading', { level: 1 })).toContainText(dreux.properties.title);
  // (A case page has alerts of its own: its forms' error summaries, empty until a refusal.)
  await expect(newcomer.getByText('Votre compte ne permet pas cette action.')).toHaveCount(0);
  await newcomer.goto(`/moderation/initiatives/${chartres.id}`);
  await expect(newcomer.getByRole('alert')).toContainText('Votre compte ne permet pas cette action.');
});

test('a pin unconfirmed for a year reads « à vérifier » until its holder confirms it in one click', async ({ people }) => {
  const citizen = await people.anonymous();
  await citizen.goto('/?q=un+pro+un+jeune');
  await waitForMap(citizen);
  const item = citizen.locator('#liste li', { hasText: STALE });
  await expect(item.getByText('À vérifier')).toBeVisible();
  // On the map: its pin is dashed, named so, and its popup says it too.
  await item.getByRole('button', { name: /Voir sur la carte/ }).click();
  await expect(citizen.locator('.leaflet-popup-content .check-badge')).toHaveText('À vérifier');
  await expect(citizen.locator(`#carte .pin--a-verifier[title="${STALE} (à vérifier)"]`)).toBeVisible();
  await item.getByRole('link', { name: STALE }).click();
  await expect(citizen.locator('.initiative__to-check')).toContainText("n'a pas confirmé ces informations depuis plus d'un an");
  await expect(citizen.getByText('Dernière confirmation : 15 septembre 2025.')).toBeVisible();

  const holder = await people.signedIn(DEMO_HOLDER, DEMO_PASSWORD, '/mes-initiatives');
  await waitForHydration(holder);
  const row = holder.getByRole('row', { name: new RegExp(STALE) });
  await expect(row.getByText('À vérifier')).toBeVisible();
  await row.getByRole('button', { name: /Toujours à jour/ }).click();
  await expect(holder.getByRole('status').filter({ hasText: 'confirmée à jour' })).toBeVisible();
  await expect(holder.getByRole('row', { name: new RegExp(STALE) }).getByText('À vérifier')).toHaveCount(0);

  await citizen.reload();
  await expect(citizen.locator('.initiative__to-check')).toHaveCount(0);
});

test('axe finds no violation on the club pages', async ({ people }) => {
  const animator = await people.signedIn(CHARTRES, PASSWORD, '/club/tableau-de-bord');
  expect(await violations(animator)).toEqual([]);
  await animator.goto('/club/invitations');
  await waitForHydration(animator);
  expect(await violations(animator)).toEqual([]);
  await animator.goto('/club');
  await waitForHydration(animator);
  expect(await violations(animator)).toEqual([]);
  const admin = await people.signedIn(ADMIN, PASSWORD, '/admin/animateurs');
  expect(await violations(admin)).toEqual([]);
});
