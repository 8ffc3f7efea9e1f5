import { test, expect, Page } from '@playwright/test';
import {
  allSent, answerPoint, fieldPagesCached, goOffline, hydrated, idbRequest, logInAndSync, makeJpeg, openSections,
  proxyStats, serverRound, sqlite, startRound,
} from './helpers';

// One phone in the staff room. Vera walks a round with a photo and logs
// out; Mona, who walks no rounds, logs in; with the phone offline nothing
// of Vera's (rounds, names, photos, kept pages) can be read. A change made
// in a tab left open after the logout is refused, not queued as anyone's.

/** How many records each IndexedDB store of Vern holds. */
async function storedCounts(page: Page): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const store of ['rounds', 'findings', 'photo_meta', 'photo_blobs', 'outbox']) {
    counts[store] = await idbRequest(page, store, 'count');
  }
  return counts;
}

/** Width and height of every photo image kept on the device. */
async function keptImageSizes(page: Page): Promise<number[][]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('vern');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction(['photo_blobs'], 'readonly').objectStore('photo_blobs').getAll();
          request.onsuccess = async () => {
            db.close();
            const sizes = [];
            for (const blob of request.result as Blob[]) {
              const bitmap = await createImageBitmap(blob);
              sizes.push([bitmap.width, bitmap.height]);
              bitmap.close();
            }
            resolve(sizes);
          };
        };
      }),
  );
}

/** The pages the service worker keeps, by path, with their HTML. */
async function keptPages(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const cache = await caches.open('vern-pages-v1');
    const pages: Record<string, string> = {};
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      pages[new URL(request.url).pathname] = response ? await response.text() : '';
    }
    return pages;
  });
}

async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Logg ut' }).click();
  await expect(page).toHaveURL(/\/login/);
  await hydrated(page);
}

test('after Vera logs out, Mona on the same phone can read nothing of hers, even offline', async ({ page, context }, info) => {
  test.skip(info.project.name !== 'phone', 'phone journey');
  await logInAndSync(page, 'verneombud');
  await fieldPagesCached(page);
  const roundId = await startRound(page);
  await openSections(page);
  const photo = await makeJpeg(page, 5);
  await answerPoint(page, 0, { text: 'Gelender løsnet i trappeoppgang B', risk: [3, 4], photos: [photo] });
  await allSent(page);
  const { round, photos } = await serverRound(page, roundId);
  expect(photos).toHaveLength(1);
  // The server keeps the photo at no more bytes than the phone sent.
  const sentBytes = (await idbRequest(page, 'photo_meta', 'get', photos[0].id)).byte_size;
  expect(photos[0].byte_size).toBeLessThanOrEqual(sentBytes);
  // Once the server has the photo, the phone keeps only a thumbnail of it.
  await expect.poll(() => keptImageSizes(page)).toEqual([[expect.any(Number), expect.any(Number)]]);
  const [[width, height]] = await keptImageSizes(page);
  expect(Math.max(width, height)).toBeLessThanOrEqual(320);

  await logOut(page);
  expect(await storedCounts(page)).toEqual({ rounds: 0, findings: 0, photo_meta: 0, photo_blobs: 0, outbox: 0 });
  // Her pages are gone. The login page may keep the report form for any
  // room again at once, but fetched without her session: nothing of hers.
  const kept = await keptPages(page);
  expect(Object.keys(kept).filter((path) => path !== '/r/uten-nett')).toEqual([]);
  const veraId = sqlite(`SELECT id FROM users WHERE username = 'verneombud'`)[0][0];
  for (const html of Object.values(kept)) {
    expect(html).not.toContain('Vera Vik');
    expect(html).not.toContain(veraId);
  }

  await logInAndSync(page, 'medarbeider');
  await expect(page.locator('.user-name')).toHaveText('Mona Moe');
  await fieldPagesCached(page);

  await goOffline(context);
  const forwardedBefore = (await proxyStats()).forwarded;
  for (const path of ['/runder', `/runde?id=${roundId}`, '/synk', '/']) {
    await page.goto(path);
    // Mona's own kept page, or the page that says there is no network.
    await expect(page.locator('body')).toContainText(/Mona Moe|Ingen nettforbindelse/);
    if (path === '/synk') {
      // Her own kept page, drawn from the device's data once hydrated.
      await hydrated(page);
      await expect(page.locator('.user-name')).toHaveText('Mona Moe');
    }
    const text = await page.locator('body').innerText();
    expect(text, path).not.toContain('Vera Vik');
    expect(text, path).not.toContain(round.title);
    expect(text, path).not.toContain('Gelender løsnet');
    expect(await page.locator(`img[src*="${photos[0].id}"]`).count(), path).toBe(0);
  }
  expect(await storedCounts(page)).toEqual({ rounds: 0, findings: 0, photo_meta: 0, photo_blobs: 0, outbox: 0 });
  // Nothing reached the server meanwhile: every page came from the phone.
  // (Whether a page tries the network at all depends on the Chromium
  // version: newer ones apply the emulated offline state to pages loaded
  // after it was set, so no request is even refused.)
  const stats = await proxyStats();
  expect(stats.offline, 'the network was cut').toBe(true);
  expect(stats.forwarded, 'nothing reached the server').toBe(forwardedBefore);
});

test('a change in a tab left open after logging out is refused with a message', async ({ page, context }, info) => {
  test.skip(info.project.name !== 'phone', 'phone journey');
  await logInAndSync(page, 'verneombud');
  const roundId = await startRound(page);
  await allSent(page);
  await openSections(page);

  const other = await context.newPage();
  await other.goto('/synk');
  await hydrated(other);
  await logOut(other);

  const point = page.locator('li.point').nth(0);
  await point.getByRole('button', { name: 'OK', exact: true }).click();
  await expect(point.getByRole('alert')).toContainText('Logg inn for å lagre');
  await expect(point.getByRole('button', { name: 'OK', exact: true })).toHaveAttribute('aria-pressed', 'false');
  expect((await storedCounts(page)).outbox).toBe(0);

  // Logged in again, the same answer is kept and sent as Vera's.
  await logInAndSync(other, 'verneombud');
  await page.goto(`/runde?id=${roundId}`);
  await hydrated(page);
  await openSections(page);
  const ok = page.locator('li.point').nth(0).getByRole('button', { name: 'OK', exact: true });
  await ok.click();
  await expect(ok).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await serverRound(page, roundId)).findings.length, { timeout: 30_000 }).toBe(1);
});
