// Lighthouse with its mobile preset (a mid-range phone: simulated slow 4G
// and a 4× slower CPU) on the pages a phone needs first: the login page, the
// rounds page of a logged-in verneombud, and a room's QR report page.
// Starts the release build with the demo organisation on a free port and a
// throw-away data directory; prints the scores and keeps the HTML reports in
// target/lighthouse/. A measurement, not a test: it fails only when it cannot
// measure.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const root = path.resolve(import.meta.dirname, '../..');
const reports = path.join(root, 'target/lighthouse');
const categories = ['performance', 'accessibility', 'best-practices'];

/** `vern serve --demo` on port 0; resolves with its address once it listens. */
function startVern(dataDir) {
  const server = spawn(
    path.join(root, 'target/release/vern'),
    ['--listen', '127.0.0.1:0', '--data-dir', dataDir, '--log', 'warn', 'serve', '--demo'],
    { env: { ...process.env, VERN_SITE_ROOT: path.join(root, 'target/site') }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    server.on('exit', (code) => reject(new Error(`vern exited with ${code} before it listened`)));
    createInterface({ input: server.stdout }).on('line', (line) => {
      if (line.startsWith('listening on ')) resolve({ server, address: line.slice('listening on '.length) });
    });
  });
}

/** The session cookie of a demo user, logged in as the login form does. */
async function sessionCookie(address, username) {
  const response = await fetch(`${address}/api/fn/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: address },
    body: new URLSearchParams({ username, password: 'vern-demo-2026' }),
    redirect: 'manual',
  });
  const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
  if (!response.ok || cookies.length === 0) throw new Error(`login as ${username}: ${response.status}`);
  return cookies.join('; ');
}

function roomToken(dataDir, room) {
  const sql = `SELECT qr_token FROM rooms WHERE name = '${room}'`;
  return execFileSync('sqlite3', [path.join(dataDir, 'vern.db'), sql], { encoding: 'utf8' }).trim();
}

async function measure(chrome, name, url, cookie) {
  const result = await lighthouse(url, {
    port: chrome.port,
    output: 'html',
    logLevel: 'error',
    onlyCategories: categories,
    extraHeaders: cookie ? { Cookie: cookie } : undefined,
  });
  writeFileSync(path.join(reports, `${name}.html`), result.report);
  const scores = categories.map((category) => Math.round(result.lhr.categories[category].score * 100));
  const metric = (id) => result.lhr.audits[id].displayValue;
  console.log(
    `${name.padEnd(12)} performance ${scores[0]}, accessibility ${scores[1]}, best practices ${scores[2]}` +
      ` (FCP ${metric('first-contentful-paint')}, LCP ${metric('largest-contentful-paint')},` +
      ` TBT ${metric('total-blocking-time')}, CLS ${metric('cumulative-layout-shift')})`,
  );
  // What cost points outside performance's metrics, to act on.
  const failed = categories
    .flatMap((category) => result.lhr.categories[category].auditRefs)
    .filter((ref) => ref.weight > 0 && result.lhr.audits[ref.id].score !== null && result.lhr.audits[ref.id].score < 1)
    .map((ref) => ref.id)
    .filter((id) => !id.endsWith('-contentful-paint') && !['total-blocking-time', 'speed-index', 'cumulative-layout-shift', 'interactive'].includes(id));
  if (failed.length > 0) console.log(`${''.padEnd(12)} below full marks: ${failed.join(', ')}`);
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'vern-lighthouse-'));
const { server, address } = await startVern(dataDir);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
});
try {
  mkdirSync(reports, { recursive: true });
  console.log(`Lighthouse, mobile preset, against ${address}:`);
  await measure(chrome, 'login', `${address}/login`);
  await measure(chrome, 'runder', `${address}/runder`, await sessionCookie(address, 'verneombud'));
  await measure(chrome, 'qr-report', `${address}/r/${roomToken(dataDir, 'Personalrom')}`);
  console.log(`Reports: ${reports}/*.html`);
} finally {
  await chrome.kill();
  server.kill();
  rmSync(dataDir, { recursive: true, force: true });
}
