// The text of a PDF as poppler's pdftotext reads it (Debian's
// poppler-utils, installed by .ci/install-tools.sh), whitespace folded so
// that a line broken by the layout still reads as one.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function pdfText(bytes: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'vern-pdf-'));
  try {
    const file = join(dir, 'report.pdf');
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
