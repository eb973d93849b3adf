import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { repeatedName } from '../../server/routes/repeated-name.ts';
import { createTokenService } from '../../server/services/token-service.ts';
import { COMPLETE_ALLIANCE_ANSWERS, completeSurvey, createTestApp, reachVignette } from './test-app.ts';

const t = await createTestApp();
after(() => t.close());
const { app, wave, sql, repos } = t;

/** Rows in every table the respondent path writes: a refused request must change none of them. */
const snapshot = () =>
  Promise.all(['participants', 'answers', 'assignment_counters', 'waves'].map((table) => sql.all(`SELECT * FROM ${table} ORDER BY 1, 2, 3`)));

async function startOne(panelId: string) {
  const res = await request(app).post(`/api/waves/${wave.id}/participants`).send({ panel: { PROLIFIC_PID: panelId } });
  assert.equal(res.status, 201);
  return res.body.participant.code as string;
}

/**
 * Sends a request and checks it is a 4xx with exactly `{ error: { code, message } }` (plus `extra` fields, e.g. the
 * refused panel parameter's name: panel-refusal.test.ts) and nothing stored.
 */
async function refused(send: () => request.Test, status: number, code: string, extra: string[] = []) {
  const before = await snapshot();
  const res = await send();
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.match(String(res.headers['content-type']), /application\/json/);
  assert.deepEqual(Object.keys(res.body), ['error']);
  assert.deepEqual(Object.keys(res.body.error).sort(), ['code', 'message', ...extra].sort());
  assert.equal(res.body.error.code, code);
  assert.ok(res.body.error.message.length > 0);
  assert.doesNotMatch(JSON.stringify(res.body), /at .*\.ts:\d+|node_modules|SQLITE|stack/i);
  assert.deepEqual(await snapshot(), before, 'nothing stored');
  return res.body.error.message as string;
}

test('unknown wave → 404', async () => {
  await refused(() => request(app).post('/api/waves/NoSuchWave99/participants').send({}), 404, 'not_found');
  await refused(() => request(app).post('/api/waves/bad%20id!/participants').send({}), 404, 'not_found');
});

test('closed wave → 409 for a new participant, while one already started may finish', async () => {
  const closing = await createTestApp();
  try {
    const code = (await request(closing.app).post(`/api/waves/${closing.wave.id}/participants`).send({ panel: { RID: 'early' } })).body
      .participant.code;
    (await closing.repos.waves.setStatus(closing.wave.id, 'closed', new Date().toISOString()));
    const before = await closing.sql.value('SELECT COUNT(*) FROM participants');
    const res = await request(closing.app).post(`/api/waves/${closing.wave.id}/participants`).send({ panel: { RID: 'late' } });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, 'wave_closed');
    assert.equal(await closing.sql.value('SELECT COUNT(*) FROM participants'), before);
    const done = await completeSurvey(closing.app, code);
    assert.equal(done.status, 200);
  } finally {
    closing.close();
  }
});

test('malformed JSON → 400', async () => {
  const code = await startOne('malformed');
  await refused(
    () => request(app).post(`/api/participants/${code}/complete`).set('Content-Type', 'application/json').send('{"answers": {'),
    400,
    'bad_request',
  );
  await refused(
    () => request(app).post(`/api/waves/${wave.id}/participants`).set('Content-Type', 'application/json').send('nope'),
    400,
    'bad_request',
  );
});

