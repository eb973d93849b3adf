import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { DomainError } from '../domain/errors.ts';
import { lineAndColumn } from '../storage/json-location.ts';

/** JSON's strings, whole, and its brackets; what lies between (numbers, literals, `,` `:`, spaces) holds neither. */
const TOKEN = /"(?:[^"\\]|\\.)*"|[{}[\]]/g;

/**
 * The first name that an object of `text` (JSON) holds twice, and where its second stands, or null. Scanned from the
 * start, so every string is read whole; a string is a name when `:` follows it. Names are compared as JSON reads them
 * (`"a"` and `"\u0061"` are one name).
 */
export function repeatedName(text: string): { name: string; offset: number } | null {
  const open: (Set<string> | null)[] = [];
  TOKEN.lastIndex = 0;
  for (let token = TOKEN.exec(text); token; token = TOKEN.exec(text)) {
    const [t] = token;
    if (t === '{' || t === '[') open.push(t === '{' ? new Set() : null);
    else if (t === '}' || t === ']') open.pop();
    else {
      const names = open.at(-1);
      if (!names || !/^\s*:/.test(text.slice(TOKEN.lastIndex, TOKEN.lastIndex + 8))) continue;
      const name = t.includes('\\') ? (JSON.parse(t) as string) : t.slice(1, -1);
      if (names.has(name)) return { name, offset: token.index };
      names.add(name);
    }
  }
  return null;
}

/** body-parser's `verify`: keeps a reference to the body's bytes (no copy, no decoding) for refuseRepeatedNames. */
export const keepBodyBytes = (req: IncomingMessage, _res: unknown, bytes: Buffer) => {
  (req as IncomingMessage & { bodyBytes?: Buffer }).bodyBytes = bytes;
};

/**
 * A JSON body naming a field twice in one object is refused 400: `JSON.parse` keeps the last, so a save with
 * `"answers"` twice (a client building its JSON by hand, or merging two saves) was stored with the second and the
 * first lost without a word, and which one a parser keeps differs between parsers (RFC 8259 §4: names should be
 * unique) (attacker pass 42). Scanning every body would cost about as much as parsing it, so the scan runs only when
 * one of the body's own fields is written twice in its bytes (a native search per field): a repeat of a top-level field
 * is always found; one deeper (a question named twice inside `answers`) only beside such a repeat.
 */
export const refuseRepeatedNames: RequestHandler = (req, _res, next) => {
  const bytes = (req as { bodyBytes?: Buffer }).bodyBytes;
  const body: unknown = req.body;
  if (!bytes || typeof body !== 'object' || body === null || Array.isArray(body)) return next();
  const twice = Object.keys(body).some((key) => {
    const quoted = JSON.stringify(key);
    return bytes.indexOf(quoted) !== bytes.lastIndexOf(quoted);
  });
  const found = twice ? repeatedName(bytes.toString('utf8')) : null;
  if (!found) return next();
  const { line, column } = lineAndColumn(bytes.toString('utf8'), found.offset);
  next(new DomainError('bad_request', `the request body names ${JSON.stringify(found.name)} twice in one object (line ${line}, column ${column}): a JSON parser keeps only one of them, so the other would be lost; send each name once`));
};
