import type { IncomingMessage } from 'node:http';
import { DomainError } from '../domain/errors.ts';
import { shortened } from '../domain/shortened.ts';

/** The first bytes of a compressed stream: gzip's (RFC 1952 §2.3.1) and zstd's frame magic (RFC 8878 §3.1.1). */
const MAGIC = [
  { name: 'gzip', bytes: [0x1f, 0x8b], read: true },
  { name: 'zstd', bytes: [0x28, 0xb5, 0x2f, 0xfd], read: false },
] as const;

/**
 * body-parser's `verify`: a JSON body that starts with a compressed stream's magic bytes (after any Content-Encoding
 * was undone) is refused 415 in words. Before attacker pass 39 a gzip body sent without `Content-Encoding: gzip` was
 * "not valid JSON" quoting its binary start; no JSON text starts with these bytes (0x1f is a control, 0x28 a `(`).
 */
export function refuseCompressedBody(req: IncomingMessage, _res: unknown, body: Buffer): void {
  const magic = MAGIC.find(({ bytes }) => bytes.every((byte, i) => body[i] === byte));
  if (!magic) return;
  const starts = magic.bytes.map((byte) => byte.toString(16)).join(' ');
  const encoding = req.headers['content-encoding'];
  const what = `the request body is ${encoding ? 'still ' : ''}${magic.name} data (it starts ${starts})`;
  let advice: string;
  if (encoding) advice = `after its Content-Encoding ${shortened(encoding)} was undone: it was compressed twice; compress it once`;
  else if (magic.read) advice = `sent without Content-Encoding: send it with Content-Encoding: ${magic.name}, or uncompressed`;
  else advice = `sent without Content-Encoding: the server does not read ${magic.name}; send it uncompressed, or as gzip, deflate or br with its Content-Encoding`;
  // body-parser passes the error on with its status (http-errors keeps a thrown error's own `status`).
  throw new DomainError('unsupported_media_type', `${what} ${advice}`);
}
