import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import request from 'supertest';
import { rowsFromCsv } from '../../analysis/index.ts';
import { PLAN_ESTIMATES_CSV_COLUMNS } from '../../server/domain/plan/estimates-csv.ts';
import { executePlan } from '../../server/domain/plan/execute-plan.ts';
import { hypothesisReports } from '../../server/domain/plan/hypothesis-report.ts';
import { planHash } from '../../server/domain/plan/plan-hash.ts';
import { createResearcherTestApp } from './researcher-support.ts';
import { participantCode, seedAllianceWave } from './estimates-support.ts';
import { alliance, allianceRows } from './plan-support.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { zipCentralDirectory } from './zip-central-directory.ts';

let t: Awaited<ReturnType<typeof createResearcherTestApp>>;
before(async () => {
  t = await createResearcherTestApp({ target: 3000 });
  await seedAllianceWave(t.store, alliance, t.wave.id);
});
after(() => t.close());

test('GET /api/researcher/waves/:id/estimates needs a token', async () => {
  const res = await request(t.app).get(`/api/researcher/waves/${t.wave.id}/estimates`);
  assert.equal(res.status, 401);
  assert.equal(res.body.error.code, 'unauthorized');
  const plan = await request(t.app).get(`/api/researcher/waves/${t.wave.id}/plan`).set('Authorization', 'Bearer vlab_nope_nope');
  assert.equal(plan.status, 401);
});

test('the estimates route returns the plan estimates of the completed participants, with precision', async () => {
  const res = await t.get(`/waves/${t.wave.id}/estimates`);
  assert.equal(res.status, 200);
  assert.equal(res.headers['cache-control'], 'no-store');
  assert.equal(res.body.planHash, planHash(alliance));
  assert.equal(res.body.nComplete, 1502);
  const rows = allianceRows().map((r) => ({ ...r, participant: participantCode(String(r.participant)) }));
  const expected = executePlan({ definition: alliance, rows }).estimates;
  assert.deepEqual(res.body.estimates, JSON.parse(JSON.stringify(expected)));
  // Three tested H3 terms × three outcomes, and the projection to 3,000 is tighter than now.
  const h3 = res.body.precision.filter((p: { hypothesis: string }) => p.hypothesis === 'H3');
  assert.equal(h3.length, 3 * 7);
  assert.ok(h3.every((p: { mde_now: number; mde_target: number }) => p.mde_target < p.mde_now));
  assert.equal(h3.find((p: { term: string }) => p.term === 'regimeautocracy').label, 'Regime type of the ally: Autocracy (vs. Democracy)');
});

test('the JSON carries the hypothesis cards: labelled tested terms with verdicts, controls apart', async () => {
  const res = await t.get(`/waves/${t.wave.id}/estimates`);
  const rows = allianceRows().map((r) => ({ ...r, participant: participantCode(String(r.participant)) }));
  assert.deepEqual(res.body.hypotheses, JSON.parse(JSON.stringify(hypothesisReports(alliance, executePlan({ definition: alliance, rows })))));
  const h1 = res.body.hypotheses.find((h: { id: string }) => h.id === 'H1');
  assert.deepEqual(
    h1.tested.map((f: { label: string }) => f.label),
    ['Measure: Economic sanctions (vs. Public criticism)', 'Measure: Reduce military aid (vs. Public criticism)', 'Measure: Suspend military support (vs. Public criticism)'],
  );
  assert.ok(h1.tested.every((f: { verdict: string }) => ['supported', 'not supported', 'opposite sign'].includes(f.verdict)));
  assert.deepEqual(h1.controls.map((f: { term: string }) => f.term), ['(Intercept)', 'measuredo_nothing']);
  // The tidy rows keep R's names: labels are only beside them.
  assert.ok(res.body.estimates.every((e: Record<string, unknown>) => !('label' in e)));
});

test('?format=csv is the tidy table as an attachment; bad format and unknown wave are 4xx', async () => {
  const res = await t.get(`/waves/${t.wave.id}/estimates?format=csv`);
  assert.equal(res.status, 200);
  assert.match(res.headers['content-type'], /^text\/csv/);
  assert.match(res.headers['content-disposition'], /^attachment; filename="alliance-corrective-measures-.+-estimates\.csv"$/);
  assert.deepEqual(Object.keys(rowsFromCsv(res.text)[0]!), [...PLAN_ESTIMATES_CSV_COLUMNS]);
  assert.equal((await t.get(`/waves/${t.wave.id}/estimates?format=xlsx`)).status, 422);
  const missing = await t.get('/waves/nosuchwave1/estimates');
  assert.equal(missing.status, 404);
  assert.equal(missing.body.error.message, 'no wave "nosuchwave1"');
});

