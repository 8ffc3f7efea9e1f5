import { test, expect, chromium } from '@playwright/test';
import { spawn, ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  CHROMIUM, allSent, answerPoint, fieldPagesCached, goOffline, goOnline, logInAndSync, makeJpeg, openSections, pullAll, startRound,
} from './helpers';
import { startProxy } from '../proxy';

// The network drops in the middle of a photo upload and the server dies
// right after applying a push, before the phone hears back. After recovery
// the server has exactly one copy of everything.

const repo = path.resolve(__dirname, '..', '..');
const binary = process.env.VERN_E2E_BINARY ?? path.join(repo, 'target', 'debug', 'vern');
// Its own server (it is killed on purpose) behind its own offline proxy.
const port = Number(process.env.VERN_E2E_PORT ?? 3100) + 2;
const serverURL = `http://127.0.0.1:${port}`;
const proxyPort = port + 1;
const baseURL = `http://127.0.0.1:${proxyPort}`;

async function startVern(dataDir: string): Promise<ChildProcess> {
  const server = spawn(binary, ['serve', '--demo', '--listen', `127.0.0.1:${port}`, '--data-dir', dataDir, '--log', 'warn'], {
    cwd: repo,
    env: { ...process.env, VERN_SITE_ROOT: path.join(repo, 'target', 'site') },
    stdio: 'inherit',
  });
  // Healthy means this process answers: not one left over on the port.
  await expect
    .poll(
      async () => {
        if (server.exitCode !== null) throw new Error(`vern exited with ${server.exitCode} (is port ${port} taken?)`);
        return fetch(`${serverURL}/healthz`).then((r) => r.status).catch(() => 0);
      },
      { timeout: 30_000 },
    )
    .toBe(200);
  return server;
}

async function kill(server: ChildProcess) {
  // A process that already exited never emits 'exit' again.
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGKILL');
  await exited;
}

test('a dropped photo upload and a server restart mid-push leave exactly one copy', async ({}, info) => {
  test.skip(info.project.name !== 'phone', 'phone journey');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vern-recovery-'));
  let server = await startVern(dataDir);
  const proxy = await startProxy(proxyPort, port);
  const browser = await chromium.launch(CHROMIUM);
  const context = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  try {
    await logInAndSync(page, 'verneombud');
    await fieldPagesCached(page);
    const photo = await makeJpeg(page, 9);

    await goOffline(context, baseURL);
    const roundId = await startRound(page);
    await openSections(page);
    await answerPoint(page, 0);
    await answerPoint(page, 1, { text: 'Trappen er glatt ved inngangen', risk: [3, 3], photos: [photo] });
    await answerPoint(page, 2);

    let pushes = 0;
    let photoPuts = 0;
    await page.route('**/api/v1/sync/push', async (route) => {
      pushes += 1;
      if (pushes > 1) return route.continue();
      await route.fetch();
      await kill(server);
      await route.abort('connectionreset');
    });
    await page.route('**/api/v1/photos/**', async (route) => {
      if (route.request().method() !== 'PUT') return route.continue();
      photoPuts += 1;
      if (photoPuts > 1) return route.continue();
      await route.fetch();
      await route.abort('connectionreset');
    });

    await goOnline(context, baseURL);
    await expect.poll(() => pushes, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    server = await startVern(dataDir);
    await page.goto('/synk');
    await expect(async () => {
      await page.getByRole('button', { name: 'Synkroniser nå' }).click();
      await expect(page.getByTestId('sync-status')).toHaveText(/Alt er sendt/, { timeout: 5_000 });
    }).toPass({ timeout: 90_000 });
    await allSent(page);
    expect(pushes).toBeGreaterThanOrEqual(2);
    expect(photoPuts).toBeGreaterThanOrEqual(2);

    const changes = (await pullAll(page)).map((change) => change.record);
    const findings = changes.filter((r) => r.kind === 'finding' && r.round_id === roundId);
    expect(findings).toHaveLength(3);
    const photos = changes.filter((r) => r.kind === 'photo' && findings.some((f) => f.id === r.finding_id));
    expect(photos).toHaveLength(1);
    expect(changes.filter((r) => r.kind === 'round' && r.id === roundId)).toHaveLength(1);
    const stored = path.join(dataDir, 'photos', 'photos');
    expect(fs.readdirSync(stored)).toEqual([photos[0].id]);
    expect(fs.readdirSync(path.join(stored, photos[0].id)).sort()).toEqual([`${photos[0].sha256}.jpg`, `${photos[0].sha256}.thumb.jpg`]);
  } finally {
    await browser.close();
    proxy.close();
    await kill(server).catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
