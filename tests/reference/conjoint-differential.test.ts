// The conjoint differential test: seeded random conjoint designs (conjoint-differential/designs.ts: 2–6 features
// of 2–6 levels, uneven randomization, restrictions marked "a * b", 1–3 profiles a task, 1–6 tasks clustered by
// respondent, subgroups, weights, missing outcomes, awkward labels, declared or sorted levels; the thirteenth trial's
// variants: randomization of 1 in 8, a level shown only with the other feature's reference, a group never shown a
// level; the fourteenth's: the first feature's levels balanced within every respondent, weighted or not, and declared
// level orders with weights; the twentieth's: a weights column of one value for everyone; the twenty-fifth's: a `by`
// column with missing values, weighted, and the first feature at one level within a group; the thirty-third's: those
// variations combined, restricted and weighted with missing groups and a group never shown a level; the thirty-fourth's:
// one respondent weighing 1e3–5e3 against 0.3–3, with a group lacking a level; the thirty-fifth's: one weight for
// everyone with a restriction and a hidden level, balanced levels under lopsided randomization with missing groups, one
// level in a group with lopsided randomization, restriction and weights; the thirty-sixth's: a level never shown to anyone,
// declared as the reference or only in the probabilities, and respondents of one task beside respondents of several, with
// a restricted pair and weights; the forty-third's: mm within each group of `by`, weighted, beside a missing group, a hidden
// level, one level in a group, missing feature cells and ratings), each run through
// `vlab amce | mm | mm-diff | amce-diff | freqs` on its CSV file as an analyst would (the first design through the
// built command in a child process; the others through the same program in this process, vlab-in-process.ts, since
// 531 child processes took this file past the runner's 10-minute limit on a busy CI machine), and compared with R's STORED
// output (conjoint-differential/expected.json.gz, written by conjoint.R: cregg's computations through survey 4.1-1
// and, for amce_diffs, glm with sandwich::vcovCL; estimatr 1.0.0 lm_robust for the default CR2 AMCE and AMCE
// differences) at the reference tolerance. CI needs no R. Each stored case
// carries the hash of its inputs: a changed generator fails as "inputs changed, regenerate" (conjoint.R's header).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { rowsFromCsv, type Row } from '../../analysis/index.ts';
import { assertCloseToR } from '../analysis/support.ts';
import { vlabInProcess } from '../analysis/vlab-in-process.ts';
import type { ConjointCase, ConjointDesign } from './conjoint-differential/designs.ts';
import { caseHash, conjointSuite } from './conjoint-differential/suite.ts';

