import { test, expect, Page } from '@playwright/test';
import { PROXY_URL, fieldPagesCached, hydrated, logInAndSync, startRound } from './helpers';

// A basement with signal bars but no data, a gateway error and a captive
// portal all count as no network: the field page comes from the kept copy.
// A newer page whose files cannot be fetched never replaces a complete
// kept one, and files no kept page needs are removed.

async function fault(path: string, mode?: string) {
  const query = mode ? `path=${encodeURIComponent(path)}&mode=${mode}` : '';
  await fetch(`${PROXY_URL}/__e2e/fault?${query}`, { method: 'POST' });
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
  const stats = await (await fetch(`${PROXY_URL}/__e2e/stats`)).json();
  expect(stats.faulted).toBeGreaterThanOrEqual(3);
});

test('a newer page whose files cannot be fetched does not replace the kept one', async ({ page }, info) => {
  test.skip(info.project.name !== 'phone', 'phone journey');
  await logInAndSync(page, 'verneombud');
  const roundId = await startRound(page);
  await fieldPagesCached(page);
  const before = await keptPage(page, '/runde');
  expect(before).toContain('/pkg/');

  await fault('/runde', 'next-version');
  await page.goto(`/runde?id=${roundId}`);
  await expectRoundPage(page);
  expect(await page.content()).not.toContain('/pkg/next-');
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

  const warmed = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const token = `prune-${Date.now()}`;
    return new Promise((resolve) => {
      navigator.serviceWorker.addEventListener('message', (event) => {
        if (event.data && event.data.token === token) resolve(event.data.warmed);
      });
      registration.active!.postMessage({ warm: token });
    });
  });
  expect(warmed).toBe(true);
  const kept = await entries();
  expect(kept).not.toContain('/pkg/vern-old-version.wasm');
  // The current version's files stay.
  expect(kept.some((path) => path.endsWith('.wasm'))).toBe(true);
});
