// A leader on a tablet sees a QR report's photo on its case and rates the
// risk again: a rating off the matrix is refused, the new one decides the
// case's risk while the reporter's words stay beside it, and the timeline
// tells who did it. The verneombud reads both ratings and the photo, with
// no form to change them.
import { expect, Page, test } from '@playwright/test';
import { openCase, otherTablet, reportFrom } from './cases';
import { expectAccessible, hydrated, logIn, makeJpeg, sqlite } from './helpers';

test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'tablet', 'a leader on a tablet'));

/** The facts list's value for the term `term`. */
function fact(page: Page, term: string) {
  return page.locator('.facts dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
}

/** Whether the image has loaded and decoded (a broken image has no width). */
async function decoded(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);
}

test('a case shows its photo and keeps both ratings when the leader rates it again', async ({ page, browser }) => {
  const stamp = Date.now();
  const text = `Gassflaska står uten kjetting (${stamp})`;
  await page.goto('/login');
  const photo = await makeJpeg(page, 5, 1600, 1200);
  const [receipt] = await reportFrom(page, 'Vaktmesterverksted', text, photo);

  await logIn(page, 'leder');
  await expect(page.getByRole('heading', { level: 1, name: 'Hei, Lars Lie' })).toBeVisible();
  await openCase(page, text);
  await expect(page.getByRole('heading', { level: 1, name: `Sak ${receipt}` })).toBeVisible();
  await expect(fact(page, 'Første vurdering')).toHaveText('Middels (melders eget ord)');
  await expect(fact(page, 'Risiko')).toHaveText('8 – Middels risiko (5–9)');

  // The photo: a thumbnail that loads, linking to the full photo.
  const thumb = page.getByRole('img', { name: 'Bilde av avviket, nr. 1' });
  await expect(thumb).toBeVisible();
  await expect.poll(() => decoded(page, '.case-photos img')).toBe(true);
  const full = await page.locator('.case-photos a').first().getAttribute('href');
  const answer = await page.request.get(full ?? '');
  expect(answer.status()).toBe(200);
  expect(answer.headers()['content-type']).toBe('image/jpeg');
  await expectAccessible(page);

  // Nothing chosen for the consequence: refused with what to do.
  const form = page.locator('section', { has: page.getByRole('heading', { name: 'Vurder risikoen på nytt' }) });
  await form.getByLabel('Sannsynlighet').selectOption('4');
  await form.getByRole('button', { name: 'Lagre vurdering' }).click();
  await expect(form.getByRole('alert')).toContainText('Velg sannsynlighet og konsekvens, hver fra 1 til 5.');
  await form.getByLabel('Sannsynlighet').selectOption('4');
  await form.getByLabel('Konsekvens').selectOption('5');
  await form.getByRole('button', { name: 'Lagre vurdering' }).click();
  await expect(fact(page, 'Leders vurdering')).toHaveText('Sannsynlighet 4 × Konsekvens 5 = 20');
  await expect(fact(page, 'Risiko')).toHaveText('20 – Høy risiko (10–25)');
  await expect(fact(page, 'Første vurdering')).toHaveText('Middels (melders eget ord)');
  await expect(page.locator('.timeline')).toContainText('Risiko vurdert på nytt: Sannsynlighet 4 × Konsekvens 5 = 20');
  expect(sqlite(`SELECT severity, leader_probability, leader_consequence, risk_score FROM avvik WHERE receipt_no = '${receipt}'`)).toEqual([
    ['middels', '4', '5', '20'],
  ]);
  await expectAccessible(page);

  // The verneombud reads both ratings and sees the photo; no form for her.
  const id = sqlite(`SELECT id FROM avvik WHERE receipt_no = '${receipt}'`)[0][0];
  const vera = await otherTablet(browser);
  await logIn(vera, 'verneombud');
  await expect(vera.getByRole('heading', { level: 1, name: 'Hei, Vera Vik' })).toBeVisible();
  await vera.goto(`/avvik/sak?id=${id}`);
  await hydrated(vera);
  await expect(fact(vera, 'Leders vurdering')).toHaveText('Sannsynlighet 4 × Konsekvens 5 = 20');
  await expect(vera.getByRole('heading', { name: 'Vurder risikoen på nytt' })).toHaveCount(0);
  await expect.poll(() => decoded(vera, '.case-photos img')).toBe(true);
  await vera.context().close();
});
