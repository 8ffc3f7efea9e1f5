// A phone on a server of the test's own (one the test stops, restarts or
// replaces), behind an offline proxy of its own.
import { Browser, BrowserContext, Page, chromium } from '@playwright/test';
import { CHROMIUM } from '../chromium';
import { startProxy } from '../proxy';
import { fieldPagesCached, logInAndSync } from './helpers';

/** The phone, its proxy, and the address the phone uses. */
export interface OwnPhone {
  proxy: Awaited<ReturnType<typeof startProxy>>;
  baseURL: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
}

/**
 * Starts a proxy in front of the server on `serverPort` and a phone on
 * which Vera (verneombud) is logged in, synced, with the field pages kept.
 * The caller closes `browser` and `proxy`.
 */
export async function verneombudPhone(serverPort: number): Promise<OwnPhone> {
  const proxy = await startProxy(0, serverPort);
  const baseURL = `http://127.0.0.1:${proxy.address().port}`;
  const browser = await chromium.launch(CHROMIUM).catch((error) => {
    proxy.close();
    throw error;
  });
  try {
    const context = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await logInAndSync(page, 'verneombud');
    await fieldPagesCached(page);
    return { proxy, baseURL, browser, context, page };
  } catch (error) {
    await browser.close();
    proxy.close();
    throw error;
  }
}
