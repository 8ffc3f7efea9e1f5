import { expect, Page } from '@playwright/test';

/** Waits until the wasm app has hydrated (clicks before that are lost). */
export async function hydrated(page: Page) {
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
}