// Attacker pass 42: a body naming a field twice in one object (`"answers"` twice: a client building JSON by hand, or
// merging two saves) was taken with the last, the first answers lost without a word (200 `saved`). JSON names should
// be unique (RFC 8259 §4), and which one a parser keeps differs between parsers: 400 naming it and its place.
test('a body naming a field twice in one object (answers, panel) → 400 naming it, nothing stored', async () => {
  const code = await startOne('repeated-name');
  const save = await refused(
    () => request(app).put(`/api/participants/${code}/answers`).set('Content-Type', 'application/json').send('{"answers":{"consent":true},"answers":{},"currentPage":0}'),
    400,
    'bad_request',
  );
  assert.equal(save, 'the request body names "answers" twice in one object (line 1, column 29): a JSON parser keeps only one of them, so the other would be lost; send each name once');
  await refused(
    () => request(app).post(`/api/waves/${wave.id}/participants`).set('Content-Type', 'application/json').send('{"panel":{"PROLIFIC_PID":"first-one"},\n "panel":{"PROLIFIC_PID":"second-one"}}'),
    400,
    'bad_request',
  );
  // The same name in different objects is no repeat.
  const fine = await request(app).post(`/api/waves/${wave.id}/participants`).set('Content-Type', 'application/json').send('{"panel":{"PROLIFIC_PID":"nested-ok","panel":"x"}}');
  assert.equal(fine.status, 201, JSON.stringify(fine.body));
  // The scan: names as JSON reads them; a `":` inside a text is no name; arrays' objects each their own.
  assert.deepEqual(repeatedName('{"a":"x\\":","a\\u0062":1,"ab":2}'), { name: 'ab', offset: 24 });
  assert.equal(repeatedName('{"a":[{"b":1},{"b":2}],"c":"\\"a\\":"}'), null);
  assert.equal(repeatedName('\ufeff{"a" : 1, "a" : 2}')?.name, 'a');
});

// Attacker pass 43: pass 42's scan ran only when a top-level field's quoted name stood twice in the bytes, so a
// repeat written with an escape (`"answ\u0065rs"`, which JSON reads as `answers`) was taken with the last (200,
// `{}` stored over the consent), and a repeat inside `answers` or `panel` always was (pass 42's leftover).
test('a field named twice at any depth, or with an escape, → 400 naming it; colons inside texts and one name in several objects still taken', async () => {
  const code = await startOne('repeated-deeper');
  const put = (text: string) => () => request(app).put(`/api/participants/${code}/answers`).set('Content-Type', 'application/json').send(text);
  const escaped = await refused(put('{"answers":{"consent":true},"answ\\u0065rs":{},"currentPage":0}'), 400, 'bad_request');
  assert.match(escaped, /^the request body names "answers" twice in one object \(line 1, column 29\)/);
  const inAnswers = await refused(put('{"answers":{"consent":true,\n"consent":false},"currentPage":0}'), 400, 'bad_request');
  assert.match(inAnswers, /^the request body names "consent" twice in one object \(line 2, column 1\)/);
  await refused(put('{"currentPage":0,"currentP\\u0061ge":3,"answers":{}}'), 400, 'bad_request');
  await refused(
    () => request(app).post(`/api/participants/${code}/complete`).set('Content-Type', 'application/json').send('{"answers":{"consent":true,"cons\\u0065nt":false}}'),
    400,
    'bad_request',
  );
  const panel = await refused(
    () => request(app).post(`/api/waves/${wave.id}/participants`).set('Content-Type', 'application/json').send('{"panel":{"PROLIFIC_PID":"first-one","PROLIFIC_PID":"second-one"}}'),
    400,
    'bad_request',
  );
  assert.match(panel, /names "PROLIFIC_PID" twice/);
  // Colons inside answers' texts, and a name in two objects, are no repeat.
  const ok = await put('{"answers":{"consent":true},"currentPage":0,"saveOrder":{"pageSession":"sessionAA","sequence":1}}')();
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  const nested = await request(app).post(`/api/waves/${wave.id}/participants`).set('Content-Type', 'application/json').send('{"panel":{"PROLIFIC_PID":"colon-ok"},"locale":"e:n","x":{"panel":{"locale":"a\\":b"}}}');
  assert.equal(nested.status, 201, JSON.stringify(nested.body));
});

test('oversized body → 413', async () => {
  const code = await startOne('oversized');
  const huge = { answers: { ...COMPLETE_ALLIANCE_ANSWERS, filler: 'x'.repeat(100 * 1024) } };
  await refused(() => request(app).post(`/api/participants/${code}/complete`).send(huge), 413, 'payload_too_large');
});

