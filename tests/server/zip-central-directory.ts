// What a zip's central directory says of each entry, read by hand as yazl writes it (no zip64, no comment): the
// replication package's tests check the modes and the time stamps its entries are stored with, and read its files.
import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';

export interface ZipEntryRecord {
  name: string;
  /** The Unix mode (external attributes, high 16 bits): 0o100600 for owner read-write. */
  mode: number;
  /** The DOS date and time as written, "YYYY-MM-DD hh:mm:ss" (no zone: DOS times have none). */
  dosTime: string;
  /** Bytes of extra fields (yazl's extended timestamp is 9 in the central directory). */
  extraLength: number;
}

export function zipCentralDirectory(buffer: Buffer): ZipEntryRecord[] {
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const entries: ZipEntryRecord[] = [];
  let at = buffer.readUInt32LE(end + 16);
  for (let i = 0; i < buffer.readUInt16LE(end + 10); i++) {
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const time = buffer.readUInt16LE(at + 12);
    const date = buffer.readUInt16LE(at + 14);
    const two = (n: number) => String(n).padStart(2, '0');
    entries.push({
      name: buffer.toString('utf8', at + 46, at + 46 + nameLength),
      mode: buffer.readUInt32LE(at + 38) >>> 16,
      dosTime: `${(date >> 9) + 1980}-${two((date >> 5) & 0xf)}-${two(date & 0x1f)} ${two(time >> 11)}:${two((time >> 5) & 0x3f)}:${two((time & 0x1f) * 2)}`,
      extraLength,
    });
    at += 46 + nameLength + extraLength + buffer.readUInt16LE(at + 32);
  }
  return entries;
}

/** The entries of a zip file (central directory; stored or deflated), as yazl writes them. */
export function zipEntries(buffer: Buffer): Map<string, string> {
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'zip: end of central directory');
  const entries = new Map<string, string>();
  let at = buffer.readUInt32LE(end + 16);
  for (let i = 0; i < buffer.readUInt16LE(end + 10); i++) {
    assert.equal(buffer.readUInt32LE(at), 0x02014b50);
    const method = buffer.readUInt16LE(at + 10);
    const size = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const skip = nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    const local = buffer.readUInt32LE(at + 42);
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(start, start + size);
    entries.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    at += 46 + skip;
  }
  return entries;
}
