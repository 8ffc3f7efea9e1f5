import { defineConfig, devices, Project } from '@playwright/test';
import { CHROMIUM } from './chromium';

// The real `vern` server (debug build by cargo-leptos) on a fresh SQLite
// database with the demo organisation, driven with Debian's Chromium
// through a proxy of the tests' own that cuts the network when a test goes
// offline (see proxy.js). Both run on free ports chosen by global-setup.ts,
// which sets the VERN_E2E_* variables before the workers (which load this
// file again) start. With VERN_TEST_POSTGRES_URL set, the field journeys
// also run against a second server on PostgreSQL (project phone-pg).

const phone = { ...devices['Pixel 7'], browserName: 'chromium' as const, viewport: { width: 390, height: 844 } };

/** What a project's tests reach: the proxy (baseURL) and the data directory of the server behind it. */
function target(prefix: string) {
  return {
    baseURL: process.env[`${prefix}_PROXY_URL`],
    metadata: { dataDir: process.env[`${prefix}_DATA_DIR`] },
  };
}

const sqlite = target('VERN_E2E');
const projects: Project[] = [
  { name: 'phone', use: { ...phone, baseURL: sqlite.baseURL }, metadata: sqlite.metadata },
  {
    name: 'tablet',
    use: { browserName: 'chromium', viewport: { width: 820, height: 1180 }, hasTouch: true, baseURL: sqlite.baseURL },
    metadata: sqlite.metadata,
  },
];
if (process.env.VERN_TEST_POSTGRES_URL) {
  const pg = target('VERN_E2E_PG');
  projects.push({
    name: 'phone-pg',
    testMatch: ['round-offline.spec.ts', 'round-conflict.spec.ts', 'round-recovery.spec.ts'],
    use: { ...phone, baseURL: pg.baseURL },
    metadata: { ...pg.metadata, postgres: process.env.VERN_TEST_POSTGRES_URL },
  });
} else if (process.env.VERN_TEST_REQUIRE_POSTGRES === '1') {
  throw new Error('VERN_TEST_POSTGRES_URL is not set but the PostgreSQL browser tests are required');
}

export default defineConfig({
  testDir: './tests',
  globalSetup: './global-setup.ts',
  timeout: 180_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    locale: 'en-US',
    trace: 'retain-on-failure',
    launchOptions: CHROMIUM,
  },
  projects,
});
