import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Express } from 'express';
import request from 'supertest';
import { permutedBlockCell } from '../../server/domain/assignment.ts';
import { COMPLETE_ALLIANCE_ANSWERS, completeSurvey, createTestApp } from './test-app.ts';

const apps: { close(): void }[] = [];
async function setup(...args: Parameters<typeof createTestApp>) {
  const t = await createTestApp(...args);
  apps.push(t);
  return t;
}
after(() => apps.forEach((a) => a.close()));

const start = (app: Express, waveId: string, body: object = {}) =>
  request(app).post(`/api/waves/${waveId}/participants`).send(body);

test('start draws a condition on the server and stores the participant with draw index and probability', async () => {
  const { app, wave, repos } = await setup();
  const res = await start(app, wave.id, { panel: { PROLIFIC_PID: 'p-1', STUDY_ID: 's', SESSION_ID: 'x', utm_source: 'mail' } });
  assert.equal(res.status, 201);
  assert.match(res.body.participant.code, /^[A-Za-z0-9_-]{22}$/);
  assert.equal(res.body.participant.status, 'started');
  assert.deepEqual(res.body.answers, {});
  assert.equal(res.body.outcome, null);
  assert.match(String(res.headers['set-cookie']), new RegExp(`vlab_${wave.id}=${res.body.participant.code};.*HttpOnly`));

  const stored = (await repos.participants.findByCode(res.body.participant.code))!;
  assert.equal(stored.drawIndex, 0);
  assert.equal(stored.cellIndex, permutedBlockCell('test-seed', 0, 48));
  assert.equal(stored.assignmentProbability, 1 / 48);
  assert.deepEqual(stored.panelParams, { PROLIFIC_PID: 'p-1', STUDY_ID: 's', SESSION_ID: 'x' });
  assert.equal(stored.panelSource, 'prolific');
  assert.equal(Object.keys(stored.assignment).join(), 'regime,capability,treaty,behavior');
  // The survey shows the vignette text, never the codes of the condition.
  const survey = JSON.stringify(res.body.survey);
  assert.ok(!/"(regime|capability|treaty|behavior)"/.test(survey));
  assert.ok(!survey.includes(stored.assignment.behavior!) || stored.assignment.behavior === 'control');
});

test('100 starts with the same panel ID give one participant and one condition', async () => {
  const { app, wave, sql } = await setup();
  const codes = new Set<string>();
  const vignettes = new Set<string>();
  for (let i = 0; i < 100; i++) {
    const res = await start(app, wave.id, { panel: { workerId: 'A1B2C3' } });
    assert.equal(res.status, i === 0 ? 201 : 200);
    codes.add(res.body.participant.code);
    vignettes.add(JSON.stringify(res.body.survey));
  }
  assert.equal(codes.size, 1);
  assert.equal(vignettes.size, 1);
  assert.equal(await sql.value('SELECT COUNT(*) FROM participants'), 1);
});

test('the session cookie makes a participant without panel ID sticky; a new browser gets a new draw', async () => {
  const { app, wave } = await setup();
  const agent = request.agent(app);
  const first = await agent.post(`/api/waves/${wave.id}/participants`).send({});
  const again = await agent.post(`/api/waves/${wave.id}/participants`).send({});
  assert.equal(again.status, 200);
  assert.equal(again.body.participant.code, first.body.participant.code);
  const other = await start(app, wave.id);
  assert.equal(other.status, 201);
  assert.notEqual(other.body.participant.code, first.body.participant.code);
});

test('600 starts: after each completed block of 48 every cell has the same count, and never differs by more than 1', async () => {
  const { app, wave, repos } = await setup();
  const counts = new Array<number>(48).fill(0);
  for (let i = 0; i < 600; i++) {
    const res = await start(app, wave.id, { panel: { RID: `rid-${i}` } });
    assert.equal(res.status, 201);
    counts[(await repos.participants.findByCode(res.body.participant.code))!.cellIndex]! += 1;
    assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, `after ${i + 1} starts: ${counts.join(',')}`);
    if ((i + 1) % 48 === 0) assert.ok(counts.every((c) => c === (i + 1) / 48));
  }
  assert.deepEqual([...(await repos.assignmentCounters.countsByCell(wave.id)).values()], counts);
});

