import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import request from 'supertest';
import {
  completionFlags,
  itemBatteries,
  median,
  possibleDurations,
  SPEEDER_MIN_COMPLETES,
  speederAmong,
  speederFlag,
  speederFlagAmong,
  straightlinedBatteries,
} from '../../server/domain/quality-flags.ts';
import { RunningMedian } from '../../server/domain/running-median.ts';
import type { StudyDefinition } from '../../server/domain/study-definition.ts';
import { createQualityFlagService } from '../../server/services/quality-flag-service.ts';
import { createRespondentService } from '../../server/services/respondent-service.ts';
import { createTokenService } from '../../server/services/token-service.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { COMPLETE_ALLIANCE_ANSWERS, completeSurvey, completeWithService, createTestApp } from './test-app.ts';

const apps: { close(): void }[] = [];
async function setup(...args: Parameters<typeof createTestApp>) {
  const t = await createTestApp(...args);
  apps.push(t);
  return t;
}
after(() => apps.forEach((a) => a.close()));

/** The shared completion answers with the attention check passed. */
const ATTENTIVE = { ...COMPLETE_ALLIANCE_ANSWERS, attention_check: 'radio' };
const OUTCOME_BATTERY = ['do_nothing', 'public_criticism', 'economic_sanctions', 'reduce_military_aid', 'suspend_military_support'];

/** The shipped alliance definition: its five corrective-measure items form the battery `corrective_measures`. */
function allianceWithBattery(): StudyDefinition {
  return loadDefinitionFiles('survey-definitions').find((d) => d.id === 'alliance-corrective-measures')!;
}

test('median, and the speeder rule: under a third of the median, judged only once enough completes exist', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 2, 3]), 2.5);
  assert.ok(Number.isNaN(median([])));
  // The completion's running median gives what the rule gives on the same durations in any order.
  const shuffled = Array.from({ length: 41 }, (_, i) => ((i * 17) % 41) * 10 + 5);
  const running = RunningMedian.fromSorted([]);
  for (const seconds of shuffled) running.add(seconds);
  for (const seconds of [60, 67, 68, 69, 70, 200]) assert.equal(speederFlagAmong(seconds, running), speederFlag(seconds, shuffled), `${seconds} s`);
  assert.equal(speederFlagAmong(68, running), 1, 'median 205: under a third of it is a speeder');
  const others = Array.from({ length: SPEEDER_MIN_COMPLETES }, () => 300);
  assert.equal(speederFlag(99, others), 1);
  assert.equal(speederFlag(100, others), 0);
  assert.equal(speederFlag(99, others.slice(1)), null, 'too few completes to judge');
  // A negative duration (a clock stepped back) is not judged, and among the others neither counts nor moves the median.
  assert.equal(speederFlag(-5, others), null);
  assert.equal(speederFlag(99, [...others.slice(1), -5]), null, 'the negative one does not make up the 20');
  assert.deepEqual([...possibleDurations(Float64Array.from([-7, -1, 0, 3]))], [0, 3]);
  assert.equal(speederAmong(-1, Float64Array.from([-1, ...others])), null);
});

test('straight-lining: the same answer on every item of a battery of ≥ 3 items; unanswered items do not count', () => {
  const def = allianceWithBattery();
  assert.deepEqual([...itemBatteries(def)], [['corrective_measures', OUTCOME_BATTERY]]);
  const same = Object.fromEntries(OUTCOME_BATTERY.map((n) => [n, 3]));
  assert.deepEqual(straightlinedBatteries(def, same), ['corrective_measures']);
  assert.deepEqual(straightlinedBatteries(def, { ...same, do_nothing: 4 }), []);
  assert.deepEqual(straightlinedBatteries(def, { ...same, do_nothing: undefined }), []);
  // A two-item "battery" is too short to say anything.
  const short = structuredClone(def);
  for (const page of short.pages.outcomes) for (const e of page.elements) if (!['do_nothing', 'public_criticism'].includes(e.name)) delete (e as Record<string, unknown>).battery;
  assert.equal(itemBatteries(short).size, 0);
});

