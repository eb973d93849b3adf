// A panel ID is not a password (docs/api.md, "Who sees saved answers"): whoever presents someone's PROLIFIC_PID
// resumes at their saved page with empty fields and cannot read their answers; the session cookie or the panel's
// per-session parameter (Prolific SESSION_ID, MTurk assignmentId) is needed for that. Saves merge, so a
// respondent resuming on another device loses nothing. Redirect URLs carry a reference, never the code.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { createTokenService } from '../../server/services/token-service.ts';
import { COMPLETE_ALLIANCE_ANSWERS, createTestApp, PRETREATMENT_ALLIANCE_ANSWERS } from './test-app.ts';
import { DEFAULT_CONFIG } from '../../server/config.ts';

/** A save or quota step past the quota step leases the slot for the whole (default) lease. */
const DEFAULT_LEASE = DEFAULT_CONFIG.quotaLeaseSeconds;

const t = await createTestApp({ completeUrl: 'https://panel.example/done?ref={participant}&pid={PROLIFIC_PID}' });
after(() => t.close());
const path = `/api/waves/${t.wave.id}/participants`;
const OUTCOMES = { do_nothing: 2, public_criticism: 3 };

/** A respondent who answered the pre-treatment pages and two outcomes, in their own browser (cookie jar). */
async function midSurvey(panel: Record<string, string>) {
  const browser = request.agent(t.app);
  const code = (await browser.post(path).send({ panel })).body.participant.code as string;
  await browser.post(`/api/participants/${code}/quota-check`).send({ answers: PRETREATMENT_ALLIANCE_ANSWERS });
  await browser.put(`/api/participants/${code}/answers`).send({ answers: { ...PRETREATMENT_ALLIANCE_ANSWERS, ...OUTCOMES }, currentPage: 4 });
  return { browser, code };
}

test('a panel ID alone resumes at the saved page with empty answers and no cookie; the cookie or the panel session parameter shows them', async () => {
  const prolific = { PROLIFIC_PID: 'victim-1', STUDY_ID: 'st', SESSION_ID: 'sess-1' };
  const { browser, code } = await midSurvey(prolific);

  const stranger = await request(t.app).post(path).send({ panel: { PROLIFIC_PID: 'victim-1' } });
  assert.equal(stranger.status, 200);
  assert.equal(stranger.body.participant.code, code, 'the same participant: resuming on another device works');
  assert.equal(stranger.body.participant.currentPage, 4);
  assert.deepEqual(stranger.body.answers, {});
  assert.equal(stranger.headers['set-cookie'], undefined, 'no cookie: it would prove the session next time');
  const again = await request(t.app).post(path).send({ panel: { PROLIFIC_PID: 'victim-1', SESSION_ID: 'sess-2' } });
  assert.deepEqual(again.body.answers, {}, 'another session of the same panel ID');

  const expected = { ...PRETREATMENT_ALLIANCE_ANSWERS, ...OUTCOMES };
  const sameSession = await request(t.app).post(path).send({ panel: prolific });
  assert.deepEqual(sameSession.body.answers, expected);
  assert.match(String(sameSession.headers['set-cookie']), new RegExp(`vlab_${t.wave.id}=${code};`));
  const ownBrowser = await browser.post(path).send({ panel: { PROLIFIC_PID: 'victim-1' } });
  assert.deepEqual(ownBrowser.body.answers, expected);

  // MTurk: the assignment is the session; a worker ID alone is not enough.
  const mturk = await midSurvey({ workerId: 'W-VICTIM', assignmentId: 'A-1', hitId: 'H' });
  assert.deepEqual((await request(t.app).post(path).send({ panel: { workerId: 'W-VICTIM' } })).body.answers, {});
  assert.deepEqual((await request(t.app).post(path).send({ panel: { workerId: 'W-VICTIM', assignmentId: 'A-1' } })).body.answers, expected);
  assert.equal((await request(t.app).post(path).send({ panel: { workerId: 'W-VICTIM' } })).body.participant.code, mturk.code);
  // Lucid-style links have no session parameter: only the cookie shows answers.
  const lucid = await midSurvey({ RID: 'R-VICTIM' });
  assert.deepEqual((await request(t.app).post(path).send({ panel: { RID: 'R-VICTIM' } })).body.answers, {});
  assert.deepEqual((await lucid.browser.post(path).send({ panel: { RID: 'R-VICTIM' } })).body.answers, expected);
});

test('saves merge per question: a device that resumed with empty fields completes without losing what was answered before', async () => {
  const { code } = await midSurvey({ PROLIFIC_PID: 'two-devices', SESSION_ID: 's' });
  const phone = request(t.app);
  await phone.post(path).send({ panel: { PROLIFIC_PID: 'two-devices' } });
  const save = await phone.put(`/api/participants/${code}/answers`).send({ answers: { economic_sanctions: 4 }, currentPage: 4 });
  assert.deepEqual(save.body, { saved: true, currentPage: 4, leaseSecondsLeft: DEFAULT_LEASE });
  const id = (await t.repos.participants.findByCode(code))!.id;
  assert.deepEqual((await t.repos.answers.get(id, 'partial'))!.answers, { ...PRETREATMENT_ALLIANCE_ANSWERS, ...OUTCOMES, economic_sanctions: 4 });

  const { consent: _c, age_group: _a, gender: _g, education: _e, region: _r, party: _p, attention_check: _k, do_nothing: _d, public_criticism: _pc, ...rest } =
    COMPLETE_ALLIANCE_ANSWERS;
  const done = await phone.post(`/api/participants/${code}/complete`).send({ answers: { ...rest, economic_sanctions: 4 } });
  assert.equal(done.body.status, 'complete', JSON.stringify(done.body));
  assert.deepEqual((await t.repos.answers.get(id, 'final'))!.answers, { ...COMPLETE_ALLIANCE_ANSWERS, ...OUTCOMES, economic_sanctions: 4 });
});

test('a finished participant gets the outcome without answers, whatever they prove; {participant} is a reference, not the code', async () => {
  const panel = { PROLIFIC_PID: 'finished-1', SESSION_ID: 'done-session' };
  const { browser, code } = await midSurvey(panel);
  const done = await browser.post(`/api/participants/${code}/complete`).send({ answers: COMPLETE_ALLIANCE_ANSWERS });
  const participant = (await t.repos.participants.findByCode(code))!;
  assert.match(participant.publicRef, /^[0-9a-f]{16}$/);
  assert.equal(done.body.redirectUrl, `https://panel.example/done?ref=${participant.publicRef}&pid=finished-1`);
  assert.ok(!done.body.redirectUrl.includes(code), 'the participant code never goes to the panel');
  for (const client of [browser, request(t.app)]) {
    for (const sent of [panel, { PROLIFIC_PID: 'finished-1' }]) {
      const back = await client.post(path).send({ panel: sent });
      assert.deepEqual(back.body.outcome, done.body);
      assert.deepEqual(back.body.answers, {});
    }
  }
  // The export carries the reference beside the code, so the panel's records can be matched to rows.
  const { token } = await createTokenService({ store: t.store }).create('refs');
  const csv = await request(t.app).get(`/api/researcher/waves/${t.wave.id}/export?format=csv&status=complete`).set('Authorization', `Bearer ${token}`);
  const rows = parse(csv.text, { columns: true }) as Record<string, string>[];
  assert.equal(rows.find((r) => r.participant === code)!.participant_ref, participant.publicRef);
});
