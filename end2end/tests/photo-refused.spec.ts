import { test, expect } from '@playwright/test';
import { allSent, answerPoint, hydrated, logInAndSync, makeJpeg, openSections, startRound } from './helpers';

// The server refuses an avvik for good. Its photo can then never be
// stored: it stops being sent, is listed with the reason, and can be
// removed from the phone.

test('a photo of a refused finding stops being sent and can be removed', async ({ page }, info) => {
  test.skip(info.project.name !== 'phone', 'phone journey');
  await logInAndSync(page, 'verneombud');
  await startRound(page);
  await allSent(page);
  await openSections(page);

  // The answer reaches the server damaged (a risk outside the matrix), so it is refused.
  await page.route('**/api/v1/sync/push', async (route) => {
    const body = JSON.parse(route.request().postData() ?? '{}');
    for (const operation of body.operations ?? []) {
      if (operation.kind === 'save_finding' && operation.data.answer === 'avvik') operation.data.probability = 9;
    }
    await route.continue({ postData: JSON.stringify(body) });
  });
  let uploads = 0;
  page.on('request', (request) => {
    if (request.method() === 'PUT' && request.url().includes('/api/v1/photos/')) uploads += 1;
  });

  const photo = await makeJpeg(page, 7, 800, 600);
  await answerPoint(page, 0, { text: 'Stikkontakt hengende ut av veggen', risk: [2, 5], photos: [photo] });

  await page.goto('/synk');
  await hydrated(page);
  const failures = page.locator('ul.failures li');
  await expect(failures).toHaveCount(2, { timeout: 30_000 });
  const photoFailure = failures.filter({ hasText: 'Bilde' });
  await expect(photoFailure).toHaveCount(1);
  const answerFailure = failures.filter({ hasText: 'Svar på sjekkpunkt' });
  const reason = (await answerFailure.innerText()).split(': ').slice(1).join(': ').replace(/\s*$/, '');
  expect(reason.length).toBeGreaterThan(0);
  await expect(photoFailure).toContainText(reason.slice(0, 20));

  // It is never sent: not in the cycle that learnt of the refusal, nor in later ones.
  for (let n = 0; n < 2; n++) {
    const before = await page.getByTestId('last-sync').getAttribute('data-ms');
    expect(before, 'a sync time is shown').toMatch(/^\d+$/);
    await page.getByRole('button', { name: 'Synkroniser nå' }).click();
    await expect(page.getByTestId('last-sync')).not.toHaveAttribute('data-ms', before!, { timeout: 30_000 });
  }
  expect(uploads).toBe(0);
  await expect(page.getByTestId('pending-photos')).toHaveText('0');

  await photoFailure.getByRole('button', { name: 'Fjern bildet' }).click();
  await expect(failures.filter({ hasText: 'Bilde' })).toHaveCount(0);
  await expect(failures).toHaveCount(1);
});
