// A round's report: the verneombud walks a round on her phone (a point for
// the area as a whole, then an avvik with a photo in a room), signs it off
// and opens its report, which shows every finding by room, the photo, the
// risk summary and the tiltaksplan; on paper the menu is gone and each room
// starts a page; the PDF download holds the same text. Nobody else learns
// anything from its address.
import { expect, test } from '@playwright/test';
import { otherTablet } from './cases';
import { allSent, answerPoint, downloadFrom, expectAccessible, hydrated, logIn, logInAndSync, makeJpeg, openSections, startRound } from './helpers';
import { pdfText } from './pdf';

test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'phone', 'a round walked on a phone'));

test('a finished round has a report with every finding, photo and measure, printable on A4', async ({ page, browser }) => {
  const stamp = Date.now();
  const finding = `Brannslukkeren på kjøkkenet er tømt – særlig viktig (${stamp})`;
  await logInAndSync(page, 'verneombud');
  const roundId = await startRound(page);
  await openSections(page);
  await answerPoint(page, 0);
  const room = page.getByLabel('Rom', { exact: true });
  await room.selectOption({ index: 1 });
  const roomName = ((await room.locator('option:checked').textContent()) ?? '').replace(/ \(.*$/, '');
  await answerPoint(page, 1, { text: finding, risk: [4, 4], photos: [await makeJpeg(page, 5, 800, 600)] });
  await page.getByRole('link', { name: 'Avslutt runden' }).click();
  await hydrated(page);
  await page.getByLabel(/^Vera Vik/).check();
  await page.getByRole('button', { name: 'Signer og avslutt' }).click();
  await expect(page.getByText('Runden er avsluttet og kan ikke endres.')).toBeVisible();
  await allSent(page);

  await page.goto('/runder');
  await hydrated(page);
  await page.locator('.round-list li', { has: page.locator(`a[href="/runde?id=${roundId}"]`) }).getByRole('link', { name: 'Rapport' }).click();
  await expect(page).toHaveURL(`/runde/rapport?id=${roundId}`);
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Rapport fra vernerunde');
  const facts = page.locator('section', { has: page.getByRole('heading', { name: 'Om runden' }) });
  await expect(facts).toContainText('Nordby skole');
  await expect(facts.locator('.participants')).toContainText('Vera Vik');
  await expect(facts.locator('.participants')).toContainText('signert');

  const rooms = page.locator('.report-room');
  await expect(rooms).toHaveCount(2);
  await expect(rooms.nth(0).getByRole('heading', { level: 2 })).toHaveText('Generelt');
  await expect(rooms.nth(0).locator('.finding.answer-ok')).toHaveCount(1);
  await expect(rooms.nth(1).getByRole('heading', { level: 2 })).toContainText(roomName);
  const avvik = rooms.nth(1).locator('.finding.answer-avvik');
  await expect(avvik).toContainText(finding);
  await expect(avvik).toContainText('Risiko 16: høy');
  await expect(avvik).toContainText('Foreslått tiltak: Rydd og merk');
  const receipt = (await avvik.getByRole('link').filter({ hasText: /^AV-\d{4}-/ }).textContent())!;
  const photo = avvik.locator('.case-photos a');
  await expect(photo).toHaveCount(1);
  const full = await page.request.get((await photo.getAttribute('href'))!);
  expect(full.status()).toBe(200);
  expect(full.headers()['content-type']).toBe('image/jpeg');

  const summary = page.locator('.report-summary');
  await expect(summary).toContainText('Avvik i alt: 1');
  await expect(summary.getByRole('img', { name: 'Sannsynlighet 4, Konsekvens 4: 1 avvik' })).toBeVisible();
  const plan = page.locator('.report-tiltak tbody tr');
  await expect(plan).toHaveCount(1);
  await expect(plan).toContainText('Rydd og merk');
  await expect(plan).toContainText(receipt);
  await expect(plan).toContainText('Planlagt');
  await expectAccessible(page);

  // The same report as a PDF, its text read back as a person would copy it.
  const pdf = await downloadFrom(page, 'Last ned som PDF');
  expect(pdf.name).toMatch(/^vernerunde-\d{4}-\d{2}-\d{2}\.pdf$/);
  expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const text = pdfText(pdf.bytes);
  for (const expected of ['Nordby skole', finding, 'Rydd og merk', receipt, roomName, 'Side 1 / ']) {
    expect(text).toContain(expected);
  }

  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.topbar')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Skriv ut rapporten' })).toBeHidden();
  expect(await rooms.nth(1).evaluate((el) => getComputedStyle(el).breakBefore)).toBe('page');
  await expect(avvik).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
  await expect(page.locator('.topbar')).toBeVisible();

  // A colleague who reads no reports and did not walk it learns nothing.
  const colleague = await otherTablet(browser);
  await logIn(colleague, 'medarbeider');
  await expect(colleague.getByRole('heading', { level: 1, name: 'Hei, Mona Moe' })).toBeVisible();
  await colleague.goto(`/runde/rapport?id=${roundId}`);
  await expect(colleague.getByRole('alert')).toBeVisible();
  await expect(colleague.locator('body')).not.toContainText(finding);
  await colleague.context().close();
});
