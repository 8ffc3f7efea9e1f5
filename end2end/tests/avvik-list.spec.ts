// A leader follows up the avvik of their units on a tablet: a QR report
// sent from a room shows up in the list, highest risk first, the filters
// narrow it (and stay in the address), more rows come a page at a time, and
// the filtered list downloads as CSV and as an Excel workbook.
import { expect, test } from '@playwright/test';
import { downloadFrom, expectAccessible, hydrated, logIn, sqlite } from './helpers';
import { zipEntry } from './zip';

test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'tablet', 'a leader on a tablet'));

/** The cases of Nordby skole and the units below it, as the leader reaches them. */
function schoolCases(condition = '1 = 1'): number {
  return Number(
    sqlite(
      `WITH RECURSIVE school(id) AS (SELECT id FROM org_units WHERE name = 'Nordby skole'
         UNION ALL SELECT u.id FROM org_units u JOIN school s ON u.parent_id = s.id)
       SELECT COUNT(*) FROM avvik a WHERE a.unit_id IN (SELECT id FROM school) AND ${condition}`,
    )[0][0],
  );
}

test('a QR report reaches the leader\'s list by risk, filtered and a page at a time', async ({ page }) => {
  const text = `Rømningsveien i 2. etasje er sperret (${Date.now()})`;
  const token = sqlite(`SELECT qr_token FROM rooms WHERE name = 'Klasserom 3B'`)[0][0];
  await page.goto(`/r/${token}`);
  await hydrated(page);
  await page.getByLabel('Hva gjelder det?').selectOption({ label: 'Brann' });
  await page.getByLabel('Hva skjedde, eller hva ser du?').fill(text);
  await page.getByRole('radio', { name: /^Høy/ }).check();
  await page.getByRole('button', { name: 'Send melding' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Takk! Meldingen er mottatt.' })).toBeVisible();
  // Enough cases from rounds for more than one page.
  const unit = sqlite(`SELECT id FROM org_units WHERE name = 'SFO'`)[0][0];
  const now = Date.now();
  const rows = Array.from({ length: 55 }, (_, i) =>
    `('e2e-list-${now}-${i}', '${unit}', 'round', 'Funn ${i} på runden', 'open', 'E2E-${now}-${i}', ${i % 13}, ${now - i * 60000}, ${now})`,
  ).join(',');
  sqlite(`INSERT INTO avvik (id, unit_id, source, description, status, receipt_no, risk_score, created_at, updated_at) VALUES ${rows}`);

  await logIn(page, 'leder');
  await expect(page.getByRole('heading', { level: 1, name: 'Hei, Lars Lie' })).toBeVisible();
  await page.getByRole('link', { name: 'Avvik', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Avvik' })).toBeVisible();
  await hydrated(page);
  await expect(page.locator('.counts')).toContainText(`${schoolCases("a.status = 'open'")} Ny`);
  const cases = page.locator('.case-row');
  await expect(cases).toHaveCount(50);
  await expectAccessible(page);

  // Highest risk first: the QR report's "høy" (15) comes before every round finding here (at most 12).
  const scores = await page.locator('.risk-score [aria-hidden]').allTextContents();
  const numbers = scores.map((s) => (s === '–' ? 0 : Number(s)));
  expect(numbers).toEqual([...numbers].sort((a, b) => b - a));

  await page.getByRole('button', { name: 'Vis flere' }).click();
  await expect(cases).toHaveCount(Math.min(100, schoolCases()));

  await page.getByLabel('Risiko', { exact: true }).selectOption({ label: 'Høy risiko (10–25)' });
  await page.getByLabel('Kilde', { exact: true }).selectOption({ label: 'QR-melding' });
  await page.getByRole('button', { name: 'Vis', exact: true }).click();
  await expect(page).toHaveURL(/risiko=high/);
  await expect(page).toHaveURL(/kilde=qr/);
  const row = cases.filter({ hasText: text });
  await expect(row).toContainText('Klasserom 3B, Barnetrinnet');
  await expect(row).toContainText('QR-melding');
  await expect(row.locator('.risk-score')).toHaveClass(/risk-high/);
  await expect(cases).toHaveCount(schoolCases("a.risk_score >= 10 AND a.source = 'qr'"));
  await expect(page.getByLabel('Kilde', { exact: true })).toHaveValue('qr');
  await expectAccessible(page);

  // The export carries the filters in force: the same cases, as Excel reads them.
  const { name, bytes } = await downloadFrom(page, 'Last ned som CSV (Excel)');
  const csv = bytes.toString('utf8');
  expect(name).toMatch(/^avvik-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(csv.startsWith('\ufeffSaksnummer;Registrert;Enhet;Rom;')).toBe(true);
  const lines = csv.trimEnd().split('\r\n');
  expect(lines).toHaveLength(1 + schoolCases("a.risk_score >= 10 AND a.source = 'qr'"));
  const line = lines.find((l) => l.endsWith(`;${text}`));
  expect(line).toContain(';Barnetrinnet;Klasserom 3B;Brann;QR-melding;Ny;15;');
  // And as a workbook: the same rows, read back.
  const workbook = await downloadFrom(page, 'Last ned som Excel (XLSX)');
  expect(workbook.name).toMatch(/^avvik-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const sheet = zipEntry(workbook.bytes, 'xl/worksheets/sheet1.xml');
  expect(sheet.match(/<row /g)).toHaveLength(lines.length);
  expect(sheet).toContain(`<t>${text}</t>`);
  expect(sheet).toContain('<t>Saksnummer</t>');

  // A colleague with no leader role has no list.
  await logIn(page, 'medarbeider');
  await expect(page.getByRole('heading', { level: 1, name: 'Hei, Mona Moe' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Avvik', exact: true })).toHaveCount(0);
  await page.goto('/avvik');
  await expect(page.getByRole('alert')).toBeVisible();
});
