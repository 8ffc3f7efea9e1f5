// Starts what the browser tests run against, each on a free port: the real
// `vern` server on a fresh SQLite database with the demo organisation, and
// the tests' offline proxy in front of it (see proxy.js). With
// VERN_TEST_POSTGRES_URL set, a second pair runs on a fresh PostgreSQL
// database for the field journeys. Workers inherit the environment set
// here; the returned function stops everything and removes the data.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createPgDatabase, dropPgDatabase, startVern, killVern, Vern } from './vern';
import { startProxy } from './proxy';

interface Stack {
  vern: Vern;
  proxy: { close(): void; address(): { port: number } };
  dataDir: string;
}

async function startStack(prefix: string, databaseUrl?: string): Promise<Stack> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `vern-e2e-${prefix}-`));
  const vern = await startVern({ dataDir, databaseUrl });
  const proxy = await startProxy(0, vern.port);
  return { vern, proxy, dataDir };
}

function publish(stack: Stack, prefix: string) {
  process.env[`${prefix}_PROXY_URL`] = `http://127.0.0.1:${stack.proxy.address().port}`;
  process.env[`${prefix}_DATA_DIR`] = stack.dataDir;
}

export default async function globalSetup() {
  const stacks: Stack[] = [];
  const adminUrl = process.env.VERN_TEST_POSTGRES_URL;
  let database: string | undefined;
  const stop = async () => {
    for (const stack of stacks) {
      stack.proxy.close();
      await killVern(stack.vern);
      fs.rmSync(stack.dataDir, { recursive: true, force: true });
    }
    if (adminUrl && database) dropPgDatabase(adminUrl, database);
  };
  try {
    const sqlite = await startStack('sqlite');
    stacks.push(sqlite);
    publish(sqlite, 'VERN_E2E');
    if (adminUrl) {
      database = createPgDatabase(adminUrl, 'vern_e2e');
      const pg = await startStack('pg', database);
      stacks.push(pg);
      publish(pg, 'VERN_E2E_PG');
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}
