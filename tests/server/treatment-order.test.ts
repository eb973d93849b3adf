// Randomization validity on the server (server/domain/treatment-order.ts): once the vignette was shown,
// pre-treatment answers cannot change; before it, outcome answers cannot be given. Refusals are 409 `conflict`
// and store nothing, whichever route they come by (save, quota step, completion).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import request from 'supertest';
import { mergeAnswers } from '../../server/domain/treatment-order.ts';
import { COMPLETE_ALLIANCE_ANSWERS, createTestApp, PRETREATMENT_ALLIANCE_ANSWERS, reachVignette } from './test-app.ts';
import { DEFAULT_CONFIG } from '../../server/config.ts';

/** A save or quota step past the quota step leases the slot for the whole (default) lease. */
const DEFAULT_LEASE = DEFAULT_CONFIG.quotaLeaseSeconds;

const t = await createTestApp({ target: 100 });
after(() => t.close());
const TREATMENT_PAGE = 3;

/** Every table a respondent request writes. */
const snapshot = () => Promise.all(['participants', 'answers', 'quota_slots', 'quality_flags'].map((table) => t.sql.all(`SELECT * FROM ${table} ORDER BY 1, 2, 3, 4`)));

async function started(pid: string) {
  return (await request(t.app).post(`/api/waves/${t.wave.id}/participants`).send({ panel: { PROLIFIC_PID: pid } })).body.participant.code as string;
}

async function refusedWithNothingStored(send: () => request.Test, message: RegExp) {
  const before = await snapshot();
  const res = await send();
  assert.equal(res.status, 409, JSON.stringify(res.body));
  assert.equal(res.body.error.code, 'conflict');
  assert.match(res.body.error.message, message);
  assert.deepEqual(await snapshot(), before, 'nothing stored');
}

test('after the vignette, a save, quota step or completion that changes a pre-treatment answer is refused and stores nothing', async () => {
  const code = await started('order-1');
  const quota = await reachVignette(t.app, code, { age_group: '18-29', gender: 'female' });
  assert.deepEqual(quota.body, { admitted: true, outcome: null, leaseSecondsLeft: DEFAULT_LEASE });
  assert.equal((await t.repos.participants.findByCode(code))!.currentPage, TREATMENT_PAGE, 'the quota step moves onto the vignette page');
  const shown = { ...PRETREATMENT_ALLIANCE_ANSWERS, age_group: '18-29', gender: 'female' };

  const changed = /answers\.age_group: pre-treatment answers cannot change after the vignette was shown/;
  await refusedWithNothingStored(() => request(t.app).put(`/api/participants/${code}/answers`).send({ answers: { ...shown, age_group: '65+', do_nothing: 1 }, currentPage: 4 }), changed);
  await refusedWithNothingStored(() => request(t.app).post(`/api/participants/${code}/quota-check`).send({ answers: { ...shown, age_group: '65+' } }), changed);
  await refusedWithNothingStored(
    () => request(t.app).post(`/api/participants/${code}/complete`).send({ answers: { ...COMPLETE_ALLIANCE_ANSWERS, age_group: '65+', gender: 'male' } }),
    changed,
  );
  // Withdrawing consent, or adding a pre-treatment answer not given before the vignette, is a change too.
  await refusedWithNothingStored(() => request(t.app).post(`/api/participants/${code}/complete`).send({ answers: { consent: false } }), /answers\.consent: pre-treatment/);

  // The page resends all its data: unchanged pre-treatment values with the outcomes are accepted.
  const save = await request(t.app).put(`/api/participants/${code}/answers`).send({ answers: { ...shown, do_nothing: 4 }, currentPage: 4 });
  assert.deepEqual(save.body, { saved: true, currentPage: 4, leaseSecondsLeft: DEFAULT_LEASE });
  const done = await request(t.app).post(`/api/participants/${code}/complete`).send({ answers: { ...COMPLETE_ALLIANCE_ANSWERS, ...shown, do_nothing: 4 } });
  assert.equal(done.body.status, 'complete');
  const p = (await t.repos.participants.findByCode(code))!;
  assert.deepEqual((await t.repos.answers.get(p.id, 'final'))!.answers, { ...COMPLETE_ALLIANCE_ANSWERS, ...shown, do_nothing: 4 });
  const slots = await t.sql.all('SELECT variable, level FROM quota_slots WHERE participant_id = ? ORDER BY variable', p.id);
  assert.deepEqual(slots, [{ variable: 'age_group', level: '18-29' }, { variable: 'gender', level: 'female' }], 'the quota slots match the final answers');
});

