// One fixed effect absorbed by demeaning (analysis/helpers/demeaned-fit.ts) against the fit with its dummies, which
// lmRobust still computes with solver: 'qr' and which the fixed-effects tests and the differential suite hold to R.
// The demeaned path is what `fixedEffects: "~ g"` takes by default; its speed is in `npm run bench:analysis --
// e2e_fe` (vlab fit from a CSV file against Rscript's lm_robust), not here. R against it directly:
// tests/analysis/fixed-effects.test.ts and the differential suite's fixed-effects classes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { lmRobust, tableFromCsv, type LmRobustOptions, type LmRobustResult } from '../../analysis/index.ts';
import type { Row } from '../../analysis/helpers/data.ts';
import { seededRandom } from '../../support/seeded-random.ts';

const SEED = 20261205;
const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

interface Drawn {
  rows: Row[];
  formula: string;
  weights?: string;
  clusters?: string;
  seType: NonNullable<LmRobustOptions['seType']>;
  /** How closely the two paths agree: 1e-10 on ordinary columns (rounding, ~1e-12 seen); 1e-7 with x near 1e6 (see draw). */
  tolerance: number;
}

/** Groups of 1–6 rows (some alone: leverage 1), a factor, a covariate far from zero on some draws, weights with zeros. */
function draw(random: () => number, index: number): Drawn {
  const groups = 20 + Math.floor(random() * 60);
  const far = random() < 0.25 ? 1e6 : 0;
  const rows: Row[] = [];
  for (let g = 0; g < groups; g++) {
    const size = 1 + Math.floor(random() * 6);
    const effect = random() * 2;
    for (let t = 0; t < size; t++) {
      const a = ['p', 'q', 'r'][Math.floor(random() * 3)];
      const x = far + random() * 3;
      // A zero weight never on a group's first row: a group of no weight is refused on both paths.
      const w = t > 0 && random() < 0.15 ? 0 : 0.2 + random() * 2;
      rows.push({ g: `g${g}`, a, x, w, c: `c${g % 7}`, t: `t${t}`, y: effect + (a === 'q' ? 0.5 : 0) + 0.3 * (x - far) + random() });
    }
  }
  const formulas = ['y ~ a + x', 'y ~ a * x', 'y ~ 0 + x', 'y ~ x + x:a'];
  const seTypes = ['classical', 'HC0', 'HC1', 'HC2', 'HC3', 'CR0', 'stata', 'CR2'] as const;
  const seType = seTypes[index % seTypes.length];
  const clustered = seType === 'CR0' || seType === 'stata' || seType === 'CR2';
  // CR2 with weights and fixed effects is refused (as estimatr); the rows' own order (t) crosses the groups, so the
  // demeaned CR2, which needs groups nested in the clusters, leaves that draw to the fit with dummies.
  const weighted = seType !== 'CR2' && random() < 0.5;
  const cluster = clustered ? (['g', 'c', seType === 'CR2' ? 't' : 'c'] as const)[Math.floor(random() * 3)] : undefined;
  // x near 1e6 (times a factor in a * x) makes the columns' condition ~1e7: both computations lose ~κε, and differ by
  // up to 2e-8 relative (seed's draw 26), still 50 times inside the 1e-6 at which vlab must equal R.
  const tolerance = far ? 1e-7 : 1e-10;
  return { rows, formula: formulas[Math.floor(random() * formulas.length)], weights: weighted ? 'w' : undefined, clusters: cluster, seType, tolerance };
}

function assertSameFit(fast: LmRobustResult, reference: LmRobustResult, what: string, tolerance = 1e-12): void {
  const close = (a: number | null, b: number | null, label: string) => {
    if (a === null || b === null) return assert.equal(a, b, `${what}: ${label}`);
    assert.ok(Math.abs(a - b) <= tolerance * Math.abs(b), `${what}: ${label} ${a} vs ${b}`);
  };
  assert.deepEqual(fast.estimates.map((row) => row.term), reference.estimates.map((row) => row.term), what);
  fast.estimates.forEach((row, j) => {
    const ref = reference.estimates[j];
    for (const key of ['estimate', 'std_error', 'df', 'conf_low', 'conf_high'] as const) close(row[key], ref[key], `${row.term} ${key}`);
    // p-values far below 1e-12 are compared on the log scale (t of 40 gives 1e-80 whose digits follow t's).
    if (row.p_value !== null && ref.p_value !== null && ref.p_value < 1e-12) assert.ok(Math.abs(Math.log(row.p_value / ref.p_value)) < 1e-4, `${what}: ${row.term} p`);
    else close(row.p_value, ref.p_value, `${row.term} p`);
  });
  assert.equal(fast.rank, reference.rank, `${what}: rank`);
  assert.equal(fast.nobs, reference.nobs, `${what}: nobs`);
  assert.equal(fast.nClusters, reference.nClusters, `${what}: clusters`);
  assert.deepEqual(fast.warnings, reference.warnings, `${what}: warnings`);
  assert.deepEqual(fast.vcov.terms, reference.vcov.terms, `${what}: vcov terms`);
  fast.vcov.matrix.forEach((row, i) => row.forEach((value, j) => close(value, reference.vcov.matrix[i][j], `vcov[${i}][${j}]`)));
}