test('200 concurrent starts get unique draw indices with no gaps, following the seeded sequence', async () => {
  const { app, wave, repos } = await setup();
  const responses = await Promise.all(
    Array.from({ length: 200 }, (_, i) => start(app, wave.id, { panel: { PROLIFIC_PID: `concurrent-${i}` } })),
  );
  assert.ok(responses.every((r) => r.status === 201));
  const participants = (await repos.participants.listByWave(wave.id));
  assert.equal(participants.length, 200);
  assert.deepEqual(participants.map((p) => p.drawIndex), Array.from({ length: 200 }, (_, i) => i));
  for (const p of participants) assert.equal(p.cellIndex, permutedBlockCell(wave.seed, p.drawIndex, 48));
});

test('a condition supplied by the client is ignored', async () => {
  const { app, wave, repos } = await setup({ seed: 'ignore-client' });
  const expected = permutedBlockCell('ignore-client', 0, 48);
  const forced = expected === 0 ? 1 : 0;
  const res = await request(app)
    .post(`/api/waves/${wave.id}/participants?regime=autocracy&cell=${forced}`)
    .send({ assignment: { regime: 'autocracy', behavior: 'evict_troops' }, cellIndex: forced, drawIndex: 99, condition: forced });
  assert.equal(res.status, 201);
  const p = (await repos.participants.findByCode(res.body.participant.code))!;
  assert.equal(p.drawIndex, 0);
  assert.equal(p.cellIndex, expected);
  // Nor can answers carry a factor: it is not a question of the survey.
  const save = await request(app)
    .put(`/api/participants/${p.code}/answers`)
    .send({ answers: { consent: true, regime: 'autocracy' }, currentPage: 1 });
  assert.equal(save.status, 422);
  assert.deepEqual((await repos.participants.findByCode(p.code))!.assignment, p.assignment);
});

test('partial answers are saved and a resumed participant gets them back with their page (their browser: the cookie)', async () => {
  const { app, wave, repos } = await setup();
  const agent = request.agent(app);
  const first = await agent.post(`/api/waves/${wave.id}/participants`).send({ panel: { rid: 'r-7' } });
  const code = first.body.participant.code as string;
  const saved = await agent
    .put(`/api/participants/${code}/answers`)
    .send({ answers: { consent: true, age_group: '18-29', gender: 'female' }, currentPage: 2 });
  assert.equal(saved.status, 200);
  assert.deepEqual(saved.body, { saved: true, currentPage: 2, leaseSecondsLeft: null }, 'no lease before the quota step');
  const resumed = await agent.post(`/api/waves/${wave.id}/participants`).send({ panel: { rid: 'r-7' } });
  assert.equal(resumed.body.participant.code, code);
  assert.equal(resumed.body.participant.currentPage, 2);
  assert.deepEqual(resumed.body.answers, { consent: true, age_group: '18-29', gender: 'female' });
  assert.equal((await repos.participants.findByCode(code))!.panelSource, 'lucid');
});