test('a body that is not JSON → 415', async () => {
  const code = await startOne('form-encoded');
  await refused(
    () => request(app).post(`/api/participants/${code}/complete`).type('form').send('answers=1'),
    415,
    'unsupported_media_type',
  );
  await refused(
    () => request(app).put(`/api/participants/${code}/answers`).set('Content-Type', 'text/plain').send('{"answers":{}}'),
    415,
    'unsupported_media_type',
  );
});

test('a JSON body in a charset other than UTF-8 → 415 saying so, whatever its bytes (RFC 8259: JSON between systems is UTF-8)', async () => {
  const code = await startOne('charset');
  const body = JSON.stringify({ answers: { consent: true }, currentPage: 0 });
  for (const charset of ['utf-32', 'UTF-16', 'utf-16le', 'latin1', 'iso-8859-1', '"utf-32"', 'utf-7', 'utf_8']) {
    const message = await refused(
      () => request(app).put(`/api/participants/${code}/answers`).set('Content-Type', `application/json; charset=${charset}`).send(body),
      415,
      'unsupported_media_type',
    );
    assert.match(message, /UTF-8/, charset);
    assert.ok(message.includes(charset.replaceAll('"', '')), `${charset}: ${message}`);
  }
  // A second charset that is not UTF-8 is refused too: body-parser decodes by the last one, the check read the first.
  const second = await refused(
    () => request(app).put(`/api/participants/${code}/answers`).set('Content-Type', 'application/json; charset=utf-8; charset=utf-16').send(body),
    415,
    'unsupported_media_type',
  );
  assert.match(second, /not charset=utf-16/);
  // UTF-8 in either case, quoted or not, or no charset at all, is read; so are WHATWG's other labels of UTF-8 (utf8,
  // which several HTTP clients send, and unicode-1-1-utf-8): attacker pass 38 found `charset=utf8` refused.
  const labels = ['utf-8', 'UTF-8', '"utf-8"', 'utf8', 'UTF8', '"Utf8"', 'unicode-1-1-utf-8', 'x-unicode20utf8', 'utf8; charset=utf-8'];
  for (const type of [...labels.map((label) => `application/json; charset=${label}`), 'application/json;charset="utf-8"', 'application/json']) {
    const res = await request(app).put(`/api/participants/${code}/answers`).set('Content-Type', type).send(body);
    assert.equal(res.status, 200, `${type}: ${JSON.stringify(res.body)}`);
  }
});

test('answers to questions that do not exist → 422, naming the field', async () => {
  const code = await startOne('unknown-question');
  const message = await refused(
    () => request(app).post(`/api/participants/${code}/complete`).send({ answers: { ...COMPLETE_ALLIANCE_ANSWERS, favourite_colour: 'blue' } }),
    422,
    'invalid_input',
  );
  assert.match(message, /favourite_colour/);
  await refused(
    () => request(app).put(`/api/participants/${code}/answers`).send({ answers: { vignette: 'x' }, currentPage: 1 }),
    422,
    'invalid_input',
  );
});

test('an answer named __proto__ → 422 naming it, on every answer route (zod\'s record dropped it and the save was acknowledged)', async () => {
  const code = await startOne('proto-answer');
  const send = (method: 'put' | 'post', path: string, body: string) =>
    request(app)[method](`/api/participants/${code}/${path}`).set('Content-Type', 'application/json').send(body);
  for (const [method, path, body] of [
    ['put', 'answers', '{"answers":{"__proto__":{"consent":true}},"currentPage":1}'],
    ['post', 'quota-check', `{"answers":{"__proto__":{"x":1},${JSON.stringify(COMPLETE_ALLIANCE_ANSWERS).slice(1, -1)}}}`],
    ['post', 'complete', `{"answers":{"__proto__":${JSON.stringify(COMPLETE_ALLIANCE_ANSWERS)}}}`],
  ] as const) {
    const message = await refused(() => send(method, path, body), 422, 'invalid_input');
    assert.equal(message, 'answers: unknown field "__proto__"');
  }
});

