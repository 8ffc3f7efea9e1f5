import { BrowserContext, expect, Page, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'child_process';
import * as path from 'path';

export const DEMO_PASSWORD = 'vern-demo-2026';

/** The project's server itself, for what a test does behind the phone's back. */
export function serverUrl(): string {
  return String(test.info().project.metadata.serverURL);
}

/** The test proxy in front of the project's server (see proxy.js and global-setup.ts). */
export function proxyUrl(): string {
  return String(test.info().project.use.baseURL);
}

/** The project's server's data directory (the photo store is under it). */
export function dataDir(): string {
  return String(test.info().project.metadata.dataDir);
}

/**
 * Runs SQL on the SQLite database of the project's server (what a test
 * checks or changes behind the app's back) and returns the rows' fields.
 */
export function sqlite(sql: string): string[][] {
  const file = path.join(dataDir(), 'vern.db');
  const out = execFileSync('sqlite3', ['-cmd', '.timeout 5000', '-separator', '\t', file, sql], { encoding: 'utf8' });
  return out.trim() ? out.trim().split('\n').map((line) => line.split('\t')) : [];
}

interface ProxyState {
  offline: boolean;
  fault: { path: string; mode: string } | null;
  forwarded: number;
  refused: number;
  faulted: number;
}

/** Sends a control request to the proxy and returns its state after it. */
export async function proxyControl(path: string, proxy = proxyUrl()): Promise<ProxyState> {
  const response = await fetch(`${proxy}/__e2e/${path}`, { method: path === 'stats' ? 'GET' : 'POST' });
  expect(response.status, `proxy ${path}`).toBe(200);
  return response.json();
}

/** What the proxy has forwarded to the server and refused while offline. */
export async function proxyStats(proxy = proxyUrl()): Promise<ProxyState> {
  return proxyControl('stats', proxy);
}

/**
 * Cuts the phone's network: the browser reports offline, and every request
 * (the service worker's too) is refused before it can reach the server.
 */
export async function goOffline(context: BrowserContext, proxy = proxyUrl()) {
  expect((await proxyControl('offline', proxy)).offline).toBe(true);
  await context.setOffline(true);
}

/** Gives the phone its network back. */
export async function goOnline(context: BrowserContext, proxy = proxyUrl()) {
  expect((await proxyControl('online', proxy)).offline).toBe(false);
  await context.setOffline(false);
}

/** Waits until the wasm app has hydrated (clicks before that are lost). */
export async function hydrated(page: Page) {
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
}

/** Gives the project's proxy its network back and clears any fault. */
export async function resetNetwork(proxy = proxyUrl()) {
  expect((await proxyControl('online', proxy)).offline).toBe(false);
  expect((await proxyControl('fault', proxy)).fault).toBeNull();
}

/**
 * Logs in through the login form and waits for the start page. A login
 * needs the network, so a test that failed offline cannot leave the next
 * one without it.
 */
export async function logIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await resetNetwork();
  await page.goto('/login');
  await hydrated(page);
  await page.getByLabel('Brukernavn').fill(username);
  await page.getByLabel('Passord').fill(password);
  await page.getByRole('button', { name: 'Logg inn' }).click();
}

/** Fails on any WCAG 2.1 A/AA violation axe-core finds on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, summary.join('\n')).toEqual([]);
}

/** Waits until the service worker has kept the field pages for offline use. */
export async function fieldPagesCached(page: Page) {
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const cache = await caches.open('vern-pages-v1');
          const pages = await Promise.all(['/runder', '/runder/ny', '/runde', '/runde/avslutt', '/synk'].map((p) => cache.match(p)));
          return pages.every(Boolean);
        }),
      { timeout: 30_000 },
    )
    .toBe(true);
}

