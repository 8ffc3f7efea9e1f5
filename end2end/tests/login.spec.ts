import { test, expect } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, hydrated, logIn } from './helpers';

const roles = [
  { username: 'verneombud', name: 'Vera Vik', role: 'Verneombud', unit: 'Nordby skole', sees: 'Verneområder' },
  { username: 'leder', name: 'Lars Lie', role: 'Leder', unit: 'Nordby skole', sees: 'Dine enheter' },
  { username: 'hms', name: 'Hanne Haugen', role: 'HMS-ansvarlig', unit: 'Fjordvik kommune', sees: 'Administrasjon' },
  { username: 'hvo', name: 'Henrik Holm', role: 'Hovedverneombud', unit: 'Fjordvik kommune', sees: 'Verneområder' },
  { username: 'medarbeider', name: 'Mona Moe', role: 'Medarbeider', unit: 'Nordby skole', sees: 'Dine enheter' },
];

test('the login page is in bokmål and accessible', async ({ page }) => {
  await page.goto('/login');
  await hydrated(page);
  await expect(page.getByRole('heading', { name: 'Logg inn' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
  await expectAccessible(page);
});

test('the login page starts no sync, and the page after the login does', async ({ page }) => {
  const syncCalls: string[] = [];
  const consoleErrors: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/v1/sync/')) syncCalls.push(request.url());
  });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await page.goto('/login');
  await hydrated(page);
  // The engine syncs at once when it starts; give it the time it would take.
  await page.waitForTimeout(1500);
  expect(syncCalls, 'no sync from the login page (it would be refused)').toEqual([]);
  expect(consoleErrors).toEqual([]);

  await page.getByLabel('Brukernavn').fill('verneombud');
  await page.getByLabel('Passord').fill(DEMO_PASSWORD);
  const reference = page.waitForRequest((request) => new URL(request.url()).pathname === '/api/v1/sync/reference');
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await reference;
});

for (const who of roles) {
  test(`${who.username} logs in and sees their start page`, async ({ page }) => {
    await logIn(page, who.username);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1, name: `Hei, ${who.name}` })).toBeVisible();
    const roleItem = page.locator('li.role').first();
    await expect(roleItem).toContainText(who.role);
    await expect(roleItem).toContainText(who.unit);
    await expect(page.getByRole('heading', { name: who.sees })).toBeVisible();
    await expect(page.locator('.user-name')).toHaveText(who.name);
    await hydrated(page);
    await expectAccessible(page);
  });
}

test('a wrong password shows a message and keeps the person on the login page', async ({ page }) => {
  await logIn(page, 'leder', 'ikke-riktig-passord');
  await expect(page.getByRole('alert')).toHaveText('Feil brukernavn eller passord.');
  await expect(page).toHaveURL(/\/login/);
  await expectAccessible(page);
});

test('a page asked for before login opens after login', async ({ page }) => {
  await page.goto('/admin/users');
  await expect(page).toHaveURL(/\/login\?next=\/admin\/users/);
  await hydrated(page);
  await page.getByLabel('Brukernavn').fill('hms');
  await page.getByLabel('Passord').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Brukere og roller' })).toBeVisible();
});

test('logging out ends the session', async ({ page }) => {
  await logIn(page, 'amu');
  await expect(page.getByRole('heading', { level: 1, name: 'Hei, Anne Aas' })).toBeVisible();
  await hydrated(page);
  await page.getByRole('button', { name: 'Logg ut' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login\?next=/);
});

test('the language can be switched to English and back', async ({ page, context }) => {
  await page.goto('/login');
  await hydrated(page);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  // The page changes language at once; the cookie the server reads on the
  // next load is written a moment later, and must stay written: a page the
  // service worker fetched meanwhile once answered with the old language's
  // cookie and undid the switch.
  await expect
    .poll(async () => (await context.cookies()).find((c) => c.name === 'i18n_pref_locale')?.value)
    .toBe('en');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await hydrated(page);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Norsk (bokmål)' }).click();
  await expect(page.getByRole('heading', { name: 'Logg inn' })).toBeVisible();
});

test('an expired session sends the person to log in again, with a note', async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: 'vern_session', value: 'expired-or-unknown', url: baseURL! }]);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login\?next=\/&expired=1/);
  await expect(page.getByText('Du er ikke logget inn, eller økten er utløpt. Logg inn på nytt.')).toBeVisible();
  await hydrated(page);
  await page.getByLabel('Brukernavn').fill('medarbeider');
  await page.getByLabel('Passord').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hei, Mona Moe' })).toBeVisible();
});