test('wrong types and values outside the choices → 422', async () => {
  const code = await startOne('wrong-types');
  const cases: Record<string, unknown>[] = [
    { do_nothing: '4' },
    { do_nothing: 6 },
    { do_nothing: 2.5 },
    { gender: 'other' },
    { consent: 'yes' },
    { age_group: ['18-29'] },
    { region: {} },
    // null is no wrong type since 2026-12-04: it takes an answer back (cleared-answers.test.ts).
  ];
  for (const wrong of cases) {
    const message = await refused(
      () => request(app).post(`/api/participants/${code}/complete`).send({ answers: { ...COMPLETE_ALLIANCE_ANSWERS, ...wrong } }),
      422,
      'invalid_input',
    );
    assert.match(message, new RegExp(`answers\\.${Object.keys(wrong)[0]}`));
  }
  await refused(() => request(app).post(`/api/participants/${code}/complete`).send({ answers: [] }), 422, 'invalid_input');
  await refused(() => request(app).post(`/api/participants/${code}/complete`).send({}), 422, 'invalid_input');
  await refused(
    () => request(app).put(`/api/participants/${code}/answers`).send({ answers: {}, currentPage: -1 }),
    422,
    'invalid_input',
  );
  await refused(
    () => request(app).put(`/api/participants/${code}/answers`).send({ answers: {}, currentPage: 99 }),
    422,
    'invalid_input',
  );
  await refused(
    () => request(app).post(`/api/waves/${wave.id}/participants`).send({ panel: { PROLIFIC_PID: 'x'.repeat(500) } }),
    422,
    'invalid_input',
    ['param', 'reason'],
  );
});

test('a completion with required answers missing → 422, listing them', async () => {
  const code = await startOne('incomplete');
  await reachVignette(app, code);
  const { do_nothing: _omitted, contribution: _alsoOmitted, ...partial } = COMPLETE_ALLIANCE_ANSWERS;
  const message = await refused(
    () => request(app).post(`/api/participants/${code}/complete`).send({ answers: partial }),
    422,
    'invalid_input',
  );
  assert.match(message, /do_nothing, contribution/);
  assert.equal((await repos.participants.findByCode(code))!.status, 'started');
});

test('unknown participant and unknown API route → 404 JSON', async () => {
  await refused(
    () => request(app).post('/api/participants/AAAAAAAAAAAAAAAAAAAAAA/complete').send({ answers: COMPLETE_ALLIANCE_ANSWERS }),
    404,
    'not_found',
  );
  await refused(() => request(app).put('/api/participants/short/answers').send({ answers: {}, currentPage: 0 }), 404, 'not_found');
  await refused(() => request(app).get('/api/nothing-here'), 404, 'not_found');
  const unknownPath = await refused(() => request(app).delete(`/api/waves/${wave.id}/respondents`), 404, 'not_found');
  assert.equal(unknownPath, `no API route DELETE /api/waves/${wave.id}/respondents`, 'the path as sent, not as seen under the /api mount');
  // A known path asked with another method is a 405 (http-methods.test.ts).
  await refused(() => request(app).delete(`/api/waves/${wave.id}/participants`), 405, 'method_not_allowed');
  const { token } = await createTokenService({ store: t.store }).create('bad-input');
  const researcher = await refused(() => request(app).get('/api/researcher/nothing-here').set('Authorization', `Bearer ${token}`), 404, 'not_found');
  assert.equal(researcher, 'no API route GET /api/researcher/nothing-here');
  // Outside the APIs a method the path does not serve is named too: PROPFIND /healthz is not "nothing at /healthz".
  for (const [method, path] of [['PROPFIND', '/healthz'], ['POST', '/dashboard'], ['PUT', `/s/${wave.id}`]] as const) {
    const message = await refused(() => request(app)[method === 'PROPFIND' ? 'propfind' : (method.toLowerCase() as 'post' | 'put')](path), 405, 'method_not_allowed');
    assert.equal(message, `${path} does not answer ${method}; it answers GET, HEAD, OPTIONS`);
  }
  assert.equal(await refused(() => request(app).delete('/nowhere'), 404, 'not_found'), 'no route DELETE /nowhere');
});

