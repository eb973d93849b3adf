import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import request from 'supertest';
import { medianWithout, QUALITY_FLAGS, SPEEDER_MIN_COMPLETES, speederAmong } from '../../server/domain/quality-flags.ts';
import { waveColumns } from '../../server/domain/export/wave-columns.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { createRespondentService } from '../../server/services/respondent-service.ts';
import { createTokenService } from '../../server/services/token-service.ts';
import { COMPLETE_ALLIANCE_ANSWERS, completeWithService, createTestApp } from './test-app.ts';

const t = await createTestApp();
after(() => t.close());
const ATTENTIVE = { ...COMPLETE_ALLIANCE_ANSWERS, attention_check: 'radio' };
const MARKUP = '<img src=x onerror=alert(1)>';

test('medianWithout and speederAmong: the leave-one-out median in O(1)', () => {
  assert.equal(medianWithout([1, 2, 3, 10], 3), 2);
  assert.equal(medianWithout([1, 2, 3, 10], 0), 3);
  assert.equal(medianWithout([1, 2, 3, 4, 10], 4), 2.5);
  assert.ok(Number.isNaN(medianWithout([5], 0)));
  const sorted = [10, ...Array.from({ length: SPEEDER_MIN_COMPLETES }, () => 300)];
  assert.equal(speederAmong(10, sorted), 1);
  assert.equal(speederAmong(300, sorted), 0);
  assert.equal(speederAmong(10, sorted.slice(0, -1)), null);
});

test("the codebook says each flag's rule in the study's terms, and what an empty or always-0 column means there (walk-through 29)", () => {
  const studies = loadDefinitionFiles('survey-definitions');
  const labels = (id: string) =>
    Object.fromEntries(waveColumns(studies.find((d) => d.id === id)!, { flags: QUALITY_FLAGS }).filter((c) => c.role === 'flag').map((c) => [c.name, c.label]));
  const alliance = labels('alliance-corrective-measures');
  assert.match(alliance.flag_attention_failed!, /^Quality flag: failed the attention check, an answer other than "radio" to attention_check \(1\), or passed \(0\)$/);
  assert.match(alliance.flag_straightlining!, /every item of a battery answered alike \(1\), or not \(0\); batteries: \w+/);
  assert.match(alliance.flag_speeder!, /under a third of the median time of the wave's other completes \(1\), or not \(0\); empty while they are fewer than 20$/);
  const bus = labels('bus-line-funding');
  assert.equal(bus.flag_attention_failed, 'Quality flag: failed the attention check; empty here: the study has no attention check');
  assert.match(bus.flag_straightlining!, /always 0 here: the study has no battery of 3 or more single-choice items$/);
});

test('exports carry one flag_* column per quality flag, filled for completes and empty for others; markup stays text', async () => {
  let clock = Date.parse('2026-02-01T00:00:00Z');
  const service = createRespondentService({ store: t.store, now: () => new Date(clock).toISOString() });
  const complete = async (panelId: string, seconds: number, honeypot?: string) => {
    const { participant } = await service.start({ waveId: t.wave.id, panelParams: { PROLIFIC_PID: panelId } });
    clock += seconds * 1000;
    await completeWithService(service, participant.code, ATTENTIVE, honeypot);
    return participant.code;
  };
  const early = await complete('early-fast', 20);
  for (let i = 0; i < SPEEDER_MIN_COMPLETES; i++) await complete(`p-${i}`, 500);
  const bot = await complete(MARKUP, 480, '<script>alert(2)</script>');
  const waiting = (await service.start({ waveId: t.wave.id, panelParams: { PROLIFIC_PID: 'still-going' } })).participant.code;

  const { token } = await createTokenService({ store: t.store }).create('export-test');
  const get = (format: string) =>
    request(t.app).get(`/api/researcher/waves/${t.wave.id}/export?format=${format}`).set('Authorization', `Bearer ${token}`);

  const json = await get('json');
  assert.equal(json.status, 200);
  assert.match(json.headers['content-type'], /^application\/json/);
  assert.equal(json.headers['x-content-type-options'], 'nosniff');
  const rows = JSON.parse(json.text) as Record<string, unknown>[];
  const names = Object.keys(rows[0]!);
  assert.deepEqual(names.slice(-QUALITY_FLAGS.length), QUALITY_FLAGS.map((f) => `flag_${f}`));
  const byCode = new Map(rows.map((r) => [r.participant, r]));
  // Judged at completion the first complete had nothing to compare with; the export applies the rule now.
  assert.equal((await t.repos.qualityFlags.get((await t.repos.participants.findByCode(early))!.id))!.values.speeder, null);
  assert.equal(byCode.get(early)!.flag_speeder, 1);
  assert.equal(byCode.get(bot)!.flag_speeder, 0);
  assert.equal(byCode.get(bot)!.flag_honeypot, 1);
  assert.equal(byCode.get(bot)!.flag_attention_failed, 0);
  assert.equal(byCode.get(bot)!.panel_id, MARKUP, 'markup is carried as plain text');
  assert.ok(!json.text.includes('alert(2)'), 'the honeypot value is not exported');
  for (const f of QUALITY_FLAGS) assert.equal(byCode.get(waiting)![`flag_${f}`], null, `a started participant has no ${f}`);

  const csv = await get('csv');
  assert.equal(csv.status, 200);
  assert.match(csv.headers['content-type'], /^text\/csv/);
  assert.equal(csv.headers['x-content-type-options'], 'nosniff');
  assert.match(csv.headers['content-disposition'], /^attachment/);
  assert.ok(csv.text.split('\n')[0]!.endsWith(QUALITY_FLAGS.map((f) => `flag_${f}`).join(',')));
  assert.ok(csv.text.includes(MARKUP), 'markup is carried as text in the CSV');
  console.log(`export flags: ${rows.length} rows, columns ${QUALITY_FLAGS.map((f) => `flag_${f}`).join(', ')}; speeders at export ${rows.filter((r) => r.flag_speeder === 1).length}`);
});
