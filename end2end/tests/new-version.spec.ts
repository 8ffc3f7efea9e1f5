import { test, expect, Page } from '@playwright/test';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  allSent, answerPoint, expectAccessible, fieldPagesCached, goOffline, goOnline, hydrated, openSections, serverRound,
  startRound,
} from './helpers';
import { OwnPhone, verneombudPhone } from './own-phone';
import { secondBuild } from '../deploy';
import { killVern, startVern, Vern } from '../vern';

// A new build is deployed while a round is open on a phone. The round goes
// on in the build the phone loaded; "Ny versjon – last inn på nytt" is
// offered only while nothing waits to be sent; the reload lands on the new
// build with every answer there, and the old build's files are dropped.

/** The wasm file this page runs (its name carries the build's hash). */
async function runningWasm(page: Page): Promise<string> {
  return page.evaluate(() => {
    const wasm = performance.getEntriesByType('resource').map((entry) => entry.name).find((name) => name.endsWith('.wasm'));
    return wasm ? new URL(wasm).pathname : '';
  });
}

/** The file names under /pkg/ the service worker keeps. */
async function keptFiles(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const cache = await caches.open('vern-static-v1');
    return (await cache.keys()).map((request) => new URL(request.url).pathname).filter((p) => p.startsWith('/pkg/'));
  });
}

/** Asks the active service worker to keep the field pages now; whether it did. */
async function warmNow(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    const token = String(Math.random());
    const answer = new Promise<boolean>((resolve) => {
      navigator.serviceWorker.addEventListener('message', (event) => {
        if (event.data && event.data.token === token) resolve(event.data.warmed);
      });
    });
    registration!.active!.postMessage({ warm: token });
    return answer;
  });
}

/** Whether a new service worker is installed and waiting. */
async function workerWaiting(page: Page): Promise<boolean> {
  return page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting));
}

test('a new version waits for the person, then reloads with nothing lost', async ({}, info) => {
  test.skip(info.project.name !== 'phone', 'phone journey');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vern-deploy-'));
  const dataDir = path.join(dir, 'data');
  fs.mkdirSync(dataDir);
  let server: Vern | undefined;
  let phone: OwnPhone | undefined;
  try {
    // Its own server (replaced by the second build), behind its own proxy.
    server = await startVern({ dataDir });
    phone = await verneombudPhone(server.port);
    const { baseURL, context, page } = phone;
    const roundId = await startRound(page);
    const firstWasm = await runningWasm(page);
    expect(firstWasm).toMatch(/^\/pkg\/vern\..+\.wasm$/);
    await openSections(page);
    await answerPoint(page, 0);
    await allSent(page);
    await expect(page.getByTestId('new-version')).toHaveCount(0);

    // The deploy: the same data and port, new HTML naming new files.
    const build = secondBuild(dir);
    await killVern(server);
    server = await startVern({ dataDir, port: server.port, binary: build.binary, env: { VERN_SITE_ROOT: build.siteRoot } });
    const secondWasm = `/pkg/${build.renamed[path.basename(firstWasm)]}`;

    // The round goes on in the old build. An answer given without network
    // waits; coming back online, the phone sends it and finds the new
    // build, which installs and waits for the person.
    await goOffline(context, baseURL);
    await answerPoint(page, 1);
    await expect(page.getByTestId('sync-status')).toContainText('1 endring');
    await goOnline(context, baseURL);
    await allSent(page);
    await expect.poll(() => workerWaiting(page), { timeout: 30_000 }).toBe(true);
    const banner = page.getByTestId('new-version');
    // Offered once the queue has stayed empty a while (10 s).
    await expect(banner).toBeVisible({ timeout: 30_000 });
    await expect(banner).toContainText('Vern er oppdatert.');
    await expectAccessible(page);
    expect(await runningWasm(page)).toBe(firstWasm);
    // The waiting worker fetched the new build's files; the running one
    // keeps the old build's meanwhile.
    const secondFiles = Object.values(build.renamed).map((name) => `/pkg/${name}`).sort();
    const firstFiles = Object.keys(build.renamed).map((name) => `/pkg/${name}`);
    expect(await keptFiles(page)).toEqual(expect.arrayContaining([...secondFiles, ...firstFiles]));
    // A warm-up of the running worker keeps the waiting build's files.
    expect(await warmNow(page)).toBe(true);
    expect(await keptFiles(page)).toEqual(expect.arrayContaining([...secondFiles, ...firstFiles]));

    // Never offered while a change waits: mid-edit, nothing is swapped.
    await goOffline(context, baseURL);
    await answerPoint(page, 2);
    await expect(page.getByTestId('sync-status')).toContainText('1 endring');
    await expect(banner).toHaveCount(0);
    expect(await workerWaiting(page)).toBe(true);
    await goOnline(context, baseURL);
    await allSent(page);
    await expect(banner).toBeVisible({ timeout: 30_000 });
    expect(await runningWasm(page)).toBe(firstWasm);
    // Nor while an avvik is being written (its text is not saved yet).
    const point = page.locator('li.point').nth(3);
    await point.getByRole('button', { name: 'Avvik', exact: true }).click();
    await point.getByLabel('Hva så du? (må fylles ut)').fill('Halvskrevet');
    await expect(banner).toHaveCount(0);
    await point.getByRole('button', { name: 'Avbryt' }).click();
    await expect(banner).toBeVisible({ timeout: 30_000 });

    // The person chooses the new version.
    const reloaded = page.waitForEvent('load');
    const clicked = Date.now();
    await banner.getByRole('button', { name: 'Ny versjon – last inn på nytt' }).click();
    await reloaded;
    // Reloaded when the new worker took over, not by the fallback after 10 s.
    expect(Date.now() - clicked).toBeLessThan(5_000);
    await hydrated(page);
    expect(new URL(page.url()).searchParams.get('id')).toBe(roundId);
    expect(await runningWasm(page)).toBe(secondWasm);
    expect(await workerWaiting(page)).toBe(false);
    await expect(banner).toHaveCount(0);
    await expect(page.locator('.answers button[aria-pressed="true"]')).toHaveCount(3);
    await allSent(page);
    const round = await serverRound(page, roundId);
    expect(round.findings).toHaveLength(3);

    // Once the new build's pages are kept, the old build's files are gone
    // and the new build runs offline.
    await expect
      .poll(async () => (await keptFiles(page)).sort(), { timeout: 30_000 })
      .toEqual(secondFiles);
    await fieldPagesCached(page);
    await goOffline(context, baseURL);
    expect((await page.reload())!.fromServiceWorker()).toBe(true);
    await hydrated(page);
    expect(await runningWasm(page)).toBe(secondWasm);
    await expect(page.locator('.answers button[aria-pressed="true"]')).toHaveCount(3);
    await goOnline(context, baseURL);
  } finally {
    await phone?.browser.close();
    phone?.proxy.close();
    if (server) await killVern(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
