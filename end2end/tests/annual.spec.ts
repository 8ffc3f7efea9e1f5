// The årshjul on a phone: with the plan's day set to 1 June (the server's
// clock setting for tests), a unit without a vernerunde this year shows it
// overdue; once a round is walked and signed off there, it shows done with
// the day. A meeting marked done lands in its quarter and in the list.
import { expect, Page, test } from '@playwright/test';
import { allSent, answerPoint, downloadFrom, expectAccessible, hydrated, logInAndSync, openSections, sqlite } from './helpers';
import { zipEntry } from './zip';
import { proxyUrl } from './network';

test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'phone', 'a round walked on a phone'));
test.afterEach(async () => setPlanDay(null));

/** Sets the day the yearly plan counts from (`null`: the real one). */
async function setPlanDay(day: string | null) {
  const response = await fetch(`${proxyUrl()}/api/test/today`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ today: day }),
  });
  expect(response.status).toBe(200);
}

/** Today in Norway as the page writes a day (`8.12.2026`). */
function norwegianToday(): string {
  return new Intl.DateTimeFormat('nb-NO', { timeZone: 'Europe/Oslo', day: 'numeric', month: 'numeric', year: 'numeric' }).format(new Date());
}

/** The row of activity `name` in the year's table. */
function activity(page: Page, name: string) {
  return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${name}`) }) });
}

test('a unit without a round this year is overdue after 31 May, and done once a round is signed off', async ({ page }) => {
  const year = norwegianToday().split('.')[2];
  await setPlanDay(`${year}-06-01`);
  await logInAndSync(page, 'hms');
  const unit = sqlite("SELECT id FROM org_units WHERE name = 'Hjemmetjenesten'")[0][0];
  await page.getByRole('link', { name: 'Årshjul' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Årshjul' })).toBeVisible();
  await hydrated(page);
  await page.getByLabel('Enhet', { exact: true }).selectOption(unit);
  await page.getByRole('button', { name: 'Vis' }).click();
  await expect(page).toHaveURL(new RegExp(`enhet=${unit}`));
  await hydrated(page);
  await expect(page.getByRole('table', { name: `Årshjul ${year} – Hjemmetjenesten` })).toBeVisible();
  await expect(activity(page, 'Vernerunde').locator('td.occ')).toHaveText(`Forfalt, frist 31.5.${year}`);
  await expect(activity(page, 'Vernerunde').locator('td.occ')).toHaveClass(/plan-overdue/);
  await expectAccessible(page);

  // A round walked in the unit's area and signed off.
  await page.goto('/runder/ny');
  await hydrated(page);
  await page.getByLabel('Verneområde').selectOption({ label: 'Hjemmetjenesten' });
  await page.getByRole('button', { name: 'Start runden' }).click();
  await expect(page).toHaveURL(/\/runde\?id=/);
  await hydrated(page);
  await openSections(page);
  await answerPoint(page, 0);
  await page.getByRole('link', { name: 'Avslutt runden' }).click();
  await hydrated(page);
  await page.getByLabel(/^Hanne Haugen/).check();
  await page.getByRole('button', { name: 'Signer og avslutt' }).click();
  await expect(page.getByText('Runden er avsluttet og kan ikke endres.')).toBeVisible();
  await allSent(page);

  await page.goto(`/arshjul?enhet=${unit}`);
  await hydrated(page);
  await expect(activity(page, 'Vernerunde').locator('td.occ')).toHaveText(`Utført ${norwegianToday()}`);

  // A meeting held in February, marked done.
  await page.getByLabel('Aktivitet', { exact: true }).selectOption({ label: 'AMU-møte' });
  await page.getByLabel('Dato').fill(`${year}-02-10`);
  await page.getByLabel('Hva ble gjort (valgfritt)').fill('Møte 1: årsrapporten fra BHT');
  await page.getByRole('button', { name: 'Registrer som utført' }).click();
  await expect(activity(page, 'AMU-møte').locator('td.occ').first()).toHaveText(`Utført 10.2.${year}`);
  await expect(activity(page, 'AMU-møte').locator('td.occ').nth(1)).toHaveText(`Gjøres nå, frist 30.6.${year}`);
  await expect(page.locator('section', { has: page.getByRole('heading', { name: `Registrert som utført i ${year}` }) })).toContainText('Møte 1: årsrapporten fra BHT');
  // No day after the plan's today may be chosen (the server refuses one too).
  await expect(page.getByLabel('Dato')).toHaveAttribute('max', `${year}-06-01`);

  // Every unit's year in a line, for the HMS-ansvarlig, and as a workbook.
  await page.getByRole('link', { name: 'Se alle enheter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Årshjul for alle enheter' })).toBeVisible();
  await hydrated(page);
  await page.getByLabel('Bare enheter med noe forfalt').check();
  await page.getByRole('button', { name: 'Vis' }).click();
  await expect(page).toHaveURL(/bak=1/);
  await hydrated(page);
  const line = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Hjemmetjenesten' }) });
  await expect(line.locator('td.what')).toContainText('Revidere risikovurderinger');
  await expect(line.locator('td.what')).not.toContainText('Vernerunde');
  await expectAccessible(page);
  const workbook = await downloadFrom(page, 'Last ned som Excel (XLSX)');
  expect(workbook.name).toMatch(new RegExp(`^arshjul-${year}-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`));
  expect(zipEntry(workbook.bytes, 'xl/worksheets/sheet1.xml')).toContain('<t>Hjemmetjenesten</t>');
});