test('a body that is valid JSON but not an object (a text, a number, null) → 400 saying an object is expected, not "not valid JSON"', async () => {
  const code = await startOne('scalar-body');
  const { token } = await createTokenService({ store: t.store }).create('scalar-body');
  for (const [body, kind] of [['"x"', 'a text'], ['5', 'a number'], ['null', 'null'], ['true', 'true or false']] as const) {
    for (const send of [
      () => request(app).post(`/api/waves/${wave.id}/participants`).set('Content-Type', 'application/json').send(body),
      () => request(app).put(`/api/participants/${code}/answers`).set('Content-Type', 'application/json').send(body),
      () => request(app).patch(`/api/researcher/waves/${wave.id}`).set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json').send(body),
    ]) {
      assert.equal(await refused(send, 400, 'bad_request'), `the request body must be a JSON object, { … }, not ${kind}`);
    }
  }
});

test('a body that is not JSON → 400 naming the place and what is wrong, in the same words on every Node (not V8\'s message)', async () => {
  const code = await startOne('broken-json');
  for (const [body, message] of [
    ['{"answers": {', 'line 1, column 14: the body ends before the closing }'],
    ['{"answers": {"q1": 1,}, "currentPage": 1}', 'line 1, column 21: a comma after the last item: JSON allows none; delete it'],
    ['{\n  "answers" {}\n}', 'line 2, column 13: a colon is missing: write "name": value'],
  ] as const) {
    const said = await refused(() => request(app).put(`/api/participants/${code}/answers`).set('Content-Type', 'application/json').send(body), 400, 'bad_request');
    assert.equal(said, `the request body is not valid JSON: ${message}`);
  }
});

test('a broken body nested 60,000 deep → 400 in words at every body route (finding the place overflowed the stack: a 500 with Express\'s HTML stack trace)', async () => {
  const code = await startOne('deep-broken-json');
  const { token } = await createTokenService({ store: t.store }).create('deep-broken-json');
  const expected = 'the request body is not valid JSON: line 1, column 513: nested more than 512 deep: a request body has at most 512 levels of { } and [ ]';
  for (const body of ['['.repeat(60_000) + '}', '{"answers":' + '{"a":'.repeat(12_000) + ']']) {
    for (const send of [
      () => request(app).post(`/api/waves/${wave.id}/participants`).set('Content-Type', 'application/json').send(body),
      () => request(app).put(`/api/participants/${code}/answers`).set('Content-Type', 'application/json').send(body),
      () => request(app).patch(`/api/researcher/waves/${wave.id}`).set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json').send(body),
    ]) {
      const said = await refused(send, 400, 'bad_request');
      assert.equal(said.replace(/column \d+/, 'column 513'), expected);
    }
  }
});

test('a list where an object of answers or settings is expected → 422 in words ("expected record" was zod\'s)', async () => {
  const code = await startOne('list-answers');
  const { token } = await createTokenService({ store: t.store }).create('list-answers');
  for (const [send, message] of [
    [() => request(app).put(`/api/participants/${code}/answers`).send({ answers: [], currentPage: 1 }), 'answers: expected an object, got a list'],
    [() => request(app).post(`/api/participants/${code}/complete`).send({ answers: [true] }), 'answers: expected an object, got a list'],
    [() => request(app).post(`/api/participants/${code}/quota-check`).send({ answers: ['x'] }), 'answers: expected an object, got a list'],
    [() => request(app).patch(`/api/researcher/waves/${wave.id}`).set('Authorization', `Bearer ${token}`).send([{ target: 5 }]), '(root): expected an object, got a list'],
  ] as const) {
    assert.equal(await refused(send, 422, 'invalid_input'), message);
  }
});

