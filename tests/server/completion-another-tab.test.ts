// Attacker pass 12 (2026-12-04): the same link open in two tabs, both completed with different answers, got 200
// twice; the first completion was stored and the second tab's answers were dropped without a word. A completion
// is idempotent only as a retry: the same answers again get the stored outcome (200), other answers get
// `409 conflict` (the page then says the survey went on in another tab). Runs on the engine VLAB_TEST_ENGINE names.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import request from 'supertest';
import { COMPLETE_ALLIANCE_ANSWERS, createTestApp, reachVignette } from './test-app.ts';

const ANSWERS = { ...COMPLETE_ALLIANCE_ANSWERS, attention_check: 'radio' };
const OTHER_TAB = { ...ANSWERS, alliance_favorability: 5, contribution: 4 };

async function startedAtVignette(app: Parameters<typeof reachVignette>[0], waveId: string, pid: string): Promise<string> {
  const started = await request(app).post(`/api/waves/${waveId}/participants`).send({ panel: { PROLIFIC_PID: pid } });
  assert.equal(started.status, 201, JSON.stringify(started.body));
  const code = started.body.participant.code as string;
  assert.equal((await reachVignette(app, code, { attention_check: 'radio' })).status, 200);
  return code;
}

test('a second completion with other answers is 409 conflict and stores nothing; the same answers again are 200', async () => {
  const t = await createTestApp({ completeUrl: 'https://panel.example/done' });
  try {
    const code = await startedAtVignette(t.app, t.wave.id, 'tabs-1');
    const first = await request(t.app).post(`/api/participants/${code}/complete`).send({ answers: ANSWERS });
    assert.equal(first.status, 200);
    const other = await request(t.app).post(`/api/participants/${code}/complete`).send({ answers: OTHER_TAB });
    assert.equal(other.status, 409, JSON.stringify(other.body));
    assert.equal(other.body.error.code, 'conflict');
    assert.match(other.body.error.message, /another tab/);
    // A retry of the first (its answer lost), and one sending only some of the same answers: the stored outcome.
    for (const answers of [ANSWERS, { contribution: ANSWERS.contribution }, { ...ANSWERS, gender: null }]) {
      const retry = await request(t.app).post(`/api/participants/${code}/complete`).send({ answers });
      assert.equal(retry.status, 200, JSON.stringify(retry.body));
      assert.deepEqual(retry.body, first.body);
    }
    const stored = JSON.parse(await t.sql.value("SELECT answers_json FROM answers WHERE kind = 'final'"));
    assert.equal(stored.alliance_favorability, ANSWERS.alliance_favorability);
    assert.equal(await t.sql.value("SELECT COUNT(*) FROM answers WHERE kind = 'final'"), 1);
  } finally {
    t.close();
  }
});

test('two tabs completing at once with different answers: one 200 and stored, the other 409 (10 rounds)', async () => {
  const t = await createTestApp();
  try {
    for (let round = 0; round < 10; round++) {
      const code = await startedAtVignette(t.app, t.wave.id, `tabs-race-${round}`);
      const [a, b] = await Promise.all([ANSWERS, OTHER_TAB].map((answers) => request(t.app).post(`/api/participants/${code}/complete`).send({ answers })));
      assert.deepEqual([a!.status, b!.status].sort(), [200, 409], `round ${round}`);
      const winner = a!.status === 200 ? ANSWERS : OTHER_TAB;
      const id = await t.sql.value('SELECT id FROM participants WHERE code = ?', code);
      const stored = JSON.parse(await t.sql.value("SELECT answers_json FROM answers WHERE kind = 'final' AND participant_id = ?", id));
      assert.equal(stored.contribution, winner.contribution, `round ${round}: the 200 is the one stored`);
    }
  } finally {
    t.close();
  }
});

test('a screened-out participant completing from another tab with consent given is 409; the retry is 200', async () => {
  const t = await createTestApp();
  try {
    const started = await request(t.app).post(`/api/waves/${t.wave.id}/participants`).send({ panel: { PROLIFIC_PID: 'tabs-consent' } });
    const code = started.body.participant.code as string;
    const declined = await request(t.app).post(`/api/participants/${code}/complete`).send({ answers: { consent: false } });
    assert.equal(declined.body.status, 'screened_out');
    assert.equal((await request(t.app).post(`/api/participants/${code}/complete`).send({ answers: { consent: false } })).status, 200);
    const changed = await request(t.app).post(`/api/participants/${code}/complete`).send({ answers: ANSWERS });
    assert.equal(changed.status, 409);
    // Attacker pass 38: it said "this survey was already completed, continued in another tab…" to one who declined.
    assert.equal(changed.body.error.message, 'this survey already ended when consent was declined (screened out); these answers were not stored (answers.consent differs)');
    // Attacker pass 37b: back with the cookie, or with the panel ID on another device, the participant who declined
    // is the same one, screened out: no answers echoed, a save refused, the quota step answers the outcome again.
    const cookie = String(started.headers['set-cookie']).split(';')[0]!;
    for (const back of [
      request(t.app).post(`/api/waves/${t.wave.id}/participants`).set('Cookie', cookie).send({ panel: {} }),
      request(t.app).post(`/api/waves/${t.wave.id}/participants`).send({ panel: { PROLIFIC_PID: 'tabs-consent' } }),
    ]) {
      const resumed = await back;
      assert.equal(resumed.status, 200);
      assert.deepEqual([resumed.body.participant.code, resumed.body.participant.status, resumed.body.answers], [code, 'screened_out', {}]);
      assert.equal(resumed.body.outcome.status, 'screened_out');
    }
    assert.equal((await request(t.app).put(`/api/participants/${code}/answers`).send({ answers: { consent: true }, currentPage: 1 })).status, 409);
    const quota = await reachVignette(t.app, code);
    assert.deepEqual([quota.status, quota.body.admitted, quota.body.outcome.status], [200, false, 'screened_out']);
    assert.equal(await t.sql.value('SELECT COUNT(*) FROM participants'), 1);
    assert.deepEqual(JSON.parse(await t.sql.value("SELECT answers_json FROM answers WHERE kind = 'final'")), { consent: false });
    assert.equal(await t.sql.value('SELECT COUNT(*) FROM quota_slots'), 0, 'no slot taken');
  } finally {
    t.close();
  }
});
