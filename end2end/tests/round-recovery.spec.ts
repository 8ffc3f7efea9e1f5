import { test, expect } from '@playwright/test';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  answerPoint, goOffline, goOnline, makeJpeg, openSections, pullAll, startRound,
} from './helpers';
import { OwnPhone, verneombudPhone } from './own-phone';
import { createPgDatabase, dropPgDatabase, killVern, startVern, Vern } from '../vern';

// The network drops in the middle of a photo upload and the server dies
// right after applying a push, before the phone hears back. After recovery
// the server has exactly one copy of everything, delivered by the phone's
// own retries (nobody presses "Synkroniser nå").

test('a dropped photo upload and a server restart mid-push leave exactly one copy', async ({}, info) => {
  test.skip(info.project.name === 'tablet', 'phone journey (SQLite and PostgreSQL)');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vern-recovery-'));
  // Its own server (it is killed on purpose), on this project's database
  // kind, behind its own offline proxy.
  const postgres = info.project.metadata.postgres as string | undefined;
  const databaseUrl = postgres ? createPgDatabase(postgres, 'vern_recovery') : undefined;
  let server: Vern | undefined;
  let phone: OwnPhone | undefined;
  try {
    server = await startVern({ dataDir, databaseUrl });
    phone = await verneombudPhone(server.port);
    const { baseURL, context, page } = phone;
    const photo = await makeJpeg(page, 9);

    await goOffline(context, baseURL);
    const roundId = await startRound(page);
    await openSections(page);
    await answerPoint(page, 0);
    await answerPoint(page, 1, { text: 'Trappen er glatt ved inngangen', risk: [3, 3], photos: [photo] });
    await answerPoint(page, 2);

    let pushes = 0;
    let photoPuts = 0;
    // What the server answered to the push and the upload the phone never heard back from.
    const lostAnswers: number[] = [];
    let died: () => void;
    const dead = new Promise<void>((resolve) => (died = resolve));
    await page.route('**/api/v1/sync/push', async (route) => {
      pushes += 1;
      if (pushes > 1) return route.continue();
      lostAnswers.push((await route.fetch()).status());
      await killVern(server!);
      died();
      await route.abort('connectionreset');
    });
    await page.route('**/api/v1/photos/**', async (route) => {
      if (route.request().method() !== 'PUT') return route.continue();
      photoPuts += 1;
      if (photoPuts > 1) return route.continue();
      lostAnswers.push((await route.fetch()).status());
      await route.abort('connectionreset');
    });

    await goOnline(context, baseURL);
    await Promise.race([dead, new Promise((_, fail) => setTimeout(() => fail(new Error('no push reached the server')), 30_000))]);
    // The push was applied (200) before the server died; the same port again.
    expect(lostAnswers).toEqual([200]);
    // The proxy forwards to this port; it was free a moment ago.
    server = await startVern({ dataDir, databaseUrl, port: server.port });
    // No click and no reload: the phone's back-off retries deliver.
    await expect(page.getByTestId('sync-status')).toHaveText(/Alt er sendt/, { timeout: 90_000 });
    expect(pushes).toBeGreaterThanOrEqual(2);
    expect(photoPuts).toBeGreaterThanOrEqual(2);
    // The first upload was stored (201) though its answer was lost.
    expect(lostAnswers).toEqual([200, 201]);

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
    await phone?.browser.close();
    phone?.proxy.close();
    if (server) await killVern(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (postgres && databaseUrl) dropPgDatabase(postgres, databaseUrl);
  }
});
