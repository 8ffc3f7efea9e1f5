// A leader on a tablet starts from the dashboard: a new QR report is listed
// as new, rated high it lands in its matrix cell, whose link leads to the
// list of that cell's open cases; a measure due in two days is listed as
// due; the year's chart is there. The HMS-ansvarlig sees the unit in the
// per-unit table and narrows the dashboard to it. A leader of another unit
// gets neither the case (404) nor that unit's dashboard.
import { expect, Page, test } from '@playwright/test';
import { otherTablet, reportFrom } from './cases';
import { expectAccessible, hydrated, logIn, sqlite } from './helpers';

test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'tablet', 'a leader on a tablet'));

/** The dashboard card whose heading is `name`. */
function card(page: Page, name: string) {
  return page.locator('section', { has: page.getByRole('heading', { level: 2, name }) });
}

/** The day `days` from now, as a date field takes it. */
function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** A leader of the nursing home, with the demo password (test data only). */
function nursingHomeLeader(): string {
  sqlite(`INSERT OR IGNORE INTO users (id, username, display_name, password_hash, created_at)
          SELECT 'e2e-frida', 'frida', 'Frida Fjeld', password_hash, 1 FROM users WHERE username = 'leder';
          INSERT OR IGNORE INTO role_grants (id, user_id, unit_id, role, granted_at)
          SELECT 'e2e-frida-leder', 'e2e-frida', id, 'leder', 1 FROM org_units WHERE name = 'Fjordvik sykehjem';`);
  return 'frida';
}

test('the dashboard leads from a matrix cell to its cases and lists what is new and due', async ({ page, browser }) => {
  const stamp = Date.now();
  const text = `Skapet i gangen kan velte (${stamp})`;
  const measure = `Feste skapet til veggen (${stamp})`;
  const [receipt] = await reportFrom(page, 'Vaktmesterverksted', text);

  await logIn(page, 'leder');
  await expect(page.getByRole('heading', { level: 1, name: 'Hei, Lars Lie' })).toBeVisible();
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 2, name: 'Åpne avvik etter risiko' })).toBeVisible();
  await expect(card(page, 'Nye siden sist').getByRole('link', { name: text })).toBeVisible();
  await expectAccessible(page);

  // Rated high, with a measure due in two days.
  await card(page, 'Nye siden sist').getByRole('link', { name: text }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Sak ${receipt}` })).toBeVisible();
  await hydrated(page);
  const rerate = card(page, 'Vurder risikoen på nytt');
  await rerate.getByLabel('Sannsynlighet').selectOption('4');
  await rerate.getByLabel('Konsekvens').selectOption('5');
  await rerate.getByRole('button', { name: 'Lagre vurdering' }).click();
  await expect(page.locator('.timeline')).toContainText('Risiko vurdert på nytt');
  const form = page.locator('.tiltak-new');
  await form.getByLabel('Hva skal gjøres?').fill(measure);
  await form.getByLabel('Frist').fill(inDays(2));
  await form.getByRole('button', { name: 'Legg til tiltaket' }).click();
  await expect(page.locator('.tiltak-item', { hasText: measure })).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'Oversikt' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Oversikt' })).toBeVisible();
  await hydrated(page);
  await expect(card(page, 'Tiltak med frist').locator('.tiltak-item', { hasText: measure })).toBeVisible();
  await expect(card(page, 'Tiltak med frist')).toContainText(/Frist innen 7 dager: [1-9]/);
  await expect(page.getByRole('img', { name: /^Avvik registrert per måned de siste 12 månedene\./ })).toBeVisible();
  await expectAccessible(page);

  const cell = page.getByRole('link', { name: /^Sannsynlighet 4, Konsekvens 5: \d+ åpne avvik$/ });
  await cell.click();
  await expect(page).toHaveURL(/\/avvik\?status=apne&sannsynlighet=4&konsekvens=5/);
  await expect(page.getByRole('heading', { level: 1, name: 'Avvik' })).toBeVisible();
  await expect(page.getByText('Risikocelle: sannsynlighet 4 × konsekvens 5.')).toBeVisible();
  await expect(page.getByRole('link', { name: text })).toBeVisible();
  const scores = await page.locator('.case-row .risk-score [aria-hidden="true"]').allTextContents();
  expect(scores.length).toBeGreaterThan(0);
  expect(new Set(scores)).toEqual(new Set(['20']));
  await expect(page.getByLabel('Status', { exact: true })).toHaveValue('apne');
  await expectAccessible(page);

  // The HMS-ansvarlig: the school in the per-unit table, and its own dashboard.
  const hanne = await otherTablet(browser);
  await logIn(hanne, 'hms');
  await expect(hanne.getByRole('heading', { level: 1, name: 'Hei, Hanne Haugen' })).toBeVisible();
  await hanne.goto('/oversikt');
  await hydrated(hanne);
  const school = hanne.getByRole('row', { name: /^Nordby skole/ });
  await expect(school).toBeVisible();
  await expectAccessible(hanne);
  await school.getByRole('link', { name: 'Nordby skole' }).click();
  await expect(hanne).toHaveURL(/\/oversikt\?enhet=/);
  await expect(hanne.getByLabel('Enhet').locator('option:checked')).toHaveText(/Nordby skole/);
  await expect(card(hanne, 'Tiltak med frist').locator('.tiltak-item', { hasText: measure })).toBeVisible();
  await hanne.context().close();

  // A leader of the nursing home: not the case, not the school's dashboard.
  const id = sqlite(`SELECT id FROM avvik WHERE receipt_no = '${receipt}'`)[0][0];
  const nordby = sqlite(`SELECT id FROM org_units WHERE name = 'Nordby skole'`)[0][0];
  const frida = await otherTablet(browser);
  await logIn(frida, nursingHomeLeader());
  await expect(frida.getByRole('heading', { level: 1, name: 'Hei, Frida Fjeld' })).toBeVisible();
  await expect(card(frida, 'Nye siden sist')).not.toContainText(text);
  const answer = await frida.goto(`/avvik/sak?id=${id}`);
  expect(answer?.status()).toBe(404);
  await expect(frida.getByText('Fant ikke det du ba om.')).toBeVisible();
  await expect(frida.getByText(text)).toHaveCount(0);
  const other = await frida.goto(`/oversikt?enhet=${nordby}`);
  expect(other?.status()).toBe(404);
  await frida.context().close();
});
