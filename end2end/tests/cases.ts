// Steps shared by the tests of a leader's case pages on a tablet.
import { Browser, expect, Page, test } from '@playwright/test';
import { hydrated, sqlite } from './helpers';

/** Sends a QR report for a room, anonymously, maybe with a photo; returns its case number and status link. */
export async function reportFrom(page: Page, room: string, text: string, photo?: Buffer): Promise<[string, string]> {
  const token = sqlite(`SELECT qr_token FROM rooms WHERE name = '${room}'`)[0][0];
  await page.goto(`/r/${token}`);
  await hydrated(page);
  await page.getByLabel('Hva gjelder det?').selectOption({ label: 'Maskiner og utstyr' });
  await page.getByLabel('Hva skjedde, eller hva ser du?').fill(text);
  await page.getByRole('radio', { name: /^Middels/ }).check();
  if (photo) {
    await page.getByLabel('Bilder (valgfritt, inntil 3)').setInputFiles({ name: 'bilde.jpg', mimeType: 'image/jpeg', buffer: photo });
  }
  await page.getByLabel('Meld anonymt').check();
  await page.getByRole('button', { name: 'Send melding' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Takk! Meldingen er mottatt.' })).toBeVisible();
  return [(await page.locator('.receipt-no').textContent()) ?? '', new URL(page.url()).pathname];
}

/** Opens the case whose text is `text` from the avvik list. */
export async function openCase(page: Page, text: string) {
  await page.goto('/avvik');
  await page.getByRole('link', { name: text }).click();
  await expect(page).toHaveURL(/\/avvik\/sak\?id=/);
  await hydrated(page);
}

/** A second tablet, with its own cookies. */
export async function otherTablet(browser: Browser): Promise<Page> {
  const use = test.info().project.use;
  const context = await browser.newContext({ baseURL: use.baseURL, viewport: use.viewport, hasTouch: true });
  return context.newPage();
}
