import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createTestApp, TEST_RATE_LIMITS } from './test-app.ts';

const t = await createTestApp();
after(() => t.close());
const { app, wave } = t;
const manifest = JSON.parse(readFileSync('public/dist/manifest.json', 'utf8')) as Record<string, string>;

test('the respondent page is HTML, not cached, and references only our hashed assets', async () => {
  const res = await request(app).get(`/s/${wave.id}?PROLIFIC_PID=abc`);
  assert.equal(res.status, 200);
  assert.match(String(res.headers['content-type']), /text\/html/);
  assert.equal(res.headers['cache-control'], 'no-cache');
  assert.ok(res.text.includes(`/assets/${manifest['respondent.js']}`));
  assert.ok(res.text.includes(`/assets/${manifest['respondent.css']}`));
  assert.doesNotMatch(res.text, /<script>|<script [^>]*>[^<]+<\/script>|style=|https?:\/\//, 'no inline code and no foreign URL');
});

test('/s/ and a wave that does not exist get the polite HTML page with a 404, in the link’s language', async () => {
  // `/s/%ff` and `/s/abc%`: a link mangled into invalid percent-encoding got the API's JSON 400.
  for (const path of ['/s/', '/s', '/s/NoSuchWave123?PROLIFIC_PID=x', '/s/%20bad', '/s/%ff', '/s/abc%', '/s/%E0%A4%A?PROLIFIC_PID=x', `/s/${wave.id}/extra`, '/s//x', '/s/a/b/c']) {
    const res = await request(app).get(path);
    assert.equal(res.status, 404, path);
    assert.match(String(res.headers['content-type']), /text\/html/, path);
    assert.match(res.text, /<h1>This survey link is not valid<\/h1>/, path);
    assert.match(res.text, /<html lang="en" dir="ltr">/, path);
    assert.doesNotMatch(res.text, /<script/, 'the page needs no script');
  }
  for (const path of ['/s/NoSuchWave123?lang=es', '/s/%ff?lang=es']) {
    const es = await request(app).get(path);
    assert.equal(es.status, 404, path);
    assert.match(es.text, /<html lang="es" dir="ltr">/, path);
    assert.match(es.text, /<h1>Este enlace de la encuesta no es válido<\/h1>/, path);
  }
  // In Arabic, right to left.
  const ar = await request(app).get('/s/NoSuchWave123?lang=ar');
  assert.match(ar.text, /<html lang="ar" dir="rtl">[\s\S]*<h1>رابط الاستبيان هذا غير صالح<\/h1>/);
  // Outside the pages the same URL mistake is the API's JSON 400, which now says what is wrong.
  for (const [method, path] of [['post', '/s/%ff'], ['put', '/api/participants/%ff/answers'], ['get', '/assets/%ff']] as const) {
    const res = await request(app)[method](path);
    assert.equal(res.status, 400, path);
    assert.deepEqual(res.body.error, { code: 'bad_request', message: 'the URL is not valid percent-encoding (each % needs two hex digits, and the bytes must be UTF-8)' }, path);
  }
});

// Attacker pass 28: a link copied from a document, a chat or a sentence carries what was glued to it — a no-break
// space, a zero-width space, a byte-order mark, the sentence's full stop or closing bracket — into the panel's
// settings, and every respondent met "This survey link is not valid". Such a link now goes to the wave's page, with
// its query (the panel's IDs) as it came.
test('a wave link with invisible characters, spaces or a sentence’s punctuation glued on is sent to the wave’s page with its query', async () => {
  const query = '?PROLIFIC_PID=5f8d0c1e2a3b4c5d6e7f8a9b&STUDY_ID=s1&lang=es';
  const after = ['%E2%80%8B', '%C2%A0', '%20', '.', ')', '%EF%BB%BF', '%E2%80%8B%E2%80%8B.', '%E2%80%9D'].map((glued) => `/s/${wave.id}${glued}${query}`);
  const before = ['%E2%80%8C', '%C2%A0', '(', '%EF%BB%BF', '%E2%80%9C'].map((glued) => `/s/${glued}${wave.id}${query}`);
  for (const path of [...after, ...before, `/s/%E2%80%8E${wave.id}%E2%80%8F${query}`]) {
    const res = await request(app).get(path);
    assert.equal(res.status, 302, path);
    assert.equal(res.headers.location, `/s/${wave.id}${query}`, path);
  }
  assert.equal((await request(app).get(`/s/${wave.id}%E2%80%8B`)).headers.location, `/s/${wave.id}`);
  // The query goes into a header: an encoded line break stays encoded, and quotes and brackets are percent-encoded.
  const hostile = await request(app).get(`/s/${wave.id}.?next=%0D%0ASet-Cookie:%20vlab=x&q="<x>'`);
  assert.equal(hostile.status, 302);
  assert.equal(hostile.headers['set-cookie'], undefined);
  assert.equal(hostile.headers.location, `/s/${wave.id}?next=%0D%0ASet-Cookie:%20vlab=x&q=%22%3Cx%3E%27`);
  // What is left must be a wave: a near id, or letters glued on, stay the polite 404.
  for (const path of [`/s/${wave.id}x%E2%80%8B`, '/s/NoSuchWave123%E2%80%8B', `/s/${wave.id.slice(0, -1)}.`, '/s/%E2%80%8B']) {
    assert.equal((await request(app).get(path)).status, 404, path);
  }
});

// Attacker pass 41: a link whose query sits in its path — a panel appended `&PROLIFIC_PID=…` to a link without a `?`,
// or a tool percent-encoded the link whole (`%3F`, `%26`, `%3D`) — met "This survey link is not valid" (404) for every
// respondent. It is sent on to the wave's page with that query, before any query the link also had.
test('a wave link whose query is in its path (after an & or an encoded ?) is sent to the wave’s page with it', async () => {
  const cases: [string, string][] = [
    [`/s/${wave.id}&PROLIFIC_PID=5f8d&STUDY_ID=s1`, `/s/${wave.id}?PROLIFIC_PID=5f8d&STUDY_ID=s1`],
    [`/s/${wave.id}%3Flang%3Des%26PROLIFIC_PID%3D5f8d`, `/s/${wave.id}?lang=es&PROLIFIC_PID=5f8d`],
    [`/s/${wave.id}%3flang=es&RID=r-1`, `/s/${wave.id}?lang=es&RID=r-1`],
    [`/s/${wave.id}&RID=a%26b?lang=es`, `/s/${wave.id}?RID=a%26b&lang=es`],
    [`/s/${wave.id}.&RID=r-1`, `/s/${wave.id}?RID=r-1`],
    [`/s/${wave.id}%3F`, `/s/${wave.id}`],
    // Attacker pass 42: an encoded `#` (a link holding `#lang=es`, percent-encoded whole); the page reads parameters
    // after a `#` as after a `?` (public/src/link-parameters.ts), so they go on as the query.
    [`/s/${wave.id}%23lang=es`, `/s/${wave.id}?lang=es`],
    [`/s/${wave.id}%23lang%3Des%26PROLIFIC_PID%3D5f8d`, `/s/${wave.id}?lang=es&PROLIFIC_PID=5f8d`],
    // Attacker pass 44 (pass 43's leftover): a link percent-encoded twice (a tool encoding a link it was given
    // encoded), its query decoded twice.
    [`/s/${wave.id}%253Flang%253Des%2526PROLIFIC_PID%253D5f8d`, `/s/${wave.id}?lang=es&PROLIFIC_PID=5f8d`],
    [`/s/${wave.id}%2523lang%253Des`, `/s/${wave.id}?lang=es`],
  ];
  for (const [path, location] of cases) {
    const res = await request(app).get(path);
    assert.equal(res.status, 302, path);
    assert.equal(res.headers.location, location, path);
  }
  // An encoded line break in the query stays encoded in the header.
  assert.equal((await request(app).get(`/s/${wave.id}%3Fq%3D%250D%250A`)).headers.location, `/s/${wave.id}?q=%0D%0A`);
  for (const path of [`/s/NoSuchWave123&RID=r-1`, `/s/&RID=r-1`, `/s/${wave.id}x%3FRID=r-1`, `/s/NoSuchWave123%23lang=es`]) {
    assert.equal((await request(app).get(path)).status, 404, path);
  }
});

// Attacker pass 43: a slash doubled in the link — a base URL ending in `/` joined to `/s/<id>`
// (`https://host//s/<id>`), or `/s//<id>` — met "This survey link is not valid" for every respondent of it.
test('a wave link with a slash doubled (//s/<id>, /s//<id>, /s/<id>//) is sent to the wave’s page with its query', async () => {
  const query = '?PROLIFIC_PID=5f8d&lang=es';
  for (const path of [`//s/${wave.id}`, `///s/${wave.id}`, `/s//${wave.id}`, `//s//${wave.id}/`, `/s/${wave.id}//`]) {
    const res = await request(app).get(`${path}${query}`).set('Accept', 'text/html');
    assert.equal(res.status, 302, path);
    assert.equal(res.headers.location, `/s/${wave.id}${query}`, path);
  }
  // Said to the researcher as a glued link is, once a minute per wave, without the query.
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  const logged = createApp({ store: t.store, config: loadConfig({}, { dbPath: t.location, logLevel: 'info', ...TEST_RATE_LIMITS }), logger, researcherPool: t.researcherPool });
  for (let i = 0; i < 2; i++) assert.equal((await request(logged).get(`//s/${wave.id}${query}`)).status, 302);
  const doubled = lines.filter((line) => line.glued !== undefined);
  assert.deepEqual(doubled.map((line) => [line.level, line.waveId, line.glued]), [[40, wave.id, '//']], JSON.stringify(lines));
  assert.match(String(doubled[0]!.msg), /slash doubled[\s\S]*mend it where it was pasted/);
  assert.doesNotMatch(JSON.stringify(lines), /5f8d/);
  // Never a protocol-relative Location (`//evil.example/…`), and what is no wave stays the polite 404.
  for (const path of ['//s/NoSuchWave123', '/s//evil.example', '//evil.example/s/x', `//s/${wave.id}/x`]) {
    const res = await request(app).get(path).set('Accept', 'text/html');
    assert.equal(res.status, 404, path);
  }
});

// Attacker pass 29: the glued link was sent on without a word, so the researcher never learnt that the link pasted into
// the panel carried a zero-width space. One warning a minute per wave names what was glued, never the query.
test('a glued link is logged once a minute per wave, naming what was glued by code point and no panel ID', async () => {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  const logged = createApp({ store: t.store, config: loadConfig({}, { dbPath: t.location, logLevel: 'info', ...TEST_RATE_LIMITS }), logger, researcherPool: t.researcherPool });
  for (let i = 0; i < 3; i++) assert.equal((await request(logged).get(`/s/${wave.id}%E2%80%8B.?PROLIFIC_PID=5f8d0c1e2a3b4c5d6e7f8a9b`)).status, 302);
  const glued = lines.filter((line) => line.glued !== undefined);
  assert.equal(glued.length, 1, JSON.stringify(lines));
  assert.equal(glued[0]!.level, 40);
  assert.equal(glued[0]!.waveId, wave.id);
  assert.equal(glued[0]!.glued, '… U+200B .');
  assert.match(String(glued[0]!.msg), /mend it where it was pasted/);
  assert.doesNotMatch(JSON.stringify(lines), /5f8d0c1e2a3b4c5d6e7f8a9b/);
  // A query in the path (attacker pass 41): its request line cuts the path after the mark, as the query string is
  // never logged; the panel ID was in the log.
  assert.equal((await request(logged).get(`/s/${wave.id}&RID=r-5512`)).status, 302);
  assert.equal((await request(logged).get(`/s/NoSuchWave123%3FRID%3Dr-5512`)).status, 404);
  assert.equal((await request(logged).get(`/s/NoSuchWave123%23RID%3Dr-5512`)).status, 404);
  // Attacker pass 44: a link encoded twice wrote its panel ID into the log whole.
  assert.equal((await request(logged).get(`/s/NoSuchWave123%253FRID%253Dr-5512`)).status, 404);
  await new Promise((resolve) => setTimeout(resolve, 0));
  const paths = lines.map((line) => line.path).filter((path) => path !== undefined).slice(-4);
  assert.deepEqual(paths, [`/s/${wave.id}&…`, '/s/NoSuchWave123%3F…', '/s/NoSuchWave123%23…', '/s/NoSuchWave123%253F…']);
  assert.doesNotMatch(JSON.stringify(lines), /r-5512/);
});

test('a browser asking for a page at any other path (a link mistyped or mangled) gets the polite HTML page, not JSON', async () => {
  // A browser's Accept header prefers HTML. The JSON 404 had no <html lang> and no <title> (axe: html-has-lang,
  // document-title), and showed a respondent raw JSON. `/s%2F<id>`: a link whose slash a mail client encoded.
  const browser = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
  for (const path of ['/nowhere', `/${wave.id}`, `/s%2F${wave.id}`, '/survey/abc?PROLIFIC_PID=x', '/dash', '/resume']) {
    const res = await request(app).get(path).set('Accept', browser);
    assert.equal(res.status, 404, path);
    assert.match(String(res.headers['content-type']), /text\/html/, path);
    assert.match(res.text, /<html lang="en" dir="ltr">/, path);
    assert.match(res.text, /<title>This survey link is not valid<\/title>/, path);
  }
  assert.match((await request(app).get('/nowhere?lang=es').set('Accept', browser)).text, /<html lang="es" dir="ltr">/);
  // A link mangled into invalid percent-encoding outside /s/: `/x%ff` names no route and got the polite page
  // already; `/assets/%ff` reaches a route whose parameter cannot be decoded and got the API's JSON 400.
  for (const path of ['/x%ff', '/%ff', '/x/abc%?PROLIFIC_PID=x', '/assets/%ff', '/assets/abc%']) {
    for (const method of ['get', 'head'] as const) {
      const res = await request(app)[method](path).set('Accept', browser);
      assert.equal(res.status, 404, `${method} ${path}`);
      assert.match(String(res.headers['content-type']), /text\/html/, `${method} ${path}`);
      if (method === 'get') assert.match(res.text, /<title>This survey link is not valid<\/title>/, path);
    }
  }
  assert.match((await request(app).get('/assets/%ff?lang=es').set('Accept', browser)).text, /<html lang="es" dir="ltr">/);
  // Scripts still get the JSON 400 that says what is wrong, and the API answers JSON to browsers too (as its 404 does).
  assert.equal((await request(app).get('/assets/%ff').set('Accept', 'application/json')).body.error.code, 'bad_request');
  assert.equal((await request(app).get('/api/participants/%ff/answers').set('Accept', browser)).body.error.code, 'bad_request');
  // A client that asks for JSON, or names no preference (curl, scripts), still gets the JSON error; so does HEAD-less POST.
  for (const accept of ['application/json', '*/*']) {
    const res = await request(app).get('/nowhere').set('Accept', accept);
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, 'not_found', accept);
  }
  assert.equal((await request(app).post('/nowhere').set('Accept', browser)).body.error.code, 'not_found');
});

