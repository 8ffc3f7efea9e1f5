// The HMS-ansvarlig adds rooms: many from a CSV file (a bad line is shown
// with its error and nothing is saved; fixed, every room is saved), or one
// with the form beside it. On a tablet, as admin work is done.
import { expect, test } from '@playwright/test';
import { expectAccessible, hydrated, logIn, sqlite } from './helpers';

test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'tablet', 'admin work on a tablet'));

test('a CSV file with a bad line shows its error and saves nothing; fixed, it saves every room', async ({ page }) => {
  await logIn(page, 'hms');
  await expect(page.getByRole('heading', { level: 1, name: 'Hei, Hanne Haugen' })).toBeVisible();
  await page.goto('/admin/rom');
  await expect(page.getByRole('heading', { level: 1, name: 'Rom og QR-koder' })).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);

  const unit = page.getByLabel('Enhet', { exact: true });
  const kindergarten = await unit.locator('option', { hasText: 'Solsikken barnehage' }).getAttribute('value');
  await unit.selectOption(kindergarten ?? '');
  const rooms = () => sqlite('SELECT COUNT(*) FROM rooms')[0][0];
  const before = rooms();
  // Saved by Excel as "CSV (semikolonseparert)": Windows-1252, not UTF-8.
  const file = 'Bygg;Rom;Etasje\nSolsikken hus;Grovkjøkken;1\nSolsikken hus;;1\nSolsikken hus;Garderobe;1\n';
  await page.getByLabel('CSV-fil').setInputFiles({ name: 'rom.csv', mimeType: 'text/csv', buffer: Buffer.from(file, 'latin1') });
  const content = page.getByLabel('Innhold (lim inn fra Excel eller velg fil)');
  await expect(content).toHaveValue(/Grovkjøkken/);
  await page.getByRole('button', { name: 'Kontroller' }).click();
  await expect(page.getByText('Linjer som må rettes: 1. Ingenting er lagret.')).toBeVisible();
  await expect(page.locator('tr[data-line="3"]')).toContainText('Rommet mangler navn.');
  await expect(page.locator('tr[data-line="2"]')).toContainText('OK – nytt bygg');
  await expect(page.getByRole('button', { name: /^Lagre \d+ rom$/ })).toHaveCount(0);
  expect(rooms()).toBe(before);
  await expectAccessible(page);

  await content.fill('Solsikken hus;Grovkjøkken;1\nSolsikken hus;Sovrom;1\nSolsikken hus;Garderobe;1\n');
  await page.getByRole('button', { name: 'Kontroller' }).click();
  await expect(page.getByText('Alle 3 linjene kan lagres.')).toBeVisible();
  await page.getByRole('button', { name: 'Lagre 3 rom' }).click();
  await expect(page.getByText('3 rom er lagret.')).toBeVisible();
  await expect(page.locator('tr[data-room="Sovrom"]')).toContainText('Solsikken hus');
  expect(Number(rooms())).toBe(Number(before) + 3);

  // A unit's label sheet holds a label per room, each with its code.
  await page.getByRole('link', { name: 'Etiketter for Solsikken barnehage' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Etikettark' })).toBeVisible();
  await expect(page.locator('.label')).toHaveCount(Number(sqlite(
    `SELECT COUNT(*) FROM rooms r JOIN org_units u ON u.id = r.unit_id
     WHERE r.archived_at IS NULL AND (u.name = 'Solsikken barnehage' OR u.parent_id = (SELECT id FROM org_units WHERE name = 'Solsikken barnehage'))`,
  )[0][0]));
  await expect(page.locator('.label svg').first()).toBeVisible();
  await expectAccessible(page);
});

test('one room is added without a file, gets its poster, and a second of the same name is refused', async ({ page }) => {
  await logIn(page, 'hms');
  await expect(page.getByRole('heading', { level: 1, name: 'Hei, Hanne Haugen' })).toBeVisible();
  await page.goto('/admin/rom');
  await hydrated(page);
  const form = page.getByRole('region', { name: 'Legg til ett rom' });
  const unit = form.getByLabel('Brukes av enhet');
  await unit.selectOption(await unit.locator('option', { hasText: 'Nordby skole' }).first().getAttribute('value') ?? '');
  const building = form.getByLabel('Bygg');
  await building.selectOption(await building.locator('option', { hasText: 'Nordby skole, hovedbygg' }).getAttribute('value') ?? '');
  await form.getByLabel('Rom', { exact: true }).fill('Lesekrok');
  await form.getByLabel('Etasje').fill('2');
  await form.getByRole('button', { name: 'Legg til rommet' }).click();
  await expect(form.getByRole('status')).toContainText('Rommet er lagt til');
  await expect(page.locator('tr[data-room="Lesekrok"]')).toContainText('Nordby skole, hovedbygg');
  expect(sqlite(`SELECT floor, length(qr_token) FROM rooms WHERE name = 'Lesekrok'`)).toEqual([['2', '10']]);
  await expectAccessible(page);
  const poster = await form.getByRole('link', { name: 'Skriv ut plakaten' }).getAttribute('href');

  // The same name again in that building: refused, and said why.
  await form.getByLabel('Rom', { exact: true }).fill('lesekrok');
  await form.getByRole('button', { name: 'Legg til rommet' }).click();
  await expect(form.getByRole('alert')).toContainText('Det finnes allerede en med dette navnet her.');
  expect(sqlite(`SELECT COUNT(*) FROM rooms WHERE lower(name) = 'lesekrok'`)).toEqual([['1']]);

  await page.goto(poster ?? '');
  await expect(page.locator('.poster')).toContainText('Lesekrok');
});
