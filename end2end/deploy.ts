// A second build of Vern for the browser tests, without building twice: a
// copy of the built site whose JS, wasm and CSS have new hashed names (the
// JS's reference to the wasm rewritten), and the same binary hard-linked
// into a directory whose hash.txt names them. To a browser this is what a
// deploy is: new HTML naming new files, the old ones gone from the server,
// and a new stamp in /sw.js (the server derives it from hash.txt).
import * as fs from 'fs';
import * as path from 'path';
import { BINARY, REPO } from './vern';

/** Where the second build is, and the names of its front-end files. */
export interface SecondBuild {
  binary: string;
  siteRoot: string;
  /** The file names (under /pkg/) of the first build and of this one. */
  renamed: Record<string, string>;
}

/** Makes the second build in `dir` from the first one in target/. */
export function secondBuild(dir: string): SecondBuild {
  const firstBin = path.dirname(BINARY);
  const firstSite = path.join(REPO, 'target', 'site');
  const hashes = fs.readFileSync(path.join(firstBin, 'hash.txt'), 'utf8');
  const siteRoot = path.join(dir, 'site');
  fs.cpSync(firstSite, siteRoot, { recursive: true });
  const pkg = path.join(siteRoot, 'pkg');
  const renamed: Record<string, string> = {};
  const newHashes = hashes.replace(/^(js|wasm|css): (\S+)$/gm, (_, kind: string, hash: string) => {
    const newHash = hash.split('').reverse().join('');
    const from = `vern.${hash}.${kind}`;
    const to = `vern.${newHash}.${kind}`;
    if (!fs.existsSync(path.join(pkg, from))) throw new Error(`the first build has no ${from}`);
    fs.renameSync(path.join(pkg, from), path.join(pkg, to));
    renamed[from] = to;
    return `${kind}: ${newHash}`;
  });
  if (Object.keys(renamed).length !== 3) throw new Error(`unexpected hash.txt: ${hashes}`);
  const js = path.join(pkg, renamed[Object.keys(renamed).find((name) => name.endsWith('.js'))!]);
  let glue = fs.readFileSync(js, 'utf8');
  for (const [from, to] of Object.entries(renamed)) glue = glue.split(from).join(to);
  fs.writeFileSync(js, glue);
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  const binary = path.join(bin, 'vern');
  try {
    fs.linkSync(BINARY, binary);
  } catch {
    fs.copyFileSync(BINARY, binary);
    fs.chmodSync(binary, 0o755);
  }
  fs.writeFileSync(path.join(bin, 'hash.txt'), newHashes);
  return { binary, siteRoot, renamed };
}
