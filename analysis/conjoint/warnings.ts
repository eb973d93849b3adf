// What a conjoint estimate has to say beside its rows, as lmRobust results carry `warnings`: the warnings of its
// internal lmRobust fits (named for the estimator, and the group of `by`), declared levels no complete row shows
// (R's model frame drops them silently), and the levels whose row is NA because nothing in the data estimates them.
import type { Levels } from '../helpers/data.ts';
import { withoutEstimatorName } from '../helpers/warning-text.ts';
import type { ConjointEstimate } from './result.ts';

/**
 * The researcher's words for features and their levels (a study's labels), and for the column of `by` and its
 * groups (a question's answers), for warnings read beside labelled estimates (a plan's dashboard card,
 * `vlab estimates`' table); a feature, level or group without one keeps its code.
 */
export type ConjointLabels = Readonly<Record<string, { label: string; levels: Readonly<Record<string, string>> }>>;

/** Collects a conjoint estimator's warnings once each, in the order they arise. */
export class ConjointWarnings {
  private readonly seen = new Set<string>();

  constructor(
    private readonly fn: string,
    private readonly labels: ConjointLabels = {},
    /** The column of `by`, whose labels name the groups. */
    private readonly by?: string,
  ) {}

  private feature(name: string): string {
    return this.labels[name]?.label ?? name;
  }

  private level(feature: string, code: string): string {
    return `"${this.labels[feature]?.levels[code] ?? code}"`;
  }

  /** "in group "Republican", " for a warning within a group of `by`; nothing outside groups. */
  private inGroup(group: string | undefined): string {
    if (group === undefined) return '';
    return `in group "${(this.by === undefined ? undefined : this.labels[this.by]?.levels[group]) ?? group}", `;
  }

  add(message: string): void {
    this.seen.add(message.startsWith(`${this.fn}: `) ? message : `${this.fn}: ${message}`);
  }

  /** An internal fit's warnings, "lmRobust: …" named for the estimator and the group (a fit per group of `by`). */
  addFit(warnings: readonly string[], group?: string): void {
    for (const warning of warnings) this.add(`${this.inGroup(group)}${withoutEstimatorName(warning)}`);
  }

  /** Declared levels of the features that no complete row shows: they get no row, as in R. */
  addUnseen(features: readonly { name: string; levels: readonly string[] }[], declared: Levels | undefined): void {
    for (const { name, levels } of features) {
      const unseen = (declared?.[name] ?? []).filter((level) => !levels.includes(level));
      if (unseen.length > 0) this.add(`feature "${this.feature(name)}": no complete row shows ${unseen.map((l) => this.level(name, l)).join(', ')}, so ${unseen.length === 1 ? 'it has' : 'they have'} no estimate (R's model frame drops unused levels)`);
    }
  }

  /** A row (not a reference level's) with no estimate, and why. */
  addMissing(row: ConjointEstimate, why: string): void {
    if (row.estimate !== null) return;
    this.add(`${this.inGroup(row.BY)}${this.feature(row.feature)} = ${this.level(row.feature, row.level)} has no estimate: ${why}`);
  }

  list(): string[] {
    return [...this.seen];
  }
}
