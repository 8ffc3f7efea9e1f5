import { test, expect } from '@playwright/test';
import { DEMO_PASSWORD, SERVER_URL, allSent, changeCounts, goOnline, hydrated, serverRound, walkTwoPointsOffline } from './helpers';

// The session runs out while the phone is offline: the queue stays, the
// person is asked to log in again, and then everything is sent.

test('a session that expired offline asks for a new login and then sends the queue', async ({ page, context }, info) => {
  test.skip(info.project.name !== 'phone', 'phone journey');
  const roundId = await walkTwoPointsOffline(page, context, 'Rømningsveien mangler skilt', [3, 4]);

  // The server forgets the session (as when it expires) while the phone is away.
  // (Straight to the server: the phone's own network is cut.)
  const logout = await page.request.post(`${SERVER_URL}/api/fn/logout`, { headers: { origin: SERVER_URL } });
  expect(logout.ok()).toBeTruthy();

  await goOnline(context);
  await expect(page.getByTestId('sync-status')).toContainText('Logg inn igjen', { timeout: 30_000 });
  await page.goto('/runder');
  await expect(page).toHaveURL(/\/login/);
  await hydrated(page);
  await page.getByLabel('Brukernavn').fill('verneombud');
  await page.getByLabel('Passord').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page).toHaveURL(/\/runder$/);
  await hydrated(page);
  await allSent(page);
  const server = await serverRound(page, roundId);
  expect(server.findings).toHaveLength(2);
  // The queue kept through the new login went out once: one change per record.
  const counts = await changeCounts(page, roundId);
  expect(Object.values(counts)).toEqual([1, 1, 1]);
});
