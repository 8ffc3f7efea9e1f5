// Telling the sync triggers apart from the 30 s timer.
import { expect, Page } from '@playwright/test';
import { hydrated } from './hydration';

/**
 * Loads `path` and returns when the load began. The sync engine starts its
 * 30 s timer as the page hydrates, so the timer cannot sync before
 * `loadedAt + 30 s`: what arrives before then came from another trigger.
 */
export async function loadForTrigger(page: Page, path: string): Promise<number> {
  const loadedAt = Date.now();
  await page.goto(path);
  await hydrated(page);
  return loadedAt;
}

/**
 * Waits until `probe` gives `expected`, but only as long as the 30 s timer
 * of the page loaded at `loadedAt` has not fired: a trigger that is broken
 * (a write, `online`) fails this instead of being hidden by the timer.
 */
export async function expectBeforeTimer<T>(loadedAt: number, probe: () => Promise<T>, expected: T) {
  const left = loadedAt + 28_000 - Date.now();
  expect(left, 'time left before the sync timer could fire').toBeGreaterThan(3_000);
  await expect.poll(probe, { timeout: left, intervals: [250] }).toEqual(expected);
}
