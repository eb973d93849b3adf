// The quota step counts a level's slots on its index alone (completes, plus leases that end after now);
// this checks that count against a plain join of every slot to its participant's status and last activity,
// with leases that lapsed and a complete that holds its slots for good.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createRespondentService } from '../../server/services/respondent-service.ts';
import { COMPLETE_ALLIANCE_ANSWERS, createTestApp, PRETREATMENT_ALLIANCE_ANSWERS } from './test-app.ts';

const t = await createTestApp({ target: 1000 });
after(() => t.close());

test('slots held per quota level: completes and live leases, never leases that lapsed', async () => {
  let clock = Date.parse('2026-12-01T10:00:00.000Z');
  const service = createRespondentService({ store: t.store, quotaLeaseSeconds: 600, now: () => new Date(clock).toISOString() });
  const slots = t.repos.quotaSlots;
  const heldByJoin = (cutoff: string) =>
    t.sql.all<{ variable: string; level: string; n: number }>(
      `SELECT q.variable, q.level, COUNT(*) AS n FROM quota_slots q JOIN participants p ON p.id = q.participant_id
        WHERE q.wave_id = ? AND (p.status = 'complete' OR (p.status = 'started' AND p.updated_at > ?)) GROUP BY q.variable, q.level`,
      t.wave.id,
      cutoff,
    );
  const ages = ['18-29', '30-44', '45-64', '65+'];
  const codes: string[] = [];
  for (const [a, age] of ages.entries()) {
    for (const i of [0, 1, 2]) {
      const { code } = (await service.start({ waveId: t.wave.id, panelParams: { PROLIFIC_PID: `slots-${a}-${i}` } })).participant;
      await service.checkQuota({ code, answers: { ...PRETREATMENT_ALLIANCE_ANSWERS, age_group: age, gender: i % 2 ? 'female' : 'male' } });
      codes.push(code);
      clock += 60_000;
    }
  }
  await service.complete({ code: codes[5]!, answers: { ...COMPLETE_ALLIANCE_ANSWERS, age_group: '30-44', gender: 'male' } });
  const now = new Date(clock).toISOString();
  // The join's test of a lease (its holder's last save within the 600-s lease) against its stored end (after now).
  const cutoff = new Date(clock - 600_000).toISOString();
  const held = await heldByJoin(cutoff);
  assert.ok(held.length > 0);
  for (const { variable, level, n } of held) assert.equal(await slots.filled(t.wave.id, { variable, level }, now), n, `${variable} = ${level}`);
  // Twelve admitted one a minute from 10:00; at 10:12 a ten-minute lease runs only for those admitted after 10:02.
  const byLevel = await slots.fillByLevel(t.wave.id, now);
  assert.deepEqual(byLevel.get('age_group\u000030-44'), { completes: 1, leased: 2 });
  assert.equal(await slots.filled(t.wave.id, { variable: 'age_group', level: '18-29' }, now), 0, 'admitted at 10:00, 10:01, 10:02: lapsed');
  assert.equal(await slots.filled(t.wave.id, { variable: 'age_group', level: '65+' }, now), 3);
  assert.equal(await t.sql.value('SELECT COUNT(*) FROM quota_slots WHERE lease_ends_at IS NULL'), 2, 'the complete holds two slots for good');
});

test('renewLive renews or keeps a live lease in one statement and leaves a lapsed, a kept or no lease alone', async () => {
  const slots = t.repos.quotaSlots;
  const started = async (pid: string) =>
    (await createRespondentService({ store: t.store }).start({ waveId: t.wave.id, panelParams: { PROLIFIC_PID: pid } })).participant.id;
  const at = '2026-12-01T10:00:00.000Z';
  const cell = [{ variable: 'age_group', level: '45-64' }, { variable: 'gender', level: 'female' }];
  const endsAt = (id: number) => t.sql.all<{ a: string | null }>('SELECT lease_ends_at AS a FROM quota_slots WHERE participant_id = ? ORDER BY variable', id);
  const [live, lapsed, kept, none] = [await started('live-1'), await started('lapsed-1'), await started('kept-1'), await started('none-1')];
  await t.store.write(async (tx) => {
    await tx.quotaSlots.admit(live, t.wave.id, cell, at);
    await tx.quotaSlots.admit(lapsed, t.wave.id, cell, '2026-12-01T09:00:00.000Z');
    await tx.quotaSlots.admit(kept, t.wave.id, cell, null);
  });
  const cutoff = '2026-12-01T09:30:00.000Z'; // now: the lease ending 10:00 is live, the one that ended 09:00 lapsed
  assert.equal(await t.store.write((tx) => tx.quotaSlots.renewLive(live, '2026-12-01T10:05:00.000Z', cutoff)), true);
  assert.deepEqual(await endsAt(live), [{ a: '2026-12-01T10:05:00.000Z' }, { a: '2026-12-01T10:05:00.000Z' }]);
  assert.equal(await t.store.write((tx) => tx.quotaSlots.renewLive(live, null, cutoff)), true, 'kept for good');
  assert.deepEqual(await endsAt(live), [{ a: null }, { a: null }]);
  assert.equal(await t.store.write((tx) => tx.quotaSlots.renewLive(lapsed, null, cutoff)), false);
  assert.deepEqual(await endsAt(lapsed), [{ a: '2026-12-01T09:00:00.000Z' }, { a: '2026-12-01T09:00:00.000Z' }], 'a lapsed lease is not kept');
  assert.equal(await t.store.write((tx) => tx.quotaSlots.renewLive(kept, at, cutoff)), false);
  assert.deepEqual(await endsAt(kept), [{ a: null }, { a: null }], 'a complete’s slots stay held for good');
  assert.equal(await t.store.write((tx) => tx.quotaSlots.renewLive(none, at, cutoff)), false);
  assert.equal(await slots.hold(none, cutoff), 'none');
});
