import { shortened } from '../domain/shortened.ts';

/**
 * The first bytes of a compressed stream, gzip's (RFC 1952 §2.3.1) and zstd's frame magic (RFC 8878 §3.1.1), and
 * what they read as once decoded as UTF-8: each byte that starts no character becomes U+FFFD (0x8b of gzip; 0xb5 and
 * 0xfd of zstd).
 */
const MAGIC = [
  { name: 'gzip', bytes: [0x1f, 0x8b], decoded: '\u001f\ufffd', read: true },
  { name: 'zstd', bytes: [0x28, 0xb5, 0x2f, 0xfd], decoded: '(\ufffd/\ufffd', read: false },
] as const;

/**
 * A JSON body body-parser could not parse that starts with a compressed stream's magic bytes (after any
 * Content-Encoding was undone): the 415's words, or null. Before attacker pass 39 a gzip body sent without
 * `Content-Encoding: gzip` was "not valid JSON" quoting its binary start; no JSON text starts with these bytes (0x1f is
 * a control, 0x28 a `(`). Read from the decoded text of the failed parse (body-parser's error keeps it), not from the
 * raw bytes through body-parser's `verify`: with a `verify` body-parser decodes every body itself, after raw-body, and
 * that cost every save and completion about 40 µs of CPU (bench:ingest on one quiet machine, 2026-12-07: completion
 * 295–310 µs a request with it, 240–253 without). A text that is not JSON and starts with U+001F U+FFFD is taken for
 * gzip data: refused either way.
 */
export function compressedBodyWords(text: unknown, contentEncoding: string | undefined): string | null {
  if (typeof text !== 'string') return null;
  const magic = MAGIC.find(({ decoded }) => text.startsWith(decoded));
  if (!magic) return null;
  const starts = magic.bytes.map((byte) => byte.toString(16)).join(' ');
  const what = `the request body is ${contentEncoding ? 'still ' : ''}${magic.name} data (it starts ${starts})`;
  if (contentEncoding) return `${what} after its Content-Encoding ${shortened(contentEncoding)} was undone: it was compressed twice; compress it once`;
  if (magic.read) return `${what} sent without Content-Encoding: send it with Content-Encoding: ${magic.name}, or uncompressed`;
  return `${what} sent without Content-Encoding: the server does not read ${magic.name}; send it uncompressed, or as gzip, deflate or br with its Content-Encoding`;
}
