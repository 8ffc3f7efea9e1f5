// Reads an entry of a zip file (an XLSX workbook is one) with nothing but
// Node: the central directory says where each entry is and how it is
// packed; deflated entries are inflated with zlib.
import { inflateRawSync } from 'node:zlib';

const END_OF_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const DIRECTORY_ENTRY = 0x02014b50;
const DEFLATED = 8;

/** The text of the entry `name` in the zip file `file`. */
export function zipEntry(file: Buffer, name: string): string {
  const end = file.lastIndexOf(END_OF_DIRECTORY);
  if (end < 0) throw new Error('not a zip file');
  const entries = file.readUInt16LE(end + 10);
  let at = file.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    if (file.readUInt32LE(at) !== DIRECTORY_ENTRY) throw new Error('a broken zip directory');
    const method = file.readUInt16LE(at + 10);
    const packed = file.readUInt32LE(at + 20);
    const nameLength = file.readUInt16LE(at + 28);
    const skip = nameLength + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
    const local = file.readUInt32LE(at + 42);
    if (file.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
      const data = file.subarray(start, start + packed);
      return (method === DEFLATED ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + skip;
  }
  throw new Error(`no ${name} in the zip file`);
}
