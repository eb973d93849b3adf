import assert from 'node:assert/strict';
import { test } from 'node:test';
import request from 'supertest';
import type { Express } from 'express';
import { COMPLETE_ALLIANCE_ANSWERS, completeSurvey } from './test-app.ts';
import { researcherAppSetup, startParticipant } from './researcher-support.ts';

const setup = researcherAppSetup();

const complete = (app: Express, code: string, extra: object = {}) => completeSurvey(app, code, { ...COMPLETE_ALLIANCE_ANSWERS, ...extra });

test('create, list and status over the researcher API; bad input is a 4xx JSON error', async () => {
  const t = await setup();
  const created = await t.post('/waves', { study: 'alliance-corrective-measures', target: 300, seed: 's1', completeUrl: 'https://p.example/done?id={PROLIFIC_PID}' });
  assert.equal(created.status, 201);
  assert.equal(created.headers.location, `/api/researcher/waves/${created.body.id}`);
  assert.equal(created.body.status, 'open');
  assert.equal(created.body.target, 300);
  assert.equal(created.body.cells.length, 48);

  const list = await t.get('/waves');
  assert.deepEqual(list.body.waves.map((w: { id: string }) => w.id), [t.wave.id, created.body.id]);

  for (const [body, status, pattern] of [
    [{ study: 'alliance-corrective-measures' }, 422, /target/],
    [{ study: 'alliance-corrective-measures', target: -1 }, 422, /target/],
    [{ study: 'alliance-corrective-measures', target: 10, completeUrl: 'javascript:alert(1)' }, 422, /completeUrl/],
    [{ study: 'alliance-corrective-measures', target: 10, colour: 'red' }, 422, /colour/],
    // A placeholder before the path would let whoever opens the link choose where respondents are sent.
    [{ study: 'alliance-corrective-measures', target: 10, completeUrl: 'https://{PROLIFIC_PID}/done' }, 422, /completeUrl: .*placeholder before the path/],
    [{ study: 'alliance-corrective-measures', target: 10, completeUrl: 'https://panel.example{PROLIFIC_PID}/' }, 422, /placeholder before the path/],
    [{ study: 'alliance-corrective-measures', target: 10, overquotaUrl: 'https://{RID}@panel.example/' }, 422, /overquotaUrl: .*placeholder before the path/],
    [{ study: 'alliance-corrective-measures', target: 10, screenoutUrl: 'https://x:{RID}@panel.example/' }, 422, /placeholder before the path/],
    [{ study: 'alliance-corrective-measures', target: 10, completeUrl: '{RID}://panel.example/' }, 422, /completeUrl/],
    // A link pasted without its scheme (walk-through 17): refused, with the URL meant.
    [{ study: 'alliance-corrective-measures', target: 10, completeUrl: 'prolific.com/x?cc={PROLIFIC_PID}' }, 422, /^completeUrl: "prolific\.com\/x\?cc=\{PROLIFIC_PID\}" is not an absolute URL \(did you mean "https:\/\/prolific\.com\/x\?cc=\{PROLIFIC_PID\}"\?\)$/],
    [{ study: 'alliance-corrective-measures', target: 10, screenoutUrl: 'app.prolific.com:443/out' }, 422, /^screenoutUrl: "app\.prolific\.com:443\/out" must be an http\(s\) URL \(did you mean "https:\/\/app\.prolific\.com:443\/out"\?\)$/],
    [{ study: 'alliance-corrective-measures', target: 10, completeUrl: 'mailto:team@panel.example' }, 422, /^completeUrl: "mailto:team@panel\.example" must be an http\(s\) URL$/],
    // Characters the URL parser drops or trims would make the stored template differ from the link followed;
    // PostgreSQL refused a NUL in it, and in the seed, with a 500.
    [{ study: 'alliance-corrective-measures', target: 10, completeUrl: 'https://panel.example/done\u0000' }, 422, /completeUrl: a URL must not contain spaces, line breaks or control characters/],
    [{ study: 'alliance-corrective-measures', target: 10, overquotaUrl: 'https://panel.example/\r\nX-Injected: 1' }, 422, /overquotaUrl: a URL must not contain/],
    [{ study: 'alliance-corrective-measures', target: 10, screenoutUrl: ' https://panel.example/out' }, 422, /screenoutUrl: a URL must not contain/],
    [{ study: 'alliance-corrective-measures', target: 10, completeUrl: 'https://panel.example/\tdone' }, 422, /completeUrl: a URL must not contain/],
    // Attacker pass 28: invisible characters (a zero-width space, a soft hyphen, a bidi mark) pasted with a completion
    // code from a document or a chat were stored and percent-encoded into every respondent's redirect (`cc=C1AB2CD3%E2%80%8B`),
    // so the panel would not know the code; nobody could see why.
    [{ study: 'alliance-corrective-measures', target: 10, completeUrl: 'https://app.prolific.com/submissions/complete?cc=C1AB2CD3\u200b' }, 422, /^completeUrl: a URL must not contain invisible characters: U\+200B at character 58 \(text copied from a document or a chat can carry one\); delete it, or percent-encode it \(%E2%80%8B\) if it is meant$/],
    [{ study: 'alliance-corrective-measures', target: 10, screenoutUrl: 'https://panel.example/out?c=AB\u00adCD' }, 422, /^screenoutUrl: a URL must not contain invisible characters: U\+00AD at character 31 /],
    [{ study: 'alliance-corrective-measures', target: 10, overquotaUrl: 'https://panel.example/full?c=\u202eDCBA' }, 422, /^overquotaUrl: a URL must not contain invisible characters: U\+202E /],
    [{ study: 'alliance-corrective-measures', target: 10, completeUrl: 'https://panel.example/done?c=\u{e0041}' }, 422, /^completeUrl: a URL must not contain invisible characters: U\+E0041 at character 30 .*\(%F3%A0%81%81\)/],
    // Attacker pass 40: the sentence a link was copied from (`… complete?cc=C1AB2CD3.`), its closing quote or bracket
    // (`<https://…>` with only the end selected) were stored and sent every respondent to a code the panel does not know.
    [{ study: 'alliance-corrective-measures', target: 10, completeUrl: 'https://app.prolific.com/submissions/complete?cc=C1AB2CD3.' }, 422, /^completeUrl: a URL must not end with "\." \(the full stop of a sentence it was copied from\?\); delete it, or percent-encode it \(%2E\) if it is meant$/],
    [{ study: 'alliance-corrective-measures', target: 10, screenoutUrl: 'https://panel.example/out?c=AB,' }, 422, /^screenoutUrl: a URL must not end with ","/],
    [{ study: 'alliance-corrective-measures', target: 10, overquotaUrl: 'https://panel.example/full?c=AB\u201d' }, 422, /^overquotaUrl: a URL must not end with "\u201d" .*\(%E2%80%9D\)/],
    [{ study: 'alliance-corrective-measures', target: 10, completeUrl: 'https://panel.example/done?c=AB>' }, 422, /^completeUrl: a URL must not end with ">"/],
    [{ study: 'alliance-corrective-measures', target: 10, completeUrl: 'https://panel.example/done?c=AB)' }, 422, /^completeUrl: a URL must not end with "\)"/],
    [{ study: 'alliance-corrective-measures', target: 10, completeUrl: "https://panel.example/done?c=AB'" }, 422, /^completeUrl: a URL must not end with "'"/],
    [{ study: 'alliance-corrective-measures', target: 10, seed: 'seed\u0000' }, 422, /seed: must not contain control characters or unpaired surrogates/],
    [{ study: 'alliance-corrective-measures', target: 10, seed: 'seed\ud800' }, 422, /seed: must not contain control characters or unpaired surrogates/],
    // One rule and one message for the target, here and in PATCH (wave-update.test.ts): past 2^53 it said
    // "at most 9007199254740991" (attacker pass 37).
    [{ study: 'alliance-corrective-measures', target: 10_000_001 }, 422, /^target: must be at most 10000000, got (10000001|1152921504606847000|1e\+300)$/],
    [{ study: 'alliance-corrective-measures', target: 2 ** 60 }, 422, /^target: must be at most 10000000, got (10000001|1152921504606847000|1e\+300)$/],
    [{ study: 'alliance-corrective-measures', target: 1e300 }, 422, /^target: must be at most 10000000, got (10000001|1152921504606847000|1e\+300)$/],
    [{ study: 'no-such-study', target: 10 }, 404, /no-such-study/],
    // A name no study can have is not looked up (PostgreSQL answered a NUL in it with a 500).
    [{ study: 'alliance-corrective-measures\u0000', target: 10 }, 404, /^no study "alliance-corrective-measures\u0000" \(did you mean "alliance-corrective-measures"\?\)$/],
    [{ study: 'Alliance Corrective Measures', target: 10 }, 404, /^no study/],
  ] as const) {
    const res = await t.post('/waves', body);
    assert.equal(res.status, status, JSON.stringify(res.body));
    assert.match(res.body.error.message, pattern);
  }
  const placeholders = await t.post('/waves', {
    study: 'alliance-corrective-measures',
    target: 10,
    completeUrl: 'https://panel.example/{participant}/done?pid={PROLIFIC_PID}&s={SESSION_ID}#{RID}',
  });
  assert.equal(placeholders.status, 201, 'placeholders in the path, query and fragment are fine');
  // A bracket the URL opened is its own (a wiki-style path), and a placeholder ends a template as it should.
  for (const completeUrl of ['https://panel.example/done_(pilot)', 'https://panel.example/done?c={PROLIFIC_PID}', 'https://panel.example/done/']) {
    assert.equal((await t.post('/waves', { study: 'alliance-corrective-measures', target: 10, completeUrl })).status, 201, completeUrl);
  }
  const notJson = await t.post('/waves').set('Content-Type', 'text/plain').send('target=3');
  assert.equal(notJson.status, 415);
  assert.equal((await t.get('/waves/nope')).status, 404);
  assert.equal((await t.get('/waves/AAAAAAAAAAAA')).status, 404);
  assert.equal((await t.post(`/waves/${t.wave.id}/explode`)).status, 404);
  assert.equal(await t.sql.value('SELECT COUNT(*) FROM waves'), 6, 'the setup\'s, the placeholders\' and the three above');
});

