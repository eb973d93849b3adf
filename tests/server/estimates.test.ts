import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { differenceInMeans, rowsFromCsv, type Row } from '../../analysis/index.ts';
import { PLAN_ESTIMATES_CSV_COLUMNS } from '../../server/domain/plan/estimates-csv.ts';
import { executePlan, type PlanEstimate } from '../../server/domain/plan/execute-plan.ts';
import { planHash } from '../../server/domain/plan/plan-hash.ts';
import { createEstimatesService } from '../../server/services/estimates-service.ts';
import { createStudyService } from '../../server/services/study-service.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { openStore } from '../../server/storage/open-store.ts';
import { participantCode, seedAllianceWave } from './estimates-support.ts';
import { alliance, allianceRows } from './plan-support.ts';
import { createTestLocation, createTestStore } from './test-app.ts';
import { testSql } from './test-sql.ts';
import { vlabInProcess } from '../analysis/vlab-in-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'vlab-estimates-'));
// A SQLite file, or a PostgreSQL database under VLAB_TEST_ENGINE=postgres: the verbs read either.
const { location: dbPath, remove } = await createTestLocation();
let waveId = '';
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await remove();
});

before(async () => {
  const store = await openStore(dbPath);
  const studies = createStudyService({ store });
  await studies.syncDefinitions(loadDefinitionFiles('survey-definitions'));
  waveId = (await studies.createWave({ studyKey: alliance.id, target: 1502, seed: 'estimates' })).wave.id;
  await seedAllianceWave(store, alliance, waveId);
  await store.close();
});

