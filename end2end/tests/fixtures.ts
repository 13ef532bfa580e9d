// Shared fixtures: every test fails when a page logs a console error or throws, and helpers read
// the state of the map the way a person sees it.
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
export type { Page };

/** Other people, each in a browser context of their own, watched for console errors like the
 * test's own page, and closed after the test. */
export interface People {
  /** Someone not signed in. */
  anonymous(): Promise<Page>;
  /** Someone signed in as `email`, on `next`. The first time through the sign-in form, then
   * with the same session again: sign-in is throttled (5 attempts per account, then one a
   * minute), and a whole test run signs the same animators in many times. */
  signedIn(email: string, password: string, next: string): Promise<Page>;
}

type SessionState = Awaited<ReturnType<BrowserContext['storageState']>>;
/** Sessions already opened in this run, by email (one worker runs every file). */
const sessions = new Map<string, SessionState>();

/** Chromium's own log line when the page or server function under test answers 400, 403, 404
 * or 409 (a refused form, someone else's page, a missing page, a conflict): expected there. */
const EXPECTED_404 = /Failed to load resource: the server responded with a status of (400|403|404|409)/;

export const test = base.extend<{ consoleErrors: string[]; people: People }>({
  consoleErrors: [async ({ context }, use) => {
    const errors: string[] = [];
    await reportPolicyViolations(context);
    context.on('page', (page) => watch(page, errors));
    for (const page of context.pages()) watch(page, errors);
    await use(errors);
    expect(errors, 'console errors or uncaught exceptions').toEqual([]);
  }, { auto: true }],
  // Its own time budget (setup and teardown), apart from the test's: closing a context also
  // stops its trace, which on a loaded 2-core machine once took the test past its 30 s while
  // every assertion had passed (CI, club.spec.ts, "Tearing down \"people\" exceeded").
  people: [async ({ browser, consoleErrors }, use) => {
    const contexts: BrowserContext[] = [];
    const open = async (state?: SessionState) => {
      const context = await browser.newContext(state ? { storageState: state } : {});
      await reportPolicyViolations(context);
      contexts.push(context);
      context.on('page', (page) => watch(page, consoleErrors));
      return { context, page: await context.newPage() };
    };
    await use({
      anonymous: async () => (await open()).page,
      signedIn: async (email, password, next) => {
        const known = sessions.get(email);
        const { context, page } = await open(known);
        if (known) {
          await page.goto(next);
          await waitForHydration(page);
        } else {
          await signIn(page, email, password, next);
          sessions.set(email, await context.storageState());
        }
        return page;
      },
    });
    await Promise.all(contexts.map((context) => context.close()));
  }, { timeout: 60_000 }],
});
export { expect };

/** The headers of a server-function call from a test: a JSON answer (our pages ask for postcard,
 * app/src/wire.rs; the server answers anyone else in JSON), and this site's own Origin — the
 * server refuses any request that changes something from elsewhere (403). */
export function serverFn(): Record<string, string> {
  return { accept: 'application/json', origin: new URL(test.info().project.use.baseURL!).origin };
}

/** What `page` hands the browser with its HTML (the hydration data: each resource's value, in
 * postcard, written in base64 into `__RESOLVED_RESOURCES`), as text: postcard writes strings
 * as they are, so a text the page hands over is found in it. */
export async function pageData(page: Page): Promise<string> {
  const scripts = await page.locator('script').evaluateAll((all) => all.map((script) => script.textContent ?? ''));
  return scripts
    .filter((script) => script.includes('__RESOLVED_RESOURCES'))
    .flatMap((script) => [...script.matchAll(/"([A-Za-z0-9+/]+)"/g)].map((quoted) => quoted[1]))
    .map((base64) => Buffer.from(base64, 'base64').toString('utf8'))
    .join('\n');
}

/** Every Content-Security-Policy violation in `context`'s pages becomes a console error, which
 * fails the test: a script, style or image the policy blocks is a broken page (or an attack). */
async function reportPolicyViolations(context: BrowserContext) {
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline code'}`);
    });
  });
}

