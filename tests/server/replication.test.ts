import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { csvFromRecords, rowsFromCsv, type Row } from '../../analysis/index.ts';
import { waveColumns } from '../../server/domain/export/wave-columns.ts';
import { planEstimatesCsv, PLAN_ESTIMATES_CSV_COLUMNS } from '../../server/domain/plan/estimates-csv.ts';
import { executePlan } from '../../server/domain/plan/execute-plan.ts';
import { replicationScript } from '../../server/domain/plan/replication-script.ts';
import { simulateWave } from '../../server/domain/simulation/simulated-wave.ts';
import { planHash } from '../../server/domain/plan/plan-hash.ts';
import { parseStudyDefinition, type StudyDefinition } from '../../server/domain/study-definition.ts';
import { createReplicationService } from '../../server/services/replication-service.ts';
import { createStudyService } from '../../server/services/study-service.ts';
import { openDatabase, type Db } from '../../server/storage/db.ts';
import { createSqliteStore } from '../../server/storage/sqlite-store.ts';
import type { Store } from '../../server/storage/store.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { seedAllianceWave } from './estimates-support.ts';
import { alliance, MEASURES, protege, VIOLATIONS, withPlan } from './plan-support.ts';
import { zipCentralDirectory, zipEntries } from './zip-central-directory.ts';

const dir = mkdtempSync(join(tmpdir(), 'vlab-replication-'));
const dbPath = join(dir, 'vlab.sqlite');
let db: Db;
let store: Store;
const waves: Record<string, string> = {};
const FILES = ['README.md', 'analysis-plan.json', 'codebook.json', 'data.csv', 'estimates.csv', 'replicate.R'];
const hasR = spawnSync('Rscript', ['-e', 'library(estimatr); library(survey)'], { encoding: 'utf8' }).status === 0;

/** A plan exercising the script's other branches: raking (of lm_robust and a blocked DiM), moderators, stata SEs, a blocked DiM with a treated list. */
const raking = withPlan(alliance, {
  weights: 'raking',
  exclusions: [{ column: 'attention_pass', keep: [1] }],
  hypotheses: [
    { id: 'R1', description: 'regime moderated by capability', estimator: 'lm_robust', outcomes: ['economic_sanctions', 'contribution'], formula: '~ regime', moderators: ['capability'], adjust: { method: 'BH' } },
    { id: 'R2', description: 'measures by regime', estimator: 'lm_robust', outcomes: ['support'], formula: '~ measure * regime', seType: 'stata', stack: { items: ['do_nothing', 'economic_sanctions'], itemColumn: 'measure', valueColumn: 'support' }, subset: [{ column: 'behavior', in: VIOLATIONS }] },
    { id: 'R3', description: 'violation vs control, raked, blocked by regime', estimator: 'difference_in_means', outcomes: ['economic_sanctions'], treatment: { factor: 'behavior', control: ['control'], term: 'violated' }, blocks: 'regime' },
  ],
});
const blocked = withPlan(alliance, {
  exclusions: [{ column: 'party', keep: ['democrat', 'republican'] }],
  hypotheses: [
    { id: 'B1', description: 'eviction vs control, blocked by regime', estimator: 'difference_in_means', outcomes: ['reduce_military_aid'], treatment: { factor: 'behavior', control: ['control'], treated: ['evict_troops'], term: 'evicted' }, blocks: 'regime', adjust: { family: 'B', method: 'bonferroni' } },
    { id: 'B2', description: 'threat vs control', estimator: 'difference_in_means', outcomes: ['contribution'], treatment: { factor: 'behavior', control: ['control'], treated: ['threaten_exit'], term: 'threatened' }, adjust: { family: 'B', method: 'bonferroni' } },
  ],
});

/**
 * Answers coded in text as a researcher may code a scale or a list (attacker pass 36): party "-1", "0", "+1" (a
 * spreadsheet would take "-1" and "+1" for formulas' starts) and education "01", "02" (R's read.csv would take them
 * for the numbers 1 and 2), in an exclusion, a subset and a formula.
 */
const SIGNED_PARTY: Record<string, string> = { democrat: '-1', independent: '0', republican: '+1' };
const CODED_EDUCATION: Record<string, string> = { no_college: '01', college: '02' };
// Codes that are no numbers but start like a spreadsheet formula: data.csv writes them with the guard's quote
// ('@ne), which replicate.R must take off to read the codes the estimates used (attacker pass 37).
const FORMULA_REGION: Record<string, string> = { northeast: '@ne', midwest: '-mw', south: '=s', west: '+w' };
const signed = (() => {
  const raw = structuredClone(blocked) as unknown as {
    id: string;
    simulation?: unknown;
    populationMargins: { margins: Record<string, Record<string, number>> };
    pages: { pretreatment: { elements: { name: string; choices: { value: string }[] }[] }[] };
  };
  raw.id = 'alliance-coded-answers'; // other choice values: another study, as a researcher's copy would be
  delete raw.simulation; // its model names the choices the study no longer has
  for (const e of raw.pages.pretreatment.flatMap((page) => page.elements)) {
    const codes = ({ party: SIGNED_PARTY, education: CODED_EDUCATION, region: FORMULA_REGION } as Record<string, Record<string, string>>)[e.name];
    if (codes) for (const c of e.choices) c.value = codes[c.value]!;
  }
  const margins = raw.populationMargins.margins;
  margins.education = Object.fromEntries(Object.entries(margins.education!).map(([level, share]) => [CODED_EDUCATION[level]!, share]));
  margins.region = Object.fromEntries(Object.entries(margins.region!).map(([level, share]) => [FORMULA_REGION[level]!, share]));
  return withPlan(raw as unknown as StudyDefinition, {
    exclusions: [{ column: 'party', keep: ['-1', '+1'] }],
    hypotheses: [
      { id: 'S1', description: 'regime with party, education and region', estimator: 'lm_robust', outcomes: ['contribution'], formula: '~ regime + party + education + region' },
      { id: 'S2', description: 'regime among the coded 02', estimator: 'lm_robust', outcomes: ['contribution'], formula: '~ regime', subset: [{ column: 'education', in: ['02'] }] },
    ],
  });
})();

