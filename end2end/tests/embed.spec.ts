// The map inside partners' sites: a school's page on another origin frames `/integrer` with a
// preset view; the view works there (list, pins, filters, live updates, links to the full map in a
// new tab), without our header, cookies or account links; every other page refuses to be framed;
// the code page writes the `<iframe>` and previews it.
import { expect, openGroup, PASSWORD, publishedFeatures, serverFn, signUp, test, violations, waitForHydration, type Feature } from './fixtures';
import type { BrowserContext, Frame, Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const DREUX = 'animation.dreux@exemple.fr';

/** A partner's site, whose page frames `paths`: a server of the test's own, at `localhost`
 * where ours is `127.0.0.1` — another origin and another site. (A page fulfilled by Playwright's
 * routing counts as a public site, and Chromium lets no public site frame a loopback address.) */
const partners: Server[] = [];
let PARTNER = '';

async function partnerPage(context: BrowserContext, baseURL: string, paths: string[]): Promise<Page> {
  const html = `<!DOCTYPE html><html lang="fr"><head><title>Collège Louis Armand</title></head><body><main>
    <h1>S'orienter après la 3e</h1>
    ${paths.map((path, n) => `<iframe id="cadre-${n}" src="${baseURL}${path}" title="Carte Orientation 28 ${n}" width="1000" height="700"></iframe>`).join('\n')}
    </main></body></html>`;
  const server = createServer((_, response) => {
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(html);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  partners.push(server);
  PARTNER = `http://localhost:${(server.address() as AddressInfo).port}`;
  expect(new URL(PARTNER).origin).not.toBe(new URL(baseURL).origin);
  const page = await context.newPage();
  await page.goto(`${PARTNER}/orientation.html`);
  return page;
}

test.afterEach(() => {
  for (const server of partners.splice(0)) server.close();
});

/** The frame showing our embed page, once it has loaded. */
async function embedFrame(page: Page): Promise<Frame> {
  const find = () => page.frames().find((f) => f.url().includes('/integrer'));
  await expect.poll(() => find()?.url(), { message: 'the embed page is framed' }).toContain('/integrer');
  return find()!;
}

test('a partner\'s page shows its preset view in a frame, filters there, and opens the full map in a new tab', async ({ page, request, baseURL, context }) => {
  const dreux = (await publishedFeatures(request)).filter((f: Feature) => f.properties.bassin_code === 'dreux');
  const partner = await partnerPage(context, baseURL!, ['/integrer?bassin=dreux']);
  expect(page.url(), 'the test\'s own page is left alone').not.toContain(PARTNER);
  const frame = await embedFrame(partner);
  await frame.locator('body[data-hydrated="true"]').waitFor();
  await expect(frame.locator('#carte')).toHaveAttribute('data-pins', String(dreux.length));
  await expect(frame.locator('#liste .initiative-item')).toHaveCount(dreux.length);
  // No frame of ours, no account link, no cookie.
  await expect(frame.locator('.site-header, .site-footer')).toHaveCount(0);
  await expect(frame.getByRole('link', { name: 'Se connecter' })).toHaveCount(0);
  expect(await context.cookies(baseURL!)).toEqual([]);
  // The reduced panel: search, area and kind only.
  await expect(frame.locator('summary', { hasText: 'Bassin' })).toBeVisible();
  await expect(frame.locator('summary', { hasText: "Type d'initiative" })).toBeVisible();
  await expect(frame.locator('summary', { hasText: 'Thématique' })).toHaveCount(0);

  // Filtering stays in the frame, on the embed page, the preset area kept.
  const searched = await request.get('/api/initiatives.geojson?q=forum&bassin=dreux');
  const forums = (await searched.json()).features as Feature[];
  expect(forums.length).toBeGreaterThan(0);
  expect(forums.length).toBeLessThan(dreux.length);
  await frame.getByLabel('Rechercher').fill('forum');
  await frame.getByRole('button', { name: 'Rechercher' }).click();
  await expect.poll(() => new URL(frame.url()).pathname + new URL(frame.url()).search).toBe('/integrer?q=forum&bassin=dreux');
  await expect(frame.locator('#liste .initiative-item')).toHaveCount(forums.length);
  await expect(frame.locator('#carte')).toHaveAttribute('data-pins', String(forums.length));
  expect(partner.url()).toBe(`${PARTNER}/orientation.html`);

  // Leaving the frame: the full view, and an initiative's page, each in a new tab.
  const full = frame.getByRole('link', { name: /Voir sur Carte Orientation 28/ });
  await expect(full).toHaveAttribute('target', '_blank');
  const opened = context.waitForEvent('page');
  await full.click();
  const tab = await opened;
  await tab.waitForLoadState();
  expect(tab.url()).toBe(`${baseURL}/?q=forum&bassin=dreux`);
  await expect(tab.getByRole('heading', { level: 1, name: "Qui peut m'aider à m'orienter en Eure-et-Loir ?" })).toBeVisible();
  await tab.close();
  await expect(frame.locator('#liste .initiative-item__title').first()).toHaveAttribute('target', '_blank');
  // Each says so to screen readers, as does Leaflet's credit, which leaves the frame too.
  await expect(frame.locator('#liste .initiative-item__title').first()).toHaveAccessibleName(/ \(nouvel onglet\)$/);
  const credit = frame.locator('.leaflet-control-attribution a', { hasText: 'Leaflet' });
  await expect(credit).toHaveAttribute('target', '_blank');
  await expect(credit).toHaveAccessibleName('Leaflet (nouvel onglet)');
  await frame.locator('#liste .initiative-item__locate').first().click();
  const popupTitle = frame.locator('.leaflet-popup .popup__title').first();
  await expect(popupTitle).toHaveAttribute('target', '_blank');
  await expect(popupTitle).toHaveAccessibleName(/ \(nouvel onglet\)$/);
});

test('the embed page alone, its options and accessibility', async ({ page, request }) => {
  const chartres = (await publishedFeatures(request)).filter((f: Feature) => f.properties.bassin_code === 'chartres');
  // The list alone, without filters: the preset view only.
  await page.goto('/integrer?bassin=chartres&affichage=liste&filtres=aucun');
  await waitForHydration(page);
  await expect(page.locator('#liste .initiative-item')).toHaveCount(Math.min(chartres.length, 100));
  await expect(page.locator('#carte')).toHaveCount(0);
  await expect(page.getByRole('search')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Voir sur la carte/ }), 'no map to show an item on').toHaveCount(0);
  // Without the site's header, the page has its own skip link to the list.
  await expect(page.getByRole('link', { name: 'Aller à la liste des initiatives' })).toHaveAttribute('href', '#liste');
  expect(await violations(page)).toEqual([]);
  // The map alone, every filter: filtering keeps the options in the address.
  await page.goto('/integrer?bassin=chartres&affichage=carte&filtres=tous');
  await waitForHydration(page);
  await expect(page.locator('#carte')).toHaveAttribute('data-pins', String(chartres.length));
  await expect(page.locator('#liste')).toHaveCount(0);
  // The map alone does not point to a list that is not there, nor skips to it.
  await expect(page.locator('#carte')).toHaveAttribute('aria-label', 'Carte des initiatives');
  await expect(page.getByRole('link', { name: 'Aller à la liste des initiatives' })).toHaveCount(0);
  await expect(page.locator('summary', { hasText: 'Thématique' })).toBeVisible();
  // Every filter, so « Commune » and « Autour de » with the communes they suggest.
  await expect(page.locator('datalist#communes-28')).toHaveCount(1);
  await expect(page.locator('datalist#communes-28 option[value="Chartres (28085)"]')).toHaveCount(1);
  await openGroup(page, 'Bassin');
  await page.locator('details.filters__group').getByLabel(/Dreux/).check();
  await expect(page).toHaveURL(/\/integrer\?bassin=chartres&bassin=dreux&affichage=carte&filtres=tous$/);
  expect(await violations(page)).toEqual([]);
  // The reduced panel keeps the partner's other filters through a change and « Tout effacer ».
  await page.goto('/integrer?bassin=dreux&theme=competences');
  await waitForHydration(page);
  // Its fields suggest no commune: the page leaves the communes out.
  await expect(page.locator('datalist#communes-28')).toHaveCount(0);
  await expect(page.locator('summary', { hasText: 'Thématique' })).toHaveCount(0);
  await openGroup(page, 'Bassin');
  await page.locator('details.filters__group').getByLabel(/Chartres/).check();
  await expect(page).toHaveURL(/\/integrer\?bassin=chartres&bassin=dreux&theme=competences$/);
  await expect(page.getByRole('link', { name: 'Tout effacer' })).toHaveAttribute('href', '/integrer?theme=competences');
  // On the map's own page, links stay in the tab and say nothing of another.
  await page.goto('/?bassin=chartres');
  await waitForHydration(page);
  const title = page.locator('#liste .initiative-item__title').first();
  await expect(title).not.toHaveAttribute('target', /.*/);
  expect(await title.evaluate((link) => link.textContent)).not.toContain('nouvel onglet');
});

test('the embed page presets every filter of the map: audience, commune, upcoming, alone and together', async ({ page, request }) => {
  const published = await publishedFeatures(request);
  const dreux = published.find((f: Feature) => f.properties.bassin_code === 'dreux')!;
  const views = [
    'audience=lyceens',
    'upcoming=1',
    `commune=${encodeURIComponent(dreux.properties.commune)}`,
    'audience=demandeurs-emploi&upcoming=1&bassin=chartres&bassin=dreux',
  ];
  const path = (address: string | null) => new URL(address!, 'http://ici').pathname;
  for (const view of views) {
    // The open-data export of the same view is the oracle: the embed shows what it holds.
    const expected = (await (await request.get(`/api/initiatives.geojson?${view}`)).json()).features as Feature[];
    expect(expected.length, `${view}: some initiatives`).toBeGreaterThan(0);
    expect(expected.length, `${view}: not all of them`).toBeLessThan(published.length);
    expect(expected.length, `${view}: one page of the list`).toBeLessThanOrEqual(100);
    await page.goto(`/integrer?${view}`);
    await waitForHydration(page);
    await expect(page.locator('#carte'), `${view}: pins`).toHaveAttribute('data-pins', String(expected.length));
    const listed = await page.locator('#liste .initiative-item__title').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(listed.map(path).sort(), `${view}: the list`).toEqual(expected.map((f) => path(f.properties.url)).sort());
  }
});

test('every page but the embed page refuses to be framed by another site', async ({ browser, baseURL }) => {
  // A context of its own: the refusals are console errors of the partner's page, expected here.
  const context = await browser.newContext();
  const refusals: string[] = [];
  context.on('console', (message) => { if (/frame-ancestors/.test(message.text())) refusals.push(message.text()); });
  const partner = await partnerPage(context, baseURL!, ['/integrer?bassin=dreux', '/', '/integrer-la-carte']);
  await (await embedFrame(partner)).locator('body[data-hydrated="true"]').waitFor();
  await expect.poll(() => refusals.length).toBe(2);
  for (const refused of refusals) expect(refused).toContain("frame-ancestors 'none'");
  // Only the embed page's document is ours: the browser replaced the two others by its error page.
  const ours = partner.frames().filter((frame) => frame.url().startsWith(baseURL!));
  expect(ours.map((frame) => new URL(frame.url()).pathname)).toEqual(['/integrer']);
  await context.close();
});

test('an embedded map shows what moderation publishes without being reloaded', async ({ context, people, baseURL }) => {
  const partner = await partnerPage(context, baseURL!, ['/integrer?bassin=dreux&affichage=carte&filtres=aucun']);
  const frame = await embedFrame(partner);
  await frame.locator('#carte[data-pins]').waitFor();
  const before = Number(await frame.locator('#carte').getAttribute('data-pins'));

  const holder = await people.anonymous();
  await signUp(holder, { organisation: 'Lycée Edouard Branly' });
  const created = await holder.request.post('/api/create_initiative', {
    form: {
      intent: 'submit', 'form[title]': `Atelier CV du Drouais ${Date.now()}`,
      'form[summary]': 'Rédiger son premier CV avec des recruteurs du bassin, en petits groupes.',
      'form[kind]': 'atelier-se-connaitre', 'form[themes][]': 'competences', 'form[audiences][]': 'lyceens',
      'form[commune]': 'Dreux (28100)', 'form[lat]': '48.7360', 'form[lon]': '1.3700', 'form[organisation]': 'Lycée Edouard Branly',
    },
    headers: serverFn(),
  });
  expect(created.status(), await created.text()).toBe(200);
  const { id } = await created.json();
  const animator = await people.signedIn(DREUX, PASSWORD, '/moderation');
  const approved = await animator.request.post('/api/approve_revision', { form: { id: String(id), number: '1' }, headers: serverFn() });
  expect(approved.status(), await approved.text()).toBe(200);

  await expect(frame.locator('#carte')).toHaveAttribute('data-pins', String(before + 1), { timeout: 10_000 });
});

test('the code page writes the frame\'s code for the map\'s view and previews it', async ({ page, baseURL }) => {
  await page.goto('/?bassin=dreux&kind=forum-metiers');
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Intégrer cette vue à votre site' }).click();
  // The view's parameters in their usual order.
  await expect(page).toHaveURL(/\/integrer-la-carte\?kind=forum-metiers&bassin=dreux$/);
  await waitForHydration(page);
  const code = page.getByLabel("Code d'intégration");
  await expect(code).toHaveValue(
    `<iframe src="${baseURL}/integrer?kind=forum-metiers&amp;bassin=dreux" title="Carte Orientation 28 : les initiatives d'orientation en Eure-et-Loir" width="100%" height="650" style="border:0" loading="lazy" allow="geolocation"></iframe>`,
  );
  const preview = page.frameLocator('iframe.embed-code__preview');
  await expect(preview.locator('#liste')).toBeVisible();

  // The options change the code and the preview at once.
  await page.getByLabel('La carte seule').check();
  await page.getByLabel('Aucun (la vue choisie seulement)').check();
  await page.getByLabel('Hauteur du cadre (pixels)').fill('480');
  await expect(code).toHaveValue(/src="[^"]+\/integrer\?kind=forum-metiers&amp;bassin=dreux&amp;affichage=carte&amp;filtres=aucun" .* height="480"/);
  await expect(page.locator('iframe.embed-code__preview')).toHaveAttribute('src', '/integrer?kind=forum-metiers&bassin=dreux&affichage=carte&filtres=aucun');
  await expect(preview.locator('#carte')).toBeVisible();
  await expect(preview.locator('#liste')).toHaveCount(0);

  // A height out of range is said, and the code keeps a sensible one.
  await page.getByLabel('Hauteur du cadre (pixels)').fill('20');
  await expect(page.getByRole('alert')).toContainText('entre 300 et');
  await expect(page.getByLabel('Hauteur du cadre (pixels)')).toHaveAttribute('aria-invalid', 'true');
  await expect(code).toHaveValue(/height="650"/);
  expect(await violations(page)).toEqual([]);
});

test('without JavaScript the code page\'s form gives the same code, the height kept out of the view', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${baseURL}/integrer-la-carte?kind=forum-metiers`);
  await page.getByLabel('La liste seule').check();
  await page.getByLabel('Hauteur du cadre (pixels)').fill('480');
  await page.getByRole('button', { name: "Mettre à jour l'aperçu et le code" }).click();
  await expect(page).toHaveURL(/\/integrer-la-carte\?kind=forum-metiers&affichage=liste&filtres=reduits&hauteur=480$/);
  await expect(page.getByLabel("Code d'intégration")).toHaveValue(
    `<iframe src="${baseURL}/integrer?kind=forum-metiers&amp;affichage=liste" title="Carte Orientation 28 : les initiatives d'orientation en Eure-et-Loir" width="100%" height="480" style="border:0" loading="lazy" allow="geolocation"></iframe>`,
  );
  await expect(page.locator('iframe.embed-code__preview')).toHaveAttribute('src', '/integrer?kind=forum-metiers&affichage=liste');
  await expect(page.frameLocator('iframe.embed-code__preview').locator('#liste')).toBeVisible();
  await context.close();
});
