import type { TermPrecision } from '../../server/domain/plan/precision.ts';
import type { WaveStatusReport } from '../../server/domain/wave-lifecycle.ts';
import { cellTarget, cellTargetsWords, weightedFillWords } from '../../server/domain/cell-fill.ts';
import { bar, el, fmt, folded, pct, table, termLabel, type Cell } from './dashboard-dom.ts';

/** The completion funnel: each step with its share of the starts, then where the others went. */
export function funnelSection(wave: WaveStatusReport): HTMLElement[] {
  const f = wave.funnel;
  // The bar sits in the share's own cell (it is decorative): a column of bars alone would have no header to read.
  const step = (name: string, n: number): Cell[] => [name, n, withBar(f.started ? n / f.started : 0, pct(n, f.started))];
  return [
    el('h3', 'Completion funnel'),
    table(
      'Completion funnel: participants at each step, as a share of those who started',
      ['Step', 'Participants', 'Of started'],
      [
        step('started', f.started),
        step('consented', f.consented),
        step(wave.treatmentStep, f.reachedVignette),
        step('completed', f.completed),
        step('screened out (e.g. declined consent)', wave.screenouts),
        step('over quota', wave.overquota),
        step('partial: started, not finished (still answering or abandoned)', wave.partials),
      ],
      [false, true, true],
    ),
    el('p', paceText(wave.pace), 'dash-note'),
  ];
}

/** How fast completes arrive, as `vlab wave status` says it: the last hour's and day's, and the latest's time. */
function paceText(pace: WaveStatusReport['pace']): string {
  if (pace.lastCompleteAt === null) return 'Pace: no completes yet.';
  const latest = `${pace.lastCompleteAt.slice(0, 10)} ${pace.lastCompleteAt.slice(11, 16)} UTC`;
  return `Pace: ${pace.lastHour} complete${pace.lastHour === 1 ? '' : 's'} in the last hour, ${pace.lastDay} in the last 24 hours; the latest at ${latest}.`;
}

/** A number with its decorative bar before it, in one cell. */
function withBar(share: number, text: string): HTMLElement {
  const cell = el('span');
  cell.append(bar(share), text);
  return cell;
}

/** Completes per cell: a summary line (fewest, most, spread), and the table of every cell folded under it. */
export function cellsSection(wave: WaveStatusReport): HTMLElement[] {
  const factorNames = Object.keys(wave.cells[0] ?? {}).filter((k) => !['index', 'assigned', 'completes', 'targetCompletes'].includes(k));
  // Each cell's own target (weights and repeated vignettes make them differ): counts compare only where they are equal.
  const completes = wave.cells.map((c) => c.completes);
  const [min, max] = [Math.min(...completes), Math.max(...completes)];
  const fill = weightedFillWords(wave.cells) ?? `fewest ${min}, most ${max}, spread ${max - min}`;
  const summary = wave.cells.length
    ? `${wave.cells.length} cells, ${cellTargetsWords(wave.cells)}: ${fill}.`
    : 'No cells: a conjoint draws its profiles per task (the profile export, profiles-csv, has them).';
  const cell = (c: WaveStatusReport['cells'][number]) => c as unknown as Record<string, string | number>;
  // A conjoint has no cells: a fold "Every cell (0)" would open onto an empty table, and a heading "Progress per
  // cell" over a line saying there are none read as a broken wave (accessibility pass 21).
  if (!wave.cells.length) return [el('h3', 'Profiles'), el('p', summary, 'dash-summary')];
  return [
    el('h3', 'Progress per cell'),
    el('p', summary, 'dash-summary'),
    folded(
      `Every cell (${wave.cells.length})`,
      table(
        'Completes per cell of the design',
        [...factorNames, 'Assigned', 'Completes'],
        wave.cells.map((c) => [...factorNames.map((n) => String(cell(c)[n])), c.assigned, withBar(c.completes / Math.max(1, cellTarget(c)), String(c.completes))]),
        [...factorNames.map(() => false), true, true],
      ),
    ),
  ];
}

/**
 * Each quota level's fill against its cap (completes plus live leases, as the quota step counts them); nothing for a
 * study without quotas. `vlab wave status` listed them and the dashboard did not, so a researcher watching a quota
 * study here could not see a level filling up (research pass 12).
 */
export function quotasSection(wave: WaveStatusReport): HTMLElement[] {
  if (!wave.quotas.length) return [];
  return [
    el('h3', 'Quotas'),
    table(
      'Quota fill: completes and live leases of each level against its cap',
      ['Variable', 'Level', 'Completes', 'Leased', 'Filled of cap'],
      wave.quotas.map((q) => [q.variable, q.level, q.completes, q.leased, quotaFill(q)]),
      [false, false, true, true, true],
    ),
  ];
}

/**
 * A level's fill against its cap, its bar and count kept on one line; a level over its cap says why (a lowered
 * target) in a sentence under them, so 15 / 5 does not read as a broken quota (attacker pass 18). Two children of
 * the cell, not one box: on a phone the count stays beside its column's name and the sentence takes the line below
 * from its start; in the count's own unwrapping text it made the table 959 px wide at 640 px (accessibility pass 19).
 */
