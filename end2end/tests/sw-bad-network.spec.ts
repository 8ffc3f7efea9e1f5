import { test, expect, Page } from '@playwright/test';
import { fieldPagesCached, hydrated, logInAndSync, proxyControl, proxyStats, startRound } from './helpers';

// A basement with signal bars but no data, a gateway error and a captive
// portal all count as no network: the field page comes from the kept copy.
// A newer page whose files cannot be fetched never replaces a complete
// kept one, and files no kept page needs are removed.

async function fault(path: string, mode?: string) {
  const query = mode ? `path=${encodeURIComponent(path)}&mode=${mode}` : '';
  const state = await proxyControl(`fault?${query}`);
  expect(state.fault).toEqual(mode ? { path, mode } : null);
}

/** Asks the service worker to keep every field page again, and waits (at most 20 s) until it has tried. */
async function warmAndWait(page: Page): Promise<unknown> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const token = `warm-${Date.now()}`;
    return new Promise((resolve, reject) => {
      setTimeout(() => reject(new Error('the service worker did not answer within 20 s')), 20_000);
      navigator.serviceWorker.addEventListener('message', (event) => {
        if (event.data && event.data.token === token) resolve(event.data.warmed);
      });
      registration.active!.postMessage({ warm: token });
    });
  });
}

async function keptPage(page: Page, path: string): Promise<string> {
  return page.evaluate(async (path) => {
    const kept = await (await caches.open('vern-pages-v1')).match(path);
    return kept ? kept.text() : '';
  }, path);
}

async function expectRoundPage(page: Page) {
  await hydrated(page);
  await expect(page.locator('details.section').first()).toBeVisible();
}

test.afterEach(async () => fault(''));

test('a hanging, failing or captive network serves the kept field page', async ({ page }, info) => {
  test.skip(info.project.name !== 'phone', 'phone journey');
  await logInAndSync(page, 'verneombud');
  const roundId = await startRound(page);
  await fieldPagesCached(page);
  const faultedBefore = (await proxyStats()).faulted;

  await fault('/runde', 'hang');
  const started = Date.now();
  const hung = await page.goto(`/runde?id=${roundId}`);
  const waited = Date.now() - started;
  expect(hung!.fromServiceWorker()).toBe(true);
  await expectRoundPage(page);
  expect(waited).toBeLessThan(5_000);

  for (const mode of ['gateway', 'portal']) {
    await fault('/runde', mode);
    const response = await page.goto(`/runde?id=${roundId}`);
    expect(response!.status(), mode).toBe(200);
    await expectRoundPage(page);
    await expect(page.locator('body')).not.toContainText('gjestenettet');
  }
  // Each of the three pages really met its fault on the way.
  expect((await proxyStats()).faulted - faultedBefore).toBeGreaterThanOrEqual(3);
});

test('a newer page whose files cannot be fetched does not replace the kept one', async ({ page }, info) => {
  test.skip(info.project.name !== 'phone', 'phone journey');
  await logInAndSync(page, 'verneombud');
  const roundId = await startRound(page);
  await fieldPagesCached(page);
  const before = await keptPage(page, '/runde');
  expect(before).toContain('/pkg/');

  const faultedBefore = (await proxyStats()).faulted;
  await fault('/runde', 'next-version');
  await page.goto(`/runde?id=${roundId}`);
  await expectRoundPage(page);
  expect(await page.content()).not.toContain('/pkg/next-');
  expect((await proxyStats()).faulted).toBeGreaterThan(faultedBefore);
  // The worker keeps pages in the background: let it finish, and try once
  // more while the newer page is still served, before comparing.
  expect(await warmAndWait(page), 'a page without its files is not kept').toBe(false);
  expect((await proxyStats()).faulted).toBeGreaterThan(faultedBefore + 1);
  expect(await keptPage(page, '/runde')).toBe(before);
});

test('files of an older version are removed once every field page is kept again', async ({ page }, info) => {
  test.skip(info.project.name !== 'phone', 'phone journey');
  await logInAndSync(page, 'verneombud');
  await fieldPagesCached(page);
  const entries = () =>
    page.evaluate(async () => (await (await caches.open('vern-static-v1')).keys()).map((r) => new URL(r.url).pathname));
  await page.evaluate(async () => {
    const files = await caches.open('vern-static-v1');
    await files.put('/pkg/vern-old-version.wasm', new Response('old'));
  });
  expect(await entries()).toContain('/pkg/vern-old-version.wasm');

  expect(await warmAndWait(page)).toBe(true);
  const kept = await entries();
  expect(kept).not.toContain('/pkg/vern-old-version.wasm');
  // The current version's files stay.
  expect(kept.some((path) => path.endsWith('.wasm'))).toBe(true);
});
