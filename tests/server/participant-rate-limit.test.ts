// One participant code sent in a loop: every save, quota step and completion opens a write transaction, so before
// the per-participant limit (server/routes/participant-rate-limit.ts) one code could fill the write queue. Runs on
// SQLite and, through scripts/run-tests.mjs POSTGRES_SUITE, on PostgreSQL.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import request from 'supertest';
import { loadConfig } from '../../server/config.ts';
import { participantBuckets } from '../../server/routes/participant-rate-limit.ts';
import { knownParticipantCodes } from '../../server/services/known-participant-codes.ts';
import { createTestApp, PRETREATMENT_ALLIANCE_ANSWERS } from './test-app.ts';

// A burst of 5, then one write a minute: nothing refills within the test.
const t = await createTestApp({ target: 100 }, { rateLimitParticipantBurst: 5, rateLimitParticipantPerMinute: 1 });
after(() => t.close());

const started = async (pid: string) =>
  (await request(t.app).post(`/api/waves/${t.wave.id}/participants`).send({ panel: { PROLIFIC_PID: pid } })).body.participant.code as string;
const save = (code: string, answers: Record<string, unknown>) => request(t.app).put(`/api/participants/${code}/answers`).send({ answers, currentPage: 1 });

test('defaults: a burst of 60 writes per participant, then 120 a minute', () => {
  const config = loadConfig({});
  assert.equal(config.rateLimitParticipantBurst, 60);
  assert.equal(config.rateLimitParticipantPerMinute, 120);
  assert.equal(loadConfig({ VLAB_RATE_LIMIT_PARTICIPANT: '7', VLAB_RATE_LIMIT_PARTICIPANT_RATE: '30' }).rateLimitParticipantPerMinute, 30);
});

test('past its burst a participant’s saves get 429 rate_limited with Retry-After and store nothing; another participant is not held back', async () => {
  const code = await started('flood-1');
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) statuses.push((await save(code, { age_group: '18-29' })).status);
  const refused = await save(code, { age_group: '30-44' });
  assert.deepEqual(statuses, [200, 200, 200, 200, 200]);
  assert.equal(refused.status, 429);
  assert.equal(refused.body.error.code, 'rate_limited');
  assert.equal(refused.body.error.message, `too many saves for this participant; try again in ${refused.headers['retry-after']} seconds`, 'the words say the Retry-After');
  assert.ok(Number(refused.headers['retry-after']) >= 1, `Retry-After: ${refused.headers['retry-after']}`);
  const participant = (await t.repos.participants.findByCode(code))!;
  assert.equal((await t.repos.answers.get(participant.id, 'partial'))?.answers.age_group, '18-29', 'the refused save stored nothing');
  // The quota step and the completion are writes of the same participant: the same bucket.
  assert.equal((await request(t.app).post(`/api/participants/${code}/quota-check`).send({ answers: PRETREATMENT_ALLIANCE_ANSWERS })).status, 429);
  assert.equal((await request(t.app).post(`/api/participants/${code}/complete`).send({ answers: {} })).status, 429);
  const other = await started('flood-2');
  assert.equal((await save(other, { age_group: '18-29' })).status, 200);
  console.log(`participant limit: 5 saves 200, then save, quota step and completion 429 (Retry-After ${refused.headers['retry-after']} s); another participant 200`);
});

test('a bucket refills at its pace, and the buckets held stay under their cap whatever codes arrive', () => {
  let now = 0;
  const buckets = participantBuckets({ burst: 2, perMinute: 60, maxEntries: 100, now: () => now });
  assert.equal(buckets.take('A'), null);
  assert.equal(buckets.take('A'), null);
  assert.equal(buckets.take('A'), 1, 'one write a second: the next in 1 s');
  now += 1000;
  assert.equal(buckets.take('A'), null);
  for (let i = 0; i < 10_000; i++) buckets.take(`made-up-${i}`);
  assert.equal(buckets.size, 100);
  // A flood of long made-up codes shares keys of 64 characters: nothing of 10 KB is kept.
  assert.equal(buckets.take('x'.repeat(10_000)), null);
  assert.equal(buckets.take('x'.repeat(64) + 'y'), null);
  assert.equal(buckets.take('x'.repeat(64) + 'z'), 1);
});

test('made-up participant codes are answered 404 without opening a write transaction; a real participant still writes', async () => {
  // Every well-formed made-up code has a fresh bucket, so the limit above never meets a flood of them: the lookup
  // before the write must. Count the write transactions the respondent service opens.
  let writes = 0;
  const write = t.store.write.bind(t.store);
  t.store.write = (fn) => {
    writes++;
    return write(fn);
  };
  try {
    const madeUp = ['ABCDEFGHJKLMNPQRSTUVWX', 'made-up', 'x'.repeat(200)];
    for (const code of madeUp) {
      assert.equal((await save(code, { age_group: '18-29' })).status, 404, code);
      assert.equal((await request(t.app).post(`/api/participants/${code}/quota-check`).send({ answers: PRETREATMENT_ALLIANCE_ANSWERS })).status, 404, code);
      assert.equal((await request(t.app).post(`/api/participants/${code}/complete`).send({ answers: {} })).status, 404, code);
    }
    assert.equal(writes, 0, 'no write transaction for a code that does not exist');
    // A real respondent pays nothing for it: the code their start was given is known to the process, so their
    // save is its one write transaction and no read before it.
    const code = await started('real-after-made-up');
    const before = writes;
    const findByCode = t.store.repos.participants.findByCode;
    let reads = 0;
    t.store.repos.participants.findByCode = (c) => {
      reads++;
      return findByCode(c);
    };
    try {
      assert.equal((await save(code, { age_group: '18-29' })).status, 200);
    } finally {
      t.store.repos.participants.findByCode = findByCode;
    }
    assert.equal(writes, before + 1, 'a real participant’s save is one write transaction');
    assert.equal(reads, 0, 'and no lookup before it');
  } finally {
    t.store.write = write;
  }
  console.log('made-up codes: 9 requests → 9 × 404, 0 write transactions; a real participant’s save 200, one write, no read before it');
});

test('the codes known to exist stay under their cap, the least recently used dropped', () => {
  const known = knownParticipantCodes(3);
  for (const code of ['A', 'B', 'C']) known.add(code);
  assert.equal(known.has('A'), true, 'A used again: B is now the least recently used');
  known.add('D');
  assert.deepEqual(['A', 'B', 'C', 'D'].map((c) => known.has(c)), [true, false, true, true]);
});
