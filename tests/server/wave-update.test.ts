import assert from 'node:assert/strict';
import { test } from 'node:test';
import request from 'supertest';
import { COMPLETE_ALLIANCE_ANSWERS, completeSurvey } from './test-app.ts';
import { researcherAppSetup, startParticipant } from './researcher-support.ts';

// Runs on SQLite, and again on PostgreSQL (scripts/run-tests.mjs, POSTGRES_SUITE): no SQL of its own.
const setup = researcherAppSetup();

async function patchSetup(...args: Parameters<ReturnType<typeof researcherAppSetup>>) {
  const t = await setup(...args);
  const patch = (waveId: string, body: unknown) =>
    request(t.app).patch(`/api/researcher/waves/${waveId}`).set('Authorization', `Bearer ${t.token}`).send(body as object);
  /** A body sent as written, under the Content-Type given (a refused one, a merge patch, a name JSON.parse keeps). */
  const sendRaw = (method: 'patch' | 'post', path: string, contentType: string, text: string) =>
    request(t.app)[method](`/api/researcher${path}`).set('Authorization', `Bearer ${t.token}`).set('Content-Type', contentType).send(text);
  return { ...t, patch, sendRaw };
}

test('PATCH a wave: redirects and target change, each change is logged with the token, and respondents get the new redirect', async () => {
  const t = await patchSetup({ completeUrl: 'https://old.example/done?pid={PROLIFIC_PID}', screenoutUrl: 'https://old.example/out' });
  const res = await t.patch(t.wave.id, {
    completeUrl: 'https://panel.example/done?pid={PROLIFIC_PID}&ref={participant}',
    screenoutUrl: null,
    target: 500,
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.completeUrl, 'https://panel.example/done?pid={PROLIFIC_PID}&ref={participant}');
  assert.equal(res.body.screenoutUrl, null);
  assert.equal(res.body.target, 500);
  assert.equal(res.body.status, 'open');
  assert.deepEqual(
    res.body.changes.map((c: { field: string; oldValue: unknown; newValue: unknown; by: string }) => [c.field, c.oldValue, c.newValue, c.by]),
    [
      ['target', 1000, 500, 'token:test researcher'],
      ['completeUrl', 'https://old.example/done?pid={PROLIFIC_PID}', 'https://panel.example/done?pid={PROLIFIC_PID}&ref={participant}', 'token:test researcher'],
      ['screenoutUrl', 'https://old.example/out', null, 'token:test researcher'],
    ],
  );
  assert.ok(res.body.changes.every((c: { at: string }) => c.at === res.body.updatedAt), 'one update, one time');

  // The same value again is no change, and is not logged.
  assert.equal((await t.patch(t.wave.id, { target: 500 })).body.changes.length, 3);
  // The wave detail shows the log too (computed in a researcher worker).
  const detail = await t.get(`/waves/${t.wave.id}`);
  assert.equal(detail.body.changes.length, 3);
  assert.equal(detail.body.changes[0].field, 'target');

  const started = await startParticipant(t.app, t.wave.id, { PROLIFIC_PID: 'p1' });
  const done = await completeSurvey(t.app, started.body.participant.code);
  assert.equal(done.body.status, 'complete');
  assert.match(done.body.redirectUrl, /^https:\/\/panel\.example\/done\?pid=p1&ref=[0-9a-f]{16}$/);
  const out = await startParticipant(t.app, t.wave.id, { PROLIFIC_PID: 'p2' });
  const screened = await completeSurvey(t.app, out.body.participant.code, { consent: false });
  assert.equal(screened.body.status, 'screened_out');
  assert.equal(screened.body.redirectUrl, null, 'the screen-out redirect was removed');
});

test('PATCH is validated as wave create is: placeholders only after the host, fixed settings named, 4xx never 500', async () => {
  const t = await patchSetup();
  for (const [body, status, pattern] of [
    [{ completeUrl: 'https://{PROLIFIC_PID}/done' }, 422, /^completeUrl: .*placeholder before the path/],
    [{ overquotaUrl: 'https://{RID}@panel.example/' }, 422, /^overquotaUrl: .*placeholder before the path/],
    [{ screenoutUrl: 'javascript:alert(1)' }, 422, /^screenoutUrl: /],
    [{ target: 0 }, 422, /^target: /],
    [{ target: 2.5 }, 422, /^target: /],
    [{ target: 10_000_001 }, 422, /^target: must be at most 10000000, got (10000001|1152921504606847000|1e\+300)$/],
    [{ target: 2 ** 60 }, 422, /^target: must be at most 10000000, got (10000001|1152921504606847000|1e\+300)$/],
    [{ seed: 'other' }, 422, /^seed: .*cannot change/],
    [{ study: 'protege-bargaining' }, 422, /^study: /],
    [{ colour: 'red' }, 422, /^colour: not a setting of a wave that can change \(target, completeUrl, screenoutUrl, overquotaUrl, locale can\)/],
    [{ locale: 'xx' }, 422, /^locale: "xx" is not a locale of study "alliance-corrective-measures"/],
    [{}, 422, /^nothing to change/],
    [[1, 2], 422, /expected an object, got a list/],
    // The URL parser would drop these from the link; PostgreSQL refused the NUL with a 500.
    [{ completeUrl: 'https://panel.example/done\u0000' }, 422, /^completeUrl: a URL must not contain spaces, line breaks or control characters/],
    [{ screenoutUrl: 'https://panel.example/out\r\nX-Injected: 1' }, 422, /^screenoutUrl: a URL must not contain/],
    // Attacker pass 28: an invisible character pasted with a completion code would be sent percent-encoded in it.
    [{ completeUrl: 'https://app.prolific.com/submissions/complete?cc=C1AB2CD3\u2060' }, 422, /^completeUrl: a URL must not contain invisible characters: U\+2060 at character 58 /],
  ] as const) {
    const res = await t.patch(t.wave.id, body);
    assert.equal(res.status, status, `${JSON.stringify(body)}: ${JSON.stringify(res.body)}`);
    assert.equal(res.body.error.code, 'invalid_input');
    assert.match(res.body.error.message, pattern);
  }
  // zod's record drops a `__proto__` key silently: it must be refused by name, not read as an empty body.
  const proto = await t.sendRaw('patch', `/waves/${t.wave.id}`, 'application/json', '{"__proto__":{"target":5}}');
  assert.equal(proto.status, 422);
  assert.match(proto.body.error.message, /^\(root\): unknown field "__proto__"/);
  assert.equal((await t.patch('NoSuchWave1', { target: 5 })).status, 404);
  assert.equal((await t.patch('bad id!', { target: 5 })).status, 404);
  const unauthorized = await request(t.app).patch(`/api/researcher/waves/${t.wave.id}`).send({ target: 5 });
  assert.equal(unauthorized.status, 401);
  const after = await t.get(`/waves/${t.wave.id}`);
  assert.deepEqual([after.body.target, after.body.completeUrl, after.body.changes], [1000, null, []], 'nothing refused was written');
});

test('a target lowered to the completes closes the wave as the completion reaching it would; raising it does not reopen it', async () => {
  const t = await patchSetup({ target: 10 });
  const people = [
    { age_group: '18-29', gender: 'female' },
    { age_group: '30-44', gender: 'male' },
    { age_group: '45-64', gender: 'female' },
  ];
  for (const [i, who] of people.entries()) {
    const started = await startParticipant(t.app, t.wave.id, { PROLIFIC_PID: `c${i}` });
    assert.equal((await completeSurvey(t.app, started.body.participant.code, { ...COMPLETE_ALLIANCE_ANSWERS, ...who })).body.status, 'complete');
  }
  const inside = await startParticipant(t.app, t.wave.id, { PROLIFIC_PID: 'inside' });
  // Above the completes: still open.
  assert.equal((await t.patch(t.wave.id, { target: 4 })).body.status, 'open');
  // Paused, then lowered to the completes: closed (the auto-close applies to a paused wave too).
  assert.equal((await t.post(`/waves/${t.wave.id}/pause`)).body.status, 'paused');
  const lowered = await t.patch(t.wave.id, { target: 3 });
  assert.equal(lowered.status, 200);
  assert.deepEqual([lowered.body.status, lowered.body.target, lowered.body.completes, lowered.body.progress], ['closed', 3, 3, 1]);
  const late = await startParticipant(t.app, t.wave.id, { PROLIFIC_PID: 'late' });
  assert.equal(late.status, 409);
  assert.equal(late.body.error.code, 'wave_closed');
  // Those already inside may still finish, as after any close.
  assert.equal((await completeSurvey(t.app, inside.body.participant.code, { ...COMPLETE_ALLIANCE_ANSWERS, age_group: '65+', gender: 'male' })).body.status, 'complete');
  const raised = await t.patch(t.wave.id, { target: 50 });
  assert.deepEqual([raised.body.status, raised.body.target], ['closed', 50], 'a closed wave stays closed');
  assert.deepEqual(
    raised.body.changes.map((c: { field: string; oldValue: number | string; newValue: number | string }) => [c.field, c.oldValue, c.newValue]),
    [['target', 10, 4], ['status', 'open', 'paused'], ['target', 4, 3], ['target', 3, 50]],
  );
});

test('the default locale of a bilingual wave changes for participants who start afterwards; one the study lacks is refused', async () => {
  const t = await patchSetup();
  const created = await t.post('/waves', { study: 'bus-line-funding', target: 50 });
  assert.equal(created.body.locale, 'en');
  const before = await startParticipant(t.app, created.body.id, { PROLIFIC_PID: 'before' });
  const changed = await t.patch(created.body.id, { locale: 'es' });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.deepEqual(changed.body.changes.map((c: { field: string; oldValue: string; newValue: string }) => [c.field, c.oldValue, c.newValue]), [['locale', 'en', 'es']]);
  const afterwards = await startParticipant(t.app, created.body.id, { PROLIFIC_PID: 'after' });
  const locale = async (code: string) => (await t.repos.participants.findByCode(code))!.locale;
  assert.equal(await locale(before.body.participant.code), 'en', 'who started before keeps their language');
  assert.equal(await locale(afterwards.body.participant.code), 'es');
  const refused = await t.patch(created.body.id, { locale: 'fr' });
  assert.equal(refused.status, 422);
  assert.equal(refused.body.error.message, 'locale: "fr" is not a locale of study "bus-line-funding" (en, es)');
});

// Attacker pass 38: the body of a PATCH is a JSON merge patch (RFC 7396: a name with null removes that setting), and
// clients that say so — `application/merge-patch+json` — were refused (415). Only PATCH takes it.
test('PATCH takes application/merge-patch+json; other verbs refuse it in words; a 415 to PATCH says what it accepts (Accept-Patch)', async () => {
  const t = await patchSetup({ screenoutUrl: 'https://old.example/out' });
  const patched = await t.sendRaw('patch', `/waves/${t.wave.id}`, 'application/merge-patch+json; charset=utf-8', '{"target":400,"screenoutUrl":null}');
  assert.equal(patched.status, 200, JSON.stringify(patched.body));
  assert.deepEqual([patched.body.target, patched.body.screenoutUrl], [400, null]);

  const broken = await t.sendRaw('patch', `/waves/${t.wave.id}`, 'application/merge-patch+json', '{"target":400,}');
  assert.equal(broken.status, 400);
  assert.match(broken.body.error.message, /^the request body is not valid JSON: line 1, column 14: a comma after the last item/);

  const jsonPatch = await t.sendRaw('patch', `/waves/${t.wave.id}`, 'application/json-patch+json', '[{"op":"replace","path":"/target","value":5}]');
  assert.equal(jsonPatch.status, 415);
  assert.equal(jsonPatch.headers['accept-patch'], 'application/json, application/merge-patch+json');
  assert.match(jsonPatch.body.error.message, /^the request body must be JSON \(Content-Type: application\/json or application\/merge-patch\+json\)/);

  const created = await t.sendRaw('post', '/waves', 'application/merge-patch+json', '{"study":"alliance-corrective-measures","target":5}');
  assert.equal(created.status, 415);
  assert.match(created.body.error.message, /^the request body must be JSON \(Content-Type: application\/json\); application\/merge-patch\+json is for PATCH/);
  assert.equal((await t.get(`/waves/${t.wave.id}`)).body.target, 400, 'only the merge patch changed the wave');
});

// Attacker pass 38: a 60,000-character name in a PATCH and 1,500 query parameters on an export were echoed whole.
test('PATCH and the export name a long unknown name cut to 40 characters, and at most 10 unknown parameters', async () => {
  const t = await patchSetup();
  const long = await t.patch(t.wave.id, { ['x'.repeat(60_000)]: 1 });
  assert.equal(long.status, 422);
  assert.match(long.body.error.message, new RegExp(`^${'x'.repeat(40)}…: not a setting of a wave that can change`));
  const query = Array.from({ length: 1500 }, (_, i) => `a${i}=1`).join('&');
  const many = await t.get(`/waves/${t.wave.id}/export?format=json&${query}`);
  assert.equal(many.status, 422);
  assert.equal(many.body.error.message, 'query parameters "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9" and 989 more: not taken here (it takes format, status, excel)');
});