test('GET /waves/:id/plan gives the locked plan and each hypothesis its terms', async () => {
  const res = await t.get(`/waves/${t.wave.id}/plan`);
  assert.equal(res.status, 200);
  assert.equal(res.body.planHash, planHash(alliance));
  assert.deepEqual(res.body.plan.hypotheses.map((h: { id: string }) => h.id), ['H1', 'H2', 'H3']);
  assert.deepEqual(res.body.terms.H2, ['violated']);
  // Intercept, regime, capability, treaty and the four non-reference violation arms (control is not in the subset).
  assert.equal(res.body.terms.H3.length, 8);
  assert.equal(res.body.labels.H3.regimeautocracy, 'Regime type of the ally: Autocracy (vs. Democracy)');
  assert.equal(res.body.labels.H2.violated, 'Behaviour of the ally: any other level (vs. Cooperates (control))');
});

test('GET /waves/:id/plan labels a conjoint plan\'s terms too, in the study\'s words', async () => {
  const conjoint = loadDefinitionFiles('survey-definitions').find((d) => d.id === 'alliance-partner-conjoint')!;
  await t.studies.syncDefinitions([conjoint]);
  const { wave } = await t.studies.createWave({ studyKey: conjoint.id, target: 100, seed: 'plan-labels' });
  const res = await t.get(`/waves/${wave.id}/plan`);
  assert.equal(res.status, 200);
  assert.deepEqual(res.body.plan.conjoint.map((h: { id: string }) => h.id), ['H1', 'H2']);
  // H1: the non-reference levels of regime, capability, treaty, behavior, troops and trade.
  assert.ok(res.body.terms.H1.includes('behaviorevict_troops'));
  assert.equal(res.body.labels.H1.behaviorevict_troops, 'Bargaining behaviour of the partner: Evicts US troops (vs. Cooperates)');
  // H2: every level of regime and behavior within each party group.
  assert.equal(res.body.terms.H2.length % 8, 0);
  assert.equal(res.body.labels.H2['regimeautocracy:partyrepublican'], 'Regime type of the partner: Autocracy · Party: Republican');
  assert.equal(Object.keys(res.body.labels.H2).length, res.body.terms.H2.length);
});

test('GET /waves/:id/replication streams the replication package as a zip', async () => {
  const res = await t.get(`/waves/${t.wave.id}/replication`).responseType('blob');
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-type'], 'application/zip');
  assert.match(res.headers['content-disposition'], /^attachment; filename="alliance-corrective-measures-.+-replication\.zip"$/);
  const body = res.body as Buffer;
  assert.equal(body.readUInt32LE(0), 0x04034b50, 'a zip local file header');
  for (const name of ['data.csv', 'codebook.json', 'estimates.csv', 'analysis-plan.json', 'replicate.R', 'README.md']) {
    assert.ok(body.includes(Buffer.from(name)), name);
  }
  assert.equal((await request(t.app).get(`/api/researcher/waves/${t.wave.id}/replication`)).status, 401);
});

// Each entry was stamped with the time the worker made it, so every download had another hash (attacker pass 21).
test('two downloads of the replication package are the same bytes, stamped with the latest completion', async () => {
  const download = async () => (await t.get(`/waves/${t.wave.id}/replication`).responseType('blob')).body as Buffer;
  const [first, second] = [await download(), await download()];
  assert.ok(first.equals(second), 'the same bytes');
  // seedAllianceWave completes every participant at 2026-11-22T03:00:00Z.
  assert.deepEqual(new Set(zipCentralDirectory(first).map((e) => e.dosTime)), new Set(['2026-11-22 03:00:00']));
});

test('the plan and the replication package refuse query parameters they do not take (?format=tar gave a zip), as estimates and export do', async () => {
  for (const path of [`/waves/${t.wave.id}/plan?format=csv`, `/waves/${t.wave.id}/replication?format=tar`, `/waves/${t.wave.id}/replication?status=complete`]) {
    const res = await t.get(path);
    assert.equal(res.status, 422, path);
    assert.equal(res.body.error.code, 'invalid_input', path);
    assert.match(res.body.error.message, /format|status/, path);
  }
  // The parameter is named with what the route takes (newcomer walk-through 18: it said '(root): unknown field "x"').
  assert.equal((await t.get(`/waves/${t.wave.id}/replication?x=1`)).body.error.message, 'query parameter "x": not taken here (it takes none)');
  assert.equal((await t.get(`/waves/${t.wave.id}/estimates?status=complete`)).body.error.message, 'query parameter "status": not taken here (it takes format)');
  // Nothing about the wave is worked on before the refusal: an unknown wave with a bad parameter is the parameter's 422.
  assert.equal((await t.get('/waves/nosuchwave1/replication?format=tar')).status, 422);
});