// Walk-through 22: a researcher who typed /dashbord got the respondents' "This survey link is not valid", which
// leads nowhere. A mistyped researcher path now gets a researcher's 404 that links to the dashboard and home page,
// naming nothing of the server's waves; respondents' paths keep their own page, and scripts the JSON 404.
test('a browser at a mistyped researcher path gets a 404 page leading to the dashboard, and respondents keep theirs', async () => {
  const browser = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
  for (const path of ['/dashbord', '/Dashbaord', '/dashboard/extra', '/dashboard/waves/x?y=1', '/dashboards', '/researcher', '/researcher/waves', '/reseacher/x', '/researchers', '/research']) {
    for (const method of ['get', 'head'] as const) {
      const res = await request(app)[method](path).set('Accept', browser);
      assert.equal(res.status, 404, `${method} ${path}`);
      assert.match(String(res.headers['content-type']), /text\/html/, path);
      assert.equal(res.headers['cache-control'], 'no-cache', path);
      if (method === 'head') continue;
      assert.match(res.text, /<h1>No page at this address<\/h1>/, path);
      assert.match(res.text, /<a href="\/dashboard">the dashboard<\/a>/, path);
      assert.match(res.text, /<a href="\/">The server's home page<\/a>/, path);
      assert.ok(!res.text.includes(wave.id), 'no wave named');
      assert.doesNotMatch(res.text, /<script/, 'the page needs no script');
    }
  }
  for (const path of ['/s/dashbord', `/${wave.id}`, '/survey', '/s/NoSuchWave123']) {
    assert.match((await request(app).get(path).set('Accept', browser)).text, /<title>This survey link is not valid<\/title>/, path);
  }
  for (const accept of ['application/json', '*/*']) assert.equal((await request(app).get('/dashbord').set('Accept', accept)).body.error.code, 'not_found', accept);
  assert.match(String((await request(app).get('/api/researcher/wavez').set('Accept', browser)).headers['content-type']), /json/, 'the API answers JSON');
  assert.equal((await request(app).get('/dashboard').set('Accept', browser)).status, 200);
});

test('the home page says the server runs without listing any wave', async () => {
  const res = await request(app).get('/');
  assert.equal(res.status, 200);
  assert.match(res.text, /vignette-lab is running/);
  assert.ok(!res.text.includes(wave.id));
});

test('the CSP allows no inline code and no foreign host', async () => {
  const csp = String((await request(app).get(`/s/${wave.id}`)).headers['content-security-policy']);
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /style-src 'self'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https:|\*/);
});

