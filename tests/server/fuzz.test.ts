import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { createTokenService } from '../../server/services/token-service.ts';
import { registeredRoutes } from './route-inventory.ts';
import { COMPLETE_ALLIANCE_ANSWERS, createTestApp } from './test-app.ts';

// Property-based fuzzing of every public route over one listening server (keep-alive fetch, one request at a
// time so each response can be matched with the rows it stored). Promises: no status ≥ 500, and a refused
// request (status ≥ 400) stores nothing: row counts of every table are unchanged, and on the respondent side
// not a single row was written (SQLite's total_changes() on the server's own connection is unchanged).

const t = await createTestApp();
let base = '';
let token = '';
let close: () => Promise<void> = async () => undefined;
const started: string[] = [];

before(async () => {
  const server = t.app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  token = (await createTokenService({ store: t.store }).create('fuzz')).token;
  for (let i = 0; i < 40; i++) {
    const res = await fetch(`${base}/api/waves/${t.wave.id}/participants`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    started.push(((await res.json()) as { participant: { code: string } }).participant.code);
  }
});
after(async () => {
  await close();
  t.close();
});

// ---- payload generators -------------------------------------------------------------------------------------

/** An object given as entries, so keys such as `__proto__` survive into the JSON text. */
class Entries {
  constructor(readonly list: [string, unknown][]) {}
}
function toJson(value: unknown): string {
  if (value instanceof Entries) return `{${value.list.map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`).join(',')}}`;
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  return JSON.stringify(value) ?? 'null';
}

const QUESTION_NAMES = Object.keys(COMPLETE_ALLIANCE_ANSWERS);
const SPECIAL_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'answers', 'panel', 'currentPage', 'honeypot', 'PROLIFIC_PID', 'workerId', 'RID', 'status', 'cellIndex', 'assignment'];
const key = fc.oneof(fc.constantFrom(...SPECIAL_KEYS, ...QUESTION_NAMES), fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 8 }));
const leaf = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(1, 2, 3, 4, 5, '1', 'radio', 'television', 'autocomplete', '<script>alert(1)</script>', '=cmd|" /C calc"!A0', '\u0000', '\ud800'),
  fc.integer({ min: 4990, max: 20_000 }).map((n) => 'x'.repeat(n)),
);
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(fc.tuple(key, tie('value')), { maxLength: 5 }).map((list) => new Entries(list)),
  ),
}));
const objectOf = (entries: fc.Arbitrary<[string, unknown][]>) => entries.map((list) => new Entries(list));
const extra = fc.array(fc.tuple(key, value), { maxLength: 3 });

/** Near-valid answers: the completing set with some values replaced, some keys dropped, some added. */
const answers = fc
  .tuple(fc.subarray(Object.entries(COMPLETE_ALLIANCE_ANSWERS)), fc.array(fc.tuple(key, value), { maxLength: 4 }))
  .map(([kept, added]) => new Entries([...kept, ...added]));

const jsonBodies = fc.oneof(
  value.map(toJson),
  fc.tuple(objectOf(fc.array(fc.tuple(key, leaf), { maxLength: 4 })), extra).map(([panel, more]) => toJson(new Entries([['panel', panel], ...more]))),
  fc.tuple(answers, fc.oneof(fc.nat(12), leaf), extra).map(([a, page, more]) => toJson(new Entries([['answers', a], ['currentPage', page], ...more]))),
  fc.tuple(answers, fc.option(leaf), extra).map(([a, hp, more]) => toJson(new Entries([['answers', a], ...(hp === null ? [] : [['honeypot', hp] as [string, unknown]]), ...more]))),
  fc.constantFrom(
    '{"__proto__":{"polluted":1},"answers":{"__proto__":{"polluted":1}}}',
    '{"constructor":{"prototype":{"polluted":1}},"panel":{"__proto__":{"RID":"x"}}}',
    '{"answers":{"constructor":{"prototype":{"polluted":1}}},"currentPage":0}',
  ),
);

const rawBodies: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.uint8Array({ minLength: 1, maxLength: 16 }).map((bad) =>
    Buffer.concat([Buffer.from('{"answers":{"consent":true,"comment":"'), Buffer.from([0xff, 0xc3, 0x28, ...bad]), Buffer.from('"},"currentPage":0}')]),
  ),
  fc.integer({ min: 500, max: 12_000 }).map((n) => Buffer.from('['.repeat(n) + ']'.repeat(n))),
  fc.integer({ min: 500, max: 12_000 }).map((n) => Buffer.from('{"answers":'.repeat(n) + '1' + '}'.repeat(n))),
  fc.integer({ min: 65_000, max: 300_000 }).map((n) => Buffer.from(`{"answers":{"consent":true},"currentPage":0,"pad":"${'y'.repeat(n)}"}`)),
);

const contentType = fc.constantFrom(
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'APPLICATION/JSON',
  'application/vnd.api+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  undefined,
);

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array | string;
}

const segment = fc.oneof(
  fc.string({ maxLength: 30 }).map(encodeURIComponent),
  fc.constantFrom('%', '%ff', '%00', '..%2f..%2fetc', '__proto__', 'constructor', ' ', 'A'.repeat(22), 'a'.repeat(5000)),
);
const waveId = fc.oneof(fc.constant('WAVE'), segment);
const code = fc.oneof(fc.constant('CODE'), segment);
const method = (usual: string) => fc.oneof(fc.constant(usual), fc.constant(usual), fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'));
const cookie = fc.option(fc.oneof(fc.constant('vlab_WAVE=CODE'), fc.string({ maxLength: 60 }).map((v) => `vlab_WAVE=${encodeURIComponent(v)}`), fc.string({ maxLength: 200 })));

function withBody(m: string, p: string, extraHeaders: fc.Arbitrary<Record<string, string>> = fc.constant({})): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(method(m), fc.oneof(jsonBodies, rawBodies, fc.constant(undefined)), contentType, cookie, extraHeaders)
    .map(([verb, body, type, c, more]) => {
      const headers: Record<string, string> = { ...more };
      if (type) headers['content-type'] = type;
      if (c) headers.cookie = c;
      return { method: verb, path: p, headers, body: verb === 'GET' || verb === 'OPTIONS' ? undefined : body };
    });
}

/** Every registered route outside the researcher API (new respondent routes are fuzzed without editing this file). */
const publicRoutes = registeredRoutes(t.app).filter((r) => !r.path.startsWith('/api/researcher'));
const anyPublicRoute: fc.Arbitrary<FuzzRequest> = fc
  .tuple(fc.constantFrom(...publicRoutes), waveId, code, segment)
  .chain(([route, w, c, s]) => withBody(route.method, route.path.replace(':waveId', w).replace(':code', c).replace(/:[A-Za-z]+/g, s)));

const respondentRequests: fc.Arbitrary<FuzzRequest> = fc.oneof(
  anyPublicRoute,
  waveId.chain((w) => withBody('POST', `/api/waves/${w}/participants`)),
  code.chain((c) => withBody('PUT', `/api/participants/${c}/answers`)),
  code.chain((c) => withBody('POST', `/api/participants/${c}/complete`)),
  fc.tuple(fc.constantFrom('/', '/healthz', '/favicon.ico', '/s/WAVE', '/assets/respondent.js', '/api', '/api/'), segment, fc.string({ maxLength: 80 }))
    .chain(([p, s, query]) => withBody('GET', `${p}${p.endsWith('/') ? '' : '/'}${s}?${encodeURIComponent(query)}&PROLIFIC_PID=${encodeURIComponent(query)}`)),
  waveId.chain((w) => withBody('GET', `/s/${w}`)),
);

function researcherRequests(routes: { method: string; path: string }[], authorization: fc.Arbitrary<string | null>): fc.Arbitrary<FuzzRequest> {
  return fc.tuple(fc.constantFrom(...routes), waveId, segment, authorization).chain(([route, w, s, auth]) =>
    withBody(route.method, route.path.replace(':waveId', w).replace(/:[A-Za-z]+/g, s), fc.constant<Record<string, string>>(auth ? { authorization: auth } : {})),
  );
}

// ---- the run ------------------------------------------------------------------------------------------------

let countRows: () => number[] = () => [];
before(async () => {
  const tables = t.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  const counts = t.db.prepare(`SELECT ${tables.map((name) => `(SELECT COUNT(*) FROM "${name}")`).join(', ')}`).raw();
  countRows = () => counts.get() as number[];
});
const rowCounts = () => countRows();
const changes = t.db.prepare('SELECT total_changes()').pluck();
const totalChanges = () => changes.get() as number;

const tally = { requests: 0, byClass: new Map<string, number>(), serverErrors: [] as string[], storedByRejected: [] as string[] };

async function send(req: FuzzRequest, strictChanges: boolean): Promise<void> {
  const path = req.path.replaceAll('WAVE', t.wave.id).replaceAll('CODE', started[tally.requests % started.length]!);
  const headers = { ...req.headers };
  if (headers.cookie) headers.cookie = headers.cookie.replaceAll('WAVE', t.wave.id).replaceAll('CODE', started[0]!);
  const rowsBefore = rowCounts();
  const changesBefore = totalChanges();
  let status: number;
  try {
    const res = await fetch(base + path, { method: req.method, headers, body: req.body as BodyInit | undefined });
    status = res.status;
    await res.arrayBuffer();
  } catch (error) {
    // The server cut the connection (e.g. an oversized body without content-length): no answer, nothing stored.
    status = 0;
    void error;
  }
  tally.requests++;
  const cls = status === 0 ? 'reset' : `${Math.floor(status / 100)}xx`;
  tally.byClass.set(cls, (tally.byClass.get(cls) ?? 0) + 1);
  const what = `${req.method} ${path.slice(0, 120)} (${req.headers['content-type'] ?? 'no type'}, ${req.body?.length ?? 0} bytes)`;
  if (status >= 500) tally.serverErrors.push(`${status} ${what}`);
  if (status >= 400 || status === 0) {
    const rowsAfter = rowCounts();
    if (rowsAfter.some((n, i) => n !== rowsBefore[i])) tally.storedByRejected.push(`${status} ${what}: rows ${rowsBefore} → ${rowsAfter}`);
    else if (strictChanges && totalChanges() !== changesBefore) tally.storedByRejected.push(`${status} ${what}: a row was written`);
  }
}

const RESPONDENT_RUNS = 9_940;
// One fixed seed in npm test, so a harmless change cannot make the suite fail on a new draw; FUZZ_SEED=random
// explores a new seed (printed), FUZZ_SEED=<integer> replays one. Every failure message below names it, since
// the promises are checked on the tally after fast-check has finished.
const DEFAULT_FUZZ_SEED = 20_261_204;
const SEED = fuzzSeed(process.env.FUZZ_SEED);
const REPLAY = `fuzz seed ${SEED} (replay: FUZZ_SEED=${SEED} node scripts/run-tests.mjs tests/server/fuzz.test.ts)`;

function fuzzSeed(text: string | undefined): number {
  if (text === undefined || text === '') return DEFAULT_FUZZ_SEED;
  if (text === 'random') return Date.now() % 2 ** 31;
  if (!/^-?\d+$/.test(text)) throw new Error(`fuzz.test: FUZZ_SEED must be an integer or "random", got "${text}"`);
  return Number(text);
}
const RESEARCHER_RUNS = 30; // each with and without a token; every check costs the server a scrypt hash

test('a path parameter that is not valid percent-encoding is a 400, not a 500 (found by this fuzzer)', async () => {
  // GET /s/%ff is a page: it gets the polite HTML page (tests/server/page-and-assets.test.ts); POST is no page.
  for (const [verb, path] of [['POST', '/api/waves/%ff/participants'], ['PUT', '/api/participants/%/answers'], ['POST', '/s/%ff'], ['OPTIONS', '/api/participants/%E0%A4%A/complete']]) {
    const res = await fetch(base + path, { method: verb, headers: { 'content-type': 'application/json' }, body: verb === 'GET' || verb === 'OPTIONS' ? undefined : '{}' });
    assert.equal(res.status, 400, `${verb} ${path}`);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'bad_request');
  }
});

test('the fuzzer reaches every public route', () => {
  const paths = publicRoutes.map((r) => `${r.method} ${r.path}`);
  for (const expected of ['POST /api/waves/:waveId/participants', 'PUT /api/participants/:code/answers', 'POST /api/participants/:code/complete']) {
    assert.ok(paths.includes(expected), `${expected} in ${paths.join(', ')}`);
  }
  console.log(`fuzz: public routes ${paths.join(', ')}`);
});

test(`fuzz: ${RESPONDENT_RUNS + 2 * RESEARCHER_RUNS} generated requests to every public route — no 5xx, nothing stored from a refused request`, { timeout: 5 * 60_000 }, async () => {
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).length;
  console.log(`fuzz: ${REPLAY}`);
  const t0 = performance.now();
  await fc.assert(fc.asyncProperty(respondentRequests, (req) => send(req, true)), { numRuns: RESPONDENT_RUNS, seed: SEED, endOnFailure: true });

  const t1 = performance.now();
  const researcher = registeredRoutes(t.app).filter((r) => r.path.startsWith('/api/researcher'));
  assert.ok(researcher.length > 0, 'researcher routes are registered');
  const bad = fc.option(fc.oneof(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }).map((s) => `Bearer vlab_${s}`)));
  await fc.assert(fc.asyncProperty(researcherRequests(researcher, bad), (req) => send(req, true)), { numRuns: RESEARCHER_RUNS, seed: SEED + 1, endOnFailure: true });
  // With a valid token some requests succeed (and may create waves); the token's last-use time is a write, so
  // only row counts are compared here.
  await fc.assert(fc.asyncProperty(researcherRequests(researcher, fc.constant(`Bearer ${token}`)), (req) => send(req, false)), { numRuns: RESEARCHER_RUNS, seed: SEED + 2, endOnFailure: true });

  const t2 = performance.now();
  const summary = [...tally.byClass].sort().map(([k, n]) => `${k} ${n}`).join(', ');
  console.log(`fuzz: ${tally.requests} requests (${summary}); status ≥ 500: ${tally.serverErrors.length}; refused requests that stored rows: ${tally.storedByRejected.length}; respondent and page routes ${Math.round((t1 - t0) / 1000)} s, researcher routes ${Math.round((t2 - t1) / 1000)} s`);
  assert.deepEqual(tally.serverErrors.slice(0, 5), [], `${REPLAY}\n${tally.serverErrors.slice(0, 5).join('\n')}`);
  assert.deepEqual(tally.storedByRejected.slice(0, 5), [], `${REPLAY}\n${tally.storedByRejected.slice(0, 5).join('\n')}`);
  assert.ok(tally.requests >= 10_000);
  assert.equal(Object.getOwnPropertyNames(Object.prototype).length, prototypeKeys, `Object.prototype unchanged; ${REPLAY}`);
  assert.equal(({} as Record<string, unknown>).polluted, undefined, REPLAY);
  const stored = t.db.prepare('SELECT answers_json FROM answers').pluck().all() as string[];
  assert.ok(stored.every((json) => !/"(__proto__|constructor|prototype)"/.test(json)), `no prototype keys in stored answers; ${REPLAY}`);
});
