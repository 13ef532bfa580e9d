// The English pages (`/en/…`): a first visit from an English browser lands on them, the
// language switch is obeyed afterwards, and every page a citizen meets (and the account pages
// before signing in) says nothing in French but the holders' own words — checked by comparing each page's texts with its French twin —
// and passes axe. The map works in English: filters, list, popups and links stay English.
import {
  expect, linkIn, mailTo, PASSWORD, publishedFeatures, test, uniqueEmail, violations, waitForHydration, waitForMap, type Page,
} from './fixtures';

/** The holder of the demo's Dreux initiatives: its public page, its account. */
const DEMO_PAGE = '/structures/mission-locale-du-drouais';
const DEMO_HOLDER = 'mission-locale-drouais@demo.carte-orientation-28.fr';
const DEMO_PASSWORD = 'demo-carte-orientation-28';
/** A facilitator of the Chartres area, and the administrator (the test fixtures' accounts). */
const ANIMATOR = 'animation.chartres@exemple.fr';
const ADMIN = 'administration@exemple.fr';

/** The citizens' pages, at their French address (the English one is `/en` + it). */
async function citizensPages(request: import('@playwright/test').APIRequestContext): Promise<string[]> {
  const features = await publishedFeatures(request);
  // A dated one held by the demo holder: its page shows the most (dates, hours, holder's page).
  const dated = features.find((f) => f.properties.start_date && f.properties.organisation === 'Mission Locale du Drouais')
    ?? features.find((f) => f.properties.start_date)!;
  return [
    '/',
    '/?bassin=dreux&tri=date',
    dated.properties.url,
    DEMO_PAGE,
    '/imprimer?bassin=dreux',
    '/integrer?bassin=chartres',
    '/integrer-la-carte?bassin=chartres',
    '/mentions-legales',
    '/confidentialite',
    '/accessibilite',
    '/charte',
    '/proposer',
    // The account pages before signing in, and a mailed link that no longer works.
    '/connexion',
    '/inscription',
    '/mot-de-passe-oublie',
    '/nouveau-mot-de-passe?jeton=inconnu',
    '/verifier-adresse?jeton=inconnu',
    '/initiatives/999999',
  ];
}

/** Texts that are the same words in both languages, or names: allowed on both pages. */
const SAME_IN_BOTH: (string | RegExp)[] = [
  'Carte Orientation 28', 'GeoJSON', 'Leaflet', 'CNIL', 'Job dating', 'Initiatives', 'Contact', 'Dates', 'Date',
  'Distance', 'Signature', 'English', 'Français', 'EN', 'FR', 'Chartres', 'Dreux', 'Châteaudun', 'Nogent-le-Rotrou',
  // The administrators' menu, a column of the moderation queue and of tables with a button per row.
  'Administration', 'Initiative', 'Action',
  // The suggestion form's fields.
  'Description', 'Latitude', 'Longitude',
  // Digits, punctuation and units: counts, pages, radii.
  /^[\d\s.,:;·()×—–+\-/|%«»‹›←]*$/u, /^\d+ km$/,
  // « 69 initiatives »: the same word in both languages.
  /^[\d\s,\u202f]+ initiatives?\.?$/u,
];

/** Every text a person reads or hears on the page (text, and the labels, titles, placeholders
 * and alternatives screen readers say), but the holders' own words (`lang="fr"` on an English
 * page) and names (`translate="no"`). */
async function interfaceTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // Inside the body only (`<html lang="fr">` would skip the whole French page); hidden from
    // everyone (aria-hidden: the robots' trap field), not text, or what a person typed (a
    // text area's content: an initiative's description on its holder's form).
    const skipped = 'body [lang="fr"], [translate="no"], [aria-hidden="true"], script, style, noscript, template, datalist, textarea';
    const texts = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest(skipped)) continue;
      const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (text) texts.add(text);
    }
    for (const element of document.body.querySelectorAll('[aria-label], [title], [placeholder], img[alt]')) {
      if (element.closest(skipped)) continue;
      for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
        const value = element.getAttribute(name)?.trim();
        if (value) texts.add(value);
      }
    }
    // (The document's title is the initiative's or the holder's name on their pages: checked
    // apart, on the map.)
    return [...texts];
  });
}

