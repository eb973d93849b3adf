import type { Answers } from './answers.ts';
import { isPossibleDuration } from './participant.ts';
import { allElements, type StudyDefinition } from './study-definition.ts';

/**
 * Data-quality flags, one set per completed participant. Flags describe; they never change the assignment or
 * drop a row: the analysis plan decides whom to exclude. Computed at completion, inside the completion's
 * transaction; the speeder flag is evaluated again at export time, because the wave's median moves as
 * completes arrive (see docs/reliability.md).
 */

/** The flag names; each is exported as a `flag_<name>` column (1 = flagged, 0 = not, empty = not evaluable). */
export const QUALITY_FLAGS = ['duplicate_panel_id', 'speeder', 'straightlining', 'honeypot', 'attention_failed'] as const;
export type QualityFlagName = (typeof QUALITY_FLAGS)[number];
export type QualityFlagValues = Record<QualityFlagName, 0 | 1 | null>;

/**
 * The speeder flag needs a median to compare with: below this many completes in the wave (not counting the
 * participant), it is left empty rather than judged against a median of a handful.
 */
export const SPEEDER_MIN_COMPLETES = 20;
/** A speeder took less than this fraction of the wave's median completion time. */
export const SPEEDER_FRACTION = 1 / 3;
/** Straight-lining is only meaningful on a battery of at least this many items. */
export const STRAIGHTLINE_MIN_ITEMS = 3;

const SINGLE_CHOICE = new Set(['radiogroup', 'dropdown', 'rating']);
// Per parsed definition (never changed after parsing): every completion asks.
const batteriesOf = new WeakMap<StudyDefinition, ReadonlyMap<string, readonly string[]>>();

/**
 * Item batteries: single-choice questions that carry the same `battery` property in the definition (the name
 * the long export stacks them by), with at least STRAIGHTLINE_MIN_ITEMS items.
 */
export function itemBatteries(def: StudyDefinition): ReadonlyMap<string, readonly string[]> {
  const known = batteriesOf.get(def);
  if (known) return known;
  const groups = new Map<string, string[]>();
  for (const e of allElements(def)) {
    const battery = (e as { battery?: unknown }).battery;
    if (typeof battery !== 'string' || !SINGLE_CHOICE.has(e.type)) continue;
    groups.set(battery, [...(groups.get(battery) ?? []), e.name]);
  }
  for (const [name, items] of groups) if (items.length < STRAIGHTLINE_MIN_ITEMS) groups.delete(name);
  batteriesOf.set(def, groups);
  return groups;
}

/** The batteries on which every item was answered, all with the same value. */
export function straightlinedBatteries(def: StudyDefinition, answers: Answers): string[] {
  const out: string[] = [];
  for (const [battery, items] of itemBatteries(def)) {
    const values = items.map((name) => answers[name]);
    if (values.every((v) => v !== undefined && v !== null && v === values[0])) out.push(battery);
  }
  return out;
}

/** Median of a list of numbers (mean of the two middle values for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The wave's other completes as the speeder rule needs them: how many, and their median duration (a completion
 * keeps them in a RunningMedian, so that it does not read or sort them all). */
export interface DurationSummary {
  readonly size: number;
  median(): number;
}

/** Median of `sorted` (ascending) with the element at `skip` left out, in O(1); NaN when nothing is left. */
export function medianWithout(sorted: ArrayLike<number>, skip: number): number {
  const n = sorted.length - 1;
  if (n <= 0) return Number.NaN;
  const at = (i: number) => sorted[i < skip ? i : i + 1]!;
  const mid = n >> 1;
  return n % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

/**
 * The first index of `value` in `sorted` (ascending), or -1: a binary search, because an export looks up every
 * complete's duration among all of the wave's (indexOf made a million-row export quadratic).
 */
export function sortedIndexOf(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] === value ? lo : -1;
}

/**
 * The speeder flag of one complete judged against all the others, given every complete's duration sorted
 * ascending (the participant's own duration among them): the rule exports apply. `sortedDurations` holds possible
 * durations only (possibleDurations); an impossible own duration is not judged (null).
 */
export function speederAmong(durationSeconds: number, sortedDurations: ArrayLike<number>): 0 | 1 | null {
  if (!isPossibleDuration(durationSeconds)) return null;
  if (sortedDurations.length - 1 < SPEEDER_MIN_COMPLETES) return null;
  const own = sortedIndexOf(sortedDurations, durationSeconds);
  if (own < 0) throw new Error(`speederAmong: ${durationSeconds} is not among the durations`);
  return durationSeconds < medianWithout(sortedDurations, own) * SPEEDER_FRACTION ? 1 : 0;
}

/**
 * 1 if `durationSeconds` is under SPEEDER_FRACTION of the median of `otherDurations` (the wave's other completes),
 * 0 if not, null while there are fewer than SPEEDER_MIN_COMPLETES of them or when `durationSeconds` is impossible
 * (negative: isPossibleDuration). Impossible durations among the others are left out.
 */
export function speederFlag(durationSeconds: number, otherDurations: readonly number[]): 0 | 1 | null {
  const possible = otherDurations.filter(isPossibleDuration);
  return speederFlagAmong(durationSeconds, { size: possible.length, median: () => median(possible) });
}

/**
 * `sorted` (ascending) without its impossible (negative) durations, which sort first: a clock stepped back is no
 * evidence of speed, so it neither counts towards SPEEDER_MIN_COMPLETES nor pulls the median down.
 */
export function possibleDurations(sorted: Float64Array): Float64Array {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isPossibleDuration(sorted[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return sorted.subarray(lo);
}

/** speederFlag, given the other completes' count and median (possible durations only); null for an impossible duration. */
export function speederFlagAmong(durationSeconds: number, others: DurationSummary): 0 | 1 | null {
  if (!isPossibleDuration(durationSeconds)) return null;
  if (others.size < SPEEDER_MIN_COMPLETES) return null;
  return durationSeconds < others.median() * SPEEDER_FRACTION ? 1 : 0;
}

/** A filled honeypot: the hidden field that people never see, so only a bot (or a form filler) writes in it. */
export const honeypotFilled = (value: string | undefined): boolean => typeof value === 'string' && value.trim() !== '';

export interface CompletionFlagInput {
  def: StudyDefinition;
  answers: Answers;
  derived: Record<string, number>;
  honeypot: string | undefined;
  /** The same panel identity already has a participant in another wave of this study. */
  duplicatePanelId: boolean;
  durationSeconds: number;
  /** Durations of the wave's other completes, in seconds. */
  otherDurations: DurationSummary;
}

export interface CompletionFlags {
  values: QualityFlagValues;
  straightlined: string[];
}

/** Every flag for one completion. */
export function completionFlags(input: CompletionFlagInput): CompletionFlags {
  const straightlined = straightlinedBatteries(input.def, input.answers);
  const check = input.def.attentionCheck;
  const attention = check ? input.derived[check.derivedColumn] : undefined;
  return {
    values: {
      duplicate_panel_id: input.duplicatePanelId ? 1 : 0,
      speeder: speederFlagAmong(input.durationSeconds, input.otherDurations),
      straightlining: straightlined.length > 0 ? 1 : 0,
      honeypot: honeypotFilled(input.honeypot) ? 1 : 0,
      attention_failed: attention === undefined ? null : attention === 0 ? 1 : 0,
    },
    straightlined,
  };
}