type Stored = { input_hash: string; r_call: string; error?: string; rows?: (string | number | null)[][] };
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const expected: Record<string, Stored> = JSON.parse(gunzipSync(readFileSync(join(here, 'conjoint-differential/expected.json.gz'))).toString('utf8'));
const scratch = mkdtempSync(join(tmpdir(), 'vlab-conjoint-differential-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** The command line an analyst types for the case (files written to the scratch folder). */
function argsOf(c: ConjointCase, d: ConjointDesign): string[] {
  const args = [c.verb, '--data', join(scratch, `${d.id}.csv`), '--formula', c.formula, '--format', 'csv'];
  if (c.id_column) args.push('--id', c.id_column);
  if (c.se_type) args.push('--se-type', c.se_type);
  if (c.weights) args.push('--weights', c.weights);
  if (c.by) args.push('--by', c.by);
  if (c.h0 !== undefined) args.push('--h0', String(c.h0));
  if (d.levels) args.push('--levels', join(scratch, `${d.id}.levels.json`));
  if (c.verb === 'freqs') args.push('--probabilities', join(scratch, `${d.id}.probabilities.json`));
  return args;
}

/** The CLI's columns in R's stored order. */
const COLUMNS: Record<string, string[]> = {
  amce: ['feature', 'level', 'estimate', 'std_error', 'z', 'p', 'lower', 'upper', 'df'],
  mm: ['feature', 'level', 'estimate', 'std_error', 'z', 'p', 'lower', 'upper'],
  'mm-diff': ['BY', 'feature', 'level', 'estimate', 'std_error', 'z', 'p', 'lower', 'upper'],
  'amce-diff': ['BY', 'feature', 'level', 'estimate', 'std_error', 'z', 'p', 'lower', 'upper', 'df'],
  freqs: ['feature', 'level', 'count', 'proportion', 'chisq', 'df', 'p'],
};

/** A cell as a number: R's Inf, -Inf and NaN arrive as the strings R prints, vlab's as Infinity and NaN. */
function numberOf(cell: unknown): number | null {
  if (typeof cell === 'number') return cell;
  const text = String(cell);
  return text === 'Inf' || text === 'Infinity' ? Infinity : text === '-Inf' || text === '-Infinity' ? -Infinity : text === 'NaN' ? NaN : null;
}

/**
 * One cell against R's. Where the SE is 0 in exact arithmetic (every outcome of a level alike), R's is roundoff
 * (1e-17) and its z is then ±1e16: vlab's SE must be as small, and its z ±Inf or huge (NaN for 0/0).
 */
function compareCell(cell: unknown, value: string | number | null, column: string, zeroSe: boolean, zOfR: number, where: string): void {
  if (value === null) return assert.ok(cell === 'NA' || cell === null || cell === '', `${where}: got ${cell}, R has NA`);
  if (typeof value === 'string' && numberOf(value) === null) return assert.equal(String(cell), value, where);
  const want = numberOf(value) as number;
  const got = numberOf(cell);
  // The df of a variance that is roundoff says nothing either (estimatr's and clubSandwich's differ there).
  if (zeroSe && column === 'df') return;
  // A level (or a group's level) shown to one respondent only: its SE is 0 by the design, which vlab reports as NA with a
  // warning (R trial 38, analysis/helpers/coefficient-cluster-scores.ts); a zero by the data keeps vlab's roundoff.
  if (zeroSe && column !== 'estimate' && (cell === 'NA' || cell === null || cell === '')) return;
  if (zeroSe && column === 'std_error') return assert.ok(got !== null && Math.abs(got) <= 1e-12, `${where}: got ${cell}, R has roundoff ${value}`);
  // vlab's exact 0/0 is NaN where R divides roundoff by roundoff (a difference of 1e-16 over an SE of 7e-17).
  if (zeroSe && (column === 'z' || column === 'p') && got !== null && Number.isNaN(got)) return;
  // R's z itself is roundoff over roundoff (estimate equal to h0): z and p say nothing.
  if (zeroSe && (column === 'z' || column === 'p') && Math.abs(zOfR) < 1e12) return;
  if (zeroSe && column === 'z') return assert.ok(got !== null && !(Math.abs(got) < 1e12), `${where}: got ${cell}, R has ${value}`);
  if (!Number.isFinite(want)) return assert.ok(Object.is(got, want), `${where}: got ${cell}, R has ${value}`);
  assertCloseToR(got, want, where, column === 'p');
}

function compareRows(got: Row[], want: (string | number | null)[][], columns: string[], what: string): void {
  assert.equal(got.length, want.length, `${what}: ${got.length} rows, R has ${want.length}`);
  want.forEach((row, i) => {
    const se = row[columns.indexOf('std_error')];
    const estimate = numberOf(row[columns.indexOf('estimate')]) ?? 0;
    const zeroSe = typeof se === 'number' && Math.abs(se) <= 1e-12 * Math.max(1, Math.abs(estimate));
    const zOfR = numberOf(row[columns.indexOf('z')]) ?? NaN;
    row.forEach((value, k) => compareCell(got[i][columns[k]], value, columns[k], zeroSe, zOfR, `${what} row ${i + 1} (${got[i].feature} ${got[i].level}) ${columns[k]}`));
  });
}

/** The command's exit code and standard output: from the built command in a child process, or in-process. */
async function runVlab(args: string[], spawned: boolean, out: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  if (spawned) return spawnSync(process.execPath, [join(repo, 'bin/vlab.js'), ...args], { encoding: 'utf8', cwd: repo });
  const { status, stderr } = await vlabInProcess([...args, '--out', out]);
  return { status, stderr, stdout: status === 0 ? readFileSync(out, 'utf8') : '' };
}

async function checkCase(c: ConjointCase, design: ConjointDesign, spawned: boolean): Promise<void> {
  const stored = expected[c.id];
  assert.ok(stored, `${c.id}: no stored R output (run conjoint.R, see its header)`);
  assert.equal(stored.input_hash, caseHash(c, design), `${c.id}: inputs changed, regenerate expected.json.gz (conjoint.R)`);
  const args = argsOf(c, design);
  const result = await runVlab(args, spawned, join(scratch, `${design.id}.out.csv`));
  const what = `${c.id} [vlab ${args.join(' ')}] vs ${stored.r_call}`;
  if (stored.error) {
    assert.equal(result.status, 2, `${what}: R stopped (${stored.error}); vlab exited ${result.status}`);
    return;
  }
  assert.equal(result.status, 0, `${what}: ${result.stderr}`);
  // Weighted or clustered freqs add survey's design-based scale (svygofchisq's), so chisq / scale and df give p.
  // mm and amce by a group (R trial 43) put the group first, as mm-diff does.
  const columns = c.verb === 'freqs' && (c.weights || c.id_column) ? [...COLUMNS.freqs, 'scale'] : (c.verb === 'mm' || c.verb === 'amce') && c.by ? ['BY', ...COLUMNS[c.verb]] : COLUMNS[c.verb];
  compareRows(rowsFromCsv(result.stdout), stored.rows ?? [], columns, what);
}

conjointSuite().forEach((design, index) => {
  test(`${design.id} (seed ${design.seed}): vlab amce, mm, mm-diff, amce-diff and freqs equal R${index === 0 ? ' (the built command)' : ''}`, async () => {
    writeFileSync(join(scratch, `${design.id}.csv`), design.csv);
    if (design.levels) writeFileSync(join(scratch, `${design.id}.levels.json`), JSON.stringify(design.levels));
    writeFileSync(join(scratch, `${design.id}.probabilities.json`), JSON.stringify(design.probabilities));
    // Every case of the design is run and every mismatch listed, not only the first.
    const failures: string[] = [];
    for (const c of design.cases) {
      try {
        await checkCase(c, design, index === 0);
      } catch (error) {
        failures.push((error as Error).message.split('\n')[0]);
      }
    }
    assert.deepEqual(failures, []);
  });
});
