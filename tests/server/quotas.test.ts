import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import request from 'supertest';
import { quotaCaps } from '../../server/domain/quota.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { COMPLETE_ALLIANCE_ANSWERS } from './test-app.ts';
import { researcherAppSetup, startParticipant } from './researcher-support.ts';
import { DEFAULT_CONFIG } from '../../server/config.ts';

/** A save or quota step past the quota step leases the slot for the whole (default) lease. */
const DEFAULT_LEASE = DEFAULT_CONFIG.quotaLeaseSeconds;

const setup = researcherAppSetup();

const OVERQUOTA_URL = 'https://panel.example/overquota?pid={PROLIFIC_PID}';
const TREATMENT_PAGE = 3; // consent, about_you, news_habits, then the vignette
const pretreatment = (age: string, gender = 'female') => ({
  consent: true,
  age_group: age,
  gender,
  education: 'college',
  region: 'west',
  party: 'independent',
  attention_check: 'radio',
});

test('alliance quotas: caps are ceil(share × target × 1.05) for age group and gender', () => {
  const [def] = loadDefinitionFiles('survey-definitions').filter((d) => d.id === 'alliance-corrective-measures');
  const caps = quotaCaps(def!, 20);
  assert.deepEqual(
    caps.map((c) => `${c.variable}=${c.level}:${c.cap}`),
    ['age_group=18-29:5', 'age_group=30-44:6', 'age_group=45-64:7', 'age_group=65+:5', 'gender=female:11', 'gender=male:11'],
  );
});

test('an answer without a population share (non-binary, another, prefer not to say) takes no gender slot and is never turned away', async () => {
  const t = await setup({ target: 4, overquotaUrl: OVERQUOTA_URL }); // caps: female 3, male 3
  const ages = ['18-29', '30-44', '45-64', '65+'];
  for (let i = 0; i < 3; i++) {
    const s = await startParticipant(t.app, t.wave.id, { PROLIFIC_PID: `f-${i}` });
    const r = await request(t.app).post(`/api/participants/${s.body.participant.code}/quota-check`).send({ answers: pretreatment(ages[i]!, 'female') });
    assert.equal(r.body.admitted, true);
  }
  const full = await startParticipant(t.app, t.wave.id, { PROLIFIC_PID: 'f-full' });
  const refused = await request(t.app).post(`/api/participants/${full.body.participant.code}/quota-check`).send({ answers: pretreatment('65+', 'female') });
  assert.equal(refused.body.admitted, false, 'female is full');
  // Age caps at target 4: 18-29 1, 30-44 2, 45-64 2, 65+ 1; each of these takes an age with room left.
  const others: [string, string][] = [['nonbinary', '30-44'], ['another', '45-64'], ['prefer_not_to_say', '65+']];
  for (const [gender, age] of others) {
    const s = await startParticipant(t.app, t.wave.id, { PROLIFIC_PID: gender });
    const r = await request(t.app).post(`/api/participants/${s.body.participant.code}/quota-check`).send({ answers: pretreatment(age, gender) });
    assert.deepEqual(r.body, { admitted: true, outcome: null, leaseSecondsLeft: DEFAULT_LEASE }, gender);
  }
  assert.equal(await t.sql.value("SELECT COUNT(*) FROM quota_slots WHERE variable = 'gender'"), 3, 'only the three female slots');
  assert.equal(await t.sql.value("SELECT COUNT(*) FROM quota_slots WHERE variable = 'age_group' AND level = '65+'"), 1, 'their age still counts');
});

