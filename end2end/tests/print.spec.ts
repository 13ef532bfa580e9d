// Print: a counsellor prints the initiatives of a view as a directory for a pupil, and one
// initiative's page as a single sheet. Checked in the PDF headless Chromium makes (the browser's
// own print path), read back with Mozilla's pdf.js: page count, every entry, no controls.
import { expect, publishedFeatures, test, violations, waitForHydration, type Feature } from './fixtures';
import type { Page } from '@playwright/test';

/** The text of each page of `page` printed to PDF (A4, the print stylesheet). */
async function printed(page: Page): Promise<string[]> {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: true }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' '));
  }
  return pages;
}

/** Words of the site's frame and controls that must not reach paper. */
const CONTROLS = ['Imprimer', 'Revenir à la carte', 'Signaler un problème', 'Ajouter à mon agenda', 'Retour à la carte', 'Mentions légales', 'Se connecter'];

test('« Imprimer cette liste » prints the view as a paginated directory with every entry and no control', async ({ page, request, baseURL }) => {
  await page.goto('/?bassin=dreux');
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Imprimer cette liste' }).click();
  await expect(page).toHaveURL(/\/imprimer\?bassin=dreux$/);
  const dreux = (await publishedFeatures(request)).filter((f: Feature) => f.properties.bassin_code === 'dreux');
  await expect(page.locator('.print-entry')).toHaveCount(dreux.length);
  await expect(page.getByText(`${dreux.length} initiatives.`)).toBeVisible();
  expect(await violations(page)).toEqual([]);

  const pages = await printed(page);
  expect(pages.length, 'the directory takes several A4 pages').toBeGreaterThan(1);
  const text = pages.join(' ');
  // A long address wraps at a hyphen: read it without the line's break.
  const unwrapped = (page: string) => page.replace(/\s+/g, '');
  for (const feature of dreux) {
    expect(unwrapped(text)).toContain(unwrapped(feature.properties.title));
    expect(unwrapped(text)).toContain(`${baseURL}${feature.properties.url}`);
  }
  // An entry is never cut across two pages: each title and its page's address are on one.
  for (const feature of dreux) {
    const onOne = pages.some((p) => unwrapped(p).includes(unwrapped(feature.properties.title)) && unwrapped(p).includes(feature.properties.url));
    expect(onOne, feature.properties.title).toBe(true);
  }
  for (const control of CONTROLS) expect(text, control).not.toContain(control);
  expect(text).toContain('Initiatives d\'orientation en Eure-et-Loir');
});

test('an initiative\'s page prints on one sheet, without its map, form or buttons', async ({ page, request }) => {
  const forum = (await publishedFeatures(request)).find((f) => f.properties.start_date)!;
  await page.goto(forum.properties.url);
  await waitForHydration(page);
  const pages = await printed(page);
  expect(pages).toHaveLength(1);
  expect(pages[0].replace(/\s+/g, '')).toContain(forum.properties.title.replace(/\s+/g, ''));
  expect(pages[0]).toContain('En pratique');
  for (const control of CONTROLS) expect(pages[0], control).not.toContain(control);
});

test('a nonsense parameter on the print page is a clear error, in French', async ({ page }) => {
  await page.goto('/imprimer?bassin=paris');
  await expect(page.getByRole('alert')).toContainText('Bassin inconnu');
});
