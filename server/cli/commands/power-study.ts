import { randomBytes } from 'node:crypto';
import type { PowerDiagnosis } from '../../domain/simulation/design-diagnosis.ts';
import type { StudyDefinition } from '../../domain/study-definition.ts';
import { UsageError } from '../cli-action.ts';
import { integerOption } from './integer-option.ts';

/** `vlab power --study ID --n N [--sims 500] [--seed S]`: simulation-based power of a study's analysis plan. */
export interface StudyPowerRequest {
  kind: 'simulation';
  study: string;
  n: number;
  sims: number;
  seed?: string;
}

const COLUMNS: (keyof PowerDiagnosis)[] = [
  'hypothesis', 'outcome', 'term', 'estimand', 'mean_estimate', 'bias', 'rmse', 'coverage', 'mean_se', 'power', 'power_se',
  'power_adjusted', 'mde_analytic', 'sims',
];

export function studyPowerRequest(o: { study: string; n?: string; sims?: string; seed?: string }): StudyPowerRequest {
  return { kind: 'simulation', study: o.study, n: integerOption(o.n, '--n', 10, 1_000_000), sims: integerOption(o.sims ?? '500', '--sims', 1, 100_000), seed: o.seed };
}

/**
 * Why mde_analytic is NA, a line per hypothesis and reason ("mde_analytic NA for H1 (3 terms): within-respondent
 * comparisons …"; one term is named): an NA column without a word read as a failure.
 */
function mdeNotes(rows: readonly PowerDiagnosis[]): string {
  const groups = new Map<string, { hypothesis: string; why: string; terms: Set<string> }>();
  for (const r of rows) {
    if (r.mde_note === null) continue;
    const key = `${r.hypothesis}\0${r.mde_note}`;
    const group = groups.get(key) ?? groups.set(key, { hypothesis: r.hypothesis, why: r.mde_note, terms: new Set() }).get(key)!;
    group.terms.add(r.term);
  }
  return [...groups.values()]
    .map(({ hypothesis, why, terms }) => `mde_analytic NA for ${hypothesis} ${terms.size === 1 ? [...terms][0] : `(${terms.size} terms)`}: ${why}\n`)
    .join('');
}

/**
 * The hypotheses the plan does not adjust, whose power_adjusted is NA: a line naming them (walk-through 23: the NA
 * stood without a word beside hypotheses that adjust).
 */
function unadjustedNote(def: StudyDefinition, rows: readonly PowerDiagnosis[]): string {
  // A conjoint's hypotheses are the plan's `conjoint` list (until walk-through 28 left out: its H2 stood NA unexplained).
  const adjusts = new Set([...def.analysisPlan.hypotheses, ...(def.analysisPlan.conjoint ?? [])].filter((h) => h.adjust).map((h) => h.id));
  const unadjusted = [...new Set(rows.map((r) => r.hypothesis))].filter((h) => !adjusts.has(h));
  if (!unadjusted.length) return '';
  const these = unadjusted.length === 1 ? 'this hypothesis' : 'these hypotheses';
  return `power_adjusted NA for ${unadjusted.join(', ')}: the plan adjusts no p-values of ${these} (no "adjust"), so ${unadjusted.length === 1 ? 'its' : 'their'} power is on the unadjusted p\n`;
}

/**
 * The tested terms with no effect planted (estimand at the test's null: 0, or a marginal mean's h0), a line per
 * hypothesis: their power is the false-positive rate, and 0.05 read as a design unable to detect them (walk-through 28).
 */
function nullPowerNote(def: StudyDefinition, rows: readonly PowerDiagnosis[], alpha: number): string {
  const h0 = (id: string) => def.analysisPlan.conjoint?.find((h) => h.id === id)?.h0 ?? 0;
  const counts = new Map<string, number>();
  for (const r of rows) if (r.estimand !== null && Math.abs(r.estimand - h0(r.hypothesis)) < 1e-9) counts.set(r.hypothesis, (counts.get(r.hypothesis) ?? 0) + 1);
  return [...counts]
    .map(([h, k]) => `power of ${h}'s ${k === 1 ? 'term' : `${k} terms`} with no effect planted (estimand ${h0(h)}) is ${k === 1 ? 'its' : 'their'} false-positive rate: near alpha (${alpha}) is as it should be\n`)
    .join('');
}

