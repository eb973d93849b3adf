import type { IncomingMessage, RequestListener } from 'node:http';
import { originTarget } from './api-path.ts';
import type { RequestHead } from './busy-page.ts';
import type { OversizedHeadPage } from './oversized-head-page.ts';

/** The most of a request's head Node's parser reads (`maxHeaderSize`): past it, the bytes being read are all there is. */
export const HEAD_READ_LIMIT = 64 * 1024;

/** The entries of `rawHeaders` (a name and a value each) Node keeps: its parser's `maxHeaderPairs`, counted in entries. */
const NODE_HEADER_ENTRIES_KEPT = 2000;

/**
 * What Node's parser counts against its header limit (node_http_parser.cc's TrackHeader): the request target and
 * each header's name and value, not the method, version, colons or line ends. Values come trimmed, so this is at
 * most what Node counted.
 */
export function headBytes(req: IncomingMessage): number {
  // Node keeps about the first 1,000 headers and drops the rest unseen: such a head is counted as over.
  if (req.rawHeaders.length >= NODE_HEADER_ENTRIES_KEPT) return Infinity;
  let bytes = req.url?.length ?? 0;
  for (const part of req.rawHeaders) bytes += part.length;
  return bytes;
}

/**
 * `app`, with a request whose URL and headers are at or past `limit` (Node's 16 KB) refused 431 before it runs: the
 * survey link's page from `pageFor` (a browser's cookies: oversized-head-page.ts), else `json`. Node refused such
 * heads itself, and the page had to be chosen from the last bytes it read, which over the internet hold no request
 * line (a 20 KB head is some 14 TCP segments): the respondent got JSON (attacker pass 43). Node now reads up to
 * HEAD_READ_LIMIT, so the check sees the whole request. Per request it adds a sum of the headers' lengths.
 */
export function refuseOversizedHeads(app: RequestListener, limit: number, pageFor: (head: RequestHead) => OversizedHeadPage | null, json: string): RequestListener {
  return (req, res) => {
    if (headBytes(req) < limit) return app(req, res);
    const headers = new Map(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]));
    // In origin form also when the request line gave the absolute form (`GET http://host/s/…`), as the app routes it.
    const answer = pageFor({ method: req.method ?? '', target: originTarget(req.url ?? ''), headers });
    const body = answer ? answer.page : json;
    res.writeHead(431, [
      ...(answer ? answer.headers : [['Content-Type', 'application/json; charset=utf-8']]),
      ['Content-Length', String(Buffer.byteLength(body))],
      ['Connection', 'close'],
    ].flat());
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
