import { test, expect, Page } from '@playwright/test';
import {
  allSent, answerPoint, changeCounts, goOnline, hydrated, logIn, logInAndSync, openSections, serverRound, sqlite, walkTwoPointsOffline,
} from './helpers';

// One phone, two people: what Vera recorded offline and had not sent when
// she logged out is never sent under Lars's session, and goes out as hers
// when she logs in again. What Lars adds to her unsent round waits behind
// her changes and goes out as his.

const HELD = 'endringer venter til en annen bruker logger inn';
const HELD_ONE = 'endring venter til en annen bruker logger inn';

async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Logg ut' }).click();
  await expect(page).toHaveURL(/\/login/);
}

// The counts that follow change only when a cycle has ended, so waiting
// for them waits for the sync too.
async function syncNow(page: Page) {
  await page.goto('/synk');
  await hydrated(page);
  await page.getByRole('button', { name: 'Synkroniser nå' }).click();
}

test("another person's unsent work waits for that person's own session", async ({ page, context }, info) => {
  test.skip(info.project.name !== 'phone', 'phone journey');
  const roundId = await walkTwoPointsOffline(page, context, 'Nødlyset blinker i kjelleren', [2, 4]);

  // Back in signal, but the sync endpoint cannot be reached before Vera hands the phone over.
  await page.route('**/api/v1/sync/push', (route) => route.abort('connectionrefused'));
  await goOnline(context);
  await page.goto('/synk');
  await hydrated(page);
  await expect(page.getByTestId('pending-changes')).toHaveText('3');
  await logOut(page);

  await logIn(page, 'leder');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.unroute('**/api/v1/sync/push');
  await syncNow(page);
  await expect(page.getByTestId('held-for-others')).toContainText(`3 ${HELD}`);
  await expect(page.getByTestId('pending-changes')).toHaveText('0');
  // Lars may see Vera's unit, so the round would be in his pull had it been sent.
  expect((await serverRound(page, roundId)).round).toBeUndefined();

  // Lars answers a point in her round: it waits behind her changes instead of being refused.
  await page.goto(`/runde?id=${roundId}`);
  await hydrated(page);
  await openSections(page);
  await answerPoint(page, 2);
  await syncNow(page);
  await expect(page.getByTestId('held-for-others')).toContainText(`4 ${HELD}`);
  await expect(page.getByTestId('sync-status')).not.toContainText('kunne ikke sendes');
  await logOut(page);

  await logInAndSync(page, 'verneombud');
  await syncNow(page);
  await expect(page.getByTestId('held-for-others')).toContainText(`1 ${HELD_ONE}`);
  let server = await serverRound(page, roundId);
  expect(server.round).toBeDefined();
  expect(server.findings).toHaveLength(2);
  const veras = server.findings.map((f: any) => f.id as string);
  expect(server.findings.find((f: any) => f.answer === 'avvik')?.observation).toBe('Nødlyset blinker i kjelleren');
  await logOut(page);

  await logInAndSync(page, 'leder');
  await allSent(page);
  server = await serverRound(page, roundId);
  expect(server.findings).toHaveLength(3);
  // Held, sent under two sessions, and still once each.
  const counts = await changeCounts(page, roundId);
  expect(Object.values(counts)).toEqual([1, 1, 1, 1]);

  // And the history says who did what: Vera's changes are hers, though
  // they waited through Lars's session; his answer is his.
  const larses = server.findings.map((f: any) => f.id as string).filter((id: string) => !veras.includes(id));
  expect(larses).toHaveLength(1);
  const ids = [roundId, ...veras, ...larses].map((id) => `'${id}'`).join(', ');
  const actors = sqlite(
    `SELECT h.entity_id, u.username FROM history h JOIN users u ON u.id = h.actor_user_id WHERE h.entity_id IN (${ids})`,
  );
  const expected = [
    [roundId, 'verneombud'],
    [veras[0], 'verneombud'],
    [veras[1], 'verneombud'],
    [larses[0], 'leder'],
  ];
  // One entry per change, each with its person.
  expect(actors.sort()).toEqual(expected.sort());
});