test('completionFlags: honeypot, attention check, duplicate panel ID; attention is empty without a check', () => {
  const def = allianceWithBattery();
  const base = { def, answers: ATTENTIVE, derived: { attention_pass: 1 }, honeypot: undefined, duplicatePanelId: false, durationSeconds: 400, otherDurations: RunningMedian.fromSorted([]) };
  assert.deepEqual(completionFlags(base).values, { duplicate_panel_id: 0, speeder: null, straightlining: 0, honeypot: 0, attention_failed: 0 });
  const flagged = completionFlags({ ...base, derived: { attention_pass: 0 }, honeypot: 'http://spam.example', duplicatePanelId: true });
  assert.deepEqual(flagged.values, { duplicate_panel_id: 1, speeder: null, straightlining: 0, honeypot: 1, attention_failed: 1 });
  assert.equal(completionFlags({ ...base, honeypot: '   ' }).values.honeypot, 0);
  const { attentionCheck: _, ...noCheck } = def;
  assert.equal(completionFlags({ ...base, def: noCheck as StudyDefinition }).values.attention_failed, null);
});

test('through the API: a filled honeypot and a failed attention check are flagged, the honeypot is not stored as an answer, the completion is kept', async () => {
  const { app, wave, repos } = await setup();
  const flagsOf = async (code: string) => (await repos.qualityFlags.get((await repos.participants.findByCode(code))!.id))!.values;

  const clean = (await request(app).post(`/api/waves/${wave.id}/participants`).send({})).body.participant.code;
  const done = await completeSurvey(app, clean, ATTENTIVE, { honeypot: '' });
  assert.equal(done.status, 200);
  assert.deepEqual(await flagsOf(clean), { duplicate_panel_id: 0, speeder: null, straightlining: 0, honeypot: 0, attention_failed: 0 });

  const bot = (await request(app).post(`/api/waves/${wave.id}/participants`).send({})).body.participant.code;
  const res = await completeSurvey(app, bot, { ...ATTENTIVE, attention_check: 'newspapers' }, { honeypot: 'buy cheap watches' });
  assert.equal(res.status, 200);
  assert.equal(res.body.status, 'complete', 'flags never change the outcome');
  const p = (await repos.participants.findByCode(bot))!;
  assert.equal(p.status, 'complete');
  assert.deepEqual(await flagsOf(bot), { duplicate_panel_id: 0, speeder: null, straightlining: 0, honeypot: 1, attention_failed: 1 });
  const final = (await repos.answers.get(p.id, 'final'))!;
  assert.ok(!JSON.stringify(final).includes('cheap watches'), 'the honeypot value is not stored');
  assert.equal(final.answers.attention_check, 'newspapers');

  // A screened-out participant has no flags row (nothing to judge), and the honeypot is still accepted.
  const declined = (await request(app).post(`/api/waves/${wave.id}/participants`).send({})).body.participant.code;
  assert.equal((await request(app).post(`/api/participants/${declined}/complete`).send({ answers: { consent: false }, honeypot: 'x' })).status, 200);
  assert.equal(await repos.qualityFlags.get((await repos.participants.findByCode(declined))!.id), undefined);
});