/** Makes a JPEG in the page (a canvas with shapes), returned as bytes. */
export async function makeJpeg(page: Page, seed: number, width = 3000, height = 2000): Promise<Buffer> {
  const base64 = await page.evaluate(
    async ({ seed, width, height }) => {
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = `hsl(${(seed * 67) % 360}, 60%, 70%)`;
      ctx.fillRect(0, 0, width, height);
      for (let i = 0; i < 40; i++) {
        ctx.fillStyle = `hsl(${(seed * 31 + i * 17) % 360}, 70%, 40%)`;
        ctx.fillRect((i * 97 * seed) % width, (i * 53) % height, 200, 120);
      }
      const blob: Blob = await new Promise((resolve) => canvas.toBlob((b) => resolve(b!), 'image/jpeg', 0.9));
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = '';
      for (const byte of bytes) binary += String.fromCharCode(byte);
      return btoa(binary);
    },
    { seed, width, height },
  );
  return Buffer.from(base64, 'base64');
}

/**
 * Loads `path` and returns when the load began. The sync engine starts its
 * 30 s timer as the page hydrates, so the timer cannot sync before
 * `loadedAt + 30 s`: what arrives before then came from another trigger.
 */
export async function loadForTrigger(page: Page, path: string): Promise<number> {
  const loadedAt = Date.now();
  await page.goto(path);
  await hydrated(page);
  return loadedAt;
}

/**
 * Waits until `probe` gives `expected`, but only as long as the 30 s timer
 * of the page loaded at `loadedAt` has not fired: a trigger that is broken
 * (a write, `online`) fails this instead of being hidden by the timer.
 */
export async function expectBeforeTimer<T>(loadedAt: number, probe: () => Promise<T>, expected: T) {
  const left = loadedAt + 28_000 - Date.now();
  expect(left, 'time left before the sync timer could fire').toBeGreaterThan(3_000);
  await expect.poll(probe, { timeout: left, intervals: [250] }).toEqual(expected);
}

/** The sync status line shows that everything was sent. */
export async function allSent(page: Page) {
  await expect(page.getByTestId('sync-status')).toHaveText(/Alt er sendt/, { timeout: 60_000 });
}

/** Every change to rounds, findings and photos the logged-in user may see. */
export async function pullAll(page: Page) {
  const changes: { seq: number; record: any }[] = [];
  let since = 0;
  for (;;) {
    const response = await page.request.get(`/api/v1/sync/pull?since=${since}&limit=1000&schema=1`);
    expect(response.status()).toBe(200);
    const body = await response.json();
    changes.push(...body.changes);
    since = body.next_since;
    if (!body.more) return changes;
  }
}

/** The latest state of each record of a round, from the server. */
export async function serverRound(page: Page, roundId: string) {
  const latest = new Map<string, any>();
  for (const change of await pullAll(page)) latest.set(`${change.record.kind}:${change.record.id}`, change.record);
  const records = [...latest.values()];
  const findings = records.filter((r) => r.kind === 'finding' && r.round_id === roundId);
  const findingIds = new Set(findings.map((f) => f.id));
  const photos = records.filter((r) => r.kind === 'photo' && findingIds.has(r.finding_id));
  const round = records.find((r) => r.kind === 'round' && r.id === roundId);
  return { round, findings, photos };
}

/**
 * How many raw changes the server's pull holds for each record of a round
 * (`kind:id` → count): exactly-once means 1 each for records changed once.
 * Unlike `serverRound`, nothing is folded, so a doubled operation shows.
 */
export async function changeCounts(page: Page, roundId: string): Promise<Record<string, number>> {
  const changes = await pullAll(page);
  const findingIds = new Set(
    changes.filter((c) => c.record.kind === 'finding' && c.record.round_id === roundId).map((c) => c.record.id),
  );
  const counts: Record<string, number> = {};
  for (const { record } of changes) {
    const ours =
      (record.kind === 'round' && record.id === roundId) ||
      (record.kind === 'finding' && record.round_id === roundId) ||
      (record.kind === 'photo' && findingIds.has(record.finding_id));
    if (ours) counts[`${record.kind}:${record.id}`] = (counts[`${record.kind}:${record.id}`] ?? 0) + 1;
  }
  return counts;
}