test('status reports completes, screen-outs, partials, the funnel and completes per cell', async () => {
  const t = await setup();
  const codes: string[] = [];
  for (let i = 0; i < 6; i++) codes.push((await startParticipant(t.app, t.wave.id, { PROLIFIC_PID: `p${i}` })).body.participant.code);
  await complete(t.app, codes[0]!);
  await complete(t.app, codes[1]!);
  await completeSurvey(t.app, codes[2]!, { consent: false });
  // One participant consented and saw the vignette, one only consented, one never left the consent page.
  await request(t.app).put(`/api/participants/${codes[3]}/answers`).send({ answers: { consent: true }, currentPage: 1 });
  const pre = { consent: true, age_group: '18-29', gender: 'female', education: 'college', region: 'west', party: 'democrat', attention_check: 'radio' };
  await request(t.app).put(`/api/participants/${codes[4]}/answers`).send({ answers: pre, currentPage: 3 });

  const res = await t.get(`/waves/${t.wave.id}`);
  assert.equal(res.status, 200);
  const s = res.body;
  assert.deepEqual(
    { completes: s.completes, screenouts: s.screenouts, overquota: s.overquota, partials: s.partials, target: s.target, status: s.status },
    { completes: 2, screenouts: 1, overquota: 0, partials: 3, target: 1000, status: 'open' },
  );
  assert.deepEqual(s.funnel, { started: 6, consented: 4, reachedVignette: 3, completed: 2 });
  assert.equal(s.treatmentStep, 'reached the vignette');
  // The pace a researcher watching a live wave asks for (newcomer16): completes of the last hour and day, the latest.
  const latest = await t.sql.value<string>("SELECT MAX(completed_at) FROM participants WHERE status = 'complete'");
  assert.deepEqual(s.pace, { lastHour: 2, lastDay: 2, lastCompleteAt: latest });
  const threeHoursAgo = new Date(Date.now() - 3 * 3600_000).toISOString();
  await t.sql.run('UPDATE participants SET completed_at = ? WHERE code = ?', threeHoursAgo, codes[0]!);
  assert.deepEqual((await t.get(`/waves/${t.wave.id}`)).body.pace, { lastHour: 1, lastDay: 2, lastCompleteAt: latest });
  assert.equal(s.cells.reduce((n: number, c: { completes: number }) => n + c.completes, 0), 2);
  assert.equal(s.cells.reduce((n: number, c: { assigned: number }) => n + c.assigned, 0), 6);
  const first = (await t.repos.participants.findByCode(codes[0]!))!;
  assert.ok(s.cells[first.cellIndex].completes >= 1);
  assert.equal(s.cells[first.cellIndex].regime, first.assignment.regime);
});

