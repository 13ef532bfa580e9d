// What a person sees of the layout, measured by bounding boxes: each tick box sits beside its
// label at every width, the header fits, the map's area names stay readable.
import { drawnMarkers, expect, PASSWORD, signUp, test, violations, waitForHydration, waitForMap, type Page, type People } from './fixtures';

/** For each tick box of `group`: its width, how far its label starts from it, and how far their
 * middles are apart vertically, in pixels. */
async function boxesBesideLabels(page: Page, group: RegExp) {
  const boxes = page.getByRole('group', { name: group }).locator('.form-choice');
  const count = await boxes.count();
  expect(count).toBeGreaterThan(1);
  const gaps: { label: string; width: number; across: number; down: number }[] = [];
  for (let n = 0; n < count; n++) {
    const box = (await boxes.nth(n).locator('input').boundingBox())!;
    const label = (await boxes.nth(n).locator('label').boundingBox())!;
    gaps.push({
      label: (await boxes.nth(n).locator('label').textContent()) ?? '',
      // A box stretched wider than itself draws its tick mid-row, far from its label.
      width: Math.round(box.width),
      across: Math.round(label.x - (box.x + box.width)),
      down: Math.round(Math.abs(label.y + label.height / 2 - (box.y + box.height / 2))),
    });
  }
  return gaps;
}