function watch(page: Page, errors: string[]) {
  page.on('console', (message) => {
    if (message.type() === 'error' && !EXPECTED_404.test(message.text())) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
}

export interface Feature {
  id: number;
  geometry: { coordinates: [number, number] };
  properties: {
    title: string; url: string; organisation: string; commune: string; commune_code: string; bassin: string; bassin_code: string;
    start_date: string | null; end_date: string | null; start_time: string | null; end_time: string | null;
  };
}

/** The published initiatives, from the open-data export. */
export async function publishedFeatures(request: APIRequestContext): Promise<Feature[]> {
  const response = await request.get('/api/initiatives.geojson');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^application\/geo\+json/);
  const collection = await response.json();
  return collection.features;
}

export async function waitForHydration(page: Page) {
  await page.locator('body[data-hydrated="true"]').waitFor();
}

export async function waitForMap(page: Page) {
  await waitForHydration(page);
  await page.locator('#carte[data-pins]').waitFor();
}

/** Pins a person can count on the map: cluster totals plus single pins, once animations settle. */
export async function countPins(page: Page): Promise<number> {
  const read = () => page.evaluate(() => {
    const visible = (element: Element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(element).opacity !== '0';
    };
    const clusters = [...document.querySelectorAll('#carte .marker-cluster')].filter(visible)
      .reduce((sum, cluster) => sum + Number(cluster.querySelector('.marker-cluster__count')?.textContent ?? 0), 0);
    const singles = [...document.querySelectorAll('#carte .leaflet-marker-icon.pin')].filter(visible).length;
    return clusters + singles;
  });
  let previous = -1;
  for (let attempt = 0; attempt < 40; attempt++) {
    const current = await read();
    if (current === previous && current > 0) return current;
    previous = current;
    await page.waitForTimeout(300);
  }
  return previous;
}

/** Opens the filter group headed `legend` (groups start folded), so its boxes can be ticked. */
export async function openGroup(page: Page, legend: string) {
  const group = page.locator('details.filters__group', { has: page.locator('summary', { hasText: legend }) });
  if ((await group.getAttribute('open')) === null) await group.locator('summary').click();
}

/** The password of every account the tests create. */
export const PASSWORD = 'une phrase de passe solide';

/** An address no other test (or earlier run on the same database) has used. */
export function uniqueEmail(who: string) {
  return `${who}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@exemple.fr`;
}

/** Signs in through the form and waits for the page it leads to (`next`). */
export async function signIn(page: Page, email: string, password: string, next = '/mes-initiatives') {
  await page.goto(`/connexion?suite=${next}`);
  await waitForHydration(page);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  // The whole path and query: `/connexion?suite=/moderation` must not pass for `/moderation`.
  await expect(page).toHaveURL((url) => url.pathname + url.search === next);
  // Signing in leads there by a full page load: let it finish before the test goes elsewhere.
  await page.waitForLoadState('load');
  await waitForHydration(page);
}

/** What axe-core finds against WCAG 2.1 A and AA, one line per rule broken. */
export async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** A mail as the test SMTP server received it (scripts/smtp-sink.py). */
export interface Mail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/** Where the test SMTP server lists what it received (playwright.config.ts starts it). */
const MAILBOX = process.env.MAILBOX_URL ?? 'http://127.0.0.1:3126/messages';

/** Every mail received for `address`, oldest first. */
export async function mailsTo(address: string): Promise<Mail[]> {
  const response = await fetch(MAILBOX);
  const mails: Mail[] = await response.json();
  return mails.filter((mail) => mail.to.includes(address.toLowerCase()));
}

/** The mail to `address` whose subject matches, once it arrives (the site delivers every second). */
export async function mailTo(address: string, subject: RegExp): Promise<Mail> {
  let found: Mail | undefined;
  await expect.poll(async () => {
    found = (await mailsTo(address)).reverse().find((mail) => subject.test(mail.subject));
    return found !== undefined;
  }, { message: `a mail to ${address} about ${subject}`, timeout: 20_000 }).toBe(true);
  return found!;
}

/** The first address of this site in `mail` whose path starts with `path`. */
export function linkIn(mail: Mail, path: string): string {
  const link = mail.text.split(/\s+/).find((word) => word.startsWith('http') && new URL(word).pathname.startsWith(path));
  expect(link, `a link to ${path} in ${mail.text}`).toBeTruthy();
  return link!;
}

/** Signs a new holder up through the form; unless `verify` is false, opens the link the
 * mail brings and confirms the address, which signs them in (on /mes-initiatives). */
export async function signUp(page: Page, { email = uniqueEmail('porteur'), organisation = 'CIO de Chartres', verify = true } = {}) {
  await page.goto('/inscription');
  await waitForHydration(page);
  await page.getByLabel('Structure').fill(organisation);
  await page.getByLabel('Nom de la personne à contacter').fill('Camille Martin');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Créer le compte' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'vérifiez votre messagerie' })).toBeVisible();
  if (verify) {
    const mail = await mailTo(email, /Confirmez votre adresse/);
    await page.goto(linkIn(mail, '/verifier-adresse'));
    await waitForHydration(page);
    await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await expect(page).toHaveURL(/\/mes-initiatives\?adresse=verifiee$/);
    await waitForHydration(page);
  }
  return email;
}

/** The markers a person sees on the overview map (area names left out), each as its place in
 * the map's pane and what it shows: `cluster 12` or `pin` with its colour. */
export async function drawnMarkers(page: Page): Promise<string[]> {
  return page.locator('#carte .leaflet-marker-pane .leaflet-marker-icon:not(.area-label)').evaluateAll((icons) =>
    icons.map((icon) => {
      const place = (icon as HTMLElement).style.transform;
      if (icon.classList.contains('marker-cluster')) return `${place} cluster ${icon.textContent?.match(/\d+/)?.[0]}`;
      const colour = (icon.querySelector('.pin__body') as HTMLElement | null)?.style.getPropertyValue('--pin-colour');
      return `${place} pin ${colour}${icon.classList.contains('pin--a-verifier') ? ' à vérifier' : ''}`;
    }).sort());
}

/** The markers in the map's box that a person sees, each as what it shows (a cluster's count,
 * a pin's colour and « à vérifier ») and the centre of its icon relative to the box. */
async function markersSeen(page: Page, selector: string): Promise<{ shows: string; x: number; y: number }[]> {
  return page.locator('#carte').evaluate((map, selector) => {
    const box = map.getBoundingClientRect();
    return [...map.querySelectorAll<HTMLElement>(selector)].flatMap((icon) => {
      const r = icon.getBoundingClientRect();
      const [x, y] = [r.x + r.width / 2 - box.x, r.y + r.height / 2 - box.y];
      if (r.width === 0 || x < 0 || y < 0 || x > box.width || y > box.height) return [];
      const shows = icon.classList.contains('marker-cluster')
        ? `cluster ${icon.querySelector('.marker-cluster__count')?.textContent}`
        : `pin ${getComputedStyle(icon.querySelector('.pin__body')!).backgroundColor}${icon.classList.contains('pin--a-verifier') ? ' à vérifier' : ''}`;
      return [{ shows, x, y }];
    });
  }, selector);
}

/**
 * Opens `path` twice at `page`'s size: without JavaScript, where the server's sketch of the map
 * (server/src/map_sketch.rs) is all there is, then with it, the WASM held back, until the page's
 * script has drawn its markers. The sketch must have shown exactly those markers in the same
 * places (to a pixel and a half: Leaflet rounds its positions), and be gone: never two of
 * anything. Returns how many markers the sketch showed, and the zoom of the layer it showed.
 */
export async function checkSketch(page: Page, browser: Browser, path: string): Promise<{ markers: number; zoom: number }> {
  const withoutScripts = await browser.newContext({ javaScriptEnabled: false, viewport: page.viewportSize() });
  let sketched: Awaited<ReturnType<typeof markersSeen>>;
  let shown: number[];
  try {
    const bare = await withoutScripts.newPage();
    await bare.goto(path);
    sketched = await markersSeen(bare, '.map-sketch__spot');
    // The zoom whose layer the style sheet shows for this map's size.
    shown = await bare.locator('.map-sketch__zoom').evaluateAll((layers) => layers
      .filter((layer) => getComputedStyle(layer).display !== 'none')
      .map((layer) => Number(layer.className.match(/--(\d+)/)![1])));
  } finally {
    await withoutScripts.close();
  }

  const release = await holdWasm(page);
  await page.goto(path);
  await expect(page.locator('#carte .leaflet-marker-pane .leaflet-marker-icon:not(.area-label)').first()).toBeVisible();
  // Counted once, not awaited: the script removes the sketch in the task that draws its markers.
  expect(await page.locator('#carte .map-sketch').count(), 'the sketch gives way to the markers').toBe(0);
  const drawn = await markersSeen(page, '.leaflet-marker-pane .leaflet-marker-icon:not(.area-label)');
  expect(sketched.length, 'the sketch shows markers').toBeGreaterThan(0);
  const unmatched = sketched.filter((spot) => !drawn.some((marker) =>
    marker.shows === spot.shows && Math.hypot(marker.x - spot.x, marker.y - spot.y) <= 1.5));
  expect(unmatched, 'sketched where nothing the same is drawn').toEqual([]);
  expect(drawn.length, 'as many markers drawn as sketched').toBe(sketched.length);
  expect(shown, 'one layer shown').toHaveLength(1);
  release();
  await waitForMap(page);
  await page.unroute('**/pkg/*.wasm');
  return { markers: sketched.length, zoom: shown[0] };
}

/** Holds back every WASM download of `page` until the returned function is called: the page as
 * a slow phone shows it before its code arrives. */
export async function holdWasm(page: Page): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => { release = resolve; });
  await page.route('**/pkg/*.wasm', async (route) => { await released; await route.continue(); });
  return release;
}