test(`one fixed effect demeaned equals the fit with its dummies: 80 drawn designs (seed ${SEED})`, () => {
  const random = seededRandom(SEED);
  for (let index = 0; index < 80; index++) {
    const { rows, formula, weights, clusters, seType, tolerance } = draw(random, index);
    const options = { formula, rows, weights, clusters, seType, fixedEffects: '~ g' };
    const what = `draw ${index}: ${formula} ${seType}${weights ? ' weighted' : ''}${clusters ? ` clusters ${clusters}` : ''}`;
    const reference = lmRobust({ ...options, solver: 'qr' });
    const fast = lmRobust(options);
    assertSameFit(fast, reference, what, tolerance);
  }
});

test('a perfect fit within groups, and rows alone in their group under HC2, are said as the fit with dummies says them', () => {
  const rows: Row[] = [];
  for (let g = 0; g < 12; g++) for (let t = 0; t < (g % 4 === 0 ? 1 : 3); t++) rows.push({ g: `g${g}`, x: t + g / 7, y: 2 * (t + g / 7) + g, z: (t * 7 + g * 3) % 5 });
  // Its SEs are rounding noise on both paths (1e-16, not equal): the estimate and the warning are.
  const perfect = { formula: 'y ~ x', rows, fixedEffects: '~ g', seType: 'HC2' as const };
  const [fast, reference] = [lmRobust(perfect), lmRobust({ ...perfect, solver: 'qr' })];
  assert.ok(Math.abs((fast.estimates[0].estimate as number) - 2) < 1e-12);
  assert.deepEqual(fast.warnings, reference.warnings);
  assert.ok(fast.warnings.some((w) => w.includes('essentially perfect fit')));
  const alone = { formula: 'z ~ x', rows, fixedEffects: '~ g', seType: 'HC3' as const };
  assertSameFit(lmRobust(alone), lmRobust({ ...alone, solver: 'qr' }), 'rows alone');
  assert.ok(lmRobust(alone).warnings.some((w) => w.includes('3 rows have leverage 1')), lmRobust(alone).warnings.join('\n'));
});

test('a column in the fixed effect\'s span, or two fixed effects, take the fit with dummies (same refusal and aliasing)', () => {
  const rows: Row[] = [];
  for (let g = 0; g < 10; g++) for (let t = 0; t < 3; t++) rows.push({ g: `g${g}`, h: `h${(g + t) % 3}`, size: g % 3, x: t + g / 5, y: t * 0.4 + g + (t === 1 ? 0.3 : 0) });
  // size is constant within g: aliased (NA) as estimatr does, not fitted as noise.
  const within = lmRobust({ formula: 'y ~ x + size', rows, fixedEffects: '~ g' });
  assert.equal(within.estimates.find((row) => row.term === 'size')?.estimate, null);
  assertSameFit(within, lmRobust({ formula: 'y ~ x + size', rows, fixedEffects: '~ g', solver: 'qr' }), 'in the span');
  const two = { formula: 'y ~ x', rows, fixedEffects: '~ g + h' };
  assertSameFit(lmRobust(two), lmRobust({ ...two, solver: 'qr' }), 'two fixed effects');
});

// R: tests/analysis/r/demeaned-fit.R — e.g. lm_robust(y ~ party + age + x, d, fixed_effects = ~ resp, se_type = "HC2"),
// 300 respondents (2,274 rows; 20 answered one task, one has a single row), weights and clusters by respondent or region.
test('300 respondents absorbed equal estimatr: HC0–HC3, classical, weighted HC2, stata, CR0 and CR2 by respondent and region', () => {
  const table = tableFromCsv(readFileSync(join(fixtures, 'fixed_effects_300.csv')));
  const expected = JSON.parse(readFileSync(join(fixtures, 'fixed_effects_300.expected.json'), 'utf8')) as Record<string, { term: string[]; estimate: number[]; std_error: number[]; df: number[] }>;
  const options: Record<string, Partial<LmRobustOptions>> = {
    HC2: { seType: 'HC2' },
    HC0: { seType: 'HC0' },
    HC1: { seType: 'HC1' },
    HC3: { seType: 'HC3' },
    classical: { seType: 'classical' },
    weighted_HC2: { seType: 'HC2', weights: 'w' },
    stata_resp: { seType: 'stata', clusters: 'resp' },
    CR0_region: { seType: 'CR0', clusters: 'region' },
    weighted_stata_region: { seType: 'stata', clusters: 'region', weights: 'w' },
    CR2_resp: { seType: 'CR2', clusters: 'resp' },
    CR2_region: { seType: 'CR2', clusters: 'region' },
  };
  assert.deepEqual(Object.keys(expected), Object.keys(options));
  for (const [name, extra] of Object.entries(options)) {
    const fit = lmRobust({ formula: 'y ~ party + age + x', rows: table, fixedEffects: '~ resp', ...extra });
    const want = expected[name];
    assert.deepEqual(fit.estimates.map((row) => row.term), want.term, name);
    fit.estimates.forEach((row, j) => {
      for (const [key, value] of [['estimate', want.estimate[j]], ['std_error', want.std_error[j]], ['df', want.df[j]]] as const) {
        const got = row[key] as number;
        assert.ok(Math.abs(got - value) <= 1e-9 * Math.abs(value), `${name} ${row.term} ${key}: vlab ${got}, estimatr ${value}`);
      }
    });
  }
});
