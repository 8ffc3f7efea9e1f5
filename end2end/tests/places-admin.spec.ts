// The HMS-ansvarlig builds the organisation on /admin/steder: a new school
// under a sector, its verneområde with a verneombud and its building, then
// retires the building; every step is in the database and the history.
import { expect, type Locator, test } from '@playwright/test';
import { expectAccessible, hydrated, logIn, sqlite } from './helpers';

/** Opens a card's "Legg til" forms unless a refresh left them open. */
async function openAdd(card: Locator) {
  const add = card.locator('details.add-forms');
  if ((await add.getAttribute('open')) === null) await add.locator('summary').click();
}

test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'tablet', 'admin work on a tablet'));

test('a new unit, its verneområde and building are created, and an emptied building retired', async ({ page }) => {
  await logIn(page, 'hms');
  await expect(page.getByRole('heading', { level: 1, name: 'Hei, Hanne Haugen' })).toBeVisible();
  await page.goto('/admin/steder');
  await expect(page.getByRole('heading', { level: 1, name: 'Organisasjon og steder' })).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);

  const sector = page.locator('section[data-unit="Oppvekst"]');
  await sector.locator('summary', { hasText: 'Legg til underenhet' }).click();
  await sector.getByLabel('Ny underenhet').fill('Vestby skole');
  await sector.getByRole('button', { name: 'Opprett' }).first().click();
  const school = page.locator('section[data-unit="Vestby skole"]');
  await expect(school).toBeVisible();
  expect(sqlite("SELECT kind FROM org_units WHERE name = 'Vestby skole'")[0][0]).toBe('enhet');

  await openAdd(school);
  await school.getByLabel('Nytt verneområde').fill('Vestby skole');
  await school.locator('select[name="verneombud_id"]').selectOption({ label: 'Vera Vik' });
  await school.getByRole('button', { name: 'Opprett' }).nth(1).click();
  await expect(school.locator('li[data-area="Vestby skole"]')).toContainText('Vera Vik');

  await openAdd(school);
  await school.getByLabel('Nytt bygg').fill('Vestby skole, hus A');
  await school.getByLabel('Adresse').last().fill('Vestveien 1');
  await school.getByRole('button', { name: 'Opprett' }).nth(2).click();
  const building = school.locator('li[data-building="Vestby skole, hus A"]');
  await expect(building).toContainText('Vestveien 1');
  await expectAccessible(page);

  // A name the unit already has is refused with words a person can act on.
  await openAdd(school);
  await school.getByLabel('Nytt bygg').fill('vestby skole, HUS A');
  await school.getByRole('button', { name: 'Opprett' }).nth(2).click();
  await expect(page.locator('.alert-slot')).toContainText('Det finnes allerede en med dette navnet her.');

  await building.getByLabel('Endre Vestby skole, hus A').click();
  await building.getByRole('button', { name: 'Ta ut av bruk: Vestby skole, hus A' }).click();
  await expect(building).toHaveCount(0);
  expect(sqlite("SELECT COUNT(*) FROM buildings WHERE name = 'Vestby skole, hus A' AND archived_at IS NOT NULL")[0][0]).toBe('1');
  const actions = sqlite("SELECT action FROM history WHERE entity_kind = 'building' ORDER BY seq").map((row) => row[0]);
  expect(actions.slice(-2)).toEqual(['created', 'retired']);
});
