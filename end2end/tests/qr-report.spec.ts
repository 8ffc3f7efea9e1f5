// Staff scan a room's QR code and report an avvik: with the app, without
// JavaScript, anonymously; the HMS-ansvarlig prints the poster and replaces
// a code. Phone journeys: they run in the phone project only.
import { Browser, expect, Page, test } from '@playwright/test';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { expectAccessible, goOffline, goOnline, hydrated, idbRequest, logIn, logInAndSync, makeJpeg, resetNetwork, sqlite } from './helpers';
import { killVern, startVern, Vern } from '../vern';

test.beforeEach(async ({}, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'a phone journey');
  // Most of these journeys need no login (which would give the network
  // back): a test that failed offline must not take the next one down.
  await resetNetwork();
});

function roomToken(room: string, dir?: string): string {
  return sqlite(`SELECT qr_token FROM rooms WHERE name = '${room}'`, dir)[0][0];
}

/** Fills the form as a person does: category, what happened, how serious, maybe a photo. */
async function fillReport(page: Page, description: string, photo?: Buffer) {
  await page.getByLabel('Hva gjelder det?').selectOption({ label: 'Brann' });
  await page.getByLabel('Hva skjedde, eller hva ser du?').fill(description);
  await page.getByRole('radio', { name: /^Høy/ }).check();
  if (photo) {
    await page.getByLabel('Bilder (valgfritt, inntil 3)').setInputFiles({ name: 'bilde.jpg', mimeType: 'image/jpeg', buffer: photo });
  }
}

/** Fills and sends the form with no network: the report waits on the phone. */
async function sendWithoutSignal(page: Page, text: string) {
  await fillReport(page, text);
  await page.getByRole('button', { name: 'Send melding' }).click();
  await expect(page.getByRole('status')).toContainText('Sendes når du har nett');
}

/** The room of the case opened by a report with this text. */
function roomOfReport(text: string): string[][] {
  return sqlite(`SELECT r.name FROM avvik a JOIN rooms r ON r.id = a.room_id WHERE a.description = '${text}'`);
}

async function receiptShown(page: Page): Promise<string> {
  await expect(page).toHaveURL(/\/s\/[A-Za-z0-9_-]{43}\?ny=1$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Takk! Meldingen er mottatt.' })).toBeVisible();
  const receipt = (await page.locator('.receipt-no').textContent()) ?? '';
  expect(receipt).toMatch(/^AV-\d{4}-\d{4,}$/);
  await expect(page.locator('.case-state')).toHaveText('Ny – ikke behandlet ennå');
  return receipt;
}

/** A JPEG drawn in a context of its own, with JavaScript (a page without it cannot draw one). */
async function photoFrom(browser: Browser, baseURL: string | undefined, seed: number): Promise<Buffer> {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: true });
  const page = await context.newPage();
  await page.goto('/login');
  const photo = await makeJpeg(page, seed, 1600, 1200);
  await context.close();
  return photo;
}

