// Saves applied in the order the page made them (docs/api.md, saveOrder; server/services/respondent-service.ts
// savePartial). The keepalive save sent as the tab is hidden can reach the server before an ordinary save already in
// flight, and a retry can arrive late: the older save then landed last and overwrote the respondent's newer answer.
// Runs on SQLite and, through scripts/run-tests.mjs POSTGRES_SUITE, on PostgreSQL.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import request from 'supertest';
import { SAVE_SESSIONS_KEPT } from '../../server/storage/save-sequence-repository.ts';
import { COMPLETE_ALLIANCE_ANSWERS, PRETREATMENT_ALLIANCE_ANSWERS, createTestApp, reachVignette } from './test-app.ts';

const t = await createTestApp({ target: 100 });
after(() => t.close());

async function started(pid: string) {
  return (await request(t.app).post(`/api/waves/${t.wave.id}/participants`).send({ panel: { PROLIFIC_PID: pid } })).body.participant.code as string;
}
const participantOf = async (code: string) => (await t.repos.participants.findByCode(code))!;
const partialOf = async (code: string) => (await t.repos.answers.get((await participantOf(code)).id, 'partial'))?.answers;
const save = (code: string, answers: Record<string, unknown>, currentPage: number, saveOrder?: { pageSession: string; sequence: number }) =>
  request(t.app).put(`/api/participants/${code}/answers`).send(saveOrder ? { answers, currentPage, saveOrder } : { answers, currentPage });

const TAB = 'tab0a1b2c3d4e5f6';
const OTHER_TAB = 'tab9f8e7d6c5b4a3';

test('save 2 of a page, then its save 1 arriving late: save 2 stays, and save 1 is acknowledged all the same', async () => {
  const code = await started('order-1');
  // Save 1 (the ordinary save, held up on the way) carried the whole page; save 2 (the keepalive) only the change.
  const second = await save(code, { age_group: '30-44' }, 1, { pageSession: TAB, sequence: 2 });
  assert.deepEqual(second.body, { saved: true, currentPage: 1, leaseSecondsLeft: null });
  const first = await save(code, { consent: true, age_group: '18-29', gender: 'female' }, 1, { pageSession: TAB, sequence: 1 });
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.deepEqual(first.body, { saved: true, currentPage: 1, leaseSecondsLeft: null }, 'acknowledged, so the page does not send it again');
  assert.deepEqual(await partialOf(code), { age_group: '30-44' }, 'the answer given last wins; nothing of the older save is stored');
});

test('a save older than one applied changes neither the page reached nor the quota lease', async () => {
  const code = await started('order-2');
  assert.equal((await reachVignette(t.app, code)).body.admitted, true);
  await save(code, { do_nothing: 4 }, 4, { pageSession: TAB, sequence: 7 });
  const before = await participantOf(code);
  const leaseBefore = await t.repos.quotaSlots.leaseEndsAt(before.id);
  assert.notEqual(leaseBefore, null, 'the alliance study has quotas: the participant holds a lease');
  await new Promise((resolve) => setTimeout(resolve, 5));
  const late = await save(code, { do_nothing: 1, contribution: 2 }, 5, { pageSession: TAB, sequence: 6 });
  assert.equal(late.body.saved, true);
  assert.equal(late.body.currentPage, 4, 'the page the participant has reached, not the late save’s');
  assert.equal(typeof late.body.leaseSecondsLeft, 'number', 'the lease as it stands');
  assert.equal((await participantOf(code)).currentPage, 4);
  assert.equal((await partialOf(code))!.do_nothing, 4);
  assert.equal(Object.hasOwn((await partialOf(code))!, 'contribution'), false);
  assert.equal((await participantOf(code)).updatedAt, before.updatedAt);
  assert.equal(await t.repos.quotaSlots.leaseEndsAt(before.id), leaseBefore);
});

test('the same save again (a retry whose answer was lost) is applied again; a later save of the page still applies', async () => {
  const code = await started('order-3');
  await save(code, { consent: true, age_group: '18-29' }, 1, { pageSession: TAB, sequence: 3 });
  assert.equal((await save(code, { consent: true, age_group: '18-29' }, 1, { pageSession: TAB, sequence: 3 })).body.saved, true);
  await save(code, { age_group: '45-64' }, 1, { pageSession: TAB, sequence: 4 });
  assert.deepEqual(await partialOf(code), { consent: true, age_group: '45-64' });
});

test('two tabs do not compare their numbers: each tab’s save applies over the other’s, and each ignores only its own older saves', async () => {
  const code = await started('order-4');
  await save(code, { consent: true, age_group: '18-29' }, 1, { pageSession: TAB, sequence: 9 });
  await save(code, { age_group: '30-44' }, 1, { pageSession: OTHER_TAB, sequence: 1 });
  assert.equal((await partialOf(code))!.age_group, '30-44', 'the other tab’s first save is newer than nothing it sent');
  await save(code, { age_group: '65+' }, 1, { pageSession: TAB, sequence: 8 });
  assert.equal((await partialOf(code))!.age_group, '30-44', 'the first tab’s late save 8 is older than its save 9');
  await save(code, { age_group: '65+' }, 1, { pageSession: TAB, sequence: 10 });
  assert.equal((await partialOf(code))!.age_group, '65+');
});

