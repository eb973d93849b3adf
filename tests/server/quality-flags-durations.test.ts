// The completion's speeder flag reads the wave's other durations from a per-process cache, and exports read the
// wave's durations once (tests/server/quality-flags*.test.ts cover the rules themselves). These tests check that
// the shortcuts give the values the rule gives when computed from scratch: with two connections (processes) and
// two services on one connection completing in one wave (on either engine), after a completion that rolled back, and with a
// complete arriving while an export streams.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { SPEEDER_MIN_COMPLETES, sortedIndexOf, speederFlag } from '../../server/domain/quality-flags.ts';
import { createQualityFlagService } from '../../server/services/quality-flag-service.ts';
import { createRespondentService } from '../../server/services/respondent-service.ts';
import { openStore } from '../../server/storage/open-store.ts';
import { COMPLETE_ALLIANCE_ANSWERS, completeWithService, createTestApp } from './test-app.ts';

const t = await createTestApp({ target: 100_000 });
after(() => t.close());

test('sortedIndexOf: the first index of a value in an ascending list, -1 when absent', () => {
  assert.equal(sortedIndexOf([1, 2, 2, 2, 5], 2), 1);
  assert.equal(sortedIndexOf([1, 2, 2, 2, 5], 5), 4);
  assert.equal(sortedIndexOf([1, 2, 2, 2, 5], 3), -1);
  assert.equal(sortedIndexOf([1, 2, 5], 0), -1);
  assert.equal(sortedIndexOf([], 1), -1);
});

test('speeder at completion equals the rule over all other completes, with two processes completing in one wave', async () => {
  let clock = Date.parse('2026-03-01T00:00:00Z');
  const now = () => new Date(clock).toISOString();
  // Two stores on one database (two connections or pools), as two server processes have, and a second service on the first.
  const otherStore = await openStore(t.location);
  after(() => otherStore.close());
  const one = createRespondentService({ store: t.store, now });
  const two = createRespondentService({ store: otherStore, now });
  const three = createRespondentService({ store: t.store, now });
  // From the participants' timestamps, not from the durations stored with the flags.
  const durationsBefore = async (participantId: number) =>
    (
      await t.sql.all<{ started_at: string; completed_at: string }>(
        "SELECT started_at, completed_at FROM participants WHERE wave_id = ? AND status = 'complete' AND id != ?",
        t.wave.id,
        participantId,
      )
    ).map((p) => (Date.parse(p.completed_at) - Date.parse(p.started_at)) / 1000);
  let checked = 0;
  const complete = async (service: typeof one, seconds: number) => {
    const { participant } = await service.start({ waveId: t.wave.id, panelParams: {} });
    clock += seconds * 1000;
    await completeWithService(service, participant.code, COMPLETE_ALLIANCE_ANSWERS);
    const stored = (await t.repos.qualityFlags.get(participant.id))!;
    assert.equal(stored.values.speeder, speederFlag(stored.durationSeconds, await durationsBefore(participant.id)), `complete #${++checked}`);
  };
  for (let i = 0; i < SPEEDER_MIN_COMPLETES + 5; i++) await complete([one, two, three][i % 3]!, 100 + ((i * 37) % 400));
  for (const [service, seconds] of [[one, 20], [two, 25], [one, 400], [three, 30], [one, 35]] as const) await complete(service, seconds);
  const flagged = await t.sql.value("SELECT COUNT(*) FROM quality_flags f JOIN participants p ON p.id = f.participant_id WHERE p.wave_id = ? AND f.speeder = 1", t.wave.id);
  assert.equal(flagged, 4, 'the four short completes are speeders');
});

test('a completion that rolled back leaves no duration behind', async () => {
  const wave = (await t.studies.createWave({ studyKey: 'alliance-corrective-measures', target: 1000, seed: 'rollback' })).wave;
  const def = (await t.repos.studies.get(wave.studyId))!.definition;
  const starter = createRespondentService({ store: t.store });
  const flags = createQualityFlagService();
  // The respondent service's completion, reduced to what the flags see: finish, then flags, in one transaction.
  const complete = async (seconds: number, rollBack = false) => {
    const participant = (await starter.start({ waveId: wave.id, panelParams: {} })).participant;
    const completedAt = new Date(Date.parse(participant.startedAt) + seconds * 1000).toISOString();
    return t.store.write(async (tx) => {
      await tx.participants.finish(participant.id, 'complete', null, completedAt);
      const values = await flags.recordCompletion(tx, { participant, def, answers: COMPLETE_ALLIANCE_ANSWERS, derived: {}, honeypot: undefined, completedAt });
      if (rollBack) throw new Error('disk full');
      return values;
    });
  };
  for (let i = 0; i < 10; i++) await complete(100);
  for (let i = 0; i < 10; i++) await complete(1000);
  // Rolled back after its flags were computed: a 5000-second complete that must not count.
  await assert.rejects(complete(5000, true), /disk full/);
  // The others are 10 × 100 and 10 × 1000: median 550, and 200 s is not under a third of it. With the rolled-back
  // 5000 among them, the median would be 1000 and 200 s a speeder.
  assert.equal((await complete(200)).speeder, 0);
  assert.equal((await complete(20)).speeder, 1);
});

test('an export does not fail when a participant completes while it streams', async () => {
  const { participant } = await createRespondentService({ store: t.store }).start({ waveId: t.wave.id, panelParams: {} });
  const exports = createQualityFlagService().exportSource(t.repos);
  const rows = (await t.repos.participants.listByWave(t.wave.id));
  const flagsFor = await exports.forWave(t.wave.id);
  const first = await flagsFor({ participant: rows[0]! });
  assert.ok(first.speeder === 0 || first.speeder === 1);
  await completeWithService(createRespondentService({ store: t.store }), participant.code);
  const late = await flagsFor({ participant });
  assert.ok(late.speeder === 0 || late.speeder === 1, 'the late complete is judged against the durations read again');
});