for (const width of [1280, 390]) {
  test(`the suggestion form's tick boxes sit beside their labels at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/proposer');
    await waitForHydration(page);
    for (const group of [/^Thématiques/, /^Publics/]) {
      for (const gap of await boxesBesideLabels(page, group)) {
        // A box of its own size, its label right after it (the CSS gap is 0.5rem), on one line.
        expect(gap.width, `${gap.label}: box ${gap.width} px wide`).toBeLessThanOrEqual(24);
        expect(gap.across, `${gap.label}: label starts ${gap.across} px after its box`).toBeGreaterThanOrEqual(0);
        expect(gap.across, `${gap.label}: label starts ${gap.across} px after its box`).toBeLessThanOrEqual(16);
        expect(gap.down, `${gap.label}: label and box ${gap.down} px apart vertically`).toBeLessThanOrEqual(6);
      }
    }
  });
}

// The header, for each role: one line at a desktop's width (seven links and a long organisation
// name used to wrap onto three), two short lines on a phone, every link still reachable.
const ADMIN = 'administration@exemple.fr';
const ANIMATOR = 'animation.chartres@exemple.fr';
const LONG_ORGANISATION = "Centre d'information et d'orientation de Chartres et de son agglomération";
const roles: { role: string; open: (people: People, page: Page) => Promise<Page> }[] = [
  { role: 'a visitor', open: async (_, page) => { await page.goto('/charte'); return page; } },
  {
    role: 'a holder with a long organisation name',
    open: async (_, page) => {
      await signUp(page, { organisation: LONG_ORGANISATION });
      await page.goto('/charte');
      return page;
    },
  },
  { role: 'an animator', open: (people) => people.signedIn(ANIMATOR, PASSWORD, '/charte') },
  { role: 'an admin', open: (people) => people.signedIn(ADMIN, PASSWORD, '/charte') },
];

for (const { role, open } of roles) {
  test(`the header of ${role} fits one line at 1280 px and two on a phone, every link reachable`, async ({ page, people }) => {
    const reader = await open(people, page);
    await waitForHydration(reader);
    const header = reader.locator('header.site-header');
    const links = header.getByRole('navigation', { name: 'Navigation principale' }).locator(':scope > ul > li');
    expect(await links.count()).toBeGreaterThanOrEqual(4);

    await reader.setViewportSize({ width: 1280, height: 800 });
    const brand = (await header.locator('.brand').boundingBox())!;
    const wide = (await header.boundingBox())!;
    expect(wide.height, `header ${wide.height} px high at 1280 px`).toBeLessThanOrEqual(64);
    for (const box of await links.evaluateAll((items) => items.map((item) => item.getBoundingClientRect().toJSON()))) {
      // Each link on the brand's line.
      expect(Math.abs(box.y + box.height / 2 - (brand.y + brand.height / 2))).toBeLessThanOrEqual(6);
    }

    await reader.setViewportSize({ width: 390, height: 844 });
    const narrow = (await header.boundingBox())!;
    // A phone's first screen is for the map: at most an eighth of it for the header.
    expect(narrow.height, `header ${narrow.height} px high at 390 px`).toBeLessThanOrEqual(844 / 8);
    for (const link of await links.locator(':scope > a, :scope summary').all()) {
      await link.focus();
      await expect(link).toBeInViewport();
    }
  });
}

test("an admin's administration menu opens from the keyboard, closes on Escape and when a link is followed", async ({ people }) => {
  const admin = await people.signedIn(ADMIN, PASSWORD, '/charte');
  const menu = admin.getByRole('navigation', { name: 'Navigation principale' }).locator('details');
  const button = menu.locator('summary');
  await expect(button).toHaveText(/Administration/);
  await expect(admin.getByRole('link', { name: 'Journal', exact: true })).toBeHidden();
  await button.focus();
  await admin.keyboard.press('Enter');
  await expect(admin.getByRole('link', { name: 'Journal', exact: true })).toBeVisible();
  expect(await violations(admin)).toEqual([]);
  await admin.keyboard.press('Tab');
  await expect(admin.getByRole('link', { name: 'Animateurs', exact: true })).toBeFocused();
  await admin.keyboard.press('Escape');
  await expect(admin.getByRole('link', { name: 'Journal', exact: true })).toBeHidden();
  await expect(button).toBeFocused();
  await admin.keyboard.press('Enter');
  await admin.getByRole('link', { name: 'Journal', exact: true }).click();
  await expect(admin).toHaveURL(/\/admin\/journal$/);
  await expect(admin.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(admin.getByRole('link', { name: 'Journal', exact: true })).toBeHidden();
});

test('an animator opening « Nouvelle initiative » is told at once what to do instead, not given a form to be refused', async ({ people }) => {
  const animator = await people.signedIn(ANIMATOR, PASSWORD, '/moderation');
  const response = await animator.goto('/mes-initiatives/nouvelle');
  expect(response!.status()).toBe(403);
  await waitForHydration(animator);
  await expect(animator.getByRole('heading', { level: 1, name: 'Nouvelle initiative' })).toBeVisible();
  await expect(animator.getByRole('alert')).toContainText("un compte d'animateur ou d'administrateur ne porte pas d'initiative");
  await expect(animator.getByRole('textbox')).toHaveCount(0);
  await expect(animator.getByRole('button', { name: /Enregistrer|Soumettre/ })).toHaveCount(0);
  await animator.getByRole('link', { name: "Proposer l'initiative" }).click();
  await expect(animator).toHaveURL(/\/proposer$/);
  await expect(animator.getByRole('heading', { level: 1 })).toContainText('Proposer');
});

// The overview map's area names: drawn above the pins and clusters (a cluster at an area's
// centre hid « Nogent-le-Rotrou »), and a click on a name reaches the cluster under it.
test('area names show above the clusters and let clicks through to them', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/');
  await waitForMap(page);
  const overlaps = await page.evaluate(() => {
    const markers = [...document.querySelectorAll('#carte .leaflet-marker-pane .leaflet-marker-icon')];
    return [...document.querySelectorAll('#carte .area-label__text')].flatMap((label) => {
      const name = label.getBoundingClientRect();
      const paneOf = (element: Element) => element.closest('.leaflet-pane')!;
      return markers
        .filter((marker) => {
          const box = marker.getBoundingClientRect();
          return box.left < name.right && name.left < box.right && box.top < name.bottom && name.top < box.bottom;
        })
        .map((marker) => {
          const box = marker.getBoundingClientRect();
          return {
            area: label.textContent,
            cluster: marker.classList.contains('marker-cluster'),
            labelAbove: Number(getComputedStyle(paneOf(label)).zIndex) > Number(getComputedStyle(paneOf(marker)).zIndex),
            labelLetsClicksThrough: getComputedStyle(label).pointerEvents === 'none' && getComputedStyle(paneOf(label)).pointerEvents === 'none',
            x: (Math.max(box.left, name.left) + Math.min(box.right, name.right)) / 2,
            y: (Math.max(box.top, name.top) + Math.min(box.bottom, name.bottom)) / 2,
          };
        });
    });
  });
  // The demo data puts a cluster under at least one area's name at the first view (this is
  // what the test is about: it fails rather than pass on a map where nothing overlaps).
  const cluster = overlaps.find((overlap) => overlap.cluster);
  expect(cluster, JSON.stringify(overlaps)).toBeDefined();
  for (const overlap of overlaps) {
    expect(overlap.labelAbove, `${overlap.area} above the marker under it`).toBe(true);
    expect(overlap.labelLetsClicksThrough, `${overlap.area} lets clicks through`).toBe(true);
  }
  // A click on the name where a cluster is under it does what a click on the cluster does: zoom
  // in until it splits, or list its initiatives in a popup.
  const state = async () => ({
    markers: (await drawnMarkers(page)).join(' '),
    popups: await page.locator('#carte .leaflet-popup').count(),
  });
  const before = await state();
  expect(before.popups).toBe(0);
  await page.mouse.click(cluster!.x, cluster!.y);
  await expect.poll(async () => { const now = await state(); return now.markers !== before.markers || now.popups > 0; }).toBe(true);
});