test('a page without saveOrder (an older bundle still open) is saved as before: the save that arrives last wins', async () => {
  const code = await started('order-5');
  await save(code, { consent: true, age_group: '30-44' }, 1);
  await save(code, { age_group: '18-29' }, 1);
  assert.deepEqual(await partialOf(code), { consent: true, age_group: '18-29' });
});

const saveRowsOf = async (code: string) => Number(await t.sql.value('SELECT COUNT(*) FROM save_sequences WHERE participant_id = ?', (await participantOf(code)).id));

test('completion stays final: a late save, numbered or not, is refused as before (409)', async () => {
  const code = await started('order-6');
  assert.equal((await save(code, { consent: true }, 1, { pageSession: TAB, sequence: 1 })).status, 200);
  assert.equal((await save(code, { consent: true }, 1, { pageSession: OTHER_TAB, sequence: 1 })).status, 200);
  assert.equal((await reachVignette(t.app, code)).body.admitted, true);
  assert.equal(await saveRowsOf(code), 2);
  assert.equal((await request(t.app).post(`/api/participants/${code}/complete`).send({ answers: COMPLETE_ALLIANCE_ANSWERS })).body.status, 'complete');
  // The page sessions' rows go with the completion (save_sequences is not left to grow by a row per page load).
  assert.equal(await saveRowsOf(code), 0);
  assert.equal((await save(code, { do_nothing: 5 }, 5, { pageSession: TAB, sequence: 1 })).status, 409);
  assert.equal((await save(code, { do_nothing: 5 }, 5, { pageSession: TAB, sequence: 9 })).status, 409);
  assert.equal((await save(code, { do_nothing: 5 }, 5)).status, 409);
  assert.equal(await saveRowsOf(code), 0);
  assert.equal((await t.repos.answers.get((await participantOf(code)).id, 'final'))!.answers.do_nothing, COMPLETE_ALLIANCE_ANSWERS.do_nothing);
});

test('a participant turned away over quota leaves no save rows; those admitted keep theirs', async () => {
  // A wave of target 20: age 18–29 admits 5 (its quota); the sixth is turned away at the quota step.
  const { wave } = await t.studies.createWave({ studyKey: 'alliance-corrective-measures', target: 20, seed: 'order-quota' });
  const codes: string[] = [];
  for (let i = 0; i < 6; i++) {
    const code = (await request(t.app).post(`/api/waves/${wave.id}/participants`).send({ panel: { PROLIFIC_PID: `order-quota-${i}` } })).body.participant.code as string;
    assert.equal((await save(code, { consent: true }, 1, { pageSession: TAB, sequence: 1 })).status, 200);
    codes.push(code);
  }
  const steps = [];
  for (const code of codes) steps.push((await reachVignette(t.app, code, { age_group: '18-29' })).body.admitted as boolean);
  assert.deepEqual(steps, [true, true, true, true, true, false]);
  assert.equal((await participantOf(codes[5]!)).status, 'overquota');
  assert.deepEqual(await Promise.all(codes.map(saveRowsOf)), [1, 1, 1, 1, 1, 0]);
});

test('a malformed saveOrder is refused (422) and stores nothing', async () => {
  const code = await started('order-7');
  for (const saveOrder of [{ pageSession: 'short', sequence: 1 }, { pageSession: TAB, sequence: 0 }, { pageSession: TAB, sequence: 1.5 }, { pageSession: TAB }, { pageSession: TAB, sequence: 1, extra: 1 }]) {
    const refused = await request(t.app).put(`/api/participants/${code}/answers`).send({ answers: { consent: true }, currentPage: 1, saveOrder });
    assert.equal(refused.status, 422, JSON.stringify(saveOrder));
    assert.match(refused.body.error.message, /saveOrder/);
  }
  assert.equal(await partialOf(code), undefined);
});

// Attacker pass 25: every save with a new page session added a row that stays until the participant finishes, and a
// participant who never finishes (anyone with a link) could grow save_sequences without bound, one row per request.
test('one participant keeps at most SAVE_SESSIONS_KEPT page sessions; a save from a further one is applied as from a page without saveOrder', async () => {
  const code = await started('order-sessions');
  const kept = SAVE_SESSIONS_KEPT;
  for (let i = 0; i < kept + 8; i++) {
    const saved = await save(code, { age_group: i % 2 ? '30-44' : '18-29' }, 1, { pageSession: `session-${String(i).padStart(4, '0')}`, sequence: 1 });
    assert.deepEqual(saved.body, { saved: true, currentPage: 1, leaseSecondsLeft: null });
  }
  assert.equal(await saveRowsOf(code), kept);
  assert.deepEqual(await partialOf(code), { age_group: '30-44' }, 'the last save, from a session past the limit, applied');
  // The kept sessions still order their saves: an older save of the first session changes nothing.
  assert.equal((await save(code, { age_group: '45-64' }, 1, { pageSession: 'session-0000', sequence: 3 })).status, 200);
  assert.equal((await save(code, { age_group: '18-29' }, 1, { pageSession: 'session-0000', sequence: 2 })).status, 200);
  assert.deepEqual(await partialOf(code), { age_group: '45-64' });
  assert.equal(await saveRowsOf(code), kept);
});