test('pause stops new starts with a polite 409 carrying the over-quota redirect; started participants finish; reopen', async () => {
  const t = await setup({ overquotaUrl: 'https://p.example/full?pid={PROLIFIC_PID}' });
  const inside = await startParticipant(t.app, t.wave.id, { PROLIFIC_PID: 'inside' });
  const paused = await t.post(`/waves/${t.wave.id}/pause`);
  assert.equal(paused.status, 200);
  assert.equal(paused.body.status, 'paused');

  const refused = await startParticipant(t.app, t.wave.id, { PROLIFIC_PID: 'late' });
  assert.equal(refused.status, 409);
  assert.deepEqual(refused.body.error, {
    code: 'wave_closed',
    message: `wave "${t.wave.id}" is paused and not accepting new participants for now`,
    waveStatus: 'paused',
    redirectUrl: 'https://p.example/full?pid=late',
  });
  const resumed = await startParticipant(t.app, t.wave.id, { PROLIFIC_PID: 'inside' });
  assert.equal(resumed.status, 200);
  assert.equal((await complete(t.app, inside.body.participant.code)).body.status, 'complete');

  assert.equal((await t.post(`/waves/${t.wave.id}/open`)).body.status, 'open');
  assert.equal((await startParticipant(t.app, t.wave.id, { PROLIFIC_PID: 'late' })).status, 201);

  const closed = await t.post(`/waves/${t.wave.id}/close`);
  assert.equal(closed.body.status, 'closed');
  const afterClose = await startParticipant(t.app, t.wave.id, {});
  assert.equal(afterClose.status, 409);
  assert.equal(afterClose.body.error.waveStatus, 'closed');
  assert.equal(afterClose.body.error.redirectUrl, 'https://p.example/full?pid=');
  const reopen = await t.post(`/waves/${t.wave.id}/open`);
  assert.equal(reopen.status, 409);
  assert.equal(reopen.body.error.code, 'conflict');
  assert.equal((await t.post(`/waves/${t.wave.id}/close`)).status, 200, 'closing twice is a no-op');
});

