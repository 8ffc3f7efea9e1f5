import { defineConfig, devices } from '@playwright/test';
import * as os from 'os';
import * as path from 'path';
import * as fs from 'fs';
import { CHROMIUM } from './chromium';

// The real `vern` server (debug build by cargo-leptos) on a fresh SQLite
// database with the demo organisation, driven with Debian's Chromium
// through a proxy of the tests' own that cuts the network when a test goes
// offline (see proxy.js).
const port = Number(process.env.VERN_E2E_PORT ?? 3100);
const proxyPort = port + 1;
const baseURL = `http://127.0.0.1:${proxyPort}`;
// Workers inherit the runner's environment, so every process sees the same
// data directory (tests count the stored photo files in it).
if (!process.env.VERN_E2E_DATA_DIR) {
  process.env.VERN_E2E_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'vern-e2e-'));
  // Ours to remove when the run ends (see global-teardown.ts).
  process.env.VERN_E2E_DATA_DIR_OWNED = '1';
}
const dataDir = process.env.VERN_E2E_DATA_DIR;
const repo = path.resolve(__dirname, '..');
const binary = process.env.VERN_E2E_BINARY ?? path.join(repo, 'target', 'debug', 'vern');

export default defineConfig({
  testDir: './tests',
  globalTeardown: './global-teardown.ts',
  timeout: 180_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    locale: 'en-US',
    trace: 'retain-on-failure',
    launchOptions: CHROMIUM,
  },
  projects: [
    { name: 'phone', use: { ...devices['Pixel 7'], browserName: 'chromium', viewport: { width: 390, height: 844 } } },
    { name: 'tablet', use: { browserName: 'chromium', viewport: { width: 820, height: 1180 }, hasTouch: true } },
  ],
  webServer: [
    {
      command: `${binary} serve --demo --listen 127.0.0.1:${port} --data-dir ${dataDir} --log warn`,
      cwd: repo,
      url: `http://127.0.0.1:${port}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { VERN_SITE_ROOT: path.join(repo, 'target', 'site') },
    },
    {
      command: 'node proxy.js',
      cwd: __dirname,
      url: `${baseURL}/__e2e/stats`,
      reuseExistingServer: false,
      timeout: 10_000,
      env: { VERN_E2E_PORT: String(port), VERN_E2E_PROXY_PORT: String(proxyPort) },
    },
  ],
});
