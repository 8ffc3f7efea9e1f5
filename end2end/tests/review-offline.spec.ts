// A leader's tablet loses the network: a case and the dashboard it loaded
// before show as they were, say they are read-only, and a comment typed and
// sent offline stays in its field until the network is back and it goes.
// A case never opened on the tablet says so instead of failing blank.
import { expect, Page, test } from '@playwright/test';
import { openCase, reportFrom } from './cases';
import { expectAccessible, fieldPagesCached, goOffline, goOnline, hydrated, logIn, resetNetwork } from './helpers';

test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'tablet', 'a leader on a tablet'));
test.afterEach(async () => resetNetwork());

/** Waits until the service worker has kept the page's own address. */
async function kept(page: Page) {
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const cache = await caches.open('vern-review-v1');
          return Boolean(await cache.match(location.pathname + location.search));
        }),
      { timeout: 30_000 },
    )
    .toBe(true);
}

const OFFLINE_NOTE = 'Uten nett: du ser det denne enheten sist lastet.';

test('a case loaded before is read offline, and a comment typed offline is sent once online', async ({ page, context }) => {
  const text = `Døra til lageret står åpen (${Date.now()})`;
  const [receipt] = await reportFrom(page, 'Vaktmesterverksted', text);
  await logIn(page, 'leder');
  await expect(page.getByRole('heading', { level: 1, name: 'Hei, Lars Lie' })).toBeVisible();
  await fieldPagesCached(page);
  await page.goto('/oversikt');
  await hydrated(page);
  await kept(page);
  await openCase(page, text);
  // The first load may come before the worker controls the page.
  await page.reload();
  await hydrated(page);
  await kept(page);
  const caseUrl = page.url();

  await goOffline(context);
  await page.goto('/avvik/sak?id=aldri-lastet');
  await expect(page.getByText('Denne siden er ikke lastet på denne enheten før.')).toBeVisible();
  await page.goto('/oversikt');
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Oversikt' })).toBeVisible();
  await expect(page.getByText(OFFLINE_NOTE)).toBeVisible();
  await page.goto(caseUrl);
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1, name: `Sak ${receipt}` })).toBeVisible();
  await expect(page.getByText(OFFLINE_NOTE)).toBeVisible();
  await expectAccessible(page);

  const comment = `Lås døra og sett opp skilt (${Date.now()})`;
  await page.getByLabel('Kommentar', { exact: true }).fill(comment);
  await page.getByRole('button', { name: 'Legg til kommentar' }).click();
  await expect(page.getByText('Fikk ikke kontakt med serveren. Sjekk nettet og prøv igjen.')).toBeVisible();
  await expect(page.getByLabel('Kommentar', { exact: true })).toHaveValue(comment);

  await goOnline(context);
  await expect(page.getByText(OFFLINE_NOTE)).toHaveCount(0);
  await page.getByRole('button', { name: 'Legg til kommentar' }).click();
  await expect(page.locator('.timeline')).toContainText(comment);
  await expect(page.getByLabel('Kommentar', { exact: true })).toHaveValue('');
});