test('a wave closes itself in the transaction of the completion that reaches its target', async () => {
  const t = await setup({ target: 4 });
  // Spread over quota levels: the alliance quotas cap each age group and gender at ~105 % of its share of 4.
  const people = [
    { age_group: '18-29', gender: 'female' },
    { age_group: '30-44', gender: 'male' },
    { age_group: '30-44', gender: 'female' },
    { age_group: '45-64', gender: 'male' },
    { age_group: '45-64', gender: 'female' },
    { age_group: '65+', gender: 'male' },
  ];
  const starts = await Promise.all(people.map((_, i) => startParticipant(t.app, t.wave.id, { PROLIFIC_PID: `c${i}` })));
  const code = (i: number) => starts[i]!.body.participant.code as string;
  assert.equal((await complete(t.app, code(0), people[0])).body.status, 'complete');
  assert.equal((await completeSurvey(t.app, code(5), { consent: false })).body.status, 'screened_out');
  assert.equal((await complete(t.app, code(1), people[1])).body.status, 'complete');
  assert.equal((await t.repos.waves.get(t.wave.id))!.status, 'open', 'two completes of four: still open');
  // The rest finish at once: the fourth complete closes the wave; those already inside may still finish.
  const rest = await Promise.all([2, 3, 4].map((i) => complete(t.app, code(i), people[i])));
  assert.deepEqual(rest.map((r) => r.body.status), ['complete', 'complete', 'complete']);
  assert.equal((await t.repos.waves.get(t.wave.id))!.status, 'closed');
  const late = await startParticipant(t.app, t.wave.id, { PROLIFIC_PID: 'late' });
  assert.equal(late.status, 409);
  assert.equal(late.body.error.code, 'wave_closed');
  const status = await t.get(`/waves/${t.wave.id}`);
  assert.equal(status.body.completes, 5);
  assert.equal(status.body.progress, 1);
});
