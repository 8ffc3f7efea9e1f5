// A leader plans measures for a case on a tablet: a measure without a
// deadline is refused with the text kept, two are added (one already
// overdue, with a cost), one is started and changed, one is dropped with
// its reason; the timeline tells each step; the tiltaksplan lists the open
// ones overdue first and downloads as CSV; the verneombud reads them
// without the steps.
import { expect, Page, test } from '@playwright/test';
import { openCase, otherTablet, reportFrom } from './cases';
import { downloadFrom, expectAccessible, hydrated, logIn, sqlite } from './helpers';
import { zipEntry } from './zip';

test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'tablet', 'a leader on a tablet'));

/** Fills the new-measure form and sends it. */
async function addMeasure(page: Page, text: string, due: string, cost = '') {
  const form = page.locator('.tiltak-new');
  await form.getByLabel('Hva skal gjøres?').fill(text);
  await form.getByLabel('Ansvarlig for tiltaket').selectOption({ label: 'Lars Lie' });
  await form.getByLabel('Frist').fill(due);
  await form.getByLabel('Kostnadsanslag i kroner (valgfritt)').fill(cost);
  await form.getByRole('button', { name: 'Legg til tiltaket' }).click();
}

function measure(page: Page, text: string) {
  return page.locator('.tiltak-item', { hasText: text });
}