/** `vlab ...args`, run in this process (vlab-in-process.ts); vlab-bin.test.ts checks the built command. */
function vlab(args: string[]) {
  return vlabInProcess(args);
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

test('the wave records the plan hash in the transaction that creates it', async () => {
  const store = await openStore(dbPath);
  try {
    assert.equal(await testSql(store).value('SELECT plan_hash FROM waves WHERE id = ?', waveId), planHash(alliance));
  } finally {
    await store.close();
  }
});

// Walk-through 22: the dashboard's seeded wave showed "Assigned 0" beside 1,502 completes — the seed wrote participants
// without the counters a real draw increments (participant-draw.ts), so its cells read as data no wave can hold.
test('the seeded wave counts each participant as assigned to its cell, as a drawn one is', async () => {
  const store = await openStore(dbPath);
  try {
    const { assigned, completes } = await store.read(async (repos) => ({
      assigned: await repos.assignmentCounters.countsByCell(waveId),
      completes: await repos.waveProgress.completesByCell(waveId),
    }));
    assert.equal(completes.size > 1, true);
    assert.deepEqual(new Map([...assigned].sort((a, b) => a[0] - b[0])), new Map([...completes].sort((a, b) => a[0] - b[0])));
  } finally {
    await store.close();
  }
});

test('vlab estimates --format json on the 1,502 alliance respondents equals the analysis module called directly', async () => {
  const run = await vlab(['estimates', `--wave=${waveId}`, '--format', 'json', '--db', dbPath]);
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

test('vlab estimates --format csv has the tidy columns; table is for reading; mistakes exit 2', async () => {
  const csv = await vlab(['estimates', `--wave=${waveId}`, '--format', 'csv', '--db', dbPath]);
  assert.equal(csv.status, 0, csv.stderr);
  const rows = rowsFromCsv(csv.stdout);
  assert.deepEqual(Object.keys(rows[0]!), [...PLAN_ESTIMATES_CSV_COLUMNS]);
  assert.equal(rows.filter((r) => r.hypothesis === 'H3').length, 24);
  const table = await vlab(['estimates', `--wave=${waveId}`, '--db', dbPath]);
  assert.equal(table.status, 0, table.stderr);
  assert.match(table.stdout, /^wave \S+ \(alliance-corrective-measures v2\): 1502 complete, \d+ excluded by the plan\nplan [0-9a-f]{12}, alpha 0.05\n/);
  const lines = table.stdout.trimEnd().split('\n');
  assert.ok(lines.every((l) => l.length <= 100), lines.filter((l) => l.length > 100).join('\n'));
  // The study's labels, three significant digits, the adjusted p and a verdict; raw names are for csv and json.
  assert.match(table.stdout, /^H3 · economic_sanctions · N \d+ · p adjusted by holm over the 9 tested terms of family H3\n {2}outcome: Imposing economic sanctions on Country A\n {2}scale: [^\n]*(?:\n {4}[^\n]*)?\n {2}fitted on the plan's subset: rows with Behaviour of the ally other than Cooperates \(control\)\n {2}HC2 standard errors\n {2}term /m);
  // The factor's label (walk-through 30: "Regime type of the ally", not "Regime") breaks before its reference.
  assert.match(table.stdout, /^ {2}Regime type of the ally: Autocracy +-?\d\.\d{3} +\[-?\d\.\d+, -?\d\.\d+\] +(<0\.001|0\.\d+|1\.0) +(supported|not supported|opposite sign)\n {2}\(vs\. Democracy\)$/m);
  assert.doesNotMatch(table.stdout, /regimeautocracy|measureeconomic_sanctions/);
  // A long label breaks between its phrases: wrapped at any space, a line ended in "(vs. Public" (walk-through 15).
  const labelLines = lines.filter((l) => /^ {2}\S/.test(l) && !/^ {2}(term|outcome: |scale: |\+ |not estimable|warning)/.test(l)).map((l) => l.slice(2).split(/ {2,}/)[0]!);
  const unbalanced = labelLines.filter((l) => (l.match(/\(/g) ?? []).length !== (l.match(/\)/g) ?? []).length);
  assert.deepEqual(unbalanced, [], 'every line of a label holds whole phrases');
  // The family adjusts p, not the intervals: the footer says so, as the dashboard's card does.
  assert.match(table.stdout, /significant the other way\nthe CIs are not adjusted: one may leave out 0 while its adjusted p is above alpha\n$/);
  assert.match(table.stdout, /^ {2}\+ 5 other terms of the model \(intercept and Behaviour of the ally, not tested by H3\): --wide\n {4}shows them$/m);
  // Not "controls": H1's is a level of the factor it tests; a line too long for 100 columns wraps under its "+".
  assert.match(table.stdout, /^ {2}\+ 2 other terms of the model \(intercept and the other level of Measure, not tested by H1\):\n {4}--wide shows them$/m);
  const wide = await vlab(['estimates', `--wave=${waveId}`, '--wide', '--db', dbPath]);
  assert.match(wide.stdout, /^H3 +economic_sanctions +regimeautocracy +Regime type of the ally: Autocracy \(vs\. Democracy\) /m);
  assert.match(wide.stdout, /^H3 +economic_sanctions +\(Intercept\) +Intercept /m, 'controls too');
  const unknown = await vlab(['estimates', '--wave=nosuchwave', '--db', dbPath]);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /^vlab estimates: no wave "nosuchwave" in \S+ \(vlab wave list shows its waves; --db or VLAB_DB opens another database\)\n$/);
  const format = await vlab(['estimates', `--wave=${waveId}`, '--format', 'xlsx', '--db', dbPath]);
  assert.equal(format.status, 2);
  assert.match(format.stderr, /unknown format "xlsx" \(valid: table, csv, json\)/);
});

test('vlab estimates --out FILE writes the file as vlab export does; --wide needs the table; an empty wave is explained', async () => {
  const out = join(dir, 'estimates.csv');
  const run = await vlab(['estimates', `--wave=${waveId}`, '--format', 'csv', '--out', out, '--db', dbPath]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr, `vlab estimates: wrote ${out}\n`);
  assert.equal(readFileSync(out, 'utf8'), (await vlab(['estimates', `--wave=${waveId}`, '--format', 'csv', '--db', dbPath])).stdout);
  const wideCsv = await vlab(['estimates', `--wave=${waveId}`, '--format', 'csv', '--wide', '--db', dbPath]);
  assert.equal(wideCsv.status, 2);
  assert.equal(wideCsv.stderr, 'vlab estimates: --wide goes with --format table\n');

  const store = await openStore(dbPath);
  const empty = (await createStudyService({ store }).createWave({ studyKey: alliance.id, target: 10 })).wave.id;
  await store.close();
  const table = await vlab(['estimates', `--wave=${empty}`, '--db', dbPath]);
  assert.equal(table.status, 0, table.stderr);
  assert.match(table.stdout, /^H2 · contribution\n {2}outcome: Should the United States reduce or increase what it contributes to the partnership with\n {4}Country A\?\n {2}scale: [^\n]*(?:\n {4}[^\n]*)?\n {2}not estimable yet: no respondents with an answer in this comparison yet$/m);
  assert.doesNotMatch(table.stdout, /lmRobust|differenceInMeans/);
});

test('editing analysis-plan.json after launch leaves the wave its plan and hash; the next wave gets the new plan', async () => {
  const defsDir = join(dir, 'definitions');
  cpSync('survey-definitions', defsDir, { recursive: true });
  const { store, remove: removeStore } = await createTestStore();
  try {
    const repos = store.repos;
    const studies = createStudyService({ store });
    await studies.syncDefinitions(loadDefinitionFiles(defsDir));
    const first = (await studies.createWave({ studyKey: alliance.id, target: 100 })).wave.id;
    const before = await createEstimatesService({ store }).wavePlan(first);

    const planFile = join(defsDir, alliance.id, 'analysis-plan.json');
    const plan = JSON.parse(readFileSync(planFile, 'utf8'));
    plan.hypotheses = plan.hypotheses.filter((h: { id: string }) => h.id !== 'H3');
    writeFileSync(planFile, JSON.stringify(plan));
    const synced = await studies.syncDefinitions(loadDefinitionFiles(defsDir));
    assert.equal(synced.find((s) => s.study.key === alliance.id)!.inserted, true, 'a new snapshot');

    const after = await createEstimatesService({ store }).wavePlan(first);
    assert.equal(after.planHash, before.planHash);
    assert.equal((await repos.waves.planHash(first)), planHash(alliance));
    assert.deepEqual(after.definition.analysisPlan.hypotheses.map((h) => h.id), ['H1', 'H2', 'H3']);
    await seedAllianceWave(store, alliance, first);
    const estimates = await createEstimatesService({ store }).waveEstimates(first);
    assert.ok(estimates.estimates.some((e) => e.hypothesis === 'H3'));
    assert.equal(estimates.planHash, planHash(alliance));

    const second = (await studies.createWave({ studyKey: alliance.id, target: 100 })).wave.id;
    assert.notEqual((await repos.waves.planHash(second)), planHash(alliance));
    assert.deepEqual((await createEstimatesService({ store }).wavePlan(second)).definition.analysisPlan.hypotheses.map((h) => h.id), ['H1', 'H2']);
  } finally {
    await removeStore();
  }
});
