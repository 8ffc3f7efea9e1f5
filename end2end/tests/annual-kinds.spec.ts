// The årshjul's settings on a tablet: the HMS-ansvarlig adds a kind held
// twice a year, is told why a rule whose window ends before it begins is
// refused, sees the new kind in a unit's year and takes it out again; a
// leader sets the unit's MKS meetings to twelve a year.
import { expect, Page, test } from '@playwright/test';
import { expectAccessible, hydrated, logIn } from './helpers';

test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'tablet', 'settings on a tablet'));

/** The card of the kind named `name` (or the form for a new one). */
function card(page: Page, name: string) {
  return page.locator('section.kind-card', { has: page.getByRole('heading', { level: 2, name, exact: true }) });
}

/** The row of activity `name` in the year's table. */
function activity(page: Page, name: string) {
  return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${name}`) }) });
}

test('the HMS-ansvarlig adds a kind and takes it out; a leader sets the MKS meetings a year', async ({ page }) => {
  const name = `Brannøvelse ${Date.now()}`;
  await logIn(page, 'hms');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto('/arshjul');
  await hydrated(page);
  await page.getByRole('link', { name: 'Endre aktiviteter og regler' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Aktiviteter i årshjulet' })).toBeVisible();
  await hydrated(page);
  await expect(card(page, 'Vernerunde').getByLabel('Til og med måned')).toHaveValue('5');
  await expectAccessible(page);

  const blank = card(page, 'Ny aktivitet');
  await blank.getByLabel('Navn').fill(name);
  await blank.getByLabel('Hvor ofte').selectOption({ label: 'Flere ganger i året' });
  await blank.getByLabel('Ganger i året').selectOption('2');
  await blank.getByRole('button', { name: 'Lagre' }).click();
  await expect(card(page, name)).toBeVisible();

  await blank.getByLabel('Navn').fill('Feil regel');
  await blank.getByLabel('Hvor ofte').selectOption({ label: 'Én gang i året' });
  await blank.getByLabel('Fra måned').selectOption('6');
  await blank.getByLabel('Til og med måned').selectOption('5');
  await blank.getByRole('button', { name: 'Lagre' }).click();
  await expect(page.getByRole('alert')).toContainText('Regelen kan ikke følges');
  await expect(card(page, 'Feil regel')).toHaveCount(0);

  await page.goto('/arshjul');
  await hydrated(page);
  await expect(activity(page, name).locator('td.occ')).toHaveCount(2);

  await page.goto('/admin/arshjul');
  await hydrated(page);
  await card(page, name).getByRole('button', { name: 'Ta ut av årshjulet' }).click();
  await expect(card(page, name)).toHaveCount(0);

  await logIn(page, 'leder');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto('/arshjul');
  await hydrated(page);
  await expect(page.getByRole('link', { name: 'Endre aktiviteter og regler' })).toHaveCount(0);
  await expect(activity(page, name)).toHaveCount(0);
  const times = page.locator('section', { has: page.getByRole('heading', { name: 'Ganger i året for denne enheten' }) });
  await times.getByLabel('MKS-møte').selectOption('12');
  await times.locator('form', { has: page.getByLabel('MKS-møte') }).getByRole('button', { name: 'Lagre antall' }).click();
  await expect(activity(page, 'MKS-møte').locator('td.occ')).toHaveCount(12);
});
