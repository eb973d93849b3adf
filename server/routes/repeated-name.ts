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

/** How many names the objects of a parsed JSON value hold, at every depth (no recursion: a body may nest deep). */
function namesHeld(value: unknown): number {
  let names = 0;
  const open = [value as Record<string, unknown>];
  const enter = (child: unknown) => {
    if (typeof child === 'object' && child !== null) open.push(child as Record<string, unknown>);
  };
  while (open.length) {
    const item = open.pop()!;
    if (Array.isArray(item)) {
      item.forEach(enter);
      continue;
    }
    const keys = Object.keys(item);
    names += keys.length;
    for (const key of keys) enter(item[key]);
  }
  return names;
}

/** How many `:` the bytes hold, counting no further than `limit` + 1. */
function colonsUpTo(bytes: Buffer, limit: number): number {
  let colons = 0;
  for (let at = bytes.indexOf(0x3a); at !== -1 && colons <= limit; at = bytes.indexOf(0x3a, at + 1)) colons += 1;
  return colons;
}

/**
 * A JSON body naming a field twice in one object is refused 400: `JSON.parse` keeps the last, so a save with
 * `"answers"` twice (a client building its JSON by hand, or merging two saves) was stored with the second and the
 * first lost without a word, and which one a parser keeps differs between parsers (RFC 8259 §4: names should be
 * unique) (attacker pass 42). The same holds at any depth: a question named twice inside `answers`, a panel ID twice
 * inside `panel` (attacker pass 43).
 *
 * Scanning every body costs about two parses, so a count decides first: outside JSON's strings a `:` stands only
 * after a name, so a body whose bytes hold no more `:` than its parsed objects hold names has no name twice. That
 * is a native search and a walk of the parsed body (a few µs for a save); the scan runs only when a text holds a `:`
 * (or a name is repeated), and names the repeat. Escapes cannot hide one: `"answ\u0065rs"` still has its `:`.
 */
export const refuseRepeatedNames: RequestHandler = (req, _res, next) => {
  const bytes = (req as { bodyBytes?: Buffer }).bodyBytes;
  const body: unknown = req.body;
  if (!bytes || typeof body !== 'object' || body === null) return next();
  const names = namesHeld(body);
  const found = colonsUpTo(bytes, names) > names ? repeatedName(bytes.toString('utf8')) : null;
  if (!found) return next();
  const { line, column } = lineAndColumn(bytes.toString('utf8'), found.offset);
  next(new DomainError('bad_request', `the request body names ${JSON.stringify(found.name)} twice in one object (line ${line}, column ${column}): a JSON parser keeps only one of them, so the other would be lost; send each name once`));
};
