// The quota step counts a level's held slots as all its slots minus those of participants who left (a cheaper
// query than joining every slot to its participant); this checks it against that join, including a slot released
// by a screen-out after the quota step.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createRespondentService } from '../../server/services/respondent-service.ts';
import { createQuotaSlotRepository } from '../../server/storage/quota-slot-repository.ts';
import { COMPLETE_ALLIANCE_ANSWERS, createTestApp } from './test-app.ts';

const t = createTestApp({ target: 1000 });
after(() => t.close());

test('slots held per quota level: every slot of started or complete participants, none of those who left', async () => {
  const service = createRespondentService({ db: t.db, repos: t.repos });
  const slots = createQuotaSlotRepository(t.db);
  const heldByJoin = () =>
    t.db
      .prepare(
        `SELECT q.variable, q.level, COUNT(*) AS n FROM quota_slots q JOIN participants p ON p.id = q.participant_id
          WHERE q.wave_id = ? AND p.status IN ('started', 'complete') GROUP BY q.variable, q.level`,
      )
      .all(t.wave.id) as { variable: string; level: string; n: number }[];
  const ages = ['18-29', '30-44', '45-64', '65+'];
  const codes: string[] = [];
  for (const [a, age] of ages.entries()) {
    for (const i of [0, 1, 2]) {
      const { code } = (await service.start({ waveId: t.wave.id, panelParams: { PROLIFIC_PID: `slots-${a}-${i}` } })).participant;
      await service.checkQuota({ code, answers: { consent: true, age_group: age, gender: i % 2 ? 'female' : 'male' } });
      codes.push(code);
    }
  }
  // Two leave after taking their slots (consent withdrawn at the end: screened out); one completes.
  await service.complete({ code: codes[0]!, answers: { ...COMPLETE_ALLIANCE_ANSWERS, consent: false } });
  await service.complete({ code: codes[4]!, answers: { ...COMPLETE_ALLIANCE_ANSWERS, consent: false } });
  await service.complete({ code: codes[5]!, answers: { ...COMPLETE_ALLIANCE_ANSWERS, age_group: '30-44', gender: 'male' } });
  assert.equal(t.db.prepare("SELECT COUNT(*) FROM participants WHERE status = 'screened_out'").pluck().get(), 2);

  const held = heldByJoin();
  assert.equal(held.length, 6, 'four age groups and two genders hold slots');
  for (const { variable, level, n } of held) assert.equal(slots.filled(t.wave.id, { variable, level }), n, `${variable} = ${level}`);
  assert.equal(slots.filled(t.wave.id, { variable: 'age_group', level: '18-29' }), 2, 'one of three left');
  assert.equal(slots.filled(t.wave.id, { variable: 'gender', level: 'male' }), 7, 'eight took a male slot, one left');
  assert.equal(slots.filled(t.wave.id, { variable: 'gender', level: 'female' }), 3, 'four took a female slot, one left');
});
