// A leader handles a case on a tablet: opens it from the list, makes
// someone responsible, takes it through the workflow (a close without a
// note is refused, and the note typed is kept), comments to the reporter
// (whose status link shows it); the verneombud reads the same timeline
// without the steps; a colleague without a role in the unit finds no case.
import { Browser, expect, Page, test } from '@playwright/test';
import { openCase, otherTablet, reportFrom } from './cases';
import { expectAccessible, hydrated, logIn, sqlite } from './helpers';

test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'tablet', 'a leader on a tablet'));

async function step(page: Page, to: string) {
  await page.getByRole('button', { name: `Sett til ${to}` }).click();
}

test('a case goes from Ny to Lukket with a note, and its timeline shows every step', async ({ page, browser }) => {
  const text = `Båndsagen mangler vern (${Date.now()})`;
  const [receipt, statusLink] = await reportFrom(page, 'Vaktmesterverksted', text);

  await logIn(page, 'leder');
  await expect(page.getByRole('heading', { level: 1, name: 'Hei, Lars Lie' })).toBeVisible();
  await openCase(page, text);
  await expect(page.getByRole('heading', { level: 1, name: `Sak ${receipt}` })).toBeVisible();
  await expect(page.locator('.case-state')).toHaveText('Ny');
  await expect(page.locator('.facts')).toContainText('Vaktmesterverksted');
  await expect(page.locator('.facts')).toContainText('Meldt uten navn');
  await expectAccessible(page);

  await step(page, 'Under behandling');
  await expect(page.locator('.case-state')).toHaveText('Under behandling');
  await page.getByLabel('Ansvarlig', { exact: true }).selectOption({ label: 'Lars Lie' });
  await page.getByRole('button', { name: 'Gjør ansvarlig' }).click();
  await expect(page.locator('.facts')).toContainText('Lars Lie');
  await expect(page.locator('.timeline')).toContainText('Ansvarlig: Lars Lie');
  // Closing needs what was done; the refusal says so, and nothing is lost.
  await page.getByLabel('Notat').fill('   ');
  await step(page, 'Lukket');
  await expect(page.getByRole('alert')).toContainText('Skriv hva som ble gjort før saken lukkes.');
  await expect(page.locator('.case-state')).toHaveText('Under behandling');
  await step(page, 'Tiltak planlagt');
  await expect(page.locator('.case-state')).toHaveText('Tiltak planlagt');
  await page.getByLabel('Kommentar', { exact: true }).fill('Nytt vern er bestilt');
  await page.getByLabel('Synlig for den som meldte saken').check();
  await page.getByRole('button', { name: 'Legg til kommentar' }).click();
  await expect(page.locator('.timeline')).toContainText('Kommentar synlig for den som meldte: Nytt vern er bestilt');
  await expect(page.getByLabel('Kommentar', { exact: true })).toHaveValue('');
  await page.getByLabel('Notat').fill('Nytt vern bestilt og montert');
  await step(page, 'Lukket');
  await expect(page.locator('.case-state')).toHaveText('Lukket');
  await expect(page.getByLabel('Notat')).toHaveValue('');
  const timeline = page.locator('.timeline li');
  await expect(timeline).toHaveCount(6);
  await expect(timeline.nth(0)).toContainText('Meldt med QR-koden i rommet');
  await expect(timeline.nth(5)).toContainText('Tiltak planlagt → Lukket: Nytt vern bestilt og montert');
  await expect(timeline.nth(5)).toContainText('Lars Lie');
  expect(sqlite(`SELECT status, closed_note FROM avvik WHERE receipt_no = '${receipt}'`)).toEqual([
    ['closed', 'Nytt vern bestilt og montert'],
  ]);
  await expectAccessible(page);
  const caseUrl = page.url();

  // The reporter's link shows the case closed, with the comment meant for them.
  const reporter = await otherTablet(browser);
  await reporter.goto(statusLink);
  await expect(reporter.locator('.case-state')).toHaveText('Lukket');
  await expect(reporter.locator('body')).toContainText('Nytt vern er bestilt');
  await reporter.context().close();

  await readsWithoutSteps(browser, caseUrl, 'verneombud');
  const colleague = await otherTablet(browser);
  await logIn(colleague, 'medarbeider');
  await expect(colleague.getByRole('heading', { level: 1, name: 'Hei, Mona Moe' })).toBeVisible();
  await colleague.goto(caseUrl);
  await expect(colleague.getByRole('alert')).toBeVisible();
  await expect(colleague.locator('body')).not.toContainText(text);
  await colleague.context().close();
});

/** The verneombud reads the case and its timeline, with no steps to take. */
async function readsWithoutSteps(browser: Browser, url: string, username: string) {
  const page = await otherTablet(browser);
  await logIn(page, username);
  await expect(page.getByRole('heading', { level: 1, name: 'Hei, Vera Vik' })).toBeVisible();
  await page.goto(url);
  await hydrated(page);
  await expect(page.locator('.case-state')).toHaveText('Lukket');
  await expect(page.locator('.timeline li')).toHaveCount(6);
  await expect(page.getByRole('button', { name: 'Gjør ansvarlig' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Neste steg' })).toHaveCount(0);
  await expectAccessible(page);
  await page.context().close();
}