test('hashed assets: pre-compressed by Accept-Encoding, cacheable for a year', async () => {
  const js = manifest['respondent.js']!;
  const original = readFileSync(`public/dist/${js}`);

  const br = await request(app).get(`/assets/${js}`).set('Accept-Encoding', 'gzip, deflate, br').buffer(true).parse(rawBody);
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(br.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(br.headers.vary, 'Accept-Encoding');
  assert.match(String(br.headers['content-type']), /text\/javascript/);
  // superagent decodes the body itself; the length shows that the pre-compressed sibling was sent.
  assert.equal(Number(br.headers['content-length']), readFileSync(`public/dist/${js}.br`).length);
  assert.ok((br.body as Buffer).equals(original));

  const gz = await request(app).get(`/assets/${js}`).set('Accept-Encoding', 'gzip, br;q=0').buffer(true).parse(rawBody);
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.equal(Number(gz.headers['content-length']), readFileSync(`public/dist/${js}.gz`).length);
  assert.ok((gz.body as Buffer).equals(original));

  const plain = await request(app).get(`/assets/${js}`).set('Accept-Encoding', 'identity').buffer(true).parse(rawBody);
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(Number(plain.headers['content-length']), original.length);
  assert.ok((plain.body as Buffer).equals(original));

  const css = await request(app).get(`/assets/${manifest['respondent.css']}`).set('Accept-Encoding', 'br');
  assert.match(String(css.headers['content-type']), /text\/css/);
  assert.equal(css.headers['content-encoding'], 'br');
});

test('the stylesheet is survey-core’s fontless one: no web font, no foreign URL', () => {
  const css = readFileSync(`public/dist/${manifest['respondent.css']}`, 'utf8');
  assert.ok(css.includes('.sd-root-modern'), 'SurveyJS styles are bundled');
  assert.doesNotMatch(css, /@font-face|@import|url\(\s*["']?https?:/);
});

test('unknown assets and paths are 404', async () => {
  assert.equal((await request(app).get('/assets/respondent-NOPE.js')).status, 404);
  assert.equal((await request(app).get('/assets/manifest.json')).status, 404);
  assert.equal((await request(app).get('/nothing')).status, 404);
  assert.equal((await request(app).get('/favicon.ico')).status, 204);
});

/** Collects the body as bytes (superagent would otherwise treat JavaScript as text). */
function rawBody(res: request.Response, done: (error: Error | null, body: Buffer) => void) {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}
