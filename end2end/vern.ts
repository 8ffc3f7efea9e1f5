// Starting and stopping the real `vern` server for the browser tests: on
// port 0 (the port it got is read from its "listening on" line), with the
// demo organisation, on SQLite in a data directory or on a PostgreSQL URL.
import { execFileSync, spawn, ChildProcess } from 'child_process';
import * as path from 'path';
import * as readline from 'readline';

export const REPO = path.resolve(__dirname, '..');
export const BINARY = process.env.VERN_E2E_BINARY ?? path.join(REPO, 'target', 'debug', 'vern');

/** A running server: its process, base URL and port. */
export interface Vern {
  process: ChildProcess;
  url: string;
  port: number;
  /** Every line the server wrote (stdout and stderr), when asked for with `captureLog`. */
  log: string[];
}

/** Where and on what a test server runs. */
export interface VernOptions {
  /** Data directory (the SQLite file and the photos). */
  dataDir: string;
  /** 0 (the default) for any free port; a restart passes the port it had. */
  port?: number;
  /** A PostgreSQL URL instead of SQLite in the data directory. */
  databaseUrl?: string;
  /** The log filter (default `warn`). */
  logFilter?: string;
  /** Keep the server's log lines in `Vern.log` instead of passing them through. */
  captureLog?: boolean;
  /** More environment for the server (e.g. `VERN_TRUSTED_PROXIES`). */
  env?: Record<string, string>;
  /** Another `vern` binary (a second build, see deploy.ts). */
  binary?: string;
}

/** Starts `vern serve --demo` and resolves once it answers `/healthz`. */
export async function startVern(options: VernOptions): Promise<Vern> {
  const args = ['serve', '--demo', '--listen', `127.0.0.1:${options.port ?? 0}`, '--data-dir', options.dataDir];
  args.push('--log', options.logFilter ?? 'warn');
  if (options.databaseUrl) args.push('--database-url', options.databaseUrl);
  const child = spawn(options.binary ?? BINARY, args, {
    cwd: REPO,
    // The tests may set the yearly plan's day (PUT /api/test/today).
    env: { ...process.env, VERN_SITE_ROOT: path.join(REPO, 'target', 'site'), VERN_TEST_CLOCK: 'true', ...options.env },
    stdio: ['ignore', 'pipe', options.captureLog ? 'pipe' : 'inherit'],
  });
  const log: string[] = [];
  if (options.captureLog) readline.createInterface({ input: child.stderr! }).on('line', (line) => log.push(line));
  // A test run that ends for any reason takes its servers with it: an
  // orphan would keep the output pipe open and hang the CI step.
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  child.once('exit', () => process.removeListener('exit', reap));
  try {
    const url = await listening(child, options.port ?? 0, options.captureLog ? log : undefined);
    await answers(`${url}/healthz`, child);
    return { process: child, url, port: Number(new URL(url).port), log };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

/** The address from the server's "listening on" line. */
function listening(child: ChildProcess, port: number, log?: string[]): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${BINARY} did not say where it listens within 60 s`)), 60_000);
    child.once('error', (error) => reject(error));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`vern exited with ${code} before it listened (port ${port} taken?)`));
    });
    // Read every line, so that the server never blocks on a full pipe.
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      log?.push(line);
      const address = /^listening on (http:\/\/\S+)$/.exec(line);
      if (address) {
        clearTimeout(timer);
        resolve(address[1]);
      }
    });
  });
}

async function answers(url: string, child: ChildProcess) {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`vern exited with ${child.exitCode}`);
    const status = await fetch(url).then((r) => r.status).catch(() => 0);
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer 200 within 30 s`);
}

/** SIGKILL (no graceful shutdown), and waits until the process is gone. */
export async function killVern(vern: Vern) {
  const server = vern.process;
  // A process that already exited never emits 'exit' again.
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGKILL');
  await exited;
}

function psql(adminUrl: string, sql: string) {
  execFileSync('psql', [adminUrl, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Creates an empty PostgreSQL database next to `adminUrl`'s and returns its URL. */
export function createPgDatabase(adminUrl: string, prefix: string): string {
  const name = `${prefix}_${process.pid}_${Date.now()}`;
  psql(adminUrl, `CREATE DATABASE ${name}`);
  return `${adminUrl.slice(0, adminUrl.lastIndexOf('/'))}/${name}`;
}

/** Drops a database made by `createPgDatabase` (closing its connections). */
export function dropPgDatabase(adminUrl: string, url: string) {
  psql(adminUrl, `DROP DATABASE IF EXISTS ${url.slice(url.lastIndexOf('/') + 1)} WITH (FORCE)`);
}