test('concurrent quota checks past a full level never overfill it: exactly the cap is admitted', async () => {
  const t = await setup({ target: 20, overquotaUrl: OVERQUOTA_URL });
  const n = 12;
  const starts = await Promise.all(Array.from({ length: n }, (_, i) => startParticipant(t.app, t.wave.id, { PROLIFIC_PID: `young-${i}` })));
  assert.ok(starts.every((r) => r.status === 201));
  const checks = await Promise.all(
    starts.map((s) => request(t.app).post(`/api/participants/${s.body.participant.code}/quota-check`).send({ answers: pretreatment('18-29') })),
  );
  assert.ok(checks.every((r) => r.status === 200));
  const admitted = checks.filter((r) => r.body.admitted === true);
  const turnedAway = checks.filter((r) => r.body.admitted === false);
  assert.equal(admitted.length, 5);
  assert.equal(turnedAway.length, 7);
  for (const r of turnedAway) {
    assert.equal(r.body.outcome.status, 'overquota');
    assert.match(r.body.outcome.redirectUrl, /^https:\/\/panel\.example\/overquota\?pid=young-\d+$/);
  }
  assert.equal(await t.sql.value("SELECT COUNT(*) FROM participants WHERE status = 'overquota'"), 7);
  assert.equal(await t.sql.value("SELECT COUNT(*) FROM quota_slots WHERE variable = 'age_group' AND level = '18-29'"), 5);

  // Other levels still have room; the admitted finish normally.
  const older = await startParticipant(t.app, t.wave.id, { PROLIFIC_PID: 'older' });
  const ok = await request(t.app).post(`/api/participants/${older.body.participant.code}/quota-check`).send({ answers: pretreatment('45-64') });
  assert.deepEqual(ok.body, { admitted: true, outcome: null, leaseSecondsLeft: DEFAULT_LEASE });
  const done = await request(t.app)
    .post(`/api/participants/${admitted[0]!.request.url.split('/').at(-2)}/complete`)
    .send({ answers: { ...COMPLETE_ALLIANCE_ANSWERS, ...pretreatment('18-29') } });
  assert.equal(done.body.status, 'complete');

  // An over-quota respondent who comes back gets the same exit, not the survey.
  const again = await startParticipant(t.app, t.wave.id, { PROLIFIC_PID: 'young-11' });
  const wasTurnedAway = turnedAway.some((r) => r.body.outcome.redirectUrl.endsWith('young-11'));
  assert.equal(again.body.outcome?.status ?? 'started', wasTurnedAway ? 'overquota' : 'started');

  const status = await t.get(`/waves/${t.wave.id}`);
  assert.equal(status.body.overquota, 7);
  const young = status.body.quotas.find((q: { variable: string; level: string }) => q.variable === 'age_group' && q.level === '18-29');
  assert.deepEqual({ cap: young.cap, filled: young.filled }, { cap: 5, filled: 5 });
});

test('a concurrent burst on one gender level admits exactly its cap across the quota step, saves and completions', async () => {
  const t = await setup({ target: 20 });
  const ages = ['18-29', '30-44', '45-64', '65+'];
  const starts = await Promise.all(Array.from({ length: 16 }, (_, i) => startParticipant(t.app, t.wave.id, { PROLIFIC_PID: `m-${i}` })));
  // Three routes into the quota step, interleaved: the explicit check, a save that moves to the vignette page,
  // and a save that jumps past it (a client whose earlier saves were lost).
  const results = await Promise.all(
    starts.map((s, i) => {
      const code = s.body.participant.code;
      const answers = pretreatment(ages[i % 4]!, 'male');
      if (i % 3 === 0) return request(t.app).post(`/api/participants/${code}/quota-check`).send({ answers });
      if (i % 3 === 1) return request(t.app).put(`/api/participants/${code}/answers`).send({ answers, currentPage: TREATMENT_PAGE });
      return request(t.app).put(`/api/participants/${code}/answers`).send({ answers, currentPage: TREATMENT_PAGE + 1 });
    }),
  );
  assert.ok(results.every((r) => r.status === 200), JSON.stringify(results.map((r) => r.body)));
  assert.equal(await t.sql.value("SELECT COUNT(*) FROM quota_slots WHERE variable = 'gender' AND level = 'male'"), 11);
  assert.equal(await t.sql.value("SELECT COUNT(*) FROM participants WHERE status = 'overquota'"), 5);
  for (const level of ages) {
    const cap = { '18-29': 5, '30-44': 6, '45-64': 7, '65+': 5 }[level]!;
    assert.ok(await t.sql.value("SELECT COUNT(*) FROM quota_slots WHERE variable = 'age_group' AND level = ?", level) <= cap);
  }
  const refused = results.filter((r) => r.body.outcome?.status === 'overquota');
  assert.equal(refused.length, 5);
});

