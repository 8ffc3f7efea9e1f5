// A leader takes the year's avvik to AMU on a tablet: a report made today
// is in this year's statistics; the cases of 2021 (written straight into the
// database, as a past year cannot be reported today) are counted per
// Norwegian quarter (a case at 00:30 on New Year's Day belongs to the new
// year), per category and per unit, as a chart and tables, without the
// nursing home's; the workbook holds the same rows; the page narrows to a
// unit, and reads offline once loaded.
import { expect, Page, test } from '@playwright/test';
import { reportFrom } from './cases';
import { downloadFrom, expectAccessible, goOffline, hydrated, logIn, resetNetwork, sqlite } from './helpers';
import { zipEntry } from './zip';

test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'tablet', 'a leader on a tablet'));
test.afterEach(async () => resetNetwork());

/** Cases of 2021 (and one on the last minute of 2020), by Norwegian time. */
function seed2021(stamp: number) {
  const cases: [string, string, string][] = [
    ['Nordby skole', 'brann', '2021-01-01T00:30:00+01:00'],
    ['Nordby skole', 'brann', '2021-03-31T23:30:00+02:00'],
    ['Nordby skole', '', '2021-04-01T00:10:00+02:00'],
    ['SFO', 'kjemikalier', '2021-12-31T23:30:00+01:00'],
    ['Fjordvik sykehjem', 'brann', '2021-05-02T09:00:00+02:00'],
    ['Nordby skole', 'brann', '2020-12-31T23:59:00+01:00'],
  ];
  const inserts = cases.map(([unit, category, at], n) => {
    const id = `e2e-stats-${stamp}-${n}`;
    return `INSERT INTO avvik (id, unit_id, source, category, description, status, receipt_no, created_at, updated_at)
            SELECT '${id}', id, 'qr', '${category}', 'Statistikk', 'open', '${id}', ${Date.parse(at)}, ${Date.parse(at)}
            FROM org_units WHERE name = '${unit}';`;
  });
  sqlite(inserts.join('\n'));
}

/** The figures (four quarters and the year) of the row headed `name` in the table named `table`. */
async function figures(page: Page, table: string, name: string): Promise<string[]> {
  const row = page.getByRole('table', { name: table }).getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  return row.getByRole('cell').allTextContents();
}

test('a leader counts the year per quarter, category and unit, and downloads it for AMU', async ({ page, context }) => {
  const stamp = Date.now();
  seed2021(stamp);
  await reportFrom(page, 'Vaktmesterverksted', `Sagbladet ligger løst (${stamp})`);

  await logIn(page, 'leder');
  await expect(page.getByRole('heading', { level: 1, name: 'Hei, Lars Lie' })).toBeVisible();
  await page.getByRole('link', { name: 'Statistikk' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Avviksstatistikk for AMU' })).toBeVisible();
  await hydrated(page);
  // The server counts years in Norwegian time.
  const thisYear = new Intl.DateTimeFormat('nb-NO', { timeZone: 'Europe/Oslo', year: 'numeric' }).format(new Date());
  await expect(page.getByLabel('År')).toHaveValue(thisYear);
  const machines = await figures(page, 'Per kategori', 'Maskiner og utstyr');
  expect(Number(machines[4])).toBeGreaterThanOrEqual(1);

  await page.getByLabel('År').selectOption('2021');
  await page.getByRole('button', { name: 'Vis' }).click();
  await expect(page).toHaveURL(/aar=2021/);
  await hydrated(page);
  await expect(page.getByText('Avvik registrert i 2021: 4')).toBeVisible();
  expect(await figures(page, 'Per kategori', 'Brann')).toEqual(['2', '0', '0', '0', '2']);
  expect(await figures(page, 'Per kategori', 'Kjemikalier')).toEqual(['0', '0', '0', '1', '1']);
  expect(await figures(page, 'Per kategori', 'Uten kategori (vernerunder)')).toEqual(['0', '1', '0', '0', '1']);
  expect(await figures(page, 'Per kategori', 'Alle')).toEqual(['2', '1', '0', '1', '4']);
  expect(await figures(page, 'Per enhet og kategori', 'Nordby skole')).toEqual(['2', '1', '0', '0', '3']);
  expect(await figures(page, 'Per enhet og kategori', 'SFO')).toEqual(['0', '0', '0', '1', '1']);
  await expect(page.getByText('Fjordvik sykehjem')).toHaveCount(0);
  await expect(page.getByRole('img', { name: 'Avvik per kvartal 2021: 1. kv. 2, 2. kv. 1, 3. kv. 0, 4. kv. 1' })).toBeVisible();
  await expect(page.locator('.quarter-chart rect.cat-brann')).toHaveCount(1);
  await expectAccessible(page);

  const workbook = await downloadFrom(page, 'Last ned som Excel (XLSX)');
  expect(workbook.name).toMatch(/^avviksstatistikk-2021-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const sheet = zipEntry(workbook.bytes, 'xl/worksheets/sheet1.xml');
  expect(sheet.match(/<row /g)).toHaveLength(1 + 3);
  expect(sheet).toContain('<t>Brann</t>');
  expect(sheet).toContain('<t>Kjemikalier</t>');
  expect(sheet).not.toContain('Fjordvik');

  await page.getByLabel('Enhet', { exact: true }).selectOption(sqlite("SELECT id FROM org_units WHERE name = 'SFO'")[0][0]);
  await page.getByRole('button', { name: 'Vis' }).click();
  await expect(page).toHaveURL(/aar=2021.*enhet=|enhet=.*aar=2021/);
  await hydrated(page);
  await expect(page.getByText('Avvik registrert i 2021: 1')).toBeVisible();
  const narrowed = page.url();

  // Kept by the service worker as the review pages are: read offline.
  await expect
    .poll(() => page.evaluate(async () => Boolean(await (await caches.open('vern-review-v1')).match(location.pathname + location.search))), { timeout: 30_000 })
    .toBe(true);
  await goOffline(context);
  await page.goto(narrowed);
  await expect(page.getByRole('heading', { level: 1, name: 'Avviksstatistikk for AMU' })).toBeVisible();
  await expect(page.getByText('Avvik registrert i 2021: 1')).toBeVisible();
  await expect(page.getByText('Uten nett: du ser det denne enheten sist lastet.')).toBeVisible();
});