// Attacker pass 37b: the page's save made before the respondent's last change on the page before the vignette can
// reach the server after the quota step (an ordinary save still in flight, handled after the quota step's request, or
// a retry). It carried an older pre-treatment answer, so it was refused as a change after the vignette (409), and the
// page replaced the survey with "this survey went on in another tab", in the respondent's only tab. The page now
// numbers its quota step as one of its saves.
test('the quota step numbered among the page’s saves: an older save of the page arriving after it is acknowledged and changes nothing', async () => {
  const code = await started('order-quota-step');
  const quota = await request(t.app)
    .post(`/api/participants/${code}/quota-check`)
    .send({ answers: { ...PRETREATMENT_ALLIANCE_ANSWERS, gender: 'male' }, saveOrder: { pageSession: TAB, sequence: 2 } });
  assert.equal(quota.status, 200, JSON.stringify(quota.body));
  assert.equal(quota.body.admitted, true);
  const treatmentPage = (await participantOf(code)).currentPage;
  // Save 1, sent before the respondent changed "female" to "male" and pressed Next, lands now.
  const late = await save(code, { ...PRETREATMENT_ALLIANCE_ANSWERS, gender: 'female' }, 2, { pageSession: TAB, sequence: 1 });
  assert.equal(late.status, 200, JSON.stringify(late.body));
  assert.deepEqual(late.body, { saved: true, currentPage: treatmentPage, leaseSecondsLeft: late.body.leaseSecondsLeft });
  assert.equal((await partialOf(code))!.gender, 'male', 'the answer the quota step took stays');
  // Another tab still on a page before the vignette has numbers of its own: its change is refused as before.
  const otherTab = await save(code, { ...PRETREATMENT_ALLIANCE_ANSWERS, gender: 'female' }, 2, { pageSession: OTHER_TAB, sequence: 9 });
  assert.equal(otherTab.status, 409);
  // The page's next save (number 3, an outcome answer) applies.
  assert.equal((await save(code, { do_nothing: 3 }, treatmentPage + 1, { pageSession: TAB, sequence: 3 })).status, 200);
  assert.equal((await partialOf(code))!.do_nothing, 3);
  // A malformed number on the quota step is refused in words, and the step stores nothing of it.
  const refused = await request(t.app).post(`/api/participants/${code}/quota-check`).send({ answers: PRETREATMENT_ALLIANCE_ANSWERS, saveOrder: { pageSession: TAB } });
  assert.equal(refused.status, 422);
  assert.match(refused.body.error.message, /saveOrder/);
});

// Attacker pass 37b (held, no change): two tabs of one link, one tab's saves landing out of order around the other
// tab's quota step and completion. Nothing acknowledged is overwritten by an older save, and every answer is 2xx or 409.
test('two tabs: a tab’s older saves around the other tab’s quota step and completion change nothing; the completion’s answers are stored', async () => {
  const code = await started('order-two-tabs');
  assert.equal((await save(code, { consent: true, age_group: '18-29' }, 1, { pageSession: TAB, sequence: 5 })).status, 200);
  assert.equal((await save(code, { consent: true, age_group: '30-44' }, 1, { pageSession: TAB, sequence: 3 })).status, 200);
  assert.equal((await partialOf(code))!.age_group, '18-29', 'save 3 is older than save 5');
  assert.equal((await reachVignette(t.app, code)).body.admitted, true, 'the other tab’s quota step');
  assert.equal((await save(code, { age_group: '18-29' }, 1, { pageSession: TAB, sequence: 4 })).status, 200, 'older: acknowledged, nothing changed');
  const changed = await save(code, { age_group: '18-29' }, 1, { pageSession: TAB, sequence: 6 });
  assert.equal(changed.status, 409, 'a newer save of the first tab, still before the vignette, went on elsewhere');
  assert.equal((await partialOf(code))!.age_group, PRETREATMENT_ALLIANCE_ANSWERS.age_group);
  // The other tab completes while the first tab's older save arrives: 200 and 409 in either order, never a 500.
  const [completed, late] = await Promise.all([
    request(t.app).post(`/api/participants/${code}/complete`).send({ answers: COMPLETE_ALLIANCE_ANSWERS }),
    save(code, { do_nothing: 5 }, 4, { pageSession: TAB, sequence: 2 }),
  ]);
  assert.equal(completed.status, 200);
  assert.ok([200, 409].includes(late.status), `${late.status} ${JSON.stringify(late.body)}`);
  const final = (await t.repos.answers.get((await participantOf(code)).id, 'final'))!.answers;
  assert.equal(final.do_nothing, COMPLETE_ALLIANCE_ANSWERS.do_nothing, 'the completion’s answer, not the older save’s');
  assert.equal(final.age_group, PRETREATMENT_ALLIANCE_ANSWERS.age_group);
});
