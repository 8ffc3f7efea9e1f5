// A leader on a tablet hears of a new QR report in their unit: the menu
// counts unread notifications, /varsler names the case and leads to it,
// and marking all read clears the count; they choose a morning digest by
// e-mail to an address of their own. A leader of another unit hears
// nothing of it.
import { expect, test } from '@playwright/test';
import { otherTablet, reportFrom } from './cases';
import { expectAccessible, hydrated, logIn } from './helpers';

test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'tablet', 'a leader on a tablet'));

test('a new report reaches the unit leader as a notification, and is marked read', async ({ page, browser }) => {
  const text = `Lekkasje under vasken (${Date.now()})`;
  const [receipt] = await reportFrom(page, 'Vaktmesterverksted', text);

  await logIn(page, 'leder');
  await expect(page.getByRole('heading', { level: 1, name: 'Hei, Lars Lie' })).toBeVisible();
  const menuLink = page.getByRole('navigation').getByRole('link', { name: /^Varsler/ });
  await expect(menuLink.locator('.count')).toHaveText(/^[1-9]\d*$/);
  await menuLink.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Varsler' })).toBeVisible();
  await hydrated(page);
  const item = page.locator('.notice', { hasText: text });
  await expect(item).toContainText('Ny melding i enheten eller verneområdet ditt');
  await expect(item).toContainText('Ny');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Merk alle som lest' }).click();
  await expect(page.getByRole('button', { name: 'Merk alle som lest' })).toHaveCount(0);
  await expect(item.locator('.badge')).toHaveCount(0);
  await expect(menuLink.locator('.count')).toHaveCount(0);

  // E-mail: the demo address is there; a new one and a digest are saved
  // and still chosen after a reload.
  const mail = page.locator('section', { has: page.getByRole('heading', { name: 'E-post om varsler' }) });
  await expect(mail.getByLabel('E-postadresse')).toHaveValue('leder@fjordvik.example');
  await expect(mail.getByLabel('Med en gang')).toBeChecked();
  await mail.getByLabel('E-postadresse').fill('lars.lie@nordby.example.no');
  await mail.getByLabel('Ett sammendrag hver morgen').check();
  await mail.getByRole('button', { name: 'Lagre valget' }).click();
  await expect(mail.getByRole('status')).toHaveText('Valget er lagret.');
  await expect(mail).toContainText('Varslene sendes til lars.lie@nordby.example.no.');
  await page.reload();
  await hydrated(page);
  await expect(mail.getByLabel('Ett sammendrag hver morgen')).toBeChecked();
  await expect(mail.getByLabel('E-postadresse')).toHaveValue('lars.lie@nordby.example.no');
  await expectAccessible(page);

  await item.getByRole('link', { name: `${receipt}: ${text}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Sak ${receipt}` })).toBeVisible();

  // The HMS-ansvarlig leads no unit: the report is not in her list.
  const hanne = await otherTablet(browser);
  await logIn(hanne, 'hms');
  await expect(hanne.getByRole('heading', { level: 1, name: 'Hei, Hanne Haugen' })).toBeVisible();
  await hanne.goto('/varsler');
  await hydrated(hanne);
  await expect(hanne.getByRole('heading', { level: 1, name: 'Varsler' })).toBeVisible();
  await expect(hanne.locator('.notice', { hasText: text })).toHaveCount(0);
  await hanne.context().close();
});