test('the quota step needs consent and the quota answers; it is idempotent for an admitted participant', async () => {
  const t = await setup({ target: 20 });
  const s = await startParticipant(t.app, t.wave.id, { PROLIFIC_PID: 'x' });
  const code = s.body.participant.code;
  const noConsent = await request(t.app).post(`/api/participants/${code}/quota-check`).send({ answers: { age_group: '18-29', gender: 'male' } });
  assert.equal(noConsent.status, 422);
  const missing = await request(t.app).post(`/api/participants/${code}/quota-check`).send({ answers: { consent: true, age_group: '18-29' } });
  assert.equal(missing.status, 422);
  assert.match(missing.body.error.message, /answers\.gender: required for the quota check/);
  const bad = await request(t.app).post(`/api/participants/${code}/quota-check`).send({ answers: { consent: true, age_group: '17' } });
  assert.equal(bad.status, 422);
  for (let i = 0; i < 3; i++) {
    const ok = await request(t.app).post(`/api/participants/${code}/quota-check`).send({ answers: pretreatment('30-44') });
    assert.deepEqual(ok.body, { admitted: true, outcome: null, leaseSecondsLeft: DEFAULT_LEASE });
  }
  assert.equal(await t.sql.value('SELECT COUNT(*) FROM quota_slots'), 2);
  assert.equal((await request(t.app).post('/api/participants/AAAAAAAAAAAAAAAAAAAAAA/quota-check').send({ answers: {} })).status, 404);
});

test('a quotas.json naming a variable without population margins is refused with the file and field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vlab-quota-def-'));
  try {
    cpSync('survey-definitions/alliance-corrective-measures', join(dir, 'alliance-corrective-measures'), { recursive: true });
    const file = join(dir, 'alliance-corrective-measures', 'quotas.json');
    writeFileSync(file, JSON.stringify({ variables: ['age_group', 'party'], slack: 0.05 }));
    assert.throws(() => loadDefinitionFiles(dir), (e: Error) => e.message.startsWith(`${file}:1:27: variables[1]: "party" has no population margins`));
    // A near miss of a variable with margins is named (newcomer walk-through 14).
    writeFileSync(file, JSON.stringify({ variables: ['age_grup'], slack: 0.05 }));
    assert.throws(() => loadDefinitionFiles(dir), (e: Error) => e.message.startsWith(`${file}:1:15: variables[0]: "age_grup" has no population margins (population-margins.json), which the quota caps come from (did you mean "age_group"?)`));
    writeFileSync(file, JSON.stringify({ variables: ['age_group'], slack: 2 }));
    assert.throws(() => loadDefinitionFiles(dir), (e: Error) => e.message.startsWith(`${file}:1:28: slack:`));
    writeFileSync(file, JSON.stringify({ variables: ['age_group'], caps: {} }));
    assert.throws(() => loadDefinitionFiles(dir), /quotas\.json:\d+:\d+: \(root\): .*"caps"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a target lowered below the completes leaves levels over their caps, and the status says why (attacker pass 18)', async () => {
  const t = await setup({ target: 20 }); // caps: female 11 at target 20, 3 at target 4
  const ages = ['18-29', '30-44', '45-64', '65+'];
  for (let i = 0; i < 4; i++) {
    const s = await startParticipant(t.app, t.wave.id, { PROLIFIC_PID: `f-${i}` });
    const code = s.body.participant.code as string;
    await request(t.app).post(`/api/participants/${code}/quota-check`).send({ answers: pretreatment(ages[i]!, 'female') }).expect(200);
    await request(t.app).post(`/api/participants/${code}/complete`).send({ answers: { ...COMPLETE_ALLIANCE_ANSWERS, ...pretreatment(ages[i]!, 'female') } }).expect(200);
  }
  await request(t.app).patch(`/api/researcher/waves/${t.wave.id}`).set('Authorization', `Bearer ${t.token}`).send({ target: 4 }).expect(200);
  const status = (await t.get(`/waves/${t.wave.id}`).expect(200)).body;
  const female = status.quotas.find((q: { variable: string; level: string }) => q.variable === 'gender' && q.level === 'female');
  assert.equal(female.completes, 4);
  assert.equal(female.cap, 3);
  assert.equal(female.overCap, 1);
  assert.equal(female.overCapReason, 'admitted before the target was lowered from 20 to 4');
  const male = status.quotas.find((q: { variable: string; level: string }) => q.variable === 'gender' && q.level === 'male');
  assert.equal(male.overCap, 0);
  assert.equal(male.overCapReason, null);
});
