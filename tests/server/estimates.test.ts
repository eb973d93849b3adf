import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { differenceInMeans, rowsFromCsv, type Row } from '../../analysis/index.ts';
import { executePlan, PLAN_ESTIMATE_COLUMNS, type PlanEstimate } from '../../server/domain/plan/execute-plan.ts';
import { planHash } from '../../server/domain/plan/plan-hash.ts';
import { createEstimatesService } from '../../server/services/estimates-service.ts';
import { createStudyService } from '../../server/services/study-service.ts';
import { openDatabase } from '../../server/storage/db.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { createRepositories } from '../../server/storage/repositories.ts';
import { participantCode, seedAllianceWave } from './estimates-support.ts';
import { alliance, allianceRows } from './plan-support.ts';

const dir = mkdtempSync(join(tmpdir(), 'vlab-estimates-'));
const dbPath = join(dir, 'vlab.sqlite');
let waveId = '';
after(() => rmSync(dir, { recursive: true, force: true }));

before(() => {
  const db = openDatabase(dbPath);
  const repos = createRepositories(db);
  const studies = createStudyService({ db, repos });
  studies.syncDefinitions(loadDefinitionFiles('survey-definitions'));
  waveId = studies.createWave({ studyKey: alliance.id, target: 1502, seed: 'estimates' }).wave.id;
  seedAllianceWave(db, repos, alliance, waveId);
  db.close();
});

