// The largest relative difference between vlab and R's stored output per case group, for a trial's report
// (docs/analysis.md, Verification): node --import tsx tests/reference/differential/largest-differences.ts PREFIX
// (PREFIX: the case ids' start, e.g. t34). Prints each group's largest |vlab − R| / max(|R|, 1e-300) over every
// number of every row (estimates, SEs, statistics, p-values, intervals, df; p.adjust, power and rake values), and the
// cases where vlab refused or R stopped.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { differenceInMeans, lmRobust, pAdjust, powerAnalysis, powerCohenH, powerPropTest, rake, type TidyRow } from '../../../analysis/index.ts';
import { readData, readDataTable } from '../../../server/cli/commands/analysis-io.ts';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Case } from './case-types.ts';
import { dataText, differentialSuite } from './suite.ts';

type StoredRow = [string, ...(number | null)[]];
interface Stored { error?: string; rows?: StoredRow[]; q_reference?: StoredRow[]; cr2_reference?: StoredRow[]; values?: (number | null)[]; value?: number }

const here = dirname(fileURLToPath(import.meta.url));
const expected: Record<string, Stored> = JSON.parse(gunzipSync(readFileSync(join(here, 'expected.json.gz'))).toString('utf8'));
const prefix = process.argv[2] ?? '';
const suite = differentialSuite();
const scratch = mkdtempSync(join(tmpdir(), 'vlab-largest-'));
const files = new Map<string, string>();
function fileOf(id: string): string {
  let path = files.get(id);
  if (!path) {
    path = join(scratch, `${id}.csv`);
    writeFileSync(path, dataText(suite.data.find((d) => d.id === id)!));
    files.set(id, path);
  }
  return path;
}

const COLUMNS = ['estimate', 'std_error', 'statistic', 'p_value', 'conf_low', 'conf_high', 'df'] as const;
const rel = (got: number | null, want: number | null): number => {
  if (want === null || got === null || !Number.isFinite(want) || !Number.isFinite(got)) return 0;
  return Math.abs(got - want) / Math.max(Math.abs(want), 1e-300);
};

function numbers(c: Case, stored: Stored): [number | null, number | null][] {
  if (c.kind === 'fit' || c.kind === 'dim') {
    const rows: TidyRow[] = c.kind === 'dim'
      ? differenceInMeans({ rows: readData(fileOf(c.data)), outcome: c.outcome, treatment: c.treatment, blocks: c.blocks, clusters: c.clusters, weights: c.weights, levels: c.levels, condition1: c.condition1, condition2: c.condition2, subset: c.subset, alpha: c.alpha }).estimates
      : c.rake_margins
        ? (() => {
            const raked = rake({ rows: readData(fileOf(c.data)), margins: c.rake_margins!, baseWeights: c.weights }).weights;
            const rows = readData(fileOf(c.data)).map((row, i) => ({ ...row, raked_: raked[i] }));
            return lmRobust({ formula: c.formula, rows, levels: c.levels, clusters: c.clusters, weights: 'raked_', fixedEffects: c.fixed_effects, subset: c.subset, seType: c.se_type, alpha: c.alpha }).estimates;
          })()
        : lmRobust({ formula: c.formula, rows: readDataTable(fileOf(c.data)), levels: c.levels, clusters: c.clusters, weights: c.weights, fixedEffects: c.fixed_effects, subset: c.subset, seType: c.se_type, alpha: c.alpha }).estimates;
    const want = stored.q_reference ?? stored.cr2_reference ?? stored.rows!;
    return want.flatMap(([, ...values], k) => COLUMNS.map((column, j): [number | null, number | null] => [rows[k][column], values[j]]));
  }
  if (c.kind === 'p_adjust') return pAdjust(c.p, c.method, c.n).map((v, i) => [v, stored.values![i]]);
  if (c.kind === 'rake') return Array.from(rake({ rows: readData(fileOf(c.data)), margins: c.margins, baseWeights: c.base_weights }).weights).map((v, i) => [v, stored.values![i] ?? null]);
  if (c.kind === 'power_prop') return [[powerPropTest({ n: c.n, p1: c.p1, p2: c.p2, power: c.power, alpha: c.alpha, alternative: c.alternative, strict: c.strict })[c.solve], stored.value!]];
  if (c.kind === 'power_h') return [[powerCohenH({ h: c.h, n: c.n, n2: c.n2, power: c.power, alpha: c.alpha, alternative: c.alternative })[c.solve], stored.value!]];
  const r = powerAnalysis({ effect: c.effect, sd: c.sd, n: c.n, n2: c.n2, power: c.power, alpha: c.alpha, strict: c.strict, type: c.type, alternative: c.alternative });
  return [[c.solve === 'power' ? r.power : c.solve === 'n' ? r.n : c.solve === 'n2' ? (r.n2 ?? null) : r.effect, stored.value!]];
}

const largest = new Map<string, { diff: number; id: string; cases: number; refused: number }>();
for (const c of suite.cases.filter((c) => c.id.startsWith(prefix))) {
  const stored = expected[c.id];
  const entry = largest.get(c.group) ?? { diff: 0, id: '', cases: 0, refused: 0 };
  entry.cases += 1;
  largest.set(c.group, entry);
  if (!stored || stored.error !== undefined || c.declined || c.refusal) {
    entry.refused += 1;
    continue;
  }
  try {
    for (const [got, want] of numbers(c, stored)) {
      const d = rel(got, want);
      if (d > entry.diff) Object.assign(entry, { diff: d, id: c.id });
    }
  } catch (error) {
    process.stdout.write(`${c.id}: vlab refused where R answered: ${(error as Error).message}\n`);
  }
}
for (const [group, e] of largest) process.stdout.write(`${group}: ${e.cases} cases (${e.refused} R errors or refusals), largest relative difference ${e.diff.toExponential(2)}${e.id ? ` (${e.id})` : ''}\n`);