function quotaFill(q: WaveStatusReport['quotas'][number]): DocumentFragment {
  const fill = el('span', undefined, 'dash-quota-fill');
  fill.append(bar(q.filled / Math.max(1, q.cap)), `${q.filled} / ${q.cap}`);
  const cell = document.createDocumentFragment();
  cell.append(fill);
  if (q.overCapReason) cell.append(el('span', `Over cap: ${q.overCapReason}`, 'dash-over-cap'));
  return cell;
}

/** Whether today's checks refuse the wave's stored links or definition: problemsSection's heading, and the wave list's mark. */
export const needsAttention = (wave: WaveStatusReport): boolean => wave.redirectProblems.length + wave.definitionProblems.length > 0;

/**
 * What today's checks refuse in what the wave runs: its stored redirect links (a completion code pasted with an
 * invisible character before attacker pass 28 sends every finisher to a code the panel does not know) and its
 * definition. `vlab wave status` listed them and the dashboard did not (attacker pass 30), though a researcher
 * watching here is the one to mend them. Placed first, under the wave's heading; nothing when all is sound.
 */
export function problemsSection(wave: WaveStatusReport): HTMLElement[] {
  if (!needsAttention(wave)) return [];
  const OPTION: Record<string, string> = { completeUrl: 'completion link', screenoutUrl: 'screen-out link', overquotaUrl: 'over-quota link' };
  const redirects = wave.redirectProblems.map((p) => `The ${OPTION[p.setting] ?? p.setting}: ${p.problem}`);
  const definition = wave.definitionProblems.map((p) => `The study definition: ${p}`);
  const mend = [
    redirects.length ? `respondents are sent to these links as stored; mend them with vlab wave update ${wave.id}` : '',
    definition.length ? 'this wave runs the definition it was opened with' : '',
  ].filter(Boolean);
  const list = el('ul', undefined, 'dash-problems');
  for (const line of [...redirects, ...definition]) list.append(el('li', line));
  return [el('h3', 'Needs attention'), el('p', `Today's checks refuse what this wave runs: ${mend.join('; ')}.`, 'dash-note'), list];
}

/** The wave's settings changed since it was created (`vlab wave update`, PATCH), oldest first; nothing when none. */
export function changesSection(wave: WaveStatusReport): HTMLElement[] {
  if (!wave.changes.length) return [];
  const shown = (v: string | number | null) => (v === null ? '(none)' : String(v));
  return [
    el('h3', 'Settings changed'),
    table(
      'Settings of this wave changed after it was created, oldest first',
      ['When', 'Setting', 'From', 'To', 'By'],
      wave.changes.map((c) => [c.at.replace('T', ' ').slice(0, 19), c.field, shown(c.oldValue), shown(c.newValue), c.by]),
      [false, false, false, false, false],
    ),
  ];
}

type LabelledPrecision = TermPrecision & { label: string };
/** A hypothesis clustered by a plan's column, and that column in words ("Region"). */
type ClusteredHypothesis = { id: string; clusteredBy: string };

/**
 * For the hypotheses clustered by a plan's column that have a precision row: the projection by √(target / N) holds only
 * if the new respondents fall in the same clusters in the same shares (their df stay: precision.ts). Task 42.
 */
function clusterAssumption(clustered: readonly ClusteredHypothesis[], precision: readonly LabelledPrecision[]): string {
  const shown = clustered.filter((c) => precision.some((p) => p.hypothesis === c.id));
  if (!shown.length) return '';
  const which = shown.map((c) => `${c.id} (clustered by ${c.clusteredBy})`).join(', ');
  return ` For ${which}, the projection assumes the new respondents come from the same clusters in the same shares as now: ` +
    'only then does a clustered standard error shrink by √(target / N).';
}

/**
 * Precision: what it shows, and when it fills; then the CI width and MDE of each tested term, now and at the target.
 * `conjoint`: a conjoint's terms are attribute levels, not arms (walk-through 32 read "every arm" under one).
 */
export function precisionSection(
  precision: LabelledPrecision[], nComplete: number, target: number, alpha: number, conjoint = false, clustered: readonly ClusteredHypothesis[] = [],
): HTMLElement[] {
  const explain =
    `For each pre-registered term: the width of its ${Math.round((1 - alpha) * 100)}% confidence interval, and the minimum detectable effect (MDE): ` +
    `the smallest true effect the pre-registered test would find with 80% power at α = ${alpha}, from the term's standard ` +
    `error now (N ${nComplete}) and projected to the target (N ${target}) by √(target / N). Smaller is more precise.${clusterAssumption(clustered, precision)}`;
  const when = conjoint
    ? "A term appears once it can be estimated: profiles with its level (and, for an AMCE, with its attribute's reference level) from at least 2 respondents."
    : 'A term appears once it can be estimated: at least 2 respondents in every arm of its comparison.';
  const out = [el('h3', 'Precision: now and at the target'), el('p', explain, 'dash-note')];
  if (!precision.length) return [...out, el('p', `Nothing to show yet. ${when}`, 'dash-summary')];
  return [
    ...out,
    el('p', when, 'dash-note'),
    table(
      `Precision now (N ${nComplete}) and at the target (N ${target})`,
      ['Hypothesis', 'Outcome', 'Term', 'CI width', 'MDE now', 'MDE at target'],
      precision.map((p) => [p.hypothesis, p.outcome, termLabel(p.label), fmt(p.ci_width), fmt(p.mde_now), fmt(p.mde_target)]),
      [false, false, false, true, true, true],
    ),
  ];
}