test('duplicate panel ID across waves of one study: the later participant is flagged, the assignment is drawn as usual', async () => {
  const { app, wave, repos, studies } = await setup();
  const second = (await studies.createWave({ studyKey: 'alliance-corrective-measures', target: 100, seed: 'second' })).wave;
  const other = (await studies.createWave({ studyKey: 'protege-bargaining', target: 100, seed: 'other-study' })).wave;
  const panel = { PROLIFIC_PID: 'dup-pid-1' };
  const first = (await request(app).post(`/api/waves/${wave.id}/participants`).send({ panel })).body.participant.code;
  await completeSurvey(app, first);
  const again = await request(app).post(`/api/waves/${second.id}/participants`).send({ panel });
  assert.equal(again.status, 201);
  assert.equal((await repos.participants.findByCode(again.body.participant.code))!.drawIndex, 0, 'a normal first draw in the new wave');
  await completeSurvey(app, again.body.participant.code);
  const idOf = async (code: string) => (await repos.participants.findByCode(code))!.id;
  assert.equal((await repos.qualityFlags.get(await idOf(first)))!.values.duplicate_panel_id, 0);
  assert.equal((await repos.qualityFlags.get(await idOf(again.body.participant.code)))!.values.duplicate_panel_id, 1);
  // The ID retyped in capitals is still the same Prolific participant (attacker pass 15: it passed unflagged).
  const third = (await studies.createWave({ studyKey: 'alliance-corrective-measures', target: 100, seed: 'third' })).wave;
  const retyped = (await request(app).post(`/api/waves/${third.id}/participants`).send({ panel: { PROLIFIC_PID: 'DUP-PID-1' } })).body.participant.code;
  await completeSurvey(app, retyped);
  assert.equal((await repos.qualityFlags.get(await idOf(retyped)))!.values.duplicate_panel_id, 1);
  // Under another panel's parameter it is the same ID too, as a start in one wave matches it (attacker pass 16).
  const fourth = (await studies.createWave({ studyKey: 'alliance-corrective-measures', target: 100, seed: 'fourth' })).wave;
  const asWorker = (await request(app).post(`/api/waves/${fourth.id}/participants`).send({ panel: { workerId: 'dup-pid-1' } })).body.participant.code;
  await completeSurvey(app, asWorker);
  assert.equal((await repos.qualityFlags.get(await idOf(asWorker)))!.values.duplicate_panel_id, 1);
  // The same panel ID in another study is not a duplicate.
  const elsewhere = (await request(app).post(`/api/waves/${other.id}/participants`).send({ panel })).body.participant.code;
  const protegeAnswers = { consent: true, age_group: '45-64', gender: 'male', education: 'no_college', region: 'midwest', party: 'republican', attention_check: 'radio', support_concede: 2, support_punish: 3, support_let_leave: 1, manipulation_check_rival: 'no_rival' };
  const res = await completeSurvey(app, elsewhere, protegeAnswers);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal((await repos.qualityFlags.get(await idOf(elsewhere)))!.values.duplicate_panel_id, 0);
});

test('speeder at completion needs 20 earlier completes; at export the median of all other completes decides', async () => {
  const t = await setup();
  const wave = (await t.studies.createWave({ studyKey: 'alliance-corrective-measures', target: 1000, seed: 'speeders' })).wave;
  let clock = Date.parse('2026-01-01T00:00:00Z');
  const service = createRespondentService({ store: t.store, now: () => new Date(clock).toISOString() });
  const run = async (seconds: number, answers: Record<string, unknown> = ATTENTIVE) => {
    const { participant } = await service.start({ waveId: wave.id, panelParams: {} });
    clock += seconds * 1000;
    await completeWithService(service, participant.code, answers);
    clock += 1000;
    return (await t.repos.qualityFlags.get(participant.id))!.values;
  };
  // The first fast completes come before there is a median to judge them by.
  const early = [await run(30), await run(30)];
  assert.deepEqual(early.map((f) => f.speeder), [null, null]);
  for (let i = 0; i < SPEEDER_MIN_COMPLETES - 2; i++) await run(600);
  assert.equal((await run(150)).speeder, 1, '150 s < 600 s / 3');
  assert.equal((await run(250)).speeder, 0);
  const straight = await run(600, { ...ATTENTIVE, ...Object.fromEntries(OUTCOME_BATTERY.map((n) => [n, 4])) });
  assert.equal(straight.straightlining, 1);

  const exported = await createQualityFlagService().flagsForWave(t.repos, wave.id);
  const speeders = [...exported.values()].filter((f) => f.speeder === 1).length;
  assert.equal(exported.size, SPEEDER_MIN_COMPLETES + 3);
  assert.equal(speeders, 3, 'the two early 30-second completes are speeders once the median is known, plus the 150-second one');
  console.log(`quality flags: ${exported.size} completes, ${speeders} speeders at export (2 of them unjudged at completion)`);
});