/** Runs the diagnosis with a progress bar on a terminal and prints the diagnosands in the chosen format. */
export async function runStudyPower(request: StudyPowerRequest, format: 'table' | 'csv' | 'json', out?: string): Promise<void> {
  // Loaded on use, so that `vlab power --sd 1 --n 500` and `vlab --help` never load the definitions' validators.
  const [{ csvFromRecords, textTable }, { diagnoseDesign }, { planAlpha }, { progressBar }, { loadDefinitionsForCli }, { checkOutputFolder, writeOutput }] = await Promise.all([
    import('../../../analysis/index.ts'),
    import('../../domain/simulation/design-diagnosis.ts'),
    import('../../domain/plan/plan-schema.ts'),
    import('../../simulate/progress.ts'),
    import('./cli-storage.ts'),
    import('./output-file.ts'),
  ]);
  if (out !== undefined) checkOutputFolder(out); // before minutes of simulation, not after
  const definitions = loadDefinitionsForCli(request.study);
  const def = definitions.find((d) => d.id === request.study);
  if (!def) throw new UsageError(`no study "${request.study}" (known: ${definitions.map((d) => d.id).join(', ')})`);
  if (!def.simulation) throw new UsageError(`study "${def.id}" has no simulation model (survey-definitions/${def.id}/simulation.json)`);
  const conjoint = def.design?.kind === 'conjoint';
  if ((conjoint ? (def.analysisPlan.conjoint ?? []) : def.analysisPlan.hypotheses).length === 0) {
    throw new UsageError(`study "${def.id}" has no ${conjoint ? 'conjoint ' : ''}hypotheses in its analysis plan`);
  }
  const seed = request.seed ?? randomBytes(8).toString('hex');

  const bar = progressBar(request.sims, 'power');
  // A conjoint is fielded offline profile by profile (conjoint-diagnosis.ts); other designs as one-vignette waves.
  const diagnose = conjoint ? (await import('../../domain/simulation/conjoint-diagnosis.ts')).diagnoseConjoint : diagnoseDesign;
  const result = diagnose(def, { n: request.n, sims: request.sims, seed, onProgress: (done) => bar.update(done) });
  bar.stop();

  const summary = {
    study: def.id,
    n: request.n,
    sims: request.sims,
    seed,
    alpha: planAlpha(def.analysisPlan),
    fielding: result.fielding,
    problems: result.problems,
  };
  if (format === 'json') return writeOutput('power', out, `${JSON.stringify({ ...summary, diagnoses: result.rows }, null, 2)}\n`);
  const records = result.rows as unknown as Record<string, unknown>[];
  if (format === 'csv') return writeOutput('power', out, csvFromRecords(records, COLUMNS));
  const round = (x: unknown) => (typeof x === 'number' ? Math.round(x * 1000) / 1000 : x);
  const f = result.fielding;
  return writeOutput(
    'power',
    out,
    `${textTable(records.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v)]))), COLUMNS)}` +
      `${def.id}: ${request.sims} simulated waves of ${request.n} completes (seed ${seed}); per wave ${Math.round(f.draws)} starts, ` +
      `${Math.round(f.screenedOut)} screen-outs, ${Math.round(f.overQuota)} over quota, ${Math.round(f.abandoned)} abandoned\n` +
      'estimand: the term in an infinite sample of the design (the planted effect on the observed scale); ' +
      `power: share of runs with p < alpha ${summary.alpha} (power_se: its Monte Carlo SE; power_adjusted: on the plan's adjusted p); ` +
      "coverage: share of runs whose 95% CI holds the estimand; mde_analytic: 80% power by power.t.test with the model's within-cell SD\n" +
      nullPowerNote(def, result.rows, summary.alpha) +
      mdeNotes(result.rows) +
      unadjustedNote(def, result.rows) +
      result.problems.map((p) => `problem in ${p.runs} runs: ${p.message}\n`).join(''),
  );
}