before(async () => {
  db = openDatabase(dbPath);
  store = createSqliteStore(db);
  const studies = createStudyService({ store });
  const launch = async (name: string, def: StudyDefinition, edit?: (rows: Row[]) => Row[]) => {
    await studies.syncDefinitions([def]);
    waves[name] = (await studies.createWave({ studyKey: def.id, target: 2000, seed: name })).wave.id;
    await seedAllianceWave(store, alliance, waves[name]!, name.slice(0, 3), edit);
  };
  await launch('shipped', alliance);
  // Some answers without a population share (population-margins.json noPopulationShare), which keep their share.
  await launch('raking', raking, (rows) => rows.map((row, i) => (i % 37 === 0 ? { ...row, gender: i % 74 ? 'nonbinary' : 'prefer_not_to_say' } : row)));
  await launch('blocked', blocked);
  await launch('signed', signed, (rows) => rows.map((row) => ({ ...row, party: SIGNED_PARTY[String(row.party)]!, education: CODED_EDUCATION[String(row.education)]!, region: FORMULA_REGION[String(row.region)]! })));
});
after(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});


test('vlab replication --out DIR writes data, codebook, estimates, plan, R script and README', () => {
  const out = join(dir, 'shipped');
  const run = spawnSync(process.execPath, ['bin/vlab.js', 'replication', `--wave=${waves.shipped}`, '--out', out, '--db', dbPath], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(readdirSync(out).sort(), FILES);
  // Said on stderr as every verb that writes a file says it ('wave …: wrote …' on stdout before), with how to run it.
  assert.equal(run.stdout, '');
  assert.equal(run.stderr, `vlab replication: wrote data.csv, codebook.json, estimates.csv, analysis-plan.json, replicate.R, README.md to ${out}; run it with: cd ${out} && Rscript replicate.R\n`);
  const data = rowsFromCsv(readFileSync(join(out, 'data.csv'), 'utf8'));
  assert.equal(data.length, 1502);
  assert.ok(data.every((r) => r.status === 'complete'));
  const codebook = JSON.parse(readFileSync(join(out, 'codebook.json'), 'utf8'));
  assert.ok(JSON.stringify(codebook).includes('alliance_favorability'));
  assert.equal(codebook.wave.planHash, planHash(alliance), 'the export codebook carries the plan hash');
  const plan = JSON.parse(readFileSync(join(out, 'analysis-plan.json'), 'utf8'));
  assert.equal(plan.planHash, planHash(alliance));
  assert.deepEqual(plan.analysisPlan, alliance.analysisPlan);
  assert.deepEqual(plan.levels.behavior, alliance.factors[3]!.levels.map((l) => l.code));
  const estimates = rowsFromCsv(readFileSync(join(out, 'estimates.csv'), 'utf8'));
  assert.deepEqual(Object.keys(estimates[0]!), [...PLAN_ESTIMATES_CSV_COLUMNS]);
  assert.ok(estimates.every((e) => e.plan_hash === planHash(alliance)));
  // Task 42: the README says what each hypothesis' standard errors are (standard-error-words.ts).
  assert.match(readFileSync(join(out, 'README.md'), 'utf8'), /^- Standard errors \(each hypothesis' `std_error` in estimates\.csv, as replicate\.R computes them\):\n {2}- H1: CR2 standard errors, clustered by respondent \(stacked rows\)\n {2}- H2: Welch standard errors\n {2}- H3: HC2 standard errors$/m);
  const script = readFileSync(join(out, 'replicate.R'), 'utf8');
  assert.match(script, /lm_robust\(support ~ measure, data = h, clusters = participant, se_type = "CR2", alpha = 0.05\)/);
  assert.match(script, /difference_in_means\(alliance_favorability ~ violated, data = h, alpha = 0.05\)/);
  assert.match(script, /p\.adjust\(est\$p_value\[idx\], "holm"\)/);

  const again = spawnSync(process.execPath, ['bin/vlab.js', 'replication', `--wave=${waves.shipped}`, '--out', out, '--db', dbPath], { encoding: 'utf8' });
  assert.equal(again.status, 2);
  assert.match(again.stderr, /^vlab replication: .* is not empty; give a new folder or a \.zip path\n$/);
});

test('vlab replication --out naming a file is refused in one line (it said "not empty" for a moment in attacker pass 14)', () => {
  const file = join(dir, 'a-file');
  writeFileSync(file, 'mine\n');
  const run = spawnSync(process.execPath, ['bin/vlab.js', 'replication', `--wave=${waves.shipped}`, '--out', file, '--db', dbPath], { encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.equal(run.stderr, `vlab replication: ${file} is a file, not a folder; give a new folder or a .zip path\n`);
  assert.equal(readFileSync(file, 'utf8'), 'mine\n');
});

test('--out x.zip holds the same files', async () => {
  const zipPath = join(dir, 'blocked.zip');
  const names = await createReplicationService({ store }).write(waves.blocked!, zipPath);
  const entries = zipEntries(readFileSync(zipPath));
  assert.deepEqual([...entries.keys()].sort(), FILES);
  assert.deepEqual(names.sort(), FILES);
  assert.equal(rowsFromCsv(entries.get('data.csv')!).length, 1502);
  assert.match(entries.get('replicate.R')!, /difference_in_means\(reduce_military_aid ~ evicted, data = h, blocks = regime, alpha = 0.05\)/);
  writeFileSync(join(dir, 'blocked-unzipped.R'), entries.get('replicate.R')!);
});

// A replication package is made to be published (a journal's archive, Dataverse), and data.csv held every
// participant's panel IDs — PROLIFIC_PID, workerId, the link's SESSION_ID — which a panel's terms forbid sharing
// (newcomer walk-through 25). The package leaves the panel columns out, data and codebook alike; `vlab export` keeps
// them for the lab.
test('the package leaves the panel IDs out of data.csv and its codebook, and its README says so', async () => {
  db.prepare("UPDATE participants SET panel_source = 'prolific', panel_id = 'PID-SECRET-1', panel_params_json = ? WHERE wave_id = ? AND code = (SELECT MIN(code) FROM participants WHERE wave_id = ?)")
    .run(JSON.stringify({ PROLIFIC_PID: 'PID-SECRET-1', STUDY_ID: 'STUDY-SECRET', SESSION_ID: 'SESSION-SECRET' }), waves.blocked!, waves.blocked!);
  const zipPath = join(dir, 'no-panel-ids.zip');
  await createReplicationService({ store }).write(waves.blocked!, zipPath);
  const entries = zipEntries(readFileSync(zipPath));
  const header = entries.get('data.csv')!.split('\n')[0]!.split(',');
  const panelColumns = ['panel_source', 'panel_id', 'participant_ref', 'PROLIFIC_PID', 'STUDY_ID', 'SESSION_ID', 'workerId', 'assignmentId', 'hitId', 'RID', 'rid'];
  assert.deepEqual(header.filter((name) => panelColumns.includes(name)), []);
  assert.ok(header.includes('participant') && header.includes('behavior'), 'the other columns stay');
  for (const name of ['data.csv', 'codebook.json']) assert.doesNotMatch(entries.get(name)!, /SECRET|PROLIFIC_PID|panel_id/, name);
  assert.equal(rowsFromCsv(entries.get('data.csv')!).length, 1502);
  assert.match(entries.get('README.md')!, /panel IDs .* left out/);
  // The export keeps them.
  const exported = spawnSync(process.execPath, ['bin/vlab.js', 'export', `--wave=${waves.blocked}`, '--db', dbPath], { encoding: 'utf8' });
  assert.match(exported.stdout, /PID-SECRET-1/);
});

// The package holds panel IDs: its folder's files are 0600, and so must be what `unzip` makes of the zip. The
// entries said 0664 (yazl's default), and unzip restores a stored mode whatever the umask: data.csv came out
// group-writable and world-readable (newcomer walk-through 14).
test('--out x.zip stores every entry as owner read-write only, so unzip makes 0600 files as --out DIR does', async () => {
  const zipPath = join(dir, 'modes.zip');
  await createReplicationService({ store }).write(waves.blocked!, zipPath);
  const entries = zipCentralDirectory(readFileSync(zipPath));
  assert.deepEqual(entries.map((e) => e.name).sort(), FILES);
  for (const { name, mode } of entries) assert.equal(mode.toString(8), '100600', name);
});

/** The zip of a wave's package, made with the process in time zone `zone`. */
async function zipIn(zone: string, waveId: string): Promise<Buffer> {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of await createReplicationService({ store }).zipStream(waveId)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

// Each entry was stamped with the time it was made (yazl's default): a researcher checksumming the package for a
// journal got a new hash at every download (attacker pass 21). Now the stamp is the data's latest completion.
test('the same wave gives the same zip, byte for byte, whenever and in whichever time zone it is made', async () => {
  const first = await zipIn('UTC', waves.blocked!);
  const again = await zipIn('Asia/Kolkata', waves.blocked!);
  assert.ok(first.equals(again), 'the same bytes');
  const entries = zipCentralDirectory(first);
  // seedAllianceWave completes every participant at 2026-11-22T03:00:00Z: the time written, in UTC.
  assert.deepEqual(new Set(entries.map((e) => e.dosTime)), new Set(['2026-11-22 03:00:00']));
  assert.deepEqual(new Set(entries.map((e) => e.extraLength)), new Set([0]), 'no extended timestamp (a UTC instant) beside it');
});

test('a raked plan weights its difference in means in replicate.R as executePlan does', async () => {
  const out = join(dir, 'raking-script');
  await createReplicationService({ store }).write(waves.raking!, out);
  const script = readFileSync(join(out, 'replicate.R'), 'utf8');
  assert.match(script, /difference_in_means\(economic_sanctions ~ violated, data = h, blocks = regime, weights = plan_weight, alpha = 0.05\)/);
  const estimates = rowsFromCsv(readFileSync(join(out, 'estimates.csv'), 'utf8'));
  assert.equal(estimates.filter((e) => e.hypothesis === 'R3').length, 1);
});

// The plan's own words go into replicate.R as comments. An exclusion's reason (or a kept value) with a line break
// ended the comment there, and the rest of the line ran as R code on the machine of whoever ran the package.
test('a plan text with line breaks stays inside its comment in replicate.R: no line of it runs as R code', () => {
  const hostile = withPlan(alliance, {
    exclusions: [{ column: 'attention_pass', keep: [1], reason: 'inattentive\nsystem("touch pwned")\r\nq(status = 0)\u2028x' }],
    hypotheses: [{ id: 'X1', description: 'regime\nsystem("touch pwned2")', adjust: { family: 'F1\nsystem("touch pwned3")', method: 'holm' }, estimator: 'lm_robust', outcomes: ['economic_sanctions'], formula: '~ regime' }],
  });
  const script = replicationScript(hostile, { wave: 'hostile', planHash: 'h' });
  const lines = script.split(/\r\n|\r|\n/);
  assert.deepEqual(lines.filter((line) => /^\s*(system|q)\(/.test(line)), [], 'a plan text became a line of code');
  assert.ok(lines.includes('# Exclusion: keep attention_pass in 1 (inattentive system("touch pwned") q(status = 0) x)'), script.slice(0, 2000));
});

test('answers coded "01" or "+1" keep their respondents: in the fits, and as written in data.csv', async () => {
  const out = join(dir, 'signed');
  await createReplicationService({ store }).write(waves.signed!, out);
  const data = parse(readFileSync(join(out, 'data.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  // As coded, with no spreadsheet quote: a spreadsheet reads "+1" and "-1" as numbers, and R needs the codes.
  assert.deepEqual([...new Set(data.map((row) => row.party))].sort(), ['+1', '-1', '0']);
  const kept = data.filter((row) => row.party !== '0').length;
  const estimates = rowsFromCsv(readFileSync(join(out, 'estimates.csv'), 'utf8'));
  const s1 = estimates.filter((e) => e.hypothesis === 'S1');
  // Before: "+1" read as the number 1, which no level matched, and its respondents dropped (df 1071 of 1502 here).
  assert.deepEqual(s1.map((e) => e.term), ['(Intercept)', 'regimeautocracy', 'party+1', 'education02', 'region-mw', 'region=s', 'region+w']);
  assert.equal(s1[0]!.df, kept - 7);
  // Codes starting like a formula keep the spreadsheet guard in data.csv; the codebook says what they are.
  assert.deepEqual([...new Set(data.map((row) => row.region))].sort(), ["'+w", "'-mw", "'=s", "'@ne"]);
  assert.equal(estimates.filter((e) => e.hypothesis === 'S2').length, 2);
});

/**
 * A replication package of `rows` written by hand into `dir/name` (data, the platform's estimates, replicate.R),
 * as the service writes a wave's, and replicate.R run in it: for plans and rows no stored wave has.
 */
function runPackageOf(name: string, def: StudyDefinition, rows: readonly Row[], result: ReturnType<typeof executePlan>, wave = 'simulated') {
  const out = join(dir, name);
  mkdirSync(out);
  writeFileSync(join(out, 'data.csv'), csvFromRecords(rows, waveColumns(def).map((c) => c.name)));
  writeFileSync(join(out, 'estimates.csv'), planEstimatesCsv(result));
  writeFileSync(join(out, 'replicate.R'), replicationScript(def, { wave, planHash: result.planHash }));
  return spawnSync('Rscript', ['replicate.R'], { cwd: out, encoding: 'utf8' });
}

const rSkip = hasR ? false : 'Rscript with estimatr and survey is not installed: the R script was NOT run (package contents are tested above)';

test('Rscript replicate.R reproduces every estimate within 1e-6 (shipped, raking and blocked plans; answers coded "+1", "01", "@ne")', { skip: rSkip }, async () => {
  for (const name of ['shipped', 'raking', 'blocked', 'signed']) {
    const out = join(dir, `r-${name}`);
    await createReplicationService({ store }).write(waves[name]!, out);
    const run = spawnSync('Rscript', ['replicate.R'], { cwd: out, encoding: 'utf8' });
    assert.equal(run.status, 0, `${name}: ${run.stderr}${run.stdout}`);
    const match = /replicate\.R: (\d+) estimates, largest difference from estimates\.csv (\S+)/.exec(run.stdout);
    assert.ok(match, run.stdout);
    assert.equal(Number(match[1]), rowsFromCsv(readFileSync(join(out, 'estimates.csv'), 'utf8')).length);
    assert.ok(Number(match[2]) <= 1e-6, `${name}: ${match[2]}`);
    // What the figure is and where it fails, before the figures: "largest difference 9.27e-13" alone left a newcomer
    // asking whether that was good, and of what (walk-through 28).
    assert.match(run.stdout, /^replicate\.R: each "largest difference" below is relative to estimates\.csv's value \(absolute for a value near 0\); past 1e-6 a row is named and the script exits 1$/m);
  }
});

test('Rscript replicate.R fails when estimates.csv does not match the data', { skip: rSkip }, async () => {
  const out = join(dir, 'r-tampered');
  await createReplicationService({ store }).write(waves.blocked!, out);
  const file = join(out, 'estimates.csv');
  const rows = readFileSync(file, 'utf8').split('\n');
  rows[1] = rows[1]!.replace(/^("?B1"?,"?reduce_military_aid"?,"?evicted"?,)(-?[0-9.]+)/, (_, head: string, x: string) => `${head}${Number(x) + 1e-3}`);
  writeFileSync(file, rows.join('\n'));
  const run = spawnSync('Rscript', ['replicate.R'], { cwd: out, encoding: 'utf8' });
  assert.equal(run.status, 1, run.stdout + run.stderr);
  const gap = /largest difference from estimates\.csv (\S+)/.exec(run.stdout);
  assert.ok(gap && Number(gap[1]) > 1e-6, run.stdout + run.stderr);
});

test('Rscript replicate.R run from another folder (RStudio\'s usual working directory) says where to run it', { skip: rSkip }, async () => {
  const out = join(dir, 'r-elsewhere');
  await createReplicationService({ store }).write(waves.shipped, out);
  const run = spawnSync('Rscript', [join(out, 'replicate.R')], { cwd: dir, encoding: 'utf8' });
  assert.equal(run.status, 1, run.stdout + run.stderr);
  // Before: R's "cannot open file 'data.csv': No such file or directory" after a warning.
  assert.equal(run.stderr, `Error: no data.csv in ${dir}: run replicate.R in the replication package's folder (setwd() to it in R, or cd to it for Rscript)\nExecution halted\n`);
});

test('Rscript replicate.R checks small numbers relatively: a p-value off by 0.1 % fails it', { skip: rSkip }, async () => {
  // With the former check |d| / max(1, |x|), a p-value below 1e-3 could be off by 0.1 % (or a p of 1e-40 by
  // any amount) and pass.
  const out = join(dir, 'r-small-p');
  await createReplicationService({ store }).write(waves.shipped!, out);
  const file = join(out, 'estimates.csv');
  const rows = rowsFromCsv(readFileSync(file, 'utf8'));
  const pOf = (i: number) => (typeof rows[i]!.p_value === 'number' && (rows[i]!.p_value as number) > 1e-12 ? (rows[i]!.p_value as number) : Infinity);
  const smallest = rows.reduce((k, _, i) => (pOf(i) < pOf(k) ? i : k), 0);
  const p = pOf(smallest);
  assert.ok(p < 1e-3, `smallest p above 1e-12: ${p}`);
  rows[smallest] = { ...rows[smallest]!, p_value: p * 1.001 };
  writeFileSync(file, csvFromRecords(rows as Record<string, unknown>[], Object.keys(rows[0]!)));
  const run = spawnSync('Rscript', ['replicate.R'], { cwd: out, encoding: 'utf8' });
  assert.equal(run.status, 1, run.stdout + run.stderr);
  const gap = /largest difference from estimates\.csv (\S+)/.exec(run.stdout);
  assert.ok(gap && Math.abs(Number(gap[1]) - 1e-3) < 1e-5, run.stdout + run.stderr);
});

test('Rscript reproduces the protégé plan (moderators, a family over three hypotheses) on a simulated wave', { skip: rSkip }, () => {
  const rows = simulateWave(protege, { target: 800, seed: 'replication' }).rows;
  const result = executePlan({ definition: protege, rows });
  assert.deepEqual(result.problems, []);
  const run = runPackageOf('r-protege', protege, rows, result);
  assert.equal(run.status, 0, run.stderr + run.stdout);
  const match = /replicate\.R: (\d+) estimates, largest difference from estimates\.csv (\S+)/.exec(run.stdout);
  assert.ok(match && Number(match[1]) === result.estimates.length && Number(match[2]) <= 1e-6, run.stdout);
});

test('Rscript replicate.R of a wave without completes says which models it cannot estimate and checks the empty table', { skip: rSkip }, () => {
  // A package downloaded before the first completes (the dashboard offers it at once). Before: R stopped in the
  // long format ("replacement has 1 row, data has 0") and exited 1, naming nothing.
  const result = executePlan({ definition: protege, rows: [] });
  assert.deepEqual(result.estimates, []);
  const run = runPackageOf('r-empty', protege, [], result, 'empty');
  assert.equal(run.status, 0, run.stderr + run.stdout);
  assert.match(run.stdout, /^replicate\.R: H1_concede support_concede not estimable here: /m);
  assert.match(run.stdout, /replicate\.R: 0 estimates, largest difference from estimates\.csv 0\n$/);
});

test('Rscript replicate.R counts in words that agree: "1 estimate", not "1 estimates"', { skip: rSkip }, () => {
  // A plan of one difference in means on one outcome has one estimate; the script said "1 estimates" (newcomer pass 14).
  const dim = { id: 'D', description: 'd', estimator: 'difference_in_means', outcomes: ['economic_sanctions'], treatment: { factor: 'behavior', control: ['control'], term: 'violated' } };
  const def = withPlan(alliance, { ...alliance.analysisPlan, hypotheses: [dim] });
  const rows = simulateWave(def, { target: 120, seed: 'one-estimate' }).rows;
  const result = executePlan({ definition: def, rows });
  assert.equal(result.estimates.length, 1);
  const run = runPackageOf('r-one-estimate', def, rows, result);
  assert.equal(run.status, 0, run.stderr + run.stdout);
  assert.match(run.stdout, /^replicate\.R: D checked: 1 estimate, largest difference \S+$/m);
  assert.match(run.stdout, /^replicate\.R: 1 estimate, largest difference from estimates\.csv \S+\n$/m);
});

test('a package folder that cannot be made (under /proc) is refused at once: the recursive mkdir before looped for ever', { skip: process.platform !== 'linux' && 'needs /proc' }, async () => {
  await assert.rejects(createReplicationService({ store }).write(waves.shipped!, '/proc/vlab-no-such/package'), { code: 'ENOENT' });
});

// A moderated control with a respondent alone in a cell (gender nonbinary × regime democracy, none under
// autocracy) gives that row leverage 1; under HC3 its weight e²/(1 − h)² is 0/0. The platform takes it as 0
// (docs/analysis.md); replicate.R called lm_robust alone, whose rounding noise (an SE of 36 where the platform has
// 0.297) failed the package's own check: MISMATCH H1_punish … gendernonbinary. Found by the path trial (seed 17).
test('Rscript replicate.R reproduces HC2/HC3 with a row of leverage 1 (the platform\'s weight 0, by hand in R)', { skip: rSkip }, () => {
  const plan = structuredClone(protege.analysisPlan) as { exclusions: unknown[]; hypotheses: Record<string, unknown>[] };
  plan.exclusions.push({ column: 'party', keep: ['democrat', 'republican'] });
  const base = plan.hypotheses.find((h) => h.id === 'H1_punish')!;
  for (const seType of ['HC3', 'HC2']) {
    const def = withPlan(protege, { ...plan, hypotheses: [{ ...base, formula: '~ strategy + gender', moderators: ['regime'], seType, terms: undefined, direction: undefined, adjust: undefined }] });
    const rows = simulateWave(def, { target: 342, seed: 'rt11-17' }).rows;
    const run = runPackageOf(`r-leverage-one-${seType}`, def, rows, executePlan({ definition: def, rows }));
    assert.equal(run.status, 0, run.stderr + run.stdout);
    assert.match(run.stdout, /: (1 row|\d+ rows) of leverage 1, /, 'the script says why it computes the SEs by hand, in words that agree');
    // estimates.csv's warnings column (text, beside the numbers replicate.R compares) holds the fit's warning.
    assert.ok(rowsFromCsv(readFileSync(join(dir, `r-leverage-one-${seType}`, 'estimates.csv'), 'utf8')).some((r) => /leverage 1/.test(String(r.warnings))), seType);
  }
});

// A stacked hypothesis may use se type "cregg" (survey::svyglm's linearization), which lm_robust does not have:
// replicate.R passed it to lm_robust, which stopped ("`se_type` must be either 'CR0', 'stata', 'CR2', or 'none'"),
// so no package of such a plan replicated. Found by the path trial (seed 26). Raked, to check svydesign's weights.
test('Rscript replicate.R reproduces a stacked hypothesis with se type cregg (svyglm), raked and not', { skip: rSkip }, () => {
  const plan = structuredClone(alliance.analysisPlan) as { hypotheses: Record<string, unknown>[] };
  for (const weights of ['none', 'raking']) {
    const def = withPlan(alliance, { ...plan, weights, hypotheses: plan.hypotheses.map((h) => (h.stack ? { ...h, seType: 'cregg' } : h)) });
    const rows = simulateWave(def, { target: 300, seed: 'path-trial-26' }).rows;
    const run = runPackageOf(`r-cregg-${weights}`, def, rows, executePlan({ definition: def, rows }));
    assert.equal(run.status, 0, run.stderr + run.stdout);
    assert.match(run.stdout, /H1 checked: \d+ estimates/);
  }
});

// Raked, with a moderator (gender) whose rare levels leave cells of one: lm and lm_robust alias different columns
// of the dependent set, so the by-hand sandwich on lm's columns gave SEs to the wrong terms (strategyskip_exercises:
// gendernonbinary 0.316 where the platform and lm_robust have NA). It now takes lm_robust's columns. Path trial seed 29.
test('Rscript replicate.R reproduces a raked HC2 fit with leverage-1 rows and aliased moderator cells', { skip: rSkip }, () => {
  const plan = structuredClone(protege.analysisPlan) as { exclusions: unknown[]; hypotheses: Record<string, unknown>[] };
  plan.exclusions.push({ column: 'party', keep: ['democrat', 'republican'] });
  const base = plan.hypotheses.find((h) => h.id === 'H1_punish')!;
  const def = withPlan(protege, { ...plan, weights: 'raking', hypotheses: [{ ...base, moderators: ['gender'], seType: 'HC2', terms: undefined, direction: undefined, adjust: undefined }] });
  const rows = simulateWave(def, { target: 521, seed: 'rt11-29' }).rows;
  const run = runPackageOf('r-leverage-one-raked', def, rows, executePlan({ definition: def, rows }));
  assert.equal(run.status, 0, run.stderr + run.stdout);
  assert.match(run.stdout, /leverage 1/);
});

// A cregg-type fit with an aliased term (the repeated-vignette study never shows evict_troops without troops, so
// strategyevict_troops:troopsnone has no rows): survey's coef() leaves aliased terms out, so replicate.R had no row
// for it and failed ("in estimates.csv, not recomputed here") where the platform reports it with NAs, as lm_robust
// does. Found by the path trial (seed 64).
test('Rscript replicate.R keeps an aliased term of a cregg-type fit as a row of NAs', { skip: rSkip }, () => {
  const repeated = loadDefinitionFiles('survey-definitions').find((d) => d.id === 'protege-bargaining-repeated')!;
  const def = withPlan(repeated, {
    ...repeated.analysisPlan,
    hypotheses: [{ id: 'R2', description: 'strategy by troops', estimator: 'lm_robust', outcomes: ['support_punish'], formula: '~ strategy + troops', moderators: ['troops'], seType: 'cregg' }],
  });
  const rows = simulateWave(def, { target: 200, seed: 'path-trial-64' }).rows;
  const result = executePlan({ definition: def, rows });
  assert.ok(result.estimates.some((e) => e.term === 'strategyevict_troops:troopsnone' && e.estimate === null));
  const run = runPackageOf('r-cregg-aliased', def, rows, result);
  assert.equal(run.status, 0, run.stderr + run.stdout);
});

// docs/study-definitions.md's school-meals raked to party margins, 8 completes (seed r11-4, holm over H1_cost's
// terms): both republican-sponsor rows are high-cost rows answering 3, as every other high-cost row does, so
// sponsorrepublican is identified by rows the fit matches exactly: estimate 0 and true variance 0. Both sides print
// rounding (SE 2.4e-16 here, 4.1e-15 or NaN in R) and R's statistic (0.41 against 0.17), its p and with it holm's
// adjusted p of costhigh differed: replicate.R failed (MISMATCH H1_cost support sponsorrepublican: statistic …;
// researcher pass 11). Now it names the row and takes its SE, statistic, p and CI from estimates.csv.
/** docs/study-definitions.md's school-meals, raked to party margins, holm over H1_cost's terms; 8 completes of `seed`. */
function rakedSchoolMeals(seed: string) {
  const page = readFileSync('docs/study-definitions.md', 'utf8');
  const files = new Map([...page.matchAll(/\*\*`([a-z-]+\.json)`\*\*\n\n```json\n([\s\S]*?)\n```/g)].map((m) => [m[1]!, JSON.parse(m[2]!)]));
  const study = files.get('study.json');
  const plan = files.get('analysis-plan.json');
  plan.hypotheses[0] = { ...plan.hypotheses[0], terms: undefined, direction: undefined, adjust: { family: 'F', method: 'holm' } };
  const def = parseStudyDefinition(
    { ...study, analysisPlan: { ...plan, weights: 'raking' }, populationMargins: { source: 'test', margins: { party: { democrat: 0.33, republican: 0.3, independent: 0.37 } } }, simulation: files.get('simulation.json') },
    'test',
  );
  const rows = simulateWave(def, { target: 8, seed }).rows.filter((r) => r.status === 'complete').slice(0, 8);
  return { def, rows, result: executePlan({ definition: def, rows }) };
}

test('Rscript replicate.R compares a coefficient of true variance 0 (both SEs rounding) by its estimate and says so', { skip: rSkip }, () => {
  const { def, rows, result } = rakedSchoolMeals('r11-4');
  const zero = result.estimates.find((e) => e.term === 'sponsorrepublican')!;
  assert.ok(zero.std_error! < 1e-14 && Math.abs(zero.estimate!) < 1e-14, JSON.stringify(zero));
  const run = runPackageOf('r-zero-variance', def, rows, result);
  assert.equal(run.status, 0, run.stderr + run.stdout);
  assert.match(run.stdout, /^replicate\.R: H1_cost support sponsorrepublican: SE is rounding on both sides \(\S+ here, 2\.39e-16 in estimates\.csv; its true variance is 0\): SE, statistic, p and CI taken from estimates\.csv, not compared$/m);
  assert.match(run.stdout, /^replicate\.R: H1_cost checked: 3 estimates, largest difference \S+$/m);
});

// The same study at seed r11-2: no republican among the 8 completes. The platform refuses to rake (no estimates,
// each hypothesis a problem); survey::rake stopped replicate.R with an error ("Some strata absent from sample"), so
// the package failed where both agree nothing is estimable. Now the script says it cannot rake and checks the
// empty table.
test('Rscript replicate.R of a raked wave missing a margin\'s level says it cannot rake and checks the empty table', { skip: rSkip }, () => {
  const { def, rows, result } = rakedSchoolMeals('r11-2');
  assert.deepEqual(result.estimates, []);
  assert.ok(!rows.some((r) => r.party === 'republican'));
  const run = runPackageOf('r-cannot-rake', def, rows, result);
  assert.equal(run.status, 0, run.stderr + run.stdout);
  assert.match(run.stdout, /^replicate\.R: cannot rake this wave: Some strata absent from sample/m);
  assert.match(run.stdout, /replicate\.R: 0 estimates, largest difference from estimates\.csv 0\n$/);
});

// A plan's fixedEffects: replicate.R passes them to lm_robust as fixed_effects = ~ g, and to the leverage-1 lm as
// factor(g) first (the absorbed intercept and dummies enter the hat values, not the table). Before, the script
// left them out and its numbers were those of another model (MISMATCH on every term).
test('Rscript replicate.R reproduces fixedEffects (fixed_effects = ~ g): HC2 moderated, stacked CR2/CR0, item fixed effects, raked, leverage 1', { skip: rSkip }, () => {
  const stack = { items: MEASURES, itemColumn: 'measure', valueColumn: 'support' };
  for (const weights of ['none', 'raking']) {
    const def = withPlan(alliance, {
      weights,
      exclusions: [{ column: 'attention_pass', keep: [1] }],
      hypotheses: [
        { id: 'F1', description: 'regime by capability, region and party fixed effects', estimator: 'lm_robust', outcomes: ['economic_sanctions', 'contribution'], formula: '~ regime', moderators: ['capability'], fixedEffects: ['region', 'party'], adjust: { family: 'F', method: 'holm' } },
        { id: 'F2', description: 'measures, region fixed effects', estimator: 'lm_robust', outcomes: ['support'], formula: '~ measure', fixedEffects: ['region'], stack, seType: weights === 'raking' ? 'CR0' : 'CR2', subset: [{ column: 'behavior', in: VIOLATIONS }] },
        { id: 'F3', description: 'behaviour, age fixed effects, HC1', estimator: 'lm_robust', outcomes: ['alliance_favorability'], formula: '~ behavior + treaty', fixedEffects: ['age_group'], seType: 'HC1', adjust: { family: 'F', method: 'holm' } },
        { id: 'F4', description: 'regime, item fixed effects', estimator: 'lm_robust', outcomes: ['support'], formula: '~ regime', fixedEffects: ['measure'], stack, seType: weights === 'raking' ? 'CR0' : 'CR2' },
      ],
    });
    const rows = simulateWave(def, { target: 400, seed: `planfe-${weights}` }).rows;
    const result = executePlan({ definition: def, rows });
    assert.deepEqual(result.problems, []);
    assert.ok(!result.estimates.some((e) => e.term === '(Intercept)' || /region|party|age_group/.test(e.term)), 'no absorbed term in estimates.csv');
    const run = runPackageOf(`r-fixed-effects-${weights}`, def, rows, result);
    assert.equal(run.status, 0, run.stderr + run.stdout);
    assert.match(run.stdout, /F1 checked: 6 estimates/);
    assert.match(run.stdout, /F4 checked: 1 estimate,/);
    const script = readFileSync(join(dir, `r-fixed-effects-${weights}`, 'replicate.R'), 'utf8');
    assert.match(script, /lm_robust\(economic_sanctions ~ \(regime\) \* \(capability\), data = h(, weights = plan_weight)?, fixed_effects = ~ region \+ party, se_type = "HC2"/);
    assert.match(script, /lm\(economic_sanctions ~ factor\(region\) \+ factor\(party\) \+ \(regime\) \* \(capability\), data = h/);
  }
  // Leverage 1 (a gender × regime cell of one respondent) beside region fixed effects: SEs by hand in R too.
  const plan = structuredClone(protege.analysisPlan) as { exclusions: unknown[]; hypotheses: Record<string, unknown>[] };
  plan.exclusions.push({ column: 'party', keep: ['democrat', 'republican'] });
  const base = plan.hypotheses.find((h) => h.id === 'H1_punish')!;
  const def = withPlan(protege, { ...plan, hypotheses: [{ ...base, formula: '~ strategy + gender', moderators: ['regime'], fixedEffects: ['region'], seType: 'HC2', terms: undefined, direction: undefined, adjust: undefined }] });
  const rows = simulateWave(def, { target: 342, seed: 'rt11-17' }).rows;
  const run = runPackageOf('r-fixed-effects-leverage-one', def, rows, executePlan({ definition: def, rows }));
  assert.equal(run.status, 0, run.stderr + run.stdout);
  assert.match(run.stdout, /of leverage 1, SEs by hand/);
});

// Walk-through 29: the shipped repeated study's plan had no hypotheses (until walk-through 33), and its replicate.R said
// "0 estimates, largest difference from estimates.csv 0" alone, as if something had been checked.
test('replicate.R of a plan without hypotheses says there is nothing to recompute; a plan with some does not', () => {
  const shipped = loadDefinitionFiles('survey-definitions').find((d) => d.id === 'protege-bargaining-repeated')!;
  const repeated = withPlan(shipped, { ...shipped.analysisPlan, hypotheses: [] });
  const line = 'replicate.R: the analysis plan pre-registers no hypotheses (\\"hypotheses\\": []): estimates.csv holds none, so there is nothing to recompute';
  assert.ok(replicationScript(repeated, { wave: 'w', planHash: 'h' }).includes(line));
  assert.ok(!replicationScript(protege, { wave: 'w', planHash: 'h' }).includes('pre-registers no hypotheses'));
});