test('a body that is not what its Content-Encoding says → 400 saying so (it was "the request could not be understood")', async () => {
  const code = await startOne('bad-encoding');
  for (const encoding of ['gzip', 'deflate', 'br']) {
    const message = await refused(
      () => request(app).put(`/api/participants/${code}/answers`).set('Content-Type', 'application/json').set('Content-Encoding', encoding).send('{"answers":{},"currentPage":1}'),
      400,
      'bad_request',
    );
    assert.equal(message, 'the request body could not be decompressed: it is not what its Content-Encoding says (gzip, deflate or br)');
  }
});

// Attacker pass 38: a Content-Encoding the server does not read (zstd, which curl and some clients now send; two
// encodings in a row) was answered "the request body must be UTF-8 JSON", as if its charset were wrong.
test('a Content-Encoding the server does not read → 415 naming it and the ones it reads, not "must be UTF-8"', async () => {
  const code = await startOne('unread-encoding');
  for (const [encoding, named] of [['zstd', 'zstd'], ['gzip, gzip', 'gzip, gzip'], ['x'.repeat(300), `${'x'.repeat(40)}…`]] as const) {
    const message = await refused(
      () => request(app).put(`/api/participants/${code}/answers`).set('Content-Type', 'application/json').set('Content-Encoding', encoding).send('{"answers":{},"currentPage":1}'),
      415,
      'unsupported_media_type',
    );
    assert.equal(message, `the request body's Content-Encoding "${named}" is not one the server reads: send the body uncompressed, or as gzip, deflate or br`);
  }
});

// Attacker pass 38: the names of unknown fields were all echoed, whole: 5,000 made-up answers came back as a 54 KB
// message, a 60,000-character name as a 60 KB one. A message names at most 10, each cut to 40 characters.
test('unknown fields: at most 10 named, each cut to 40 characters, then how many more', async () => {
  const code = await startOne('many-unknown');
  const many = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`q${i}`, 1]));
  const listed = await refused(() => request(app).put(`/api/participants/${code}/answers`).send({ answers: many, currentPage: 1 }), 422, 'invalid_input');
  assert.equal(listed, 'answers: unknown fields "q0", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9" and 4,990 more');
  const long = await refused(() => request(app).put(`/api/participants/${code}/answers`).send({ answers: { ['x'.repeat(60_000)]: 1 }, currentPage: 1 }), 422, 'invalid_input');
  assert.equal(long, `answers: unknown field "${'x'.repeat(40)}…"`);
  const top = await refused(() => request(app).put(`/api/participants/${code}/answers`).send({ answers: {}, currentPage: 1, ...many }), 422, 'invalid_input');
  assert.match(top, /^\(root\): unknown fields "q0", .*"q9" and 4,990 more$/);
});

// Attacker pass 38: a page past the survey's end said "must be below 7" at 99 and "must be at most 9007199254740991" at
// 2^60 or 1e300 (zod's safe-integer bound, checked first), as the wave's target did before pass 37.
test('a currentPage past the survey, however far, is one message quoting it', async () => {
  const code = await startOne('far-page');
  for (const [page, shown] of [['99', '99'], ['1152921504606846976', '1152921504606847000'], ['1e300', '1e+300']]) {
    const message = await refused(
      () => request(app).put(`/api/participants/${code}/answers`).set('Content-Type', 'application/json').send(`{"answers":{},"currentPage":${page}}`),
      422,
      'invalid_input',
    );
    assert.match(message, new RegExp(`^currentPage: must be below \\d+ \\(the survey's pages are numbered from 0\\), got ${shown.replace('+', '\\+')}$`));
  }
});