/** The English twin of the French address `path`: `/` is `/en`, `/?bassin=…` is `/en?bassin=…`. */
function inEnglish(path: string) {
  return `/en${path === '/' ? '' : path.startsWith('/?') ? path.slice(1) : path}`;
}

/** Opens `path` and waits for what the browser adds (hydration, the maps). */
async function open(page: Page, path: string) {
  await page.goto(path);
  await waitForHydration(page);
  if (await page.locator('#carte').count()) await page.locator('#carte[data-pins]').waitFor();
}

test.describe('an English browser', () => {
  test.use({ locale: 'en-GB' });

  test('lands on the English map at its first visit; the language switch is obeyed from then on', async ({ page, baseURL }) => {
    await page.goto('/?bassin=dreux');
    await expect(page).toHaveURL(/\/en\?bassin=dreux$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Who can help me choose my path in Eure-et-Loir?');
    await expect(page).toHaveTitle('Map of career-guidance initiatives in Eure-et-Loir – Carte Orientation 28');
    // Search engines and browsers learn both addresses.
    await expect(page.locator('link[rel="alternate"][hreflang="fr"]')).toHaveAttribute('href', `${baseURL}/?bassin=dreux`);
    await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute('href', `${baseURL}/en?bassin=dreux`);
    await expect(page.locator('link[rel="alternate"][hreflang="x-default"]')).toHaveAttribute('href', `${baseURL}/?bassin=dreux`);
    await waitForHydration(page);
    // The switch leads to the same view in French, and French it stays.
    const french = page.getByRole('link', { name: 'Français' });
    await expect(french).toHaveAttribute('lang', 'fr');
    await french.click();
    await expect(page).toHaveURL(/\/\?bassin=dreux$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await page.goto('/charte');
    await expect(page).toHaveURL(/\/charte$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    // And back to English, from any page.
    await waitForHydration(page);
    await page.getByRole('link', { name: 'English' }).click();
    await expect(page).toHaveURL(/\/en\/charte$/);
  });

  test('is not redirected inside a partner\'s frame: the embed page keeps its address', async ({ page }) => {
    await page.goto('/integrer?bassin=chartres');
    await expect(page).toHaveURL(/\/integrer\?bassin=chartres$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  });
});

test('a French browser stays on the French pages', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Qui peut m'aider à m'orienter en Eure-et-Loir ?");
});

/** The texts of each page of `paths` in English that are the same on its French twin (but
 * names and words the same in both), and links from the English pages to French ones: both
 * empty when the pages are translated. */
async function untranslatedTexts(page: Page, paths: string[]): Promise<string[]> {
  const untranslated: string[] = [];
  for (const path of paths) {
    await open(page, path);
    const french = new Set(await interfaceTexts(page));
    // The comparison has something to compare: the French page's own words.
    expect(french.size, `${path}: texts read`).toBeGreaterThan(5);
    const english = inEnglish(path);
    await open(page, english);
    await expect(page.locator('html'), english).toHaveAttribute('lang', 'en');
    for (const text of await interfaceTexts(page)) {
      const allowed = SAME_IN_BOTH.some((same) => (typeof same === 'string' ? same === text : same.test(text)));
      if (french.has(text) && !allowed) untranslated.push(`${english}: ${text}`);
    }
    // Links to our pages stay English (the API's addresses have no language), but the switch.
    const frenchLinks = await page
      .locator('a[href^="/"]:not([href^="/en"]):not([href^="/api/"]):not(.language-switch)')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    for (const link of frenchLinks) untranslated.push(`${english}: a link to ${link}`);
  }
  return untranslated;
}

test('every citizen page in English says nothing in French but the holders\' own words', async ({ page, request }) => {
  test.setTimeout(120_000);
  expect(await untranslatedTexts(page, await citizensPages(request))).toEqual([]);
});

/** The pages of each role, at their French address. The walk opens them as they are: it
 * confirms the demo holder's first initiative up to date (what its page does), nothing else. */
async function membersPages(people: import('./fixtures').People, request: import('@playwright/test').APIRequestContext) {
  const holder = await people.signedIn(DEMO_HOLDER, DEMO_PASSWORD, '/mes-initiatives');
  // Not the one left unconfirmed since 2025 for the club's tests (club.spec.ts).
  const held = await holder.locator('a[href^="/mes-initiatives/"]:not([href$="nouvelle"])')
    .filter({ hasNotText: 'Un pro, un jeune' }).first().getAttribute('href');
  const animator = await people.signedIn(ANIMATOR, PASSWORD, '/moderation');
  const chartres = (await publishedFeatures(request)).find((f) => f.properties.bassin_code === 'chartres')!;
  const admin = await people.signedIn(ADMIN, PASSWORD, '/admin/journal');
  return [
    {
      who: holder,
      paths: ['/compte', '/compte/supprimer', '/mes-initiatives', '/mes-initiatives/nouvelle', held!, `${held}/confirmer`],
    },
    {
      who: animator,
      paths: ['/moderation', `/moderation/initiatives/${chartres.id}`, '/club', '/club/invitations', '/club/tableau-de-bord', '/compte'],
    },
    { who: admin, paths: ['/admin/journal', '/admin/animateurs', '/admin/courriels'] },
    {
      who: await people.anonymous(),
      paths: ['/compte/supprime', '/desabonnement?jeton=inconnu', '/rejoindre-l-animation?invitation=inconnue'],
    },
  ];
}

test('every page of holders, facilitators and administrators in English says nothing in French but the holders\' own words', async ({ people, request }) => {
  test.setTimeout(180_000);
  const untranslated: string[] = [];
  for (const { who, paths } of await membersPages(people, request)) untranslated.push(...(await untranslatedTexts(who, paths)));
  expect(untranslated).toEqual([]);
});

// Both languages of every page, axe-checked in one walk: the French pages' own spec files check
// some of them in their states, this walk checks them all (the legal pages had no other check).
test('axe finds no violation on the pages of holders, facilitators and administrators, in French and in English', async ({ people, request }) => {
  test.setTimeout(360_000);
  for (const { who, paths } of await membersPages(people, request)) {
    for (const path of paths) {
      for (const address of [path, `/en${path}`]) {
        await open(who, address);
        expect(await violations(who), address).toEqual([]);
      }
    }
  }
});

test('axe finds no violation on the citizens\' pages, in French and in English', async ({ page, request }) => {
  test.setTimeout(240_000);
  for (const path of await citizensPages(request)) {
    const english = inEnglish(path);
    for (const address of [path, english]) {
      await open(page, address);
      expect(await violations(page), address).toEqual([]);
    }
  }
});

test('the English map works in English: filters, list, popups, and the initiative they lead to', async ({ page }) => {
  await page.goto('/en');
  await waitForMap(page);
  // Kinds are filtered by their English names.
  const group = page.locator('details.filters__group', { has: page.locator('summary', { hasText: 'Kind of initiative' }) });
  await group.locator('summary').click();
  await group.getByLabel(/Job fair/).check();
  await expect(page).toHaveURL(/\/en\?kind=forum-metiers$/);
  await expect(page.locator('#result-count')).toHaveText(/^\d+ initiatives?$/);
  const first = page.locator('.initiative-item').first();
  await expect(first.locator('.initiative-item__kind')).toHaveText('Job fair');
  await expect(first.locator('.initiative-item__place')).toHaveText(/ area$/);
  // Its popup speaks English and leads to the English page.
  await first.getByRole('button', { name: /Show on the map/ }).click();
  // (A pin's popup, or the list of the initiatives at one address: « — Job fair » each.)
  const popup = page.locator('.leaflet-popup-content');
  await expect(popup.locator('.popup__kind').first()).toHaveText(/^( — )?Job fair$/);
  if (await popup.locator('.popup__heading').count()) {
    await expect(popup.locator('.popup__heading')).toHaveText(/^\d+ initiatives at this place$/);
  }
  const link = popup.locator('a.popup__title').first();
  await expect(link).toHaveAttribute('href', /^\/en\/initiatives\/\d+/);
  await expect(link).toHaveAttribute('lang', 'fr');
  await expect(page.locator('.leaflet-popup-close-button')).toHaveAttribute('aria-label', 'Close');
  await link.click();
  await expect(page).toHaveURL(/\/en\/initiatives\/\d+/);
  await expect(page.getByRole('heading', { name: 'In practice' })).toBeVisible();
  await expect(page.locator('.kind-tag')).toHaveText('Job fair');
  await expect(page.getByRole('link', { name: '← Back to the map' })).toHaveAttribute('href', '/en');
});

test('a citizen suggests an initiative in English: the form, the server\'s messages and the thanks are English', async ({ page }) => {
  await page.goto('/en/proposer');
  await waitForHydration(page);
  await page.locator('#carte-epingle[data-ready]').waitFor();
  // Sent empty: every message is the server's, in English, beside its field and in the summary.
  await page.getByRole('button', { name: 'Send the suggestion' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Some fields need correcting:' });
  await expect(summary).toContainText('The title is required.');
  await expect(summary).toContainText('Choose a type of initiative from the list.');
  await expect(summary).toContainText('Choose a municipality in Eure-et-Loir from the list.');
  await expect(summary).not.toContainText(/obligatoire|Choisissez/);
  await expect(page.locator('#champ-title-erreur')).toHaveText('The title is required.');
  await expect(page.getByLabel('Title', { exact: true })).toHaveAttribute('aria-invalid', 'true');

  const title = `Café des métiers de Dreux ${Date.now()}`;
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Summary', { exact: true }).fill('Un samedi par mois, des professionnels racontent leur métier autour d\'un café.');
  await page.getByLabel('English summary').fill('One Saturday a month, professionals talk about their jobs over a coffee.');
  await page.getByLabel('Type of initiative').selectOption('atelier-se-connaitre');
  await page.getByRole('checkbox', { name: 'Knowing yourself to choose your path' }).check();
  await page.getByRole('checkbox', { name: 'Everyone' }).check();
  await page.getByLabel('Municipality').fill('Dreux (28100)');
  await page.getByLabel('Organisation').fill('Association des habitants');
  await page.getByLabel('Your email address (optional)').fill('not-an-address');
  await page.getByRole('button', { name: 'Send the suggestion' }).click();
  await expect(page.locator('#champ-contact_email-erreur')).toHaveText('The email address must look like name@example.org.');
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue(title);
  await page.getByLabel('Your email address (optional)').fill('');
  await page.getByRole('button', { name: 'Send the suggestion' }).click();
  await expect(page).toHaveURL(/\/en\/proposer\?merci=1$/);
  await expect(page.getByRole('status').filter({ hasText: 'your suggestion was passed on' })).toBeVisible();
});

test('the report form\'s messages on an English page are English', async ({ page, request }) => {
  const features = await publishedFeatures(request);
  await page.goto(`/en${features[0].properties.url}`);
  await waitForHydration(page);
  await page.getByText('Report a problem with this initiative').click();
  await page.getByRole('radio', { name: 'Another problem' }).check();
  await page.getByRole('button', { name: 'Send the report' }).click();
  await expect(page.locator('#champ-comment-erreur')).toHaveText('Describe the problem in a few words.');
  await expect(page.getByRole('alert').filter({ hasText: 'Describe the problem' })).not.toContainText('Décrivez');
});

test('a holder who signs up on the English pages gets English mails, whose links open English pages', async ({ page }) => {
  const email = uniqueEmail('holder');
  await page.goto('/en/inscription');
  await waitForHydration(page);
  await page.getByLabel('Organisation').fill('Family Learning Centre');
  await page.getByLabel('Name of the contact person').fill('Sam Taylor');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create the account' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'check your mailbox' })).toBeVisible();
  // The mail, as the mail server received it: English, in both of its parts.
  const mail = await mailTo(email, /^Confirm your email address/);
  expect(mail.text).toMatch(/^Hello,/);
  expect(mail.text).not.toMatch(/Bonjour|Confirmez/);
  expect(mail.html).toContain('<html lang="en">');
  await page.goto(linkIn(mail, '/en/verifier-adresse'));
  await waitForHydration(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: 'Confirm my address' }).click();
  await expect(page).toHaveURL(/\/en\/mes-initiatives\?adresse=verifiee$/);
  await expect(page.getByRole('status').filter({ hasText: 'Your address is verified' })).toBeVisible();
});