test('a case gets its measures, and the tiltaksplan shows the open ones overdue first', async ({ page, browser }) => {
  const stamp = Date.now();
  const text = `Stigen i lageret er knekt (${stamp})`;
  const [receipt] = await reportFrom(page, 'Vaktmesterverksted', text);
  const ladder = `Kjøpe ny stige (${stamp})`;
  const sign = `Sette opp skilt (${stamp})`;
  const shelf = `Feste hylla til veggen (${stamp})`;

  await logIn(page, 'leder');
  await expect(page.getByRole('heading', { level: 1, name: 'Hei, Lars Lie' })).toBeVisible();
  await openCase(page, text);
  await expect(page.getByRole('heading', { level: 1, name: `Sak ${receipt}` })).toBeVisible();
  await expect(page.locator('#case-tiltak + p')).toHaveText('Ingen tiltak ennå.');

  // No deadline: refused, and what was typed stays.
  await addMeasure(page, ladder, '');
  await expect(page.locator('.tiltak-new [role=alert]')).toContainText('Velg en frist (en dato).');
  await expect(page.locator('.tiltak-new').getByLabel('Hva skal gjøres?')).toHaveValue(ladder);
  await page.locator('.tiltak-new').getByLabel('Frist').fill('2031-03-15');
  await page.getByRole('button', { name: 'Legg til tiltaket' }).click();
  await expect(measure(page, ladder)).toContainText('Planlagt');
  await expect(measure(page, ladder)).toContainText('15.03.2031');
  await expect(measure(page, ladder)).toContainText('Lars Lie');
  await expect(page.locator('.tiltak-new').getByLabel('Hva skal gjøres?')).toHaveValue('');

  await page.locator('.tiltak-new summary').click();
  await addMeasure(page, sign, '2020-03-01', '12 500');
  await expect(measure(page, sign)).toContainText('Forfalt');
  await expect(measure(page, sign)).toContainText('12 500 kr');
  await page.locator('.tiltak-new summary').click();
  await addMeasure(page, shelf, '2021-01-10');
  await expect(measure(page, shelf)).toContainText('Forfalt');
  await expectAccessible(page);

  // Started, then its deadline moved.
  await measure(page, ladder).getByRole('button', { name: 'Sett i gang' }).click();
  await expect(measure(page, ladder)).toContainText('I gang');
  await measure(page, ladder).getByRole('button', { name: 'Endre' }).click();
  await measure(page, ladder).getByLabel('Frist').fill('2031-04-01');
  await measure(page, ladder).getByRole('button', { name: 'Lagre endringene' }).click();
  await expect(measure(page, ladder)).toContainText('01.04.2031');

  // Dropped: the reason is asked for and needed.
  await measure(page, sign).getByRole('button', { name: 'Ikke gjennomført …' }).click();
  await measure(page, sign).getByRole('button', { name: 'Ikke gjennomført …' }).click();
  await expect(measure(page, sign).getByRole('alert')).toContainText('Skriv hvorfor tiltaket ikke blir gjennomført.');
  await measure(page, sign).getByLabel('Hvorfor blir tiltaket ikke gjennomført?').fill('Rommet stenges');
  await measure(page, sign).getByRole('button', { name: 'Ikke gjennomført …' }).click();
  await expect(measure(page, sign)).toContainText('Ikke gjennomført fordi: Rommet stenges');
  await expect(measure(page, sign)).not.toContainText('Forfalt');

  const timeline = page.locator('.timeline');
  await expect(timeline).toContainText(`Tiltak lagt til: ${ladder}`);
  await expect(timeline).toContainText(`Tiltak satt til I gang: ${ladder}`);
  await expect(timeline).toContainText(`Tiltak endret: ${ladder}`);
  await expect(timeline).toContainText(`Tiltak satt til Ikke gjennomført (Rommet stenges): ${sign}`);
  expect(sqlite(`SELECT status, due_date, cost_estimate FROM tiltak WHERE description = '${sign}'`)).toEqual([
    ['not_done', '2020-03-01', '12500'],
  ]);
  await expectAccessible(page);

  // The unit's plan: the open ones, overdue first.
  await page.getByRole('link', { name: 'Tiltaksplan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tiltaksplan' })).toBeVisible();
  const rows = page.locator('.plan-list .tiltak-item').filter({ hasText: String(stamp) });
  await expect(rows).toHaveText([new RegExp(`Forfalt.*${escape(shelf)}`), new RegExp(escape(ladder))]);
  await expect(rows.first().getByRole('link', { name: receipt })).toBeVisible();
  await page.getByLabel('Enhet').selectOption({ label: 'Nordby skole' });
  await page.getByRole('button', { name: 'Vis' }).click();
  await expect(page).toHaveURL(/enhet=/);
  await expect(rows).toHaveCount(2);
  await expectAccessible(page);

  // The plan as a file for Excel: the same measures, in the same order.
  const { name, bytes } = await downloadFrom(page, 'Last ned som CSV (Excel)');
  const csv = bytes.toString('utf8');
  expect(name).toMatch(/^tiltaksplan-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(csv.startsWith('\ufeffTiltak;Enhet;Saksnummer;Ansvarlig;Frist;Status;Forfalt;')).toBe(true);
  const lines = csv.split('\r\n').filter((line) => line.includes(String(stamp)));
  expect(lines).toHaveLength(2);
  expect(lines[0]).toBe(`${shelf};Nordby skole;${receipt};Lars Lie;10.01.2021;Planlagt;Ja;`);
  expect(lines[1]).toContain(`${ladder};Nordby skole;${receipt};Lars Lie;`);
  // And as a workbook: the same rows, the deadline a date (10.01.2021 is
  // Excel's day 44206).
  const workbook = await downloadFrom(page, 'Last ned som Excel (XLSX)');
  expect(workbook.name).toMatch(/^tiltaksplan-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const sheet = zipEntry(workbook.bytes, 'xl/worksheets/sheet1.xml');
  expect(sheet.match(/<row /g)).toHaveLength(csv.trimEnd().split('\r\n').length);
  expect(sheet).toContain(`<t>${shelf}</t>`);
  expect(sheet).toContain('<v>44206</v>');

  // The verneombud reads the measures, with no steps to take.
  const caseUrl = sqlite(`SELECT id FROM avvik WHERE receipt_no = '${receipt}'`)[0][0];
  const vera = await otherTablet(browser);
  await logIn(vera, 'verneombud');
  await expect(vera.getByRole('heading', { level: 1, name: 'Hei, Vera Vik' })).toBeVisible();
  await vera.goto(`/avvik/sak?id=${caseUrl}`);
  await hydrated(vera);
  await expect(measure(vera, ladder)).toContainText('I gang');
  await expect(vera.getByRole('button', { name: 'Endre' })).toHaveCount(0);
  await expect(vera.locator('.tiltak-new')).toHaveCount(0);
  await vera.context().close();
});

/** `text` as a literal inside a regular expression. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