test('a report with a photo gets a receipt, and its link shows the case as new', async ({ page }) => {
  const token = roomToken('Klasserom 2A');
  await page.goto(`/r/${token}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Meld avvik' })).toBeVisible();
  await expect(page.locator('.report-place')).toContainText('Klasserom 2A, Nordby skole, hovedbygg');
  await hydrated(page);
  await expectAccessible(page);
  await fillReport(page, 'Løs ledning ved tavla, gnister når lyset slås på', await makeJpeg(page, 3, 1600, 1200));
  await page.getByRole('button', { name: 'Send melding' }).click();
  const receipt = await receiptShown(page);
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Lenke til saken' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Meldingen din' })).toBeVisible();
  await expect(page.locator('.receipt-no')).toHaveText(receipt);
  const rows = sqlite(
    `SELECT a.source, a.category, a.severity, (SELECT COUNT(*) FROM photos p WHERE p.owner_id = a.id)
     FROM avvik a WHERE a.receipt_no = '${receipt}'`,
  );
  expect(rows).toEqual([['qr', 'brann', 'hoy', '1']]);
});

test('a report sent without signal waits on the phone and reaches the server once', async ({ page, context }) => {
  const token = roomToken('Klasserom 1A');
  await page.goto(`/r/${token}`);
  await hydrated(page);
  const text = `Vinduet lukker seg ikke (${Date.now()})`;
  await fillReport(page, text, await makeJpeg(page, 4, 1200, 900));
  await goOffline(context);
  await page.getByRole('button', { name: 'Send melding' }).click();
  await expect(page.getByRole('status')).toContainText('Sendes når du har nett');
  expect(await idbRequest(page, 'reports', 'count')).toBe(1);
  expect(sqlite(`SELECT COUNT(*) FROM avvik WHERE description = '${text}'`)).toEqual([['0']]);

  await goOnline(context);
  await receiptShown(page);
  expect(sqlite(`SELECT COUNT(*) FROM avvik WHERE description = '${text}'`)).toEqual([['1']]);
  expect(await idbRequest(page, 'reports', 'count')).toBe(0);
});

test('a room opened once before takes a report with no network, sent once when it returns', async ({ page, context }) => {
  const token = roomToken('Naturfagrom');
  await page.goto(`/r/${token}`);
  await hydrated(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  // Now through the service worker, which keeps the page.
  await page.goto(`/r/${token}`);
  await expect
    .poll(() => page.evaluate(async (path) => Boolean(await (await caches.open('vern-pages-v1')).match(path)), `/r/${token}`))
    .toBe(true);
  await goOffline(context);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Meld avvik' })).toBeVisible();
  await hydrated(page);
  const text = `Kjemikalier uten merking i skapet (${Date.now()})`;
  await fillReport(page, text);
  await page.getByRole('button', { name: 'Send melding' }).click();
  await expect(page.getByRole('status')).toContainText('Sendes når du har nett');

  await goOnline(context);
  await receiptShown(page);
  expect(sqlite(`SELECT COUNT(*) FROM avvik WHERE description = '${text}'`)).toEqual([['1']]);
});

/**
 * Waits until the service worker keeps the report form for any room; with
 * `filledFor`, the copy made after that person logged in (a copy fetched on
 * the login page, before the session, has the name field empty).
 */
async function anyRoomFormKept(page: Page, filledFor = '') {
  await expect
    .poll(
      () =>
        page.evaluate(async (name) => {
          const kept = await (await caches.open('vern-pages-v1')).match('/r/uten-nett');
          return Boolean(kept) && (await kept!.text()).includes(name);
        }, filledFor),
      { timeout: 30_000 },
    )
    .toBe(true);
}

test('a verneombud\'s phone takes a report, with no network, for a room it never opened', async ({ page, context }) => {
  await logInAndSync(page, 'verneombud');
  await anyRoomFormKept(page, 'Vera Vik');
  await goOffline(context);
  await page.goto(`/r/${roomToken('Fyrrom (kjeller)')}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Meld avvik' })).toBeVisible();
  await hydrated(page);
  // Named from the rooms the phone keeps for Vera's rounds.
  await expect(page.locator('.report-place')).toContainText('Fyrrom (kjeller), Nordby skole, hovedbygg');
  await expect(page.getByText('Du er uten nett. Meld likevel')).toBeVisible();
  await expect(page.getByLabel('Navn (valgfritt)')).toHaveValue('Vera Vik');
  await expectAccessible(page);
  const text = `Lekkasje fra røret over kjelen (${Date.now()})`;
  await sendWithoutSignal(page, text);

  await goOnline(context);
  await receiptShown(page);
  expect(roomOfReport(text)).toEqual([['Fyrrom (kjeller)']]);
});

test('a phone that scanned one code takes a report for another room with no network', async ({ page, context }) => {
  await page.goto(`/r/${roomToken('Klasserom 2A')}`);
  await hydrated(page);
  await anyRoomFormKept(page);
  await goOffline(context);
  await page.goto(`/r/${roomToken('Personalrom')}`);
  await hydrated(page);
  // This phone knows no rooms: the server names it on the receipt.
  await expect(page.locator('.report-place')).toHaveText('Rommet koden hører til');
  const text = `Kaffetrakteren lukter brent (${Date.now()})`;
  await sendWithoutSignal(page, text);
  expect(await idbRequest(page, 'reports', 'count')).toBe(1);

  await goOnline(context);
  await receiptShown(page);
  await expect(page.getByText('Personalrom')).toBeVisible();
  expect(roomOfReport(text)).toEqual([['Personalrom']]);
});

test('a kept report whose code was replaced meanwhile stays on the phone with the reason until removed', async ({ page, context }) => {
  await page.goto(`/r/${roomToken('Vaktmesterverksted')}`);
  await hydrated(page);
  await goOffline(context);
  const text = `Sagbenken mangler vern (${Date.now()})`;
  await sendWithoutSignal(page, text);
  // The page is closed, and the room gets a new code while the phone is offline.
  await page.goto('about:blank');
  sqlite(
    `INSERT INTO retired_qr_tokens (qr_token, room_id, retired_at) SELECT qr_token, id, 0 FROM rooms WHERE name = 'Vaktmesterverksted';
     UPDATE rooms SET qr_token = 'e2e${Date.now()}' WHERE name = 'Vaktmesterverksted';`,
  );
  await goOnline(context);

  await page.goto(`/r/${roomToken('Klasserom 3B')}`);
  await hydrated(page);
  const refused = page.locator('.refused-reports');
  await expect(refused).toContainText(text);
  await expect(refused).toContainText('Denne koden er ikke lenger i bruk.');
  expect(sqlite(`SELECT COUNT(*) FROM avvik WHERE description = '${text}'`)).toEqual([['0']]);
  await expectAccessible(page);
  await refused.getByRole('button', { name: 'Fjern fra telefonen' }).click();
  await expect(refused).toBeHidden();
  expect(await idbRequest(page, 'reports', 'count')).toBe(0);
});

test('a report refused on the open page is shown by its form, and listed on the next page', async ({ page }) => {
  await page.goto(`/r/${roomToken('SFO-base')}`);
  await hydrated(page);
  // The room gets a new code while the page is open.
  sqlite(
    `INSERT INTO retired_qr_tokens (qr_token, room_id, retired_at) SELECT qr_token, id, 0 FROM rooms WHERE name = 'SFO-base';
     UPDATE rooms SET qr_token = 'e2e${Date.now()}' WHERE name = 'SFO-base';`,
  );
  const text = `Døra til uteområdet går ikke i lås (${Date.now()})`;
  await fillReport(page, text);
  await page.getByRole('button', { name: 'Send melding' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Denne koden er ikke lenger i bruk.' })).toBeVisible();
  await expect(page.getByLabel('Hva skjedde, eller hva ser du?')).toHaveValue(text);
  // Kept on the phone with the reason; this page's form already says why,
  // so its list stays empty after the reports are read again.
  await expect.poll(() => idbRequest(page, 'reports', 'count')).toBe(1);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await page.waitForTimeout(1000);
  await expect(page.locator('.refused-reports')).toBeHidden();

  await page.goto(`/r/${roomToken('Klasserom 1A')}`);
  await hydrated(page);
  await expect(page.locator('.refused-reports')).toContainText(text);
  await page.locator('.refused-reports').getByRole('button', { name: 'Fjern fra telefonen' }).click();
  await expect(page.locator('.refused-reports')).toBeHidden();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the form posts with its photo and returns the receipt; the page is small', async ({ page, browser, baseURL }) => {
    const photo = await photoFrom(browser, baseURL, 5);
    const token = roomToken('Klasserom 3B');
    const bodies: { url: string; type: string; bytes: Buffer }[] = [];
    page.on('response', async (response) => {
      const type = response.headers()['content-type'] ?? '';
      if (type.startsWith('text/html') || type.startsWith('text/css')) {
        bodies.push({ url: response.url(), type, bytes: await response.body() });
      }
    });
    await page.goto(`/r/${token}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Meld avvik' })).toBeVisible();
    await expect.poll(() => bodies.length).toBeGreaterThanOrEqual(2);
    const raw = bodies.reduce((sum, body) => sum + body.bytes.length, 0);
    const brotli = bodies.reduce(
      (sum, body) => sum + zlib.brotliCompressSync(body.bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      0,
    );
    console.log(`report page before use (HTML + CSS): ${raw} bytes raw, ${brotli} bytes brotli (${bodies.map((b) => b.type.split(';')[0]).join(', ')})`);
    expect(brotli).toBeLessThanOrEqual(30 * 1024);

    await fillReport(page, 'Stige med knekt trinn står i gangen', photo);
    const started = Date.now();
    await page.getByRole('button', { name: 'Send melding' }).click();
    const receipt = await receiptShown(page);
    console.log(`report with a 1600×1200 photo sent without JavaScript in ${Date.now() - started} ms`);
    expect(sqlite(`SELECT COUNT(*) FROM photos p JOIN avvik a ON a.id = p.owner_id WHERE a.receipt_no = '${receipt}'`)).toEqual([['1']]);
  });

  test('a refused photo says why, and nothing is kept', async ({ page }) => {
    const token = roomToken('Klasserom 3B');
    const before = sqlite('SELECT COUNT(*) FROM avvik')[0][0];
    await page.goto(`/r/${token}`);
    await page.getByLabel('Hva gjelder det?').selectOption({ label: 'Annet' });
    await page.getByLabel('Hva skjedde, eller hva ser du?').fill('Noe er galt');
    await page.getByRole('radio', { name: /^Lav/ }).check();
    await page.getByLabel('Bilder (valgfritt, inntil 3)').setInputFiles({ name: 'notat.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('ikke et bilde') });
    await page.getByRole('button', { name: 'Send melding' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Meldingen ble ikke sendt' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('Filen er ikke et bilde');
    expect(sqlite('SELECT COUNT(*) FROM avvik')[0][0]).toBe(before);
    await page.goBack();
    await expect(page.getByLabel('Hva skjedde, eller hva ser du?')).toHaveValue('Noe er galt');
  });
});

test.describe('anonymous', () => {
  let server: Vern;
  let dataDir: string;

  test.beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vern-e2e-anonymous-'));
    // Everything logged, and the address a proxy forwards believed: an
    // address that reached the log would show here.
    server = await startVern({
      dataDir,
      logFilter: 'debug,sqlx=warn,hyper=warn,h2=warn',
      captureLog: true,
      env: { VERN_TRUSTED_PROXIES: '127.0.0.1' },
    });
  });

  test.afterAll(async () => {
    await killVern(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('an anonymous report keeps no reporter in the row, the history or the log', async ({ browser }) => {
    const context = await browser.newContext({ baseURL: server.url, extraHTTPHeaders: { 'X-Forwarded-For': '203.0.113.77' } });
    const page = await context.newPage();
    await page.goto('/login');
    await hydrated(page);
    await page.getByLabel('Brukernavn').fill('medarbeider');
    await page.getByLabel('Passord').fill('vern-demo-2026');
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Hei, Mona Moe' })).toBeVisible();

    await page.goto(`/r/${roomToken('Naturfagrom', dataDir)}`);
    await hydrated(page);
    await expect(page.getByLabel('Navn (valgfritt)')).toHaveValue('Mona Moe');
    await expect(page.getByText('ingen – heller ikke HMS-ansvarlig – kan se hvem som sendte meldingen')).toBeVisible();
    await fillReport(page, 'Kollega truet med vold i pausen', await makeJpeg(page, 9, 800, 600));
    await page.getByLabel('Meld anonymt').check();
    await expect(page.getByLabel('Navn (valgfritt)')).toBeDisabled();
    const logFrom = server.log.length;
    await page.getByRole('button', { name: 'Send melding' }).click();
    const receipt = await receiptShown(page);

    const row = sqlite(
      `SELECT COALESCE(reported_by, '-'), reporter_name, reporter_email, source FROM avvik WHERE receipt_no = '${receipt}'`,
      dataDir,
    );
    expect(row).toEqual([['-', '', '', 'qr']]);
    const history = sqlite(
      `SELECT COALESCE(h.actor_user_id, '-'), h.data FROM history h JOIN avvik a ON a.id = h.entity_id WHERE a.receipt_no = '${receipt}'`,
      dataDir,
    );
    expect(history).toHaveLength(1);
    expect(history[0][0]).toBe('-');
    expect(history[0][1]).not.toContain('Mona');
    expect(sqlite(`SELECT COALESCE(p.uploaded_by, '-') FROM photos p JOIN avvik a ON a.id = p.owner_id WHERE a.receipt_no = '${receipt}'`, dataDir)).toEqual([['-']]);
    const lines = server.log.slice(logFrom);
    expect(lines.some((line) => line.includes('QR report received'))).toBe(true);
    expect(lines.filter((line) => line.includes('203.0.113.77') || line.includes('Mona'))).toEqual([]);
    // The status link is the only key to the case: the log never holds it.
    const key = new URL(page.url()).pathname.slice('/s/'.length);
    expect(lines.some((line) => line.includes('/s/…'))).toBe(true);
    expect(lines.filter((line) => line.includes(key))).toEqual([]);
    await context.close();
  });
});

test('the HMS-ansvarlig prints a poster whose code leads to the room, and replaces the code', async ({ page }) => {
  await logIn(page, 'hms');
  await expect(page.getByRole('heading', { level: 1, name: 'Hei, Hanne Haugen' })).toBeVisible();
  await page.goto('/admin/rom');
  await expect(page.getByRole('heading', { level: 1, name: 'Rom og QR-koder' })).toBeVisible();
  await hydrated(page);
  await page.locator('tr[data-room="Gymsal"]').getByRole('link', { name: 'Plakat' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Gymsal' })).toBeVisible();
  await hydrated(page);
  await expect(page.getByText('Ser du noe som ikke er trygt? Skann koden og meld avvik.')).toBeVisible();
  await expectAccessible(page);

  const old = roomToken('Gymsal');
  const printed = (await page.locator('.poster-url').textContent()) ?? '';
  expect(printed).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/r/${old}$`));
  expect(await decodeQr(page)).toBe(printed);

  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.topbar')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Skriv ut' })).toBeHidden();
  await expect(page.locator('.poster')).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  await page.getByText('Lag ny kode', { exact: true }).click();
  await page.getByRole('button', { name: 'Lag ny kode nå' }).click();
  await expect(page.getByText('Rommet har fått en ny kode. Skriv ut plakaten på nytt.')).toBeVisible();
  const renewed = roomToken('Gymsal');
  expect(renewed).not.toBe(old);
  await expect(page.locator('.poster-url')).toHaveText(new RegExp(`/r/${renewed}$`));
  expect(await decodeQr(page)).toMatch(new RegExp(`/r/${renewed}$`));

  const response = await page.goto(`/r/${old}`);
  expect(response?.status()).toBe(410);
  await expect(page.getByRole('heading', { level: 1, name: 'Denne koden er ikke lenger i bruk' })).toBeVisible();
  await expectAccessible(page);
});

/** Reads the poster's QR code from a screenshot, as a phone's camera would. */
async function decodeQr(page: Page): Promise<string | undefined> {
  const png = PNG.sync.read(await page.locator('.poster-qr svg').screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}