/** A transparent pixel, as PNG. */
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==', 'base64');

/**
 * Shows `page` the site as a deployment with map tiles shows it (the tests' servers have none,
 * and no outside host answers here): the pages' tile URL names a path of this site, whose
 * tiles are a transparent pixel. The maps then go to zoom 18, the streets, instead of 13.
 * Answers the zooms of the tiles asked for, as they are asked: how close the map went.
 */
export async function withTiles(page: Page): Promise<number[]> {
  const zooms: number[] = [];
  await page.route('**/tuiles-essai/**', (route) => {
    zooms.push(Number(new URL(route.request().url()).pathname.split('/')[2]));
    return route.fulfill({ contentType: 'image/png', body: PIXEL });
  });
  await page.route('**/*', async (route) => {
    if (route.request().resourceType() !== 'document') return route.fallback();
    const response = await route.fetch();
    const html = await response.text();
    const tiled = html.replace('<meta name="carte-tile-url" content="">', '<meta name="carte-tile-url" content="/tuiles-essai/{z}/{x}/{y}.png">');
    // The body is handed decoded: without the server's compression headers.
    const headers = Object.fromEntries(Object.entries(response.headers())
      .filter(([name]) => !['content-encoding', 'content-length'].includes(name)));
    await route.fulfill({ status: response.status(), headers, body: tiled });
  });
  return zooms;
}

