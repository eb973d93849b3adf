import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { differenceInMeans, lmRobust, rowsFromCsv, type Row } from '../../analysis/index.ts';
import { executePlan, type PlanEstimate } from '../../server/domain/plan/execute-plan.ts';
import { planLevels } from '../../server/domain/plan/plan-columns.ts';
import { estimandKey, planEstimands } from '../../server/domain/simulation/estimands.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { serve, type ServedApp } from './serve-process.ts';

/**
 * The whole platform end to end: the real server on port 0, a wave created by the CLI, 1,500 synthetic
 * respondents over HTTP, the export and the wave's estimates. Seeds are fixed and the starts go in order, so the
 * data set (and so every assertion) is the same on every run.
 */

const N = 1500;
const STUDY = 'alliance-corrective-measures';
const def = loadDefinitionFiles('survey-definitions').find((d) => d.id === STUDY)!;

// The point here is the pipeline, not the disk: a tmpfs keeps 13,000 synchronous commits from timing the test
// by the machine's fsync (durability has tests of its own).
const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'vlab-e2e-sim-'));
const dbPath = join(dir, 'vlab.sqlite');
let server: ServedApp | undefined;
after(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

// A generous bound: on a loaded 2-core machine the 1,500 simulated respondents took over 120 s once; the bound
// is for a hung process, not a speed target (bench:ingest measures speed).
function vlab(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/vlab.js', ...args], { encoding: 'utf8', timeout: 600_000, maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

test(`${N} simulated respondents through the real server: nothing lost, cells balanced, planted effects within 4.5 SEs, estimates equal to the analysis of the exported CSV`, async () => {
  server = await serve(dbPath, { VLAB_RATE_LIMIT_START: '1000000' });
  const created = await vlab('wave', 'create', '--study', STUDY, '--target', String(N), '--seed', 'e2e-simulate-wave', '--db', dbPath, '--json');
  assert.equal(created.status, 0, created.stderr);
  const wave = JSON.parse(created.stdout).id as string;

  const ackLog = join(dir, 'ack.txt');
  const run = await vlab('simulate', `--wave=${wave}`, '--n', String(N), '--base-url', server.baseUrl, '--seed', 'e2e-1', '--concurrency', '8', '--in-order', '--ack-log', ackLog, '--json');
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const summary = JSON.parse(run.stdout);
  assert.equal(summary.errors, 0);
  assert.equal(summary.completes + summary.screenedOut + summary.overQuota + summary.abandoned, N);

  // Acknowledged = stored: every code the server confirmed is a stored completion, and nothing else is.
  const db = new Database(dbPath, { readonly: true });
  const stored = db.prepare("SELECT code FROM participants WHERE wave_id = ? AND status = 'complete'").pluck().all(wave) as string[];
  const draws = db.prepare('SELECT draw_index, cell_index FROM participants WHERE wave_id = ? ORDER BY draw_index').all(wave) as { draw_index: number; cell_index: number }[];
  db.close();
  const acknowledged = readFileSync(ackLog, 'utf8').trim().split('\n');
  assert.equal(acknowledged.length, summary.completes);
  assert.deepEqual([...acknowledged].sort(), [...stored].sort());

  // Permuted blocks: draws 0..N-1 without gaps, every block of 48 visits each cell once, counts within one.
  assert.deepEqual(draws.map((d) => d.draw_index), Array.from({ length: N }, (_, i) => i));
  for (let start = 0; start < N; start += 48) {
    const block = draws.slice(start, start + 48).map((d) => d.cell_index);
    assert.equal(new Set(block).size, block.length, `block at draw ${start}`);
  }
  const counts = Array.from({ length: 48 }, (_, c) => draws.filter((d) => d.cell_index === c).length);
  assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, counts.join());

  // The export (the replication package's data.csv) and the wave's estimates from the CLI.
  const out = join(dir, 'replication');
  const replication = await vlab('replication', `--wave=${wave}`, '--out', out, '--db', dbPath);
  assert.equal(replication.status, 0, replication.stderr);
  const rows = rowsFromCsv(readFileSync(join(out, 'data.csv'), 'utf8'));
  // Codes that start with "-" carry the export's spreadsheet-safe quote (a leading ').
  assert.deepEqual(rows.map((r) => String(r.participant).replace(/^'(?=-)/, '')).sort(), [...stored].sort());
  const estimates = await vlab('estimates', `--wave=${wave}`, '--format', 'json', '--db', dbPath);
  assert.equal(estimates.status, 0, estimates.stderr);
  const result = JSON.parse(estimates.stdout) as { estimates: PlanEstimate[]; problems: unknown[]; nComplete: number };
  assert.deepEqual(result.problems, []);
  assert.equal(result.nComplete, stored.length);

  // The same numbers from the analysis run on the exported CSV: the plan, and the analysis module called directly.
  const fromCsv = executePlan({ definition: def, rows });
  assert.equal(fromCsv.estimates.length, result.estimates.length);
  fromCsv.estimates.forEach((e, i) => {
    const served = result.estimates[i]!;
    assert.equal(`${served.hypothesis} ${served.outcome} ${served.term}`, `${e.hypothesis} ${e.outcome} ${e.term}`);
    for (const field of ['estimate', 'std_error', 'p_value', 'conf_low', 'conf_high'] as const) {
      assert.ok(Math.abs(served[field]! - e[field]!) <= 1e-12 * Math.max(1, Math.abs(e[field]!)), `${e.hypothesis} ${e.term} ${field}`);
    }
  });
  const attentive = rows.filter((r) => r.attention_pass === 1);
  const violators = attentive.filter((r) => r.behavior !== 'control');
  const direct = lmRobust({ formula: 'economic_sanctions ~ regime + capability + treaty + behavior', rows: violators, levels: planLevels(def), seType: 'HC2' });
  const dim = differenceInMeans({ rows: attentive.map((r): Row => ({ ...r, violated: r.behavior === 'control' ? 0 : 1 })), outcome: 'contribution', treatment: 'violated' });
  const planned = (h: string, outcome: string, term: string) =>
    result.estimates.find((e) => e.hypothesis === h && e.outcome === outcome && e.term === term)!.estimate!;
  assert.ok(Math.abs(planned('H3', 'economic_sanctions', 'regimeautocracy') - direct.estimates.find((e) => e.term === 'regimeautocracy')!.estimate!) < 1e-12);
  assert.ok(Math.abs(planned('H2', 'contribution', 'violated') - dim.estimates[0]!.estimate!) < 1e-12);

  // Every tested term's planted effect (the model's estimand for it) lies within 4.5 standard errors of its
  // estimate. Not the 95 % CI: with 14 terms all inside holds on about half of the seeds (0.95^14 ≈ 0.49), so
  // the test would pass only by its fixed seed. With 4.5 SEs a term falls outside with probability 6.8e-6
  // (two-sided normal tail; the df are in the hundreds), so by Bonferroni the whole family fails on at most
  // 14 × 6.8e-6 ≈ 1e-4 of random streams: a harmless change to the stream cannot break it. Checked offline with
  // simulateWave + executePlan on 200 seeds of 1,000 completes (2026-12-02): all 14 terms inside their 95 % CIs
  // on 108, the largest |estimate − estimand| / SE over all 2,800 terms 3.66.
  const estimands = planEstimands(def);
  let checked = 0;
  for (const h of def.analysisPlan.hypotheses) {
    for (const e of result.estimates.filter((x) => x.hypothesis === h.id && (h.terms ? h.terms.includes(x.term) : x.term !== '(Intercept)'))) {
      const truth = estimands.get(estimandKey(e.hypothesis, e.outcome, e.term))!;
      const z = Math.abs(e.estimate! - truth) / e.std_error!;
      assert.ok(z < 4.5, `${e.hypothesis} ${e.outcome} ${e.term}: estimand ${truth} is ${z.toFixed(2)} SEs from ${e.estimate}`);
      checked++;
    }
  }
  assert.ok(checked >= 14, `${checked} terms checked`);
});