/** Chromium flags for contexts a test launches itself. */
export { CHROMIUM } from '../chromium';

/** Opens every section of the round page's checklist. */
export async function openSections(page: Page) {
  await expect(page.locator('details.section').first()).toBeVisible();
  const closed = page.locator('details.section:not([open]) > summary');
  while ((await closed.count()) > 0) await closed.first().click();
}

/** Answers point `n` (0-based, in page order) OK, or as an avvik with photos. */
export async function answerPoint(page: Page, n: number, avvik?: { text: string; risk: [number, number]; photos: Buffer[] }) {
  const point = page.locator('li.point').nth(n);
  if (!avvik) {
    await point.getByRole('button', { name: 'OK', exact: true }).click();
    await expect(point.getByRole('button', { name: 'OK', exact: true })).toHaveAttribute('aria-pressed', 'true');
    return;
  }
  await point.getByRole('button', { name: 'Avvik', exact: true }).click();
  await point.getByLabel('Hva så du? (må fylles ut)').fill(avvik.text);
  await point.getByRole('button', { name: `Sannsynlighet ${avvik.risk[0]}, Konsekvens ${avvik.risk[1]}` }).click();
  await point.getByLabel('Forslag til tiltak').fill('Rydd og merk');
  if (avvik.photos.length) {
    await point.locator('input[type=file]').setInputFiles(
      avvik.photos.map((buffer, i) => ({ name: `foto-${i}.jpg`, mimeType: 'image/jpeg', buffer })),
    );
    await expect(point.locator('.thumbs img')).toHaveCount(avvik.photos.length, { timeout: 30_000 });
  }
  await point.getByRole('button', { name: 'Lagre avvik' }).click();
  await expect(point.locator('.avvik-summary')).toContainText(avvik.text);
  // The saved risk is named as the matrix names it, not "p × c".
  await expect(point.locator('.avvik-summary .risk-badge')).toContainText(`Risiko ${avvik.risk[0] * avvik.risk[1]}: `);
}

/** Logs in and waits until the device has synced once (reference data kept). */
export async function logInAndSync(page: Page, username: string) {
  // A time shown from an earlier person's sync on this phone does not count.
  const before = Date.now();
  await logIn(page, username);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await hydrated(page);
  await page.goto('/synk');
  await hydrated(page);
  await expect
    .poll(async () => Number((await page.getByTestId('last-sync').getAttribute('data-ms')) ?? 0), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(before);
}

/** Starts a round from /runder/ny and returns its id (online or offline). */
export async function startRound(page: Page) {
  await page.goto('/runder/ny');
  await hydrated(page);
  await page.getByRole('button', { name: 'Start runden' }).click();
  await expect(page).toHaveURL(/\/runde\?id=/);
  await hydrated(page);
  return new URL(page.url()).searchParams.get('id')!;
}

/**
 * Vera (verneombud) logs in and the phone keeps the field pages; then, with
 * no network, she starts a round and answers two points: one OK and one
 * avvik with `observation` (no photos). Returns the round id; the phone stays offline.
 */
export async function walkTwoPointsOffline(page: Page, context: BrowserContext, observation: string, risk: [number, number]) {
  await logInAndSync(page, 'verneombud');
  await fieldPagesCached(page);
  await goOffline(context);
  const roundId = await startRound(page);
  await openSections(page);
  await answerPoint(page, 0);
  await answerPoint(page, 1, { text: observation, risk, photos: [] });
  return roundId;
}

/** One request on a store of Vern's IndexedDB (`count`, or `get` of a key), answered as plain data. */
export async function idbRequest(page: Page, store: string, method: 'count' | 'get', key?: string): Promise<any> {
  return page.evaluate(
    ({ store, method, key }) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('vern');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const objects = open.result.transaction([store], 'readonly').objectStore(store);
          const request = method === 'count' ? objects.count() : objects.get(key!);
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result);
          };
        };
      }),
    { store, method, key },
  );
}
