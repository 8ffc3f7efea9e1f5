import { test, expect } from '@playwright/test';
import { createHash } from 'crypto';
import {
  DEMO_PASSWORD, allSent, changeCounts, expectBeforeTimer, goOnline, hydrated, loadForTrigger, serverRound, sqlite, walkTwoPointsOffline,
} from './helpers';

// The session runs out while the phone is offline: its expiry passes in the
// server's database, and the phone still holds the cookie. The queue stays,
// the person is told to log in again, and then everything is sent once.

test('a session that expired offline asks for a new login and then sends the queue', async ({ page, context }, info) => {
  test.skip(info.project.name !== 'phone', 'phone journey');
  const roundId = await walkTwoPointsOffline(page, context, 'Rømningsveien mangler skilt', [3, 4]);

  // Behind the phone's back: the session's expiry is put a second in the past.
  const session = (await context.cookies()).find((cookie) => cookie.name === 'vern_session');
  expect(session, 'the phone has a session cookie').toBeDefined();
  const tokenHash = createHash('sha256').update(session!.value).digest('hex');
  const expiry = () => sqlite(`SELECT expires_at < ${Date.now()} FROM sessions WHERE token_hash = '${tokenHash}'`);
  expect(expiry()).toEqual([['0']]);
  sqlite(`UPDATE sessions SET expires_at = ${Date.now() - 1000} WHERE token_hash = '${tokenHash}'`);
  expect(expiry()).toEqual([['1']]);
  expect((await context.cookies()).map((cookie) => cookie.name)).toContain('vern_session');

  // Back online, the `online` event alone finds the session gone, before
  // the 30 s timer of the page could.
  const loadedAt = await loadForTrigger(page, `/runde?id=${roundId}`);
  // Chromium does not apply an emulated offline state to a document loaded
  // after it was set (navigator.onLine stays true): set it once more.
  await context.setOffline(false);
  await context.setOffline(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  // The retries the page scheduled while it thought it was online fall due
  // (and do nothing, offline) before the network comes back.
  await page.waitForTimeout(8_000);
  await goOnline(context);
  const status = async () => (await page.getByTestId('sync-status').innerText()).includes('Logg inn igjen');
  await expectBeforeTimer(loadedAt, status, true);
  await page.goto('/runder');
  await expect(page).toHaveURL(/\/login\?.*expired=1/);
  await hydrated(page);
  await expect(page.locator('.notice')).toContainText('økten er utløpt');
  await page.getByLabel('Brukernavn').fill('verneombud');
  await page.getByLabel('Passord').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page).toHaveURL(/\/runder$/);
  await hydrated(page);
  await allSent(page);
  const round = await serverRound(page, roundId);
  expect(round.findings).toHaveLength(2);
  // The queue kept through the new login went out once: one change per record.
  const counts = await changeCounts(page, roundId);
  expect(Object.values(counts)).toEqual([1, 1, 1]);
});
