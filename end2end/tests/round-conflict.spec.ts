import { test, expect, chromium } from '@playwright/test';
import {
  CHROMIUM, allSent, answerPoint, expectBeforeTimer, goOffline, goOnline, hydrated, logInAndSync, openSections, serverRound, startRound,
} from './helpers';

// Two people change the same avvik text with no network; both sync.
// Nothing is lost: the first text to reach the server stays, the other is
// kept beside it as a conflict copy, visible to both.

test('two devices editing one text offline keep both versions', async ({ baseURL }, info) => {
  test.skip(info.project.name === 'tablet', 'phone journey (SQLite and PostgreSQL)');
  const browser = await chromium.launch(CHROMIUM);
  const options = { baseURL, viewport: { width: 390, height: 844 } };
  const contextA = await browser.newContext(options);
  const contextB = await browser.newContext(options);
  const a = await contextA.newPage();
  const b = await contextB.newPage();

  await logInAndSync(a, 'verneombud');
  // The round page's start sync ends (its pull answered) before the answer
  // is written, so that only the write can send it.
  const startPull = a.waitForResponse((response) => response.url().includes('/api/v1/sync/pull'));
  const loadedAt = Date.now();
  const roundId = await startRound(a);
  await startPull;
  await openSections(a);
  await answerPoint(a, 0, { text: 'Vannlekkasje under vasken', risk: [2, 2], photos: [] });
  // Sent by the write itself (a second later), not by the 30 s timer.
  await expectBeforeTimer(loadedAt, async () => (await serverRound(a, roundId)).findings.length, 1);
  await allSent(a);

  await logInAndSync(b, 'leder');
  await b.goto(`/runde?id=${roundId}`);
  await hydrated(b);
  await openSections(b);
  await expect(b.getByText('Vannlekkasje under vasken')).toBeVisible();

  await goOffline(contextA);
  await goOffline(contextB);
  const edit = async (page: typeof a, text: string) => {
    const point = page.locator('li.point').nth(0);
    await point.getByRole('button', { name: 'Avvik', exact: true }).click();
    await point.getByLabel('Hva så du? (må fylles ut)').fill(text);
    await point.getByRole('button', { name: 'Lagre avvik' }).click();
    await expect(point.locator('.avvik-summary')).toContainText(text);
  };
  const textA = 'Vannlekkasje under vasken, gulvet er mykt';
  const textB = 'Lekker fra avløpsrøret, bøtte satt under';
  await edit(a, textA);
  await edit(b, textB);

  // The proxy is one network for both phones: B stays cut off by its own
  // emulated offline state until A has sent.
  await goOnline(contextA);
  await allSent(a);
  await contextB.setOffline(false);
  await allSent(b);

  const server = await serverRound(a, roundId);
  expect(server.findings).toHaveLength(1);
  expect(server.findings[0].observation).toBe(textA);
  expect(server.findings[0].conflicts.map((c: any) => c.text)).toEqual([textB]);

  for (const page of [a, b]) {
    // Each load of a page syncs; the pull that brings the conflict copy may
    // finish just after the push, so look again until it is there.
    await expect(async () => {
      await page.goto(`/runde?id=${roundId}`);
      await hydrated(page);
      await openSections(page);
      const point = page.locator('li.point').nth(0);
      await expect(point.locator('.avvik-summary')).toContainText(textA, { timeout: 3_000 });
      await expect(point.locator('.conflict')).toContainText(textB, { timeout: 3_000 });
    }).toPass({ timeout: 45_000 });
  }
  await browser.close();
});
