// What a test reads or changes behind the app's back: the server's SQLite
// database and the phone's IndexedDB.
import { Page, test } from '@playwright/test';
import { execFileSync } from 'child_process';
import * as path from 'path';

/** The project's server's data directory (the photo store is under it). */
export function dataDir(): string {
  return String(test.info().project.metadata.dataDir);
}

/**
 * Runs SQL on the SQLite database of the project's server (or of the server
 * whose data directory is `dir`): what a test checks or changes behind the
 * app's back. Returns the rows' fields.
 */
export function sqlite(sql: string, dir = dataDir()): string[][] {
  const file = path.join(dir, 'vern.db');
  const out = execFileSync('sqlite3', ['-cmd', '.timeout 5000', '-separator', '\t', file, sql], { encoding: 'utf8' });
  return out.trim() ? out.trim().split('\n').map((line) => line.split('\t')) : [];
}

/** One request on a store of Vern's IndexedDB (`count`, or `get` of a key), answered as plain data. */
export async function idbRequest(page: Page, store: string, method: 'count' | 'get', key?: string): Promise<any> {
  return page.evaluate(
    ({ store, method, key }) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('vern');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const objects = open.result.transaction([store], 'readonly').objectStore(store);
          const request = method === 'count' ? objects.count() : objects.get(key!);
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result);
          };
        };
      }),
    { store, method, key },
  );
}