// Attacker pass 38: a gzip body sent without Content-Encoding was "not valid JSON: line 1, column 1: unexpected
// `\u001f�\b\u0000…`", its binary start echoed. It is now said to be compressed (by its first bytes, before any
// decoding), and no message echoes a control character or a replacement character of the body or the URL as it came.
test('a compressed body without Content-Encoding → 415 saying so by its magic bytes, echoing none of them', async () => {
  const code = await startOne('compressed');
  const json = JSON.stringify({ answers: { consent: true }, currentPage: 0 });
  const zstd = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x20, 0x05, 0x29, 0x00, 0x00, 0x7b, 0x7d]);
  for (const [body, encoding, words] of [
    [gzipSync(json), undefined, 'the request body is gzip data (it starts 1f 8b) sent without Content-Encoding: send it with Content-Encoding: gzip, or uncompressed'],
    [zstd, undefined, 'the request body is zstd data (it starts 28 b5 2f fd) sent without Content-Encoding: the server does not read zstd; send it uncompressed, or as gzip, deflate or br with its Content-Encoding'],
    [gzipSync(gzipSync(json)), 'gzip', 'the request body is still gzip data (it starts 1f 8b) after its Content-Encoding gzip was undone: it was compressed twice; compress it once'],
  ] as const) {
    const message = await refused(
      () => {
        const req = request(app).put(`/api/participants/${code}/answers`).set('Content-Type', 'application/json');
        if (encoding) req.set('Content-Encoding', encoding);
        return req.serialize((raw: unknown) => raw as string).send(body);
      },
      415,
      'unsupported_media_type',
    );
    assert.equal(message, words);
  }
});

test('a message quoting a body, a name or a URL shows its control characters as escapes, never raw', async () => {
  const code = await startOne('control-characters');
  const put = (text: string | Buffer) => () =>
    request(app).put(`/api/participants/${code}/answers`).set('Content-Type', 'application/json').serialize((raw: unknown) => raw as string).send(text);
  // Also every other invisible format character (Cf): `unknown field "consent"` + U+200B read as a refusal of the
  // survey's own question, and a panel ID with a zero-width space inside was quoted as the ID alone (attacker pass 40).
  const invisible = /[\p{Cc}\p{Cf}\uFFFD]/u;
  const cases = [
    [put('{"answers": {"consent\\u200b": true, "\\ufeffgender\\u2060\\u00ad": "male"}, "currentPage": 0}'), 422, 'invalid_input', 'unknown fields "consent\\u200b", "\\ufeffgender\\u2060\\u00ad"'],
    [put('\u0001\u0002{}'), 400, 'bad_request', 'unexpected `\\u0001\\u0002`'],
    [put(Buffer.concat([Buffer.from('{"a": 1'), Buffer.from([0x00, 0x9b, 0xff]), Buffer.from('}')])), 400, 'bad_request', 'unexpected `\\u0000\\ufffd\\ufffd`'],
    [put('{"answers": {"a\\u0000\\u001b[31m\\u0085\\u202eb": 1}, "currentPage": 0}'), 422, 'invalid_input', 'unknown field "a\\u0000\\u001b[31m\\u0085\\u202eb"'],
    [() => request(app).post('/api/waves/ab%00%1B%C2%85/participants').send({}), 404, 'not_found', 'no wave "ab\\u0000\\u001b\\u0085"'],
  ] as const;
  for (const [send, status, errorCode, shown] of cases) {
    const message = await refused(send, status, errorCode);
    assert.ok(message.includes(shown), `${shown} in ${message}`);
    assert.doesNotMatch(message, invisible, message);
  }
  const panel = await request(app).post(`/api/waves/${wave.id}/participants`).send({ panel: { PROLIFIC_PID: '5f8d0d55\u200bb54764421b7156c3' } });
  assert.equal(panel.status, 422);
  assert.match(panel.body.error.message, /got "5f8d0d55\\u200bb54764421b7156c3"$/);
  // Joiners are parts of writing (an emoji sequence, a Persian word), shown as they are.
  const joined = await request(app).put(`/api/participants/${code}/answers`).send({ answers: { 'a\u200db\u200cc': 1 }, currentPage: 0 });
  assert.match(joined.body.error.message, /unknown field "a\u200db\u200cc"/);
});