test('completing twice stores one completion; the redirect carries the panel parameters', async () => {
  const { app, wave, sql, repos } = await setup({
    completeUrl: 'https://panel.example/complete?RID={RID}&pid={PROLIFIC_PID}&code=C0DE',
  });
  const started = await start(app, wave.id, { panel: { RID: 'r&d/1' } });
  const code = started.body.participant.code as string;
  const first = await completeSurvey(app, code);
  assert.equal(first.status, 200);
  assert.deepEqual(first.body, { status: 'complete', redirectUrl: 'https://panel.example/complete?RID=r%26d%2F1&pid=&code=C0DE' });
  const completedAt = (await repos.participants.findByCode(code))!.completedAt;

  // A retry (the same answers) gets the same outcome; other answers (another tab, attack12) are a conflict.
  const retry = await request(app).post(`/api/participants/${code}/complete`).send({ answers: COMPLETE_ALLIANCE_ANSWERS });
  assert.equal(retry.status, 200);
  assert.deepEqual(retry.body, first.body);
  const second = await request(app)
    .post(`/api/participants/${code}/complete`)
    .send({ answers: { ...COMPLETE_ALLIANCE_ANSWERS, do_nothing: 5 } });
  assert.equal(second.status, 409);
  assert.equal(second.body.error.code, 'conflict');
  assert.equal(await sql.value("SELECT COUNT(*) FROM answers WHERE kind = 'final'"), 1);
  const final = (await repos.answers.get((await repos.participants.findByCode(code))!.id, 'final'))!;
  assert.equal(final.answers.do_nothing, 2);
  assert.deepEqual(final.derived, { attention_pass: 0, vignette_reopened: 0 });
  assert.equal((await repos.participants.findByCode(code))!.completedAt, completedAt);

  // A finished participant coming back sees their outcome, not the survey again; late partial saves are refused.
  const back = await start(app, wave.id, { panel: { RID: 'r&d/1' } });
  assert.deepEqual(back.body.outcome, first.body);
  const late = await request(app).put(`/api/participants/${code}/answers`).send({ answers: {}, currentPage: 1 });
  assert.equal(late.status, 409);
});

test('declining consent screens the participant out to the screen-out URL', async () => {
  const { app, wave, repos } = await setup({ screenoutUrl: 'https://panel.example/screenout?worker={workerId}' });
  const started = await start(app, wave.id, { panel: { workerId: 'W9' } });
  const res = await request(app).post(`/api/participants/${started.body.participant.code}/complete`).send({ answers: { consent: false } });
  assert.deepEqual(res.body, { status: 'screened_out', redirectUrl: 'https://panel.example/screenout?worker=W9' });
  const p = (await repos.participants.findByCode(started.body.participant.code))!;
  assert.equal(p.status, 'screened_out');
  assert.equal(p.screenoutReason, 'consent_declined');
});

test('attention_pass is 1 when the check is passed', async () => {
  const { app, wave, repos } = await setup();
  const started = await start(app, wave.id);
  const done = await completeSurvey(app, started.body.participant.code, { ...COMPLETE_ALLIANCE_ANSWERS, attention_check: 'radio' });
  assert.deepEqual([done.status, done.body], [200, { status: 'complete', redirectUrl: null }]);
  const p = (await repos.participants.findByCode(started.body.participant.code))!;
  assert.deepEqual((await repos.answers.get(p.id, 'final'))!.derived, { attention_pass: 1, vignette_reopened: 0 });
});

test('a stored participant is returned as a read of its row gives it back (SQLite builds it without reading the row again)', async () => {
  const { wave, store, repos } = await setup();
  for (const [i, locale] of [undefined, 'de'].entries()) {
    const inserted = await store.write((tx) =>
      tx.participants.insert({
        code: `insertedParticipant${i}xyz`,
        publicRef: `ref${i}`,
        waveId: wave.id,
        panelSource: i ? null : 'prolific',
        panelId: i ? null : 'pid-7',
        panelParams: i ? {} : { PROLIFIC_PID: 'pid-7', STUDY_ID: 's' },
        drawIndex: 40 + i,
        cellIndex: 3,
        assignment: { regime: 'democracy' },
        assignmentProbability: 0.125,
        startedAt: '2026-12-02T22:00:00.000Z',
        ...(locale ? { locale } : {}),
      }),
    );
    assert.deepEqual(inserted, await repos.participants.findByCode(`insertedParticipant${i}xyz`));
    assert.equal(inserted.locale, locale ?? 'en');
  }
});
