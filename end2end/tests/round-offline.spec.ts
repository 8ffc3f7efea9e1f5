import { test, expect, chromium, BrowserContext, Page } from '@playwright/test';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  CHROMIUM, allSent, dataDir, logInAndSync, answerPoint, expectAccessible, fieldPagesCached, goOffline, goOnline, hydrated, logIn,
  changeCounts, makeJpeg, openSections, proxyStats, serverRound,
} from './helpers';

// A vernerunde walked with no network at all, surviving a hard reload and a
// closed browser, then synced exactly once; a second participant pulls it.

const AVVIK = [
  { at: 1, text: 'Nødutgangen er blokkert av stabler med stoler', risk: [4, 5] as [number, number], photos: 2 },
  { at: 4, text: 'Brannslukkeren mangler kontrollmerke', risk: [2, 3] as [number, number], photos: 1 },
  { at: 7, text: 'Løs skjøteledning over gangen', risk: [1, 2] as [number, number], photos: 1 },
];

async function phoneContext(userDataDir: string, baseURL: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    ...CHROMIUM,
    baseURL,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'en-US',
  });
}

async function roundIdOf(page: Page) {
  return new URL(page.url()).searchParams.get('id')!;
}

test('a round walked offline survives reloads and a closed browser, then syncs exactly once', async ({ baseURL }, info) => {
  test.skip(info.project.name === 'tablet', 'phone journey (SQLite and PostgreSQL)');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'vern-profile-'));
  let context = await phoneContext(profile, baseURL!);
  let page = context.pages()[0] ?? (await context.newPage());
  await logIn(page, 'verneombud');
  await expect(page.getByRole('heading', { level: 1, name: 'Hei, Vera Vik' })).toBeVisible();
  await hydrated(page);
  await fieldPagesCached(page);
  await page.goto('/synk');
  await hydrated(page);
  await expect(page.getByTestId('last-sync')).not.toHaveText('–');
  await expectAccessible(page);
  const photos = await Promise.all([1, 2, 3, 4].map((seed) => makeJpeg(page, seed)));

  await goOffline(context);
  const forwardedBefore = (await proxyStats()).forwarded;
  await page.goto('/runder/ny');
  await hydrated(page);
  await expectAccessible(page);
  await page.getByLabel('Navn, deltaker 2').fill('Lars Leder');
  await page.getByRole('button', { name: 'Start runden' }).click();
  await expect(page).toHaveURL(/\/runde\?id=/);
  const roundId = await roundIdOf(page);
  await openSections(page);
  let photoIndex = 0;
  for (let n = 0; n < 10; n++) {
    const avvik = AVVIK.find((a) => a.at === n);
    if (avvik) {
      const mine = photos.slice(photoIndex, photoIndex + avvik.photos);
      photoIndex += avvik.photos;
      await answerPoint(page, n, { text: avvik.text, risk: avvik.risk, photos: mine });
    } else {
      await answerPoint(page, n);
    }
  }
  await expect(page.getByTestId('sync-status')).toContainText('4 bilder venter');
  await expectAccessible(page);

  const expectRoundIntact = async (page: Page) => {
    await hydrated(page);
    await expect(page.locator('.answers button[aria-pressed="true"]')).toHaveCount(10);
    await openSections(page);
    for (const avvik of AVVIK) await expect(page.getByText(avvik.text)).toBeVisible();
    await expect(page.locator('.avvik-summary .thumbs img')).toHaveCount(4);
  };
  // Offline pages come from the service worker's kept copies.
  expect((await page.reload())!.fromServiceWorker()).toBe(true);
  await expectRoundIntact(page);

  await context.close();
  context = await phoneContext(profile, baseURL!);
  await goOffline(context);
  page = context.pages()[0] ?? (await context.newPage());
  expect((await page.goto(`/runde?id=${roundId}`))!.fromServiceWorker()).toBe(true);
  await expectRoundIntact(page);

  await page.getByRole('link', { name: 'Avslutt runden' }).click();
  await hydrated(page);
  await expect(page.getByTestId('avvik-high')).toHaveText('1');
  await expect(page.getByTestId('answered')).toHaveText('10');
  await expectAccessible(page);
  expect((await page.goto('/runder'))!.fromServiceWorker()).toBe(true);
  await hydrated(page);
  await expect(page.locator(`a[href="/runde?id=${roundId}"]`)).toBeVisible();
  await expectAccessible(page);

  // Through reloads, a closed browser and a reopened profile whose service
  // worker starts afresh, not one request reached the server while offline.
  expect((await proxyStats()).forwarded).toBe(forwardedBefore);
  await goOnline(context);
  await allSent(page);
  const server = await serverRound(page, roundId);
  expect(server.round.status).toBe('ongoing');
  expect(server.findings).toHaveLength(10);
  expect(new Set(server.findings.map((f: any) => f.item_id)).size).toBe(10);
  expect(server.findings.filter((f: any) => f.answer === 'avvik')).toHaveLength(3);
  expect(server.photos).toHaveLength(4);
  // Exactly once: one change on the server for the round, each answer and each photo.
  const counts = await changeCounts(page, roundId);
  expect(Object.keys(counts)).toHaveLength(1 + 10 + 4);
  expect(Object.entries(counts).filter(([, n]) => n !== 1)).toEqual([]);
  const stored = path.join(dataDir(), 'photos', 'photos');
  for (const photo of server.photos) {
    // Objects are kept under the photo's id and the hash of its upload; the
    // thumbnail follows the upload's answer (a background job).
    await expect
      .poll(() => fs.readdirSync(path.join(stored, photo.id)).sort())
      .toEqual([`${photo.sha256}.jpg`, `${photo.sha256}.thumb.jpg`]);
    expect(photo.width).toBeLessThanOrEqual(2048);
  }

  // A second participant pulls the round and sees the same data.
  const browser = await chromium.launch(CHROMIUM);
  const other = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 } });
  const leader = await other.newPage();
  await logInAndSync(leader, 'leder');
  await leader.goto('/runder');
  await hydrated(leader);
  await leader.locator(`a[href="/runde?id=${roundId}"]`).click();
  await expect(leader).toHaveURL(new RegExp(roundId));
  await expectRoundIntact(leader);
  await expect(leader.locator(`.thumbs img[src*="/api/v1/photos/"]`)).toHaveCount(4);
  await browser.close();
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
});