test('an answer that was missing before the vignette cannot be added after it', async () => {
  const code = await started('order-2');
  const { party: _omitted, ...withoutParty } = PRETREATMENT_ALLIANCE_ANSWERS;
  await request(t.app).post(`/api/participants/${code}/quota-check`).send({ answers: withoutParty }).expect(200);
  await refusedWithNothingStored(
    () => request(t.app).put(`/api/participants/${code}/answers`).send({ answers: { ...withoutParty, party: 'democrat' }, currentPage: 4 }),
    /answers\.party: pre-treatment answers cannot change/,
  );
});

test('before the vignette, outcome and post-treatment answers are refused by every route and store nothing', async () => {
  const code = await started('order-3');
  await request(t.app).put(`/api/participants/${code}/answers`).send({ answers: { consent: true }, currentPage: 1 }).expect(200);
  const early = /answers\.do_nothing: cannot be answered before the vignette was shown/;
  await refusedWithNothingStored(() => request(t.app).put(`/api/participants/${code}/answers`).send({ answers: { consent: true, do_nothing: 5 }, currentPage: 2 }), early);
  // Not even with the move onto the vignette page: the vignette is shown by that move, not before it.
  await refusedWithNothingStored(
    () => request(t.app).put(`/api/participants/${code}/answers`).send({ answers: { ...PRETREATMENT_ALLIANCE_ANSWERS, do_nothing: 5 }, currentPage: TREATMENT_PAGE }),
    early,
  );
  await refusedWithNothingStored(() => request(t.app).post(`/api/participants/${code}/quota-check`).send({ answers: { ...PRETREATMENT_ALLIANCE_ANSWERS, do_nothing: 5 } }), early);
  await refusedWithNothingStored(
    () => request(t.app).post(`/api/participants/${code}/complete`).send({ answers: { ...PRETREATMENT_ALLIANCE_ANSWERS, manipulation_check_regime: 'autocracy' } }),
    /answers\.manipulation_check_regime: cannot be answered before/,
  );
  // A completion straight after the start, as a client that skips the survey would send it.
  await refusedWithNothingStored(() => request(t.app).post(`/api/participants/${code}/complete`).send({ answers: COMPLETE_ALLIANCE_ANSWERS }), early);
  // Declining consent needs no vignette: it is a pre-treatment answer.
  const other = await started('order-4');
  assert.equal((await request(t.app).post(`/api/participants/${other}/complete`).send({ answers: { consent: false } })).body.status, 'screened_out');
});

test('the stored page never moves back, so the lock cannot be undone by a client that says it is on an earlier page', async () => {
  const code = await started('order-5');
  await reachVignette(t.app, code);
  const back = await request(t.app).put(`/api/participants/${code}/answers`).send({ answers: {}, currentPage: 1 });
  assert.deepEqual(back.body, { saved: true, currentPage: TREATMENT_PAGE, leaseSecondsLeft: DEFAULT_LEASE });
  await refusedWithNothingStored(
    () => request(t.app).put(`/api/participants/${code}/answers`).send({ answers: { ...PRETREATMENT_ALLIANCE_ANSWERS, gender: 'female' }, currentPage: 1 }),
    /answers\.gender: pre-treatment/,
  );
});

test('merged answers keep the stored ones under the incoming, in the order a spread gives, a key named __proto__ included', () => {
  const stored = { consent: true, age_group: '18-29', region: 'west' };
  const incoming = { age_group: '18-29', do_nothing: 2, consent: true };
  const merged = mergeAnswers(stored, incoming);
  assert.deepEqual(Object.entries(merged), [['consent', true], ['age_group', '18-29'], ['region', 'west'], ['do_nothing', 2]]);
  assert.equal(mergeAnswers(undefined, incoming), incoming);
  // JSON.parse makes __proto__ an own key; the merge keeps it as data and never changes the result's prototype.
  const hostile = JSON.parse('{"__proto__": ["x"], "do_nothing": 3}') as Record<string, unknown>;
  const withProto = mergeAnswers(stored, hostile);
  assert.equal(Object.getPrototypeOf(withProto), Object.prototype);
  assert.deepEqual(Object.keys(withProto), ['consent', 'age_group', 'region', '__proto__', 'do_nothing']);
  assert.deepEqual(JSON.parse(JSON.stringify(withProto)), JSON.parse('{"consent":true,"age_group":"18-29","region":"west","__proto__":["x"],"do_nothing":3}'));
});
