import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { DomainError } from '../domain/errors.ts';
import { shortened } from '../domain/shortened.ts';
import type { Logger } from '../logger.ts';
import { jsonSyntaxError, lineAndColumn } from '../storage/json-location.ts';
import { compressedBodyWords } from './compressed-body.ts';
import { postgresRefusalWords } from '../storage/postgres/refusal-words.ts';
import { isMoved } from '../storage/sqlite-file-identity.ts';
import { isDamage } from '../storage/sqlite-unavailable.ts';
import { loggedPath } from './request-log.ts';
import { SpoolFolderFailure } from './spooled-file.ts';

interface ErrorBody {
  status: number;
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * What a body that body-parser's strict mode refused is when it is valid JSON after all (`"x"`, `5`, `null`): the
 * message then says that an object is expected, not that the JSON is broken. Undefined for broken JSON.
 */
function scalarKind(body: unknown): string | undefined {
  if (typeof body !== 'string') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (value === null) return 'null';
  return { string: 'a text', number: 'a number', boolean: 'true or false' }[typeof value as string];
}

/**
 * Where a body's JSON breaks and why, as `: line L, column C: reason` — jsonc-parser's words, the same on every
 * Node (V8's message differs between versions and, for some errors, gives no place) — or nothing if it cannot tell.
 */
function syntaxPlace(body: unknown): string {
  if (typeof body !== 'string') return '';
  const found = jsonSyntaxError(body, 'a request body', 'body');
  if (!found) return '';
  const { line, column } = lineAndColumn(body, found.offset);
  return `: line ${line}, column ${column}: ${found.reason}`;
}

/** A body body-parser could not parse that is compressed data (compressed-body.ts): 415 in words. */
function compressedBody(error: { type?: unknown; body?: unknown }, req: Request): ErrorBody | null {
  if (error.type !== 'entity.parse.failed') return null;
  const words = compressedBodyWords(error.body, req.headers['content-encoding']);
  return words ? { status: 415, code: 'unsupported_media_type', message: words } : null;
}

/** body-parser reports its failures as errors with a `type`; each maps to a fixed 4xx. */
function bodyParserError(error: { type?: unknown; limit?: unknown; body?: unknown; encoding?: unknown }): ErrorBody | null {
  switch (error.type) {
    case 'entity.parse.failed': {
      const kind = scalarKind(error.body);
      if (kind) return { status: 400, code: 'bad_request', message: `the request body must be a JSON object, { … }, not ${kind}` };
      return { status: 400, code: 'bad_request', message: `the request body is not valid JSON${syntaxPlace(error.body)}` };
    }
    case 'entity.too.large':
      return { status: 413, code: 'payload_too_large', message: `the request body is larger than ${String(error.limit)} bytes` };
    case 'encoding.unsupported': {
      // The Content-Encoding, not the charset: "must be UTF-8" sent a client sending zstd after the wrong header.
      const named = shortened(String(error.encoding));
      return { status: 415, code: 'unsupported_media_type', message: `the request body's Content-Encoding "${named}" is not one the server reads: send the body uncompressed, or as gzip, deflate or br` };
    }
    case 'charset.unsupported':
      return { status: 415, code: 'unsupported_media_type', message: 'the request body must be UTF-8 JSON' };
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return { status: 400, code: 'bad_request', message: 'the request body could not be read' };
    default:
      return null;
  }
}

/**
 * Errors that express's router marks as the client's with a 4xx `status`, e.g. a path parameter that is not
 * valid percent-encoding (`/api/participants/%ff/answers`): answered as a 400 without echoing the input.
 */
function httpClientError(error: { status?: unknown; errno?: unknown; code?: unknown }): ErrorBody | null {
  if (typeof error.status !== 'number' || error.status < 400 || error.status > 499) return null;
  // zlib's failure to inflate a body that is not gzip, deflate or brotli data, passed on by body-parser as a 400.
  if (typeof error.errno === 'number' && typeof error.code === 'string' && /^(Z_|ERR__ERROR_|ERR_BROTLI)/.test(error.code)) {
    return { status: 400, code: 'bad_request', message: 'the request body could not be decompressed: it is not what its Content-Encoding says (gzip, deflate or br)' };
  }
  if (error instanceof URIError) return { status: 400, code: 'bad_request', message: 'the URL is not valid percent-encoding (each % needs two hex digits, and the bytes must be UTF-8)' };
  return { status: 400, code: 'bad_request', message: 'the request could not be understood' };
}

/** A server-side cause of a refusal, or an unexpected failure, is logged at most once in this long. */
const CAUSE_LOG_INTERVAL_MS = 60_000;

/** Different failures remembered at once for the count of their repeats; past it the oldest is forgotten. */
const REMEMBERED_FAILURES = 100;

/**
 * One log line per kind of event per CAUSE_LOG_INTERVAL_MS: `due(key)` counts the event and, when a line is due,
 * says whether it is the key's first line and how many times the event happened since the last line (this one
 * included), else undefined. At most REMEMBERED_FAILURES keys are kept, the oldest forgotten first.
 */
export function lineThrottle(): (key: string) => { first: boolean; count: number } | undefined {
  const seen = new Map<string, { lastAt: number; since: number }>();
  return (key) => {
    const now = Date.now();
    let entry = seen.get(key);
    const first = !entry;
    if (!entry) {
      if (seen.size >= REMEMBERED_FAILURES) seen.delete(seen.keys().next().value!);
      seen.set(key, (entry = { lastAt: -Infinity, since: 0 }));
    }
    entry.since++;
    // A wall clock stepped back (NTP, a resumed VM) puts lastAt in the future: a line is due then, not an hour of
    // silence while the clock catches up with it.
    if (now >= entry.lastAt && now - entry.lastAt < CAUSE_LOG_INTERVAL_MS) return undefined;
    const count = entry.since;
    entry.lastAt = now;
    entry.since = 0;
    return { first, count };
  };
}

/**
 * A refusal that stands for a problem of the server's (a 503 whose DomainError carries the database's error as
 * its cause) is the operator's to know about, but every respondent retrying meets it: a stack trace per request
 * filled the log at hundreds of lines a second on a full disk, making it fuller. One warning line a minute, with
 * the database's error code and how many requests it turned away since the last line.
 */
function causeLog(logger: Logger): (error: DomainError) => void {
  const due = lineThrottle();
  return (error) => {
    const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
    if (!cause || typeof cause !== 'object') return;
    // A download's temporary folder and the database fail apart: neither's line may hide the other's.
    const line = due(cause instanceof SpoolFolderFailure ? 'spool' : '');
    if (line) logger.warn({ code: cause.code, reason: cause.message, refused: line.count }, causeMessage(cause));
  };
}

/** What to do about a damaged database file, in the lines that report one. */
const RESTORE_ADVICE = 'stop the server and restore the latest backup (vlab db backup makes one: docs/deploy.md)';

/** The line an unexpected failure is logged with: a damaged database file (read, not written) says what it is and what to do. */
function failureMessage(error: unknown): string {
  if (isDamage(error)) return `the database file is damaged: ${RESTORE_ADVICE}; requests that read the damaged part fail with 500`;
  return 'unhandled error';
}

/** The once-a-minute line of a refusal's server-side cause, in words that fit the cause and its engine. */
function causeMessage(cause: unknown): string {
  if (cause instanceof SpoolFolderFailure) return cause.words;
  if (isDamage(cause)) return `the database file is damaged: nothing more is stored until a restart; ${RESTORE_ADVICE} (the reason names a rescue copy): requests answered 503 busy`;
  if (isMoved(cause)) return 'the database file was moved or deleted under the server: nothing is stored until it is back (the reason says where a copy went): requests answered 503 busy';
  const postgres = postgresRefusalWords(cause);
  if (postgres) return `${postgres}: requests answered 503 busy`;
  return 'the database cannot be written now (disk full, read-only or overloaded?): requests answered 503 busy';
}

/**
 * An unexpected failure (a bug, a damaged database file) is logged whole, with its stack, the first time; the same
 * failure again (same kind, code and message) within CAUSE_LOG_INTERVAL_MS is only counted, and the first one after
 * that interval is one line with the count. Before, a failure that every request met logged a stack per request:
 * hundreds of lines a second while respondents retried, on the disk the database lives on.
 */
function failureLog(logger: Logger): (error: unknown, where: { method: string; path: string; pathLength?: number }) => void {
  const due = lineThrottle();
  return (error, where) => {
    const e = (error && typeof error === 'object' ? error : {}) as { name?: unknown; code?: unknown; message?: unknown };
    const line = due(`${String(e.name)}\0${String(e.code)}\0${String(e.message ?? error)}`);
    if (line?.first) logger.error({ err: error, code: e.code, ...where }, failureMessage(error));
    else if (line) {
      logger.error({ code: e.code, reason: String(e.message ?? error), repeated: line.count, ...where }, `${failureMessage(error)} (the same failure again, ${line.count} times since it was last logged)`);
    }
  };
}

/** The one place errors become responses: `{ error: { code, message } }`; internals never leave the process. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  const logCause = causeLog(logger);
  const logFailure = failureLog(logger);
  const bodyOf = (error: unknown, req: Request, res: Response): ErrorBody => {
    let body: ErrorBody | null = null;
    if (error instanceof DomainError) {
      body = { status: error.status, code: error.code, message: error.message, details: error.details };
      if (error.retryAfterSeconds !== undefined) res.set('Retry-After', String(error.retryAfterSeconds));
      logCause(error);
    }
    else if (error && typeof error === 'object') body = compressedBody(error, req) ?? bodyParserError(error as { type?: unknown }) ?? httpClientError(error);
    if (!body) {
      logFailure(error, { method: req.method, ...loggedPath(req.path) });
      body = INTERNAL_ERROR;
    }
    return body;
  };
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    let body: ErrorBody;
    try {
      body = bodyOf(error, req, res);
    } catch (handlerError) {
      // A failure while reading the error (a bug of ours, as a stack overflow in finding a bad body's place once
      // was) must not pass on to Express's own handler, whose HTML page shows both stacks.
      logFailure(handlerError, { method: req.method, ...loggedPath(req.path) });
      body = INTERNAL_ERROR;
    }
    res.status(body.status).json({ error: { ...body.details, code: body.code, message: body.message } });
  };
}

const INTERNAL_ERROR: ErrorBody = { status: 500, code: 'internal_error', message: 'something went wrong on our side' };

/** Each `charset` parameter of a Content-Type header, quoted or not (RFC 9110 §5.6.6). */
const CHARSET_PARAMETER = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/gi;

/** The `charset` parameters of a Content-Type header, unquoted: none when it names none. */
function charsetsOf(contentType: string | undefined): string[] {
  return [...(contentType ?? '').matchAll(CHARSET_PARAMETER)].map((match) => match[1] ?? match[2] ?? '');
}

/**
 * The labels WHATWG's Encoding Standard gives UTF-8, compared without case or surrounding blanks: `utf8`, which
 * several HTTP clients send, and the older ones browsers still read. body-parser takes only labels that start
 * with `utf-`: before attacker pass 39 `charset=utf8` was refused 415.
 */
const UTF8_LABELS = new Set(['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8']);
const isUtf8Label = (charset: string): boolean => UTF8_LABELS.has(charset.trim().toLowerCase());

/** What a PATCH body may be: JSON, or said to be a JSON merge patch (RFC 7396), which is what it is. */
export const PATCH_BODY_TYPES = ['application/json', 'application/merge-patch+json'];

/**
 * API requests with a body must send JSON, in UTF-8 (RFC 8259 §8.1: JSON exchanged between systems is UTF-8);
 * anything else is refused before it is parsed. body-parser would decode a body labelled UTF-16 or UTF-32 as such,
 * so a UTF-8 body sent with the wrong label came out as garbage in a 400 "not valid JSON". A PATCH may also say
 * `application/merge-patch+json`: its body is one (a name with null removes that setting; attacker pass 38 found
 * it refused), and a 415 to a PATCH names the types it takes in `Accept-Patch` (RFC 5789 §3.1).
 */
export const requireJsonBody: RequestHandler = (req, res, next) => {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  const patch = req.method === 'PATCH';
  if (hasBody && !req.is(patch ? PATCH_BODY_TYPES : 'application/json')) {
    if (patch) res.set('Accept-Patch', PATCH_BODY_TYPES.join(', '));
    const mergePatch = !patch && req.is('application/merge-patch+json') ? '; application/merge-patch+json is for PATCH' : '';
    const types = patch ? PATCH_BODY_TYPES.join(' or ') : 'application/json';
    return next(new DomainError('unsupported_media_type', `the request body must be JSON (Content-Type: ${types})${mergePatch}`));
  }
  const charsets = hasBody ? charsetsOf(req.headers['content-type']) : [];
  // Every charset named, not the first: body-parser decodes by the last, so `utf-8; charset=utf-16` slipped past.
  const other = charsets.find((charset) => !isUtf8Label(charset));
  if (other !== undefined) {
    return next(new DomainError('unsupported_media_type', `the request body must be UTF-8 JSON (charset=utf-8, or no charset), not charset=${shortened(other)}`));
  }
  // body-parser is told the one name of UTF-8 it takes; `utf8` and the other labels mean the same bytes.
  if (charsets.length) req.headers['content-type'] = req.headers['content-type']!.replace(CHARSET_PARAMETER, '; charset=utf-8');
  next();
};