/**
 * Opens `path` in a cold browser with the WASM held back: the page's script must draw the pins
 * alone; then the WASM arrives and must take the same map over — the same markers in the same
 * places, never two of anything, the payload fetched once. Returns the preview's markers.
 */
export async function checkPreviewHandover(page: Page, path: string): Promise<string[]> {
  const release = await holdWasm(page);
  const pinRequests: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/pins') pinRequests.push(request.url());
  });
  await page.goto(path);
  const markers = page.locator('#carte .leaflet-marker-pane .leaflet-marker-icon:not(.area-label)');
  await expect(markers.first()).toBeVisible();
  await expect(page.locator('#carte .area-label')).toHaveCount(4);
  expect(await page.locator('body[data-hydrated="true"]').count(), 'the WASM is still held back').toBe(0);
  const preview = await drawnMarkers(page);
  // A picture until the WASM brings the real markers: no marker takes the keyboard's focus.
  await expect(page.locator('#carte .leaflet-marker-icon[tabindex]')).toHaveCount(0);

  release();
  await waitForMap(page);
  await expect(page.locator('#carte .leaflet-marker-icon[tabindex="0"]').first()).toBeAttached();
  expect(await drawnMarkers(page), 'the WASM draws what the preview showed, once').toEqual(preview);
  await expect(page.locator('#carte .leaflet-map-pane')).toHaveCount(1);
  await expect(page.locator('#carte .area-label')).toHaveCount(4);
  expect(pinRequests, 'the pins are fetched once, for both').toHaveLength(1);
  await page.unroute('**/pkg/*.wasm');
  return preview;
}
