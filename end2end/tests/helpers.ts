import { readFileSync } from 'node:fs';
import { BrowserContext, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { hydrated } from './hydration';
import { goOffline, resetNetwork } from './network';

export * from './device';
export * from './hydration';
export * from './network';
export * from './triggers';

export const DEMO_PASSWORD = 'vern-demo-2026';

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

/** Clicks the link named `link` and returns the file it downloads: its name and bytes. */
export async function downloadFrom(page: Page, link: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: link }).click(),
  ]);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
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

