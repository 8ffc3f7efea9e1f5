import * as fs from 'fs';

/** Removes the server's data directory when this run created it. */
export default function globalTeardown() {
  const dir = process.env.VERN_E2E_DATA_DIR;
  if (dir && process.env.VERN_E2E_DATA_DIR_OWNED === '1') {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
