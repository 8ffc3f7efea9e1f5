import { test, expect, chromium } from '@playwright/test';
import {
  CHROMIUM, answerPoint, expectBeforeTimer, idbRequest, loadForTrigger, logInAndSync, openSections, serverRound, startRound,
} from './helpers';

// The app syncs when it comes back to the screen: what another person sent
// meanwhile is on the phone before the 30 s timer of the page could bring it.
// (The write and `online` triggers are proved in round-conflict and
// round-session.)

test('becoming visible again fetches what others sent meanwhile', async ({ page, baseURL }, info) => {
  test.skip(info.project.name !== 'phone', 'phone journey');
  await logInAndSync(page, 'verneombud');
  const roundId = await startRound(page);
  await openSections(page);
  await answerPoint(page, 0);
  await expect.poll(async () => (await serverRound(page, roundId)).findings.length, { timeout: 20_000 }).toBe(1);

  // Lars has the round open on his tablet.
  const browser = await chromium.launch(CHROMIUM);
  const tablet = await (await browser.newContext({ baseURL, viewport: { width: 820, height: 1180 } })).newPage();
  await logInAndSync(tablet, 'leder');
  await tablet.goto(`/runde?id=${roundId}`);
  await openSections(tablet);

  // Vera's phone opens the round afresh, and its start sync ends (its pull
  // answered) before Lars sends anything …
  const startPull = page.waitForResponse((response) => response.url().includes('/api/v1/sync/pull'));
  const loadedAt = await loadForTrigger(page, `/runde?id=${roundId}`);
  await startPull;
  await expect(page.getByTestId('sync-status')).toHaveText(/Alt er sendt/);

  // … then, while it lies in a pocket, Lars answers another point.
  await answerPoint(tablet, 1, { text: 'Dørpumpen henger løs', risk: [2, 2], photos: [] });
  await expect.poll(async () => (await serverRound(page, roundId)).findings.length, { timeout: 20_000 }).toBe(2);
  const larsFinding = (await serverRound(page, roundId)).findings.find((f: any) => f.observation === 'Dørpumpen henger løs');
  expect(larsFinding).toBeDefined();
  expect(await idbRequest(page, 'findings', 'get', larsFinding.id)).toBeUndefined();

  // Vera takes the phone out: the page becomes visible (the browser's own
  // event, sent by hand: a headless page never leaves the screen).
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  const kept = async () => (await idbRequest(page, 'findings', 'get', larsFinding.id))?.observation ?? null;
  await expectBeforeTimer(loadedAt, kept, 'Dørpumpen henger løs');
  await browser.close();
});
