// The phone's network in the browser tests: the project's proxy (see
// proxy.js and global-setup.ts) and the controls that cut it.
import { BrowserContext, expect, test } from '@playwright/test';

/** The test proxy in front of the project's server (see proxy.js and global-setup.ts). */
export function proxyUrl(): string {
  return String(test.info().project.use.baseURL);
}

interface ProxyState {
  offline: boolean;
  fault: { path: string; mode: string } | null;
  forwarded: number;
  refused: number;
  faulted: number;
}

/** Sends a control request to the proxy and returns its state after it. */
export async function proxyControl(path: string, proxy = proxyUrl()): Promise<ProxyState> {
  const response = await fetch(`${proxy}/__e2e/${path}`, { method: path === 'stats' ? 'GET' : 'POST' });
  expect(response.status, `proxy ${path}`).toBe(200);
  return response.json();
}

/** What the proxy has forwarded to the server and refused while offline. */
export async function proxyStats(proxy = proxyUrl()): Promise<ProxyState> {
  return proxyControl('stats', proxy);
}

/**
 * Cuts the phone's network: the browser reports offline, and every request
 * (the service worker's too) is refused before it can reach the server.
 */
export async function goOffline(context: BrowserContext, proxy = proxyUrl()) {
  expect((await proxyControl('offline', proxy)).offline).toBe(true);
  await context.setOffline(true);
}

/** Gives the phone its network back. */
export async function goOnline(context: BrowserContext, proxy = proxyUrl()) {
  expect((await proxyControl('online', proxy)).offline).toBe(false);
  await context.setOffline(false);
}

/** Gives the project's proxy its network back and clears any fault. */
export async function resetNetwork(proxy = proxyUrl()) {
  expect((await proxyControl('online', proxy)).offline).toBe(false);
  expect((await proxyControl('fault', proxy)).fault).toBeNull();
}
