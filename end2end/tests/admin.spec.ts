import { test, expect } from '@playwright/test';
import { expectAccessible, hydrated, logIn } from './helpers';

test('the HMS-ansvarlig creates a user and grants a role', async ({ page }, testInfo) => {
  const username = `ny.${testInfo.project.name}`;
  await logIn(page, 'hms');
  await expect(page.getByRole('heading', { level: 1, name: 'Hei, Hanne Haugen' })).toBeVisible();
  await page.getByRole('link', { name: 'Brukere og roller' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Brukere og roller' })).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);

  await page.getByLabel('Brukernavn').fill(username);
  await page.getByLabel('Fullt navn').fill('Nina Ny');
  await page.getByLabel('Passord (minst 10 tegn)').fill('kort');
  await page.getByRole('button', { name: 'Opprett bruker' }).click();
  await expect(page.getByText('Passordet må ha minst 10 tegn.')).toBeVisible();

  await page.getByLabel('Passord (minst 10 tegn)').fill('et-langt-passord');
  await page.getByRole('button', { name: 'Opprett bruker' }).click();
  await expect(page.getByText('Brukeren er opprettet.')).toBeVisible();
  const row = page.locator(`tr[data-username="${username}"]`);
  await expect(row).toContainText('Ingen roller');

  await page.getByLabel('Bruker', { exact: true }).selectOption({ label: `Nina Ny (${username})` });
  await page.getByLabel('Rolle', { exact: true }).selectOption('verneombud');
  const unit = page.getByLabel('Enhet', { exact: true });
  const kindergarten = await unit.locator('option', { hasText: 'Solsikken barnehage' }).getAttribute('value');
  await unit.selectOption(kindergarten ?? '');
  await page.getByRole('button', { name: 'Gi rolle' }).click();
  await expect(page.getByText('Rollen er gitt.')).toBeVisible();
  await expect(row).toContainText('Verneombud – Solsikken barnehage');
  await expectAccessible(page);

  await row.getByRole('button', { name: /Fjern rollen Verneombud/ }).click();
  await expect(row).toContainText('Ingen roller');
});

test('a leader has no user administration', async ({ page }) => {
  await logIn(page, 'leder');
  await expect(page.getByRole('heading', { level: 1, name: 'Hei, Lars Lie' })).toBeVisible();
  await hydrated(page);
  // The start page is drawn in full (its unit list), and has no admin link.
  await expect(page.getByRole('heading', { name: 'Dine enheter' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Brukere og roller' })).toHaveCount(0);
  await page.goto('/admin/users');
  await expect(page.getByRole('alert')).toHaveText('Du har ikke tilgang til dette.');
});
