// What a person sees of the forms' layout, measured by bounding boxes: each tick box sits beside
// its label, at every width.
import { expect, test, waitForHydration, type Page } from './fixtures';

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