function vlab(args: string[]) {
  const result = spawnSync(process.execPath, ['bin/vlab.js', ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
const NUMBERS = ['estimate', 'std_error', 'statistic', 'p_value', 'conf_low', 'conf_high', 'df', 'p_adjusted'] as const;
function assertSameEstimates(actual: PlanEstimate[], expected: PlanEstimate[]): void {
  assert.equal(actual.length, expected.length);
  expected.forEach((want, k) => {
    const got = actual[k]!;
    assert.deepEqual([got.hypothesis, got.outcome, got.term, got.n_used, got.n_dropped], [want.hypothesis, want.outcome, want.term, want.n_used, want.n_dropped]);
    for (const c of NUMBERS) {
      if (want[c] === null) assert.equal(got[c], null);
      else assert.ok(Math.abs(got[c]! - want[c]!) <= 1e-10 * Math.max(1, Math.abs(want[c]!)), `${want.hypothesis} ${want.term} ${c}: ${got[c]} vs ${want[c]}`);
    }
  });
}

test('the wave records the plan hash in the transaction that creates it', () => {
  const db = openDatabase(dbPath);
  try {
    assert.equal(db.prepare('SELECT plan_hash FROM waves WHERE id = ?').pluck().get(waveId), planHash(alliance));
  } finally {
    db.close();
  }
});

test('vlab estimates --format json on the 1,502 alliance respondents equals the analysis module called directly', () => {
  const run = vlab(['estimates', `--wave=${waveId}`, '--format', 'json', '--db', dbPath]);
  assert.equal(run.status, 0, run.stderr);
  const result = JSON.parse(run.stdout);
  assert.equal(result.nComplete, 1502);
  assert.equal(result.planHash, planHash(alliance));
  assert.equal(result.recordedPlanHash, planHash(alliance));
  assert.ok(result.estimates.every((e: PlanEstimate) => e.plan_hash === planHash(alliance)));

  // The same rows straight from the CSV through executePlan ...
  const rows = allianceRows().map((r): Row => ({ ...r, participant: participantCode(String(r.participant)) }));
  assertSameEstimates(result.estimates, executePlan({ definition: alliance, rows }).estimates);
  // ... and H2 by a direct differenceInMeans call (attentive respondents, violated = behaviour is not control).
  const attentive = rows.filter((r) => r.attention_pass === 1).map((r) => ({ ...r, violated: r.behavior === 'control' ? 0 : 1 }));
  const direct = differenceInMeans({ rows: attentive, outcome: 'contribution', treatment: 'violated' }).estimates[0]!;
  const h2 = result.estimates.find((e: PlanEstimate) => e.hypothesis === 'H2' && e.outcome === 'contribution');
  for (const c of ['estimate', 'std_error', 'df', 'p_value', 'conf_low', 'conf_high'] as const) {
    assert.ok(Math.abs(h2[c] - direct[c]!) <= 1e-10 * Math.abs(direct[c]!), c);
  }
});

test('vlab estimates --format csv has the tidy columns; table is for reading; mistakes exit 2', () => {
  const csv = vlab(['estimates', `--wave=${waveId}`, '--format', 'csv', '--db', dbPath]);
  assert.equal(csv.status, 0, csv.stderr);
  const rows = rowsFromCsv(csv.stdout);
  assert.deepEqual(Object.keys(rows[0]!), [...PLAN_ESTIMATE_COLUMNS]);
  assert.equal(rows.filter((r) => r.hypothesis === 'H3').length, 24);
  const table = vlab(['estimates', `--wave=${waveId}`, '--db', dbPath]);
  assert.equal(table.status, 0, table.stderr);
  assert.match(table.stdout, /^wave \S+ \(alliance-corrective-measures v1\), 1502 complete, \d+ excluded by the plan; plan [0-9a-f]{12}\n/);
  assert.match(table.stdout, /H2\s+alliance_favorability\s+violated\s+-0\.\d+/);
  const unknown = vlab(['estimates', '--wave=nosuchwave', '--db', dbPath]);
  assert.equal(unknown.status, 2);
  assert.equal(unknown.stderr, 'vlab estimates: no wave "nosuchwave"\n');
  const format = vlab(['estimates', `--wave=${waveId}`, '--format', 'xlsx', '--db', dbPath]);
  assert.equal(format.status, 2);
  assert.match(format.stderr, /unknown format "xlsx" \(valid: table, csv, json\)/);
});

test('editing analysis-plan.json after launch leaves the wave its plan and hash; the next wave gets the new plan', () => {
  const defsDir = join(dir, 'definitions');
  cpSync('survey-definitions', defsDir, { recursive: true });
  const db = openDatabase(join(dir, 'edit.sqlite'));
  try {
    const repos = createRepositories(db);
    const studies = createStudyService({ db, repos });
    studies.syncDefinitions(loadDefinitionFiles(defsDir));
    const first = studies.createWave({ studyKey: alliance.id, target: 100 }).wave.id;
    const before = createEstimatesService({ db, repos }).wavePlan(first);

    const planFile = join(defsDir, alliance.id, 'analysis-plan.json');
    const plan = JSON.parse(readFileSync(planFile, 'utf8'));
    plan.hypotheses = plan.hypotheses.filter((h: { id: string }) => h.id !== 'H3');
    writeFileSync(planFile, JSON.stringify(plan));
    const synced = studies.syncDefinitions(loadDefinitionFiles(defsDir));
    assert.equal(synced.find((s) => s.study.key === alliance.id)!.inserted, true, 'a new snapshot');

    const after = createEstimatesService({ db, repos }).wavePlan(first);
    assert.equal(after.planHash, before.planHash);
    assert.equal(repos.waves.planHash(first), planHash(alliance));
    assert.deepEqual(after.definition.analysisPlan.hypotheses.map((h) => h.id), ['H1', 'H2', 'H3']);
    seedAllianceWave(db, repos, alliance, first);
    const estimates = createEstimatesService({ db, repos }).waveEstimates(first);
    assert.ok(estimates.estimates.some((e) => e.hypothesis === 'H3'));
    assert.equal(estimates.planHash, planHash(alliance));

    const second = studies.createWave({ studyKey: alliance.id, target: 100 }).wave.id;
    assert.notEqual(repos.waves.planHash(second), planHash(alliance));
    assert.deepEqual(createEstimatesService({ db, repos }).wavePlan(second).definition.analysisPlan.hypotheses.map((h) => h.id), ['H1', 'H2']);
  } finally {
    db.close();
  }
});
