/** How an HTTP/2 client with prior knowledge starts a connection (RFC 9113 §3.4): its preface's first line. */
const PREFACE = 'PRI * HTTP/2.0\r\n';

/** HTTP/2's error code asking the client to use HTTP/1.1 instead (RFC 9113 §7). */
const HTTP_1_1_REQUIRED = 0xd;

/** One HTTP/2 frame on stream 0: 24-bit length, type, no flags, stream 0, then the payload (RFC 9113 §4.1). */
function frame(type: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(9);
  head.writeUIntBE(payload.length, 0, 3);
  head[3] = type;
  return Buffer.concat([head, payload]);
}

/**
 * The server's answer to an HTTP/2 prior-knowledge preface, in HTTP/2: its own preface (an empty SETTINGS frame) and
 * GOAWAY with HTTP_1_1_REQUIRED and words. The server speaks HTTP/1.1 only; such a client (`curl
 * --http2-prior-knowledge`, an h2c health check) read the JSON 400 written in HTTP/1.1 as nothing ("Empty reply from
 * server") and could not tell why (attacker pass 42). Null when `rawPacket` does not start with the preface.
 */
export function http2Refusal(rawPacket: Buffer | undefined): Buffer | null {
  if (!rawPacket || rawPacket.toString('latin1', 0, PREFACE.length) !== PREFACE) return null;
  const goaway = Buffer.alloc(8);
  goaway.writeUInt32BE(0, 0); // the last stream processed: none
  goaway.writeUInt32BE(HTTP_1_1_REQUIRED, 4);
  const words = Buffer.from('this server speaks HTTP/1.1 only: send HTTP/1.1, or HTTP/2 over TLS to a proxy in front of it');
  return Buffer.concat([frame(0x4, Buffer.alloc(0)), frame(0x7, Buffer.concat([goaway, words]))]);
}
