// The club in the browser: an animator invites a holder with a single-use link that fills the
// sign-up form; the directory; the dashboard's charts; the admin gives an animator areas;
// « à vérifier » pins and the holder's one-click confirmation; axe on every club page.
import { expect, PASSWORD, test, uniqueEmail, violations, waitForHydration, waitForMap } from './fixtures';

const CHARTRES = 'animation.chartres@exemple.fr';
const ADMIN = 'administration@exemple.fr';
const DEMO_HOLDER = 'mission-locale-drouais@demo.carte-orientation-28.fr';
const DEMO_PASSWORD = 'demo-carte-orientation-28';
// The demo initiative of the demo holder unconfirmed since 2025 (app/data/demo_initiatives.json).
const STALE = 'Parrainage « Un pro, un jeune » dans le Drouais';

test('an animator invites a holder: the link fills the sign-up form and serves once', async ({ people }) => {
  const animator = await people.signedIn(CHARTRES, PASSWORD, '/club/invitations');
  await waitForHydration(animator);
  await animator.getByRole('button', { name: "Créer le lien d'invitation" }).click();
  await expect(animator.locator('#champ-organisation-erreur')).toContainText('2 à 120 caractères');
  const organisation = `CFA des métiers ${Date.now()}`;
  await animator.getByLabel('Structure invitée').fill(organisation);
  await animator.getByLabel('Nom de la personne (facultatif)').fill('Alex Petit');
  await animator.getByRole('button', { name: "Créer le lien d'invitation" }).click();
  const link = animator.getByLabel("Lien d'invitation");
  await expect(link).toHaveValue(/\/inscription\?invitation=[0-9a-f]{64}$/);
  const url = await link.inputValue();
  await expect(animator.getByRole('row', { name: new RegExp(organisation) })).toContainText('Valable jusqu');

  const invited = await people.anonymous();
  await invited.goto(url);
  await waitForHydration(invited);
  await expect(invited.getByText('Vous êtes invité·e par Animation (Club des animateurs')).toBeVisible();
  await expect(invited.getByLabel('Structure')).toHaveValue(organisation);
  await expect(invited.getByLabel('Nom de la personne à contacter')).toHaveValue('Alex Petit');
  await invited.getByLabel('Adresse e-mail').fill(uniqueEmail('alex'));
  await invited.getByLabel('Mot de passe').fill(PASSWORD);
  await invited.getByRole('button', { name: 'Créer le compte' }).click();
  await expect(invited).toHaveURL(/\/compte$/);

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

test('the admin gives an account the areas it animates; its holder pages give way to moderation', async ({ people }) => {
  const newcomer = await people.anonymous();
  const email = uniqueEmail('futur.animateur');
  await newcomer.goto('/inscription');
  await waitForHydration(newcomer);
  await newcomer.getByLabel('Structure').fill('Club Carte Orientation 28');
  await newcomer.getByLabel('Nom de la personne à contacter').fill('Dominique Roux');
  await newcomer.getByLabel('Adresse e-mail').fill(email);
  await newcomer.getByLabel('Mot de passe').fill(PASSWORD);
  await newcomer.getByRole('button', { name: 'Créer le compte' }).click();
  await expect(newcomer).toHaveURL(/\/compte$/);

  const admin = await people.signedIn(ADMIN, PASSWORD, '/admin/animateurs');
  await waitForHydration(admin);
  await admin.getByLabel('Adresse e-mail du compte').fill('personne@exemple.fr');
  await admin.getByRole('checkbox', { name: 'Nogent-le-Rotrou' }).check();
  await admin.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(admin.getByRole('alert')).toContainText("Aucun compte n'utilise l'adresse personne@exemple.fr");
  await admin.getByLabel('Adresse e-mail du compte').fill(email);
  await admin.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(admin.getByRole('row', { name: new RegExp('Dominique Roux') })).toContainText('Nogent-le-Rotrou');

  await newcomer.goto('/moderation');
  await expect(newcomer.getByText('Bassin de Nogent-le-Rotrou')).toBeVisible();
  await expect(newcomer.getByRole('link', { name: 'Modération' })).toBeVisible();
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
