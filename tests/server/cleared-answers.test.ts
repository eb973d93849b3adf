// Answers a respondent took back (server/domain/cleared-answers.ts): the page sends a question whose box was
// emptied, unticked or cleared as `null`. Saves merge question by question, so before this the old answer stayed
// stored and was exported as given (attacker pass 10 noticed it). Runs on SQLite and, through
// scripts/run-tests.mjs POSTGRES_SUITE, on PostgreSQL.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import request from 'supertest';
import { COMPLETE_ALLIANCE_ANSWERS, createTestApp, PRETREATMENT_ALLIANCE_ANSWERS, reachVignette } from './test-app.ts';

const t = await createTestApp({ target: 100 });
after(() => t.close());

async function started(pid: string) {
  return (await request(t.app).post(`/api/waves/${t.wave.id}/participants`).send({ panel: { PROLIFIC_PID: pid } })).body.participant.code as string;
}
const partialOf = async (code: string) => (await t.repos.answers.get((await t.repos.participants.findByCode(code))!.id, 'partial'))?.answers;
const finalOf = async (code: string) => (await t.repos.answers.get((await t.repos.participants.findByCode(code))!.id, 'final'))?.answers;
const save = (code: string, answers: Record<string, unknown>, currentPage: number) =>
  request(t.app).put(`/api/participants/${code}/answers`).send({ answers, currentPage });

test('an outcome answer sent as null is taken back: gone from the saved answers, and from the final ones when the completion sends it as null', async () => {
  const code = await started('cleared-1');
  assert.equal((await reachVignette(t.app, code)).body.admitted, true);
  assert.equal((await save(code, { ...PRETREATMENT_ALLIANCE_ANSWERS, do_nothing: 4, contribution: 2 }, 4)).status, 200);
  assert.equal((await partialOf(code))!.contribution, 2);

  const cleared = await save(code, { ...PRETREATMENT_ALLIANCE_ANSWERS, do_nothing: 4, contribution: null }, 4);
  assert.equal(cleared.status, 200, JSON.stringify(cleared.body));
  assert.equal(Object.hasOwn((await partialOf(code))!, 'contribution'), false, 'the cleared answer is no longer stored');
  assert.equal((await partialOf(code))!.do_nothing, 4);

  // A completion that sends only what it has (as a resumed page would) keeps the saved answers; null takes one back.
  const { contribution: _unused, ...rest } = COMPLETE_ALLIANCE_ANSWERS as Record<string, unknown>;
  await save(code, { contribution: 3 }, 5);
  const done = await request(t.app).post(`/api/participants/${code}/complete`).send({ answers: { ...rest, contribution: 3, public_criticism: null } });
  assert.equal(done.status, 422, 'public_criticism is required: taking it back at the completion leaves it unanswered');
  assert.match(done.body.error.message, /required question not answered: public_criticism/);
  const ok = await request(t.app).post(`/api/participants/${code}/complete`).send({ answers: { ...rest, contribution: null } });
  assert.equal(ok.status, 422, 'contribution is required too');
  const finished = await request(t.app).post(`/api/participants/${code}/complete`).send({ answers: { ...rest, contribution: 1 } });
  assert.equal(finished.body.status, 'complete', JSON.stringify(finished.body));
  assert.equal((await finalOf(code))!.contribution, 1);
});

test('a pre-treatment answer sent as null after the vignette is kept (SurveyJS clears hidden questions at the end); before it, it is taken back', async () => {
  const code = await started('cleared-2');
  // Before the vignette: the education answer is taken back.
  await save(code, { consent: true, education: (PRETREATMENT_ALLIANCE_ANSWERS as Record<string, unknown>).education }, 1);
  assert.equal(Object.hasOwn((await partialOf(code))!, 'education'), true);
  assert.equal((await save(code, { consent: true, education: null }, 1)).status, 200);
  assert.equal(Object.hasOwn((await partialOf(code))!, 'education'), false, 'taken back before the vignette');

  assert.equal((await reachVignette(t.app, code)).body.admitted, true);
  const res = await request(t.app).post(`/api/participants/${code}/complete`).send({ answers: { ...COMPLETE_ALLIANCE_ANSWERS, education: null } });
  assert.equal(res.body.status, 'complete', JSON.stringify(res.body));
  assert.equal((await finalOf(code))!.education, (PRETREATMENT_ALLIANCE_ANSWERS as Record<string, unknown>).education, 'fixed once the vignette was shown');
});

test('null for a question the survey does not ask is refused as any unknown answer is (422), and nothing is stored', async () => {
  const code = await started('cleared-3');
  const res = await save(code, { consent: true, no_such_question: null }, 1);
  assert.equal(res.status, 422, JSON.stringify(res.body));
  assert.match(res.body.error.message, /no_such_question/);
  assert.equal(await partialOf(code), undefined);
  // Null for an outcome before the vignette: nothing stored to take back, nothing refused.
  assert.equal((await save(code, { consent: true, contribution: null }, 1)).status, 200);
  assert.equal(Object.hasOwn((await partialOf(code))!, 'contribution'), false);
});