test('a clock stepped back (negative duration) is not a speeder, stays out of the median and is exported as missing', async () => {
  const t = await setup();
  const wave = (await t.studies.createWave({ studyKey: 'alliance-corrective-measures', target: 1000, seed: 'clock-step' })).wave;
  let clock = Date.parse('2026-01-01T00:00:00Z');
  const service = createRespondentService({ store: t.store, now: () => new Date(clock).toISOString() });
  const run = async (seconds: number) => {
    const { participant } = await service.start({ waveId: wave.id, panelParams: {} });
    clock += seconds * 1000; // negative: the server's clock stepped back between the start and the completion
    await completeWithService(service, participant.code, ATTENTIVE);
    clock += 3_600_000;
    return { code: participant.code, flags: (await t.repos.qualityFlags.get(participant.id))!.values };
  };
  for (let i = 0; i < 11; i++) await run(600);
  for (let i = 0; i < 10; i++) await run(100);
  // 21 others, median 600: -300 s would be "under a third" of it, but it is no duration at all.
  const stepped = await run(-300);
  assert.equal(stepped.flags.speeder, null, 'an impossible duration is not judged');
  // Others: 11 × 600 and 10 × 100 (median 600), so 180 s is a speeder; counting the -300 would make the median 350.
  const fast = await run(180);
  assert.equal(fast.flags.speeder, 1, 'the negative duration does not pull the median down');

  const exported = await createQualityFlagService().flagsForWave(t.repos, wave.id);
  const byId = async (code: string) => exported.get((await t.repos.participants.findByCode(code))!.id)!;
  assert.equal((await byId(stepped.code)).speeder, null);
  assert.equal((await byId(fast.code)).speeder, 1);

  const { token } = await createTokenService({ store: t.store }).create('clock-step');
  const get = (format: string) => request(t.app).get(`/api/researcher/waves/${wave.id}/export?format=${format}`).set('Authorization', `Bearer ${token}`);
  const rows = JSON.parse((await get('json')).text) as Record<string, unknown>[];
  const row = rows.find((r) => r.participant === stepped.code)!;
  assert.equal(row.duration_seconds, null, 'exported as missing, not as a negative number');
  assert.equal(row.flag_speeder, null);
  assert.ok(typeof row.started_at === 'string' && typeof row.completed_at === 'string', 'the timestamps stay as recorded');
  assert.equal(rows.find((r) => r.participant === fast.code)!.duration_seconds, 180);
  const codebook = JSON.parse((await get('codebook')).text) as { columns: { name: string; label: string }[] };
  assert.match(codebook.columns.find((c) => c.name === 'duration_seconds')!.label, /empty when completed_at is before started_at/);
});

test('the respondent page carries a honeypot field people cannot see, focus or hear', async () => {
  const { app, wave } = await setup();
  const html = (await request(app).get(`/s/${wave.id}`)).text;
  const block = /<div class="vlab-hp" aria-hidden="true">[\s\S]*?<\/div>/.exec(html)?.[0];
  assert.ok(block, 'honeypot block with aria-hidden');
  assert.match(block!, /<input type="text" id="vlab-website" name="website" tabindex="-1" autocomplete="off">/);
  const cssPath = /href="(\/assets\/respondent-[^"]+\.css)"/.exec(html)![1]!;
  const css = (await request(app).get(cssPath)).text;
  assert.match(css, /\.vlab-hp\s*\{\s*display:\s*none;?\s*\}/);
});
