// The whole way of a round's finding: the verneombud walks and signs a
// round on her phone; its avvik reaches the leader's dashboard and list on
// the tablet, where he takes it on, rates it again, plans two measures,
// comments and closes it with a note; the verneombud's phone shows the
// closed case and its timeline; an MKS member reads it with its comments
// but without steps and without the name of the one who found it.
import { Browser, expect, Page, test } from '@playwright/test';
import { otherTablet } from './cases';
import { allSent, answerPoint, expectAccessible, hydrated, logIn, logInAndSync, openSections, startRound } from './helpers';

test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'tablet', 'a leader on a tablet'));

function card(page: Page, name: string) {
  return page.locator('section', { has: page.getByRole('heading', { level: 2, name }) });
}

function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function phone(browser: Browser): Promise<Page> {
  const use = test.info().project.use;
  const context = await browser.newContext({
    baseURL: use.baseURL,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  return context.newPage();
}

test('a finding from a round on a phone is followed up to closed on the tablet', async ({ page, browser }) => {
  const stamp = Date.now();
  const finding = `Rømningsveien i kjelleren er sperret (${stamp})`;
  const vera = await phone(browser);
  await logInAndSync(vera, 'verneombud');
  await startRound(vera);
  await openSections(vera);
  await answerPoint(vera, 0, { text: finding, risk: [3, 4], photos: [] });
  await vera.getByRole('link', { name: 'Avslutt runden' }).click();
  await hydrated(vera);
  await vera.getByLabel(/^Vera Vik/).check();
  await vera.getByRole('button', { name: 'Signer og avslutt' }).click();
  await expect(vera.getByText('Runden er avsluttet og kan ikke endres.')).toBeVisible();
  await allSent(vera);

  await logIn(page, 'leder');
  await expect(page.getByRole('heading', { level: 1, name: 'Hei, Lars Lie' })).toBeVisible();
  await expect(card(page, 'Nye siden sist').getByRole('link', { name: finding })).toBeVisible();
  await page.goto('/avvik?kilde=round');
  await hydrated(page);
  await expect(page.locator('.case-row', { hasText: finding })).toContainText('12');
  await expectAccessible(page);
  await page.getByRole('link', { name: finding }).click();
  await expect(page).toHaveURL(/\/avvik\/sak\?id=/);
  await hydrated(page);
  const caseUrl = page.url();
  await expect(page.locator('.facts')).toContainText('Vera Vik');

  await page.getByRole('button', { name: 'Sett til Under behandling' }).click();
  await expect(page.locator('.case-state')).toHaveText('Under behandling');
  await page.getByLabel('Ansvarlig', { exact: true }).selectOption({ label: 'Lars Lie' });
  await page.getByRole('button', { name: 'Gjør ansvarlig' }).click();
  await expect(page.locator('.timeline')).toContainText('Ansvarlig: Lars Lie');
  const rerate = card(page, 'Vurder risikoen på nytt');
  await rerate.getByLabel('Sannsynlighet').selectOption('4');
  await rerate.getByLabel('Konsekvens').selectOption('5');
  await rerate.getByRole('button', { name: 'Lagre vurdering' }).click();
  await expect(page.locator('.timeline')).toContainText('Risiko vurdert på nytt: Sannsynlighet 4 × Konsekvens 5 = 20');
  const measures = [`Rydde rømningsveien (${stamp})`, `Merke gulvet med forbud mot lagring (${stamp})`];
  for (const [n, measure] of measures.entries()) {
    const form = page.locator('.tiltak-new');
    // The round's own suggestion is listed already: the form is folded.
    if (!(await form.getByLabel('Hva skal gjøres?').isVisible())) {
      await page.locator('summary', { hasText: 'Legg til et tiltak' }).click();
    }
    await form.getByLabel('Hva skal gjøres?').fill(measure);
    await form.getByLabel('Frist').fill(inDays(3 + 7 * n));
    await form.getByRole('button', { name: 'Legg til tiltaket' }).click();
    await expect(page.locator('.tiltak-item', { hasText: measure })).toBeVisible();
  }
  await page.getByRole('button', { name: 'Sett til Tiltak planlagt' }).click();
  await expect(page.locator('.case-state')).toHaveText('Tiltak planlagt');
  await page.getByLabel('Kommentar', { exact: true }).fill('Tas opp i MKS-møtet på torsdag');
  await page.getByRole('button', { name: 'Legg til kommentar' }).click();
  await expect(page.locator('.timeline')).toContainText('Tas opp i MKS-møtet på torsdag');
  await page.getByLabel('Notat').fill('Ryddet, og gulvet er merket');
  await page.getByRole('button', { name: 'Sett til Lukket' }).click();
  await expect(page.locator('.case-state')).toHaveText('Lukket');
  await expectAccessible(page);

  // The verneombud's phone shows the closed case and what was done.
  await vera.goto(caseUrl);
  await hydrated(vera);
  await expect(vera.locator('.case-state')).toHaveText('Lukket');
  await expect(vera.locator('.timeline')).toContainText(`Tiltak lagt til: ${measures[1]}`);
  await expect(vera.locator('.timeline')).toContainText('Ryddet, og gulvet er merket');
  await expectAccessible(vera);
  await vera.context().close();

  // An MKS member reads it all, takes no step, and is not told who found it.
  const mats = await otherTablet(browser);
  await logIn(mats, 'mks');
  await expect(mats.getByRole('heading', { level: 1, name: 'Hei, Mats Myhre' })).toBeVisible();
  await mats.goto(caseUrl);
  await hydrated(mats);
  await expect(mats.locator('.case-state')).toHaveText('Lukket');
  await expect(mats.locator('.timeline')).toContainText('Tas opp i MKS-møtet på torsdag');
  await expect(mats.locator('.facts')).toContainText('Navnet vises ikke for MKS-gruppen');
  await expect(mats.locator('main')).not.toContainText('Vera Vik');
  await expect(mats.getByRole('button', { name: 'Gjør ansvarlig' })).toHaveCount(0);
  await expect(mats.getByRole('button', { name: 'Legg til kommentar' })).toBeVisible();
  await expectAccessible(mats);
  await mats.context().close();
});
