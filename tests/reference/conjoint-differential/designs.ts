// Seeded random conjoint designs for the conjoint differential test (../conjoint-differential.test.ts): what an
// analyst exports and types `vlab amce | mm | mm-diff | freqs` on. Each seed draws 2–6 features of 2–6 levels with
// uneven randomization probabilities, sometimes a restriction (some level pairs of two features never shown, so
// the AMCE formula marks them "a * b"), 1–3 profiles a task (forced choice of one of 2 or 3; a rating or a yes/no
// for one), 1–6 tasks a respondent (standard errors clustered by respondent), a respondent subgroup, sometimes
// respondent weights, a few missing outcomes, labels with spaces, commas, accents or digits, and declared or
// sorted level orders. Only exact arithmetic (random-data.ts), so every machine writes the same CSV text.
import { csvText, Draw, type Column } from '../differential/random-data.ts';

export type Verb = 'amce' | 'mm' | 'mm-diff' | 'amce-diff' | 'freqs';

export interface ConjointCase {
  id: string;
  design: string;
  verb: Verb;
  formula: string;
  /** Columns and options as typed; R reads the same. */
  id_column?: string;
  se_type?: 'cregg' | 'CR2';
  weights?: string;
  by?: string;
  h0?: number;
  /** The two-way constraint "a * b" of an AMCE formula, for R's cregg-style averaging. */
  constraint?: [string, string];
  features: string[];
}

export interface ConjointDesign {
  id: string;
  seed: number;
  csv: string;
  /** Declared level orders (--levels), or undefined: sorted as text (C locale). */
  levels?: Record<string, string[]>;
  probabilities: Record<string, Record<string, number>>;
  cases: ConjointCase[];
}

/** The thirteenth trial's variations on a seed's design (none: the design as drawn before it). */
export interface DesignVariant {
  /** Randomization far from even: every feature's last level has weight 1 against 8 for each other level. */
  lopsided?: boolean;
  /** Always restricted, the first feature's last level shown only with the second feature's reference level. */
  impossible?: boolean;
  /** The second respondent group is never shown the first feature's last level (mm by group: a missing level). */
  hiddenInGroup?: boolean;
  /**
   * The fourteenth trial: forced choice of two profiles that always share the first feature's level, no missing
   * answer, so every respondent chose each level of that feature in exactly half of the rows showing it (its marginal
   * mean is 0.5 in every respondent, its variance 0 up to roundoff, weighted or not).
   */
  balancedLevel?: boolean;
  /** The fourteenth trial: weights, declared level orders (a reference level other than the sorted first), restriction: set, not drawn. */
  weighted?: boolean;
  declared?: boolean;
  restricted?: boolean;
  /** The twentieth trial: every respondent's weight this one value (a weights column of all-equal values), drawn as before. */
  equalWeight?: number;
  /** The twenty-fifth trial: about a tenth of respondents have no group (NA in the `by` column; cregg leaves them out). */
  missingGroup?: boolean;
  /** The twenty-fifth trial: the second group is shown only the first feature's first level (one level in that group). */
  oneLevelInGroup?: boolean;
  /** The thirty-fourth trial: weighted, the first respondent's weight this value (one huge weight among 0.3–3). */
  hugeWeight?: number;
  /** The thirty-sixth trial: the first feature's last drawn level is never shown to anyone (declared or only in the probabilities). */
  neverShown?: boolean;
  /** The thirty-sixth trial: every this-many-th respondent (the first among them) answers one task only, the others the drawn number. */
  oneTaskEvery?: number;
  /** The thirty-ninth trial: this share of the first feature's cells missing (NA), the profile dropped from that feature only. */
  missingFeature?: number;
  /** The fortieth trial: this many profiles a task (4 is more than any drawn design shows), set, not drawn. */
  profiles?: number;
  /** The fortieth trial: every profile rated 1–7 (a rating outcome in tasks of several profiles, not a choice). */
  rated?: boolean;
  /** The forty-third trial: also mm and amce within each group of `by` (cregg's cj(by = ~group)), not only their differences. */
  mmBy?: boolean;
}

interface Feature {
  name: string;
  levels: string[];
  weights: number[];
}

const FEATURE_NAMES = ['regime', 'capability', 'troops', 'party', 'age_group', 'Education', 'job', 'x3', 'price_eur'];
const LABEL_STYLES: ((f: number, k: number) => string)[] = [
  (f, k) => `L${f}${k}`,
  (f, k) => `level ${k + 1}`,
  (f, k) => ['none', 'low, some', 'high', 'very high', 'most', 'all'][k],
  (f, k) => ['Männlich', 'Weiblich', 'Divers', 'Ñandú', 'Øst', 'élan'][k],
  (f, k) => `${(k + 1) * 10}k–${(k + 2) * 10}k`,
  (f, k) => [' leading space', 'say "yes"', 'a/b', 'x-y', '2nd', 'Z'][k],
];

function drawFeatures(draw: Draw, variant: DesignVariant): Feature[] {
  const names = draw.shuffle(FEATURE_NAMES).slice(0, 2 + draw.int(5));
  return names.map((name, f) => {
    const count = 2 + draw.int(5);
    const style = draw.pick(LABEL_STYLES);
    const levels = Array.from({ length: count }, (_, k) => style(f, k));
    // Uneven randomization in half the features: weights 1–4 (exact small integers).
    const weights = variant.lopsided ? levels.map((_, k) => (k === count - 1 ? 1 : 8)) : levels.map(() => (draw.chance(0.5) ? 1 : 1 + draw.int(4)));
    return { name, levels, weights };
  });
}

function pickLevel(draw: Draw, feature: Feature): number {
  const total = feature.weights.reduce((s, w) => s + w, 0);
  let u = draw.int(total);
  for (let k = 0; k < feature.levels.length; k++) {
    if (u < feature.weights[k]) return k;
    u -= feature.weights[k];
  }
  return feature.levels.length - 1;
}

/** A profile's level codes, redrawn until no forbidden pair of the restricted features shows. */
function drawProfile(draw: Draw, features: Feature[], forbidden: Set<string>, hidden?: number, only?: number): number[] {
  for (;;) {
    const codes = features.map((f) => pickLevel(draw, f));
    if (only !== undefined) codes[0] = only;
    if (!forbidden.has(`${codes[0]},${codes[1]}`) && codes[0] !== hidden) return codes;
  }
}

/**
 * Forbidden (feature 0, feature 1) pairs of level codes: the last levels of both in analysis order, and sometimes
 * one more pair; never a reference level (first in analysis order), whose main effect the constraint averages over.
 */
function drawRestriction(draw: Draw, order: number[][], impossible = false): Set<string> {
  const [a, b] = [order[0], order[1]];
  if (impossible) return new Set(b.slice(1).map((code) => `${a[a.length - 1]},${code}`));
  const pairs = new Set([`${a[a.length - 1]},${b[b.length - 1]}`]);
  if (a.length > 2 && b.length > 2 && draw.chance(0.5)) pairs.add(`${a[a.length - 2]},${b[b.length - 1]}`);
  return pairs;
}

interface Fielded {
  columns: Column[];
  profiles: number;
  rating: boolean;
}

function field(draw: Draw, features: Feature[], forbidden: Set<string>, variant: DesignVariant): Fielded {
  // Sometimes very few respondents (clusters), 3–8, each with 5–6 tasks of 2–3 profiles: at least 30 profile rows,
  // not a saturated model whose aliased columns lm and lm_robust choose differently.
  const few = draw.chance(0.15);
  const respondents = few ? 3 + draw.int(6) : 15 + draw.int(106);
  const tasks = few ? 5 + draw.int(2) : 1 + draw.int(6);
  const profiles = variant.profiles ?? (variant.balancedLevel ? 2 : few ? 2 + draw.int(2) : 1 + draw.int(3));
  const rating = variant.rated ?? (profiles === 1 && draw.chance(0.5));
  const groups = draw.chance(0.5) ? ['Dem', 'Rep'] : ['a', 'b', 'c'];
  const missing = variant.balancedLevel ? 0 : draw.chance(0.3) ? 0.03 : 0;
  const effects = features.map((f) => f.levels.map(() => draw.normal() * 0.5));
  const cols = { id: [] as string[], task: [] as number[], profile: [] as number[], group: [] as (string | null)[], w: [] as number[], y: [] as (number | null)[] };
  const levelCols = features.map(() => [] as (string | null)[]);
  for (let r = 0; r < respondents; r++) {
    const picked = draw.pick(groups);
    const group = variant.missingGroup && draw.chance(0.1) ? null : picked;
    const drawn = Number(draw.uniform(0.3, 3).toFixed(3));
    const weight = r === 0 && variant.hugeWeight !== undefined ? variant.hugeWeight : variant.equalWeight ?? drawn;
    const own = variant.oneTaskEvery !== undefined && r % variant.oneTaskEvery === 0 ? 1 : tasks;
    for (let t = 0; t < own; t++) {
      const hidden = variant.neverShown || (variant.hiddenInGroup && group === groups[1]) ? features[0].levels.length - 1 : undefined;
      const only = variant.oneLevelInGroup && group === groups[1] ? 0 : undefined;
      const shown = Array.from({ length: profiles }, () => drawProfile(draw, features, forbidden, hidden, only));
      if (variant.balancedLevel) shown[1][0] = shown[0][0];
      const utility = shown.map((codes) => codes.reduce((s, k, f) => s + effects[f][k], 0) + draw.normal());
      const best = utility.indexOf(Math.max(...utility));
      shown.forEach((codes, p) => {
        codes.forEach((k, f) => levelCols[f].push(f === 0 && variant.missingFeature !== undefined && draw.chance(variant.missingFeature) ? null : features[f].levels[k]));
        const y = profiles > 1 && !rating ? Number(p === best) : rating ? Math.min(7, Math.max(1, Math.round(4 + 1.5 * utility[p]))) : Number(utility[p] > 0);
        Object.entries({ id: `R${String(r + 1).padStart(3, '0')}`, task: t + 1, profile: p + 1, group, w: weight }).forEach(([k, v]) => (cols[k as 'id'] as unknown[]).push(v));
        cols.y.push(draw.chance(missing) ? null : y);
      });
    }
  }
  const columns: Column[] = [
    { name: 'respondent', kind: 'string', values: cols.id },
    { name: 'task', kind: 'number', decimals: 0, values: cols.task },
    { name: 'profile', kind: 'number', decimals: 0, values: cols.profile },
    ...features.map((f, i): Column => ({ name: f.name, kind: 'string', values: levelCols[i] })),
    { name: 'chosen', kind: 'number', decimals: 0, values: cols.y },
    { name: 'group', kind: 'string', values: cols.group },
    { name: 'w', kind: 'number', decimals: 3, values: cols.w },
  ];
  return { columns, profiles, rating };
}

function casesOf(id: string, features: Feature[], restricted: boolean, profiles: number, weighted: boolean, rating = false, mmBy = false): ConjointCase[] {
  const names = features.map((f) => f.name);
  const rhs = restricted ? [`${names[0]} * ${names[1]}`, ...names.slice(2)].join(' + ') : names.join(' + ');
  const base = { design: id, features: names, id_column: 'respondent', ...(weighted ? { weights: 'w' } : {}) };
  const constraint = restricted ? { constraint: [names[0], names[1]] as [string, string] } : {};
  const cases: ConjointCase[] = [
    { ...base, ...constraint, id: `${id}-amce-cregg`, verb: 'amce', formula: `chosen ~ ${rhs}`, se_type: 'cregg' },
    { ...base, id: `${id}-mm`, verb: 'mm', formula: `chosen ~ ${names.join(' + ')}`, h0: rating && profiles > 1 ? 4 : profiles === 2 ? 0.5 : 0 },
    { ...base, id: `${id}-mm-diff`, verb: 'mm-diff', formula: `chosen ~ ${names.join(' + ')}`, by: 'group' },
    { design: id, features: names, id: `${id}-freqs`, verb: 'freqs', formula: `~ ${names.join(' + ')}` },
  ];
  if (mmBy) {
    cases.push({ ...base, id: `${id}-mm-by`, verb: 'mm', formula: `chosen ~ ${names.join(' + ')}`, by: 'group', h0: cases[1].h0 });
    // AMCEs within each group too (cregg's cj(estimate = "amce", by = ~group)), cregg's se and, unrestricted, CR2.
    cases.push({ ...base, ...constraint, id: `${id}-amce-by-cregg`, verb: 'amce', formula: `chosen ~ ${rhs}`, by: 'group', se_type: 'cregg' });
    if (!restricted) cases.push({ ...base, id: `${id}-amce-by-cr2`, verb: 'amce', formula: `chosen ~ ${rhs}`, by: 'group', se_type: 'CR2' });
  }
  // estimatr's lm_robust(clusters, se_type = "CR2") is the reference of the default se type where no constraint
  // asks for cregg's averaging of interaction terms.
  if (!restricted) cases.push({ ...base, id: `${id}-amce-cr2`, verb: 'amce', formula: `chosen ~ ${rhs}`, se_type: 'CR2' });
  // Differences in AMCEs between subgroups (the seventh trial): estimatr's CR2 on y ~ (features) * group, and cregg's
  // own computation (glm with sandwich::vcovCL by respondent, z tests) unweighted; cregg does not take constraints.
  if (!restricted) {
    cases.push({ ...base, id: `${id}-amce-diff`, verb: 'amce-diff', formula: `chosen ~ ${rhs}`, by: 'group' });
    if (!weighted) cases.push({ ...base, id: `${id}-amce-diff-cregg`, verb: 'amce-diff', formula: `chosen ~ ${rhs}`, by: 'group', se_type: 'cregg' });
  }
  // Weighted frequencies (the sixth trial): survey's design-based goodness-of-fit test, clustered by respondent
  // and, as an analyst without --id would, on independent rows.
  // Unweighted with --id: the same test with weights 1, clustered by respondent.
  if (weighted) {
    cases.push({ ...base, id: `${id}-freqs-weighted`, verb: 'freqs', formula: `~ ${names.join(' + ')}` });
    cases.push({ design: id, features: names, weights: 'w', id: `${id}-freqs-weighted-rows`, verb: 'freqs', formula: `~ ${names.join(' + ')}` });
  } else cases.push({ ...base, id: `${id}-freqs-clustered`, verb: 'freqs', formula: `~ ${names.join(' + ')}` });
  return cases;
}

export function conjointDesign(seed: number, variant: DesignVariant = {}): ConjointDesign {
  const draw = new Draw(seed);
  const features = drawFeatures(draw, variant);
  const declared = variant.declared ?? draw.chance(0.5);
  // Level codes in analysis order: declared (a shuffle, given with --levels) or sorted as text (vlab's and R's C order).
  const order = features.map((f) => {
    const codes = f.levels.map((_, k) => k);
    return declared ? draw.shuffle(codes) : codes.sort((x, y) => (f.levels[x] < f.levels[y] ? -1 : 1));
  });
  const restricted = variant.restricted ?? (variant.impossible || draw.chance(0.4));
  const forbidden = restricted ? drawRestriction(draw, order, variant.impossible) : new Set<string>();
  const weighted = variant.weighted ?? draw.chance(0.4);
  const { columns, profiles, rating } = field(draw, features, forbidden, variant);
  const id = `conjoint-${seed}`;
  const probabilities = Object.fromEntries(features.map((f) => {
    const total = f.weights.reduce((s, w) => s + w, 0);
    return [f.name, Object.fromEntries(f.levels.map((level, k) => [level, f.weights[k] / total]))];
  }));
  const levels = declared ? Object.fromEntries(features.map((f, i) => [f.name, order[i].map((k) => f.levels[k])])) : undefined;
  return { id, seed, csv: csvText(columns), levels, probabilities, cases: casesOf(id, features, restricted, profiles, weighted, rating, variant.mmBy) };
}

/**
 * The tenth R trial's conjoint designs (2026-12-04): 20 more seeds, 10_200_000 + k, about 140 cases of AMCE (cregg and
 * CR2, constrained or not), MM, MM and AMCE differences and frequencies, weighted and unweighted.
 */
const TRIAL10_SEEDS = Array.from({ length: 20 }, (_, k) => 10_200_000 + k);

/**
 * The twelfth R trial's conjoint designs (2026-12-04): 8 of the 30 seeds 12_200_000 + k it ran, the ones of one task a
 * respondent (3, 12, 14, 17), a level shown once (11), and 5 or 4 respondents with a group of one (23, 25, 28: survey
 * stops, vlab refuses); all 30 agreed with R, and all 30 made this suite 7 minutes long alone (cancelled at 10 under
 * the full run's load).
 */
const TRIAL12_SEEDS = [3, 11, 12, 14, 17, 23, 25, 28].map((k) => 12_200_000 + k);

/**
 * The seeds of the stored suite: the first 40, and one that a sweep of 200 (VLAB_CONJOINT_SEEDS=200, with R's
 * output regenerated for them) found: 5200172, a constrained AMCE whose variance is 0 up to roundoff (vlab's SE
 * was NaN); and the tenth trial's. Left out: 5200045, a perfect fit (every residual 0) whose aliased columns and CR2 df estimatr and vlab
 * choose differently (clubSandwich's df agrees with vlab's).
 */
export const CONJOINT_SEEDS = process.env.VLAB_CONJOINT_SEEDS
  ? Array.from({ length: Number(process.env.VLAB_CONJOINT_SEEDS) }, (_, k) => 5_200_000 + k)
  : [...Array.from({ length: 40 }, (_, k) => 5_200_000 + k), 5_200_172, ...TRIAL10_SEEDS, ...TRIAL12_SEEDS];

/**
 * The thirteenth R trial's conjoint designs (2026-12-04), seeds 13_200_000 + k, each with a variation no seed draws:
 * randomization of 1 in 8 per level against the others, a level of the first feature shown only with the second's
 * reference (its constrained AMCE averages over nothing), a respondent group never shown a level (its marginal mean
 * NA in that group, the MM difference NA), and all three at once.
 */
export const TRIAL13_DESIGNS: [number, DesignVariant][] = [
  [13_200_000, { lopsided: true }],
  [13_200_001, { impossible: true }],
  [13_200_002, { hiddenInGroup: true }],
  [13_200_003, { lopsided: true, impossible: true, hiddenInGroup: true }],
];

/**
 * The fourteenth R trial's conjoint designs (2026-12-04), seeds 14_200_000 + k: the first feature's levels balanced
 * within every respondent (balancedLevel) weighted with sorted and with declared levels, and unweighted with declared
 * levels (mm's exact-mean rule, analysis/conjoint/mm.ts, is unweighted only: does the weighted route agree with survey
 * to the tolerance?); and weighted, unrestricted, declared levels without balance (amce and amce-diff by group with a
 * reference level other than the sorted first).
 */
export const TRIAL14_DESIGNS: [number, DesignVariant][] = [
  [14_200_000, { balancedLevel: true, weighted: true, declared: false, restricted: false }],
  [14_200_001, { balancedLevel: true, weighted: true, declared: true, restricted: false }],
  [14_200_002, { balancedLevel: true, weighted: false, declared: true, restricted: false }],
  [14_200_003, { weighted: true, declared: true, restricted: false }],
];

/**
 * The twentieth R trial's conjoint designs (2026-12-05), seeds 20_200_000 + k: a weights column of one value for
 * everyone (2.5; and 0.4 with the first feature balanced within every respondent and declared levels), which must give
 * the unweighted estimates and survey's / estimatr's numbers for the weighted call (the weights' scale cancels).
 */
export const TRIAL20_DESIGNS: [number, DesignVariant][] = [
  [20_200_000, { weighted: true, equalWeight: 2.5, restricted: false }],
  [20_200_001, { weighted: true, equalWeight: 0.4, balancedLevel: true, declared: true, restricted: false }],
];

/**
 * The twenty-fifth R trial's conjoint designs (2026-12-05), seeds 25_200_000 + k: a `by` column with missing values
 * (weighted, so cregg's weights meet them), the first feature at one level within the second group (its MMs and AMCE
 * differences there NA), and both with declared levels and a restriction.
 */
export const TRIAL25_DESIGNS: [number, DesignVariant][] = [
  [25_200_000, { missingGroup: true, weighted: true, restricted: false }],
  [25_200_001, { oneLevelInGroup: true, weighted: false, restricted: false }],
  [25_200_002, { missingGroup: true, oneLevelInGroup: true, weighted: true, declared: true, restricted: true }],
];

/**
 * The thirty-third R trial's conjoint designs (2026-12-06), seeds 33_200_000 + k: the variations combined as no earlier
 * design did — a level shown only with the other feature's reference (restricted), weighted, a `by` column with missing
 * values and a group never shown a level, lopsided randomization, declared levels.
 */
export const TRIAL33_DESIGNS: [number, DesignVariant][] = [
  [33_200_000, { impossible: true, weighted: true, missingGroup: true }],
  [33_200_001, { impossible: true, hiddenInGroup: true, weighted: true, declared: true }],
  [33_200_002, { lopsided: true, restricted: true, weighted: true, missingGroup: true, hiddenInGroup: true, declared: true }],
];

/**
 * The thirty-fourth R trial's conjoint designs (2026-12-06), seeds 34_200_000 + k: one respondent weighing 1e3 to 5e3
 * against 0.3–3 for the others (cregg's weighted means and survey's SEs dominated by one cluster), with a `by` group never
 * shown a level (mm_diffs NA there) or shown one level only (amce by group and amce differences NA), declared or not.
 * At 1e6 (seeds 34_200_001 and 34_200_002 as first drawn) R itself loses the digits: estimatr's weighted CR2 SEs move 2 to
 * 11 % and svygofchisq's p by 4e-6 when every weight is divided by 1e6 (which cancels exactly), clubSandwich differs from
 * both, while vlab's SEs move by 1e-7; those are not stored (docs/analysis.md, the thirty-fourth trial).
 */
export const TRIAL34_DESIGNS: [number, DesignVariant][] = [
  [34_200_000, { weighted: true, hugeWeight: 1000, hiddenInGroup: true, restricted: false }],
  [34_200_001, { weighted: true, hugeWeight: 2000, oneLevelInGroup: true, restricted: false, declared: true }],
  [34_200_002, { weighted: true, hugeWeight: 1000, hiddenInGroup: true, missingGroup: true, restricted: true }],
  [34_200_003, { weighted: true, hugeWeight: 5000, restricted: false }],
];

/**
 * The thirty-fifth R trial's conjoint designs (2026-12-06), seeds 35_200_000 + k: variations no design combined yet — one
 * weight for everyone with a level shown only with the other feature's reference and a group never shown a level; the
 * first feature balanced within respondents under lopsided randomization with a `by` column partly missing; a group
 * shown one level only under lopsided randomization, restriction and weights, declared.
 */
export const TRIAL35_DESIGNS: [number, DesignVariant][] = [
  [35_200_000, { weighted: true, equalWeight: 1.7, impossible: true, hiddenInGroup: true }],
  [35_200_001, { balancedLevel: true, lopsided: true, missingGroup: true, weighted: true, restricted: false }],
  [35_200_002, { oneLevelInGroup: true, lopsided: true, impossible: true, weighted: true, declared: true }],
];

/**
 * The thirty-sixth R trial's conjoint designs (2026-12-07), seeds 36_200_000 + k: a level never shown to anyone, declared
 * (cregg and lm drop it; freqs counts it 0 against its design probability) or only in the probabilities; respondents of
 * one task beside respondents of several (every second, third, or every respondent), with a restricted pair and
 * weights. Seeds 36_200_000–36_200_003 and 36_200_008 (the first with the never-shown level beside three shown).
 */
export const TRIAL36_DESIGNS: [number, DesignVariant][] = [
  [36_200_000, { neverShown: true, declared: true, weighted: true, restricted: false }],
  [36_200_001, { oneTaskEvery: 2, restricted: true, weighted: true }],
  // Drawn with two levels of the first feature: the one never shown leaves one, and R stops on the AMCE (as vlab does).
  [36_200_002, { neverShown: true, oneTaskEvery: 3, lopsided: true, weighted: true, restricted: false, declared: false }],
  [36_200_008, { neverShown: true, oneTaskEvery: 3, lopsided: true, weighted: true, restricted: false, declared: false }],
  [36_200_003, { oneTaskEvery: 1, restricted: true, weighted: true, declared: true }],
];

/**
 * The thirty-seventh R trial's conjoint designs (2026-12-07), seeds 37_200_001–37_200_003 (37_200_000 drew two levels of the
 * first feature, which the never-shown level leaves one: trial 36's case already): variations no design combined yet —
 * one huge weight (2,000) with a level never shown and a `by` column partly missing; respondents of one task beside
 * others with a level shown only with the other feature's reference and a group never shown a level; the first feature
 * balanced within respondents, weighted, with respondents of one task and a group shown one level only.
 */
export const TRIAL37_DESIGNS: [number, DesignVariant][] = [
  [37_200_003, { weighted: true, hugeWeight: 2000, neverShown: true, declared: true, missingGroup: true, restricted: false }],
  [37_200_001, { oneTaskEvery: 2, impossible: true, hiddenInGroup: true, weighted: true }],
  [37_200_002, { balancedLevel: true, weighted: true, oneTaskEvery: 3, oneLevelInGroup: true, restricted: false }],
];

/**
 * The thirty-eighth R trial's conjoint designs (2026-12-07), seeds 38_200_000 + k: variations no design combined yet — a
 * weights column of 1 for everyone with a level never shown, lopsided randomization and declared levels; every respondent
 * answering one task with a level shown only with the other feature's reference, a group never shown a level and a `by`
 * column partly missing; the first feature balanced within respondents beside one weight of 1,500 and a `by` column
 * partly missing, declared.
 */
export const TRIAL38_DESIGNS: [number, DesignVariant][] = [
  [38_200_000, { weighted: true, equalWeight: 1, neverShown: true, lopsided: true, declared: true, restricted: false }],
  [38_200_001, { oneTaskEvery: 1, impossible: true, hiddenInGroup: true, missingGroup: true, weighted: true }],
  [38_200_002, { balancedLevel: true, weighted: true, hugeWeight: 1500, missingGroup: true, declared: true, restricted: false }],
];

/**
 * The thirty-ninth R trial's conjoint designs (2026-12-07), seeds 39_200_000 + k: the first feature's level missing in
 * 5–10 % of the profiles (cregg's mm reshapes to long and drops such a profile from that feature's means only; the
 * AMCE's model drops it whole), weighted, with a huge weight, a partly missing `by` column and declared levels.
 */
export const TRIAL39_DESIGNS: [number, DesignVariant][] = [
  [39_200_000, { missingFeature: 0.05, weighted: true, declared: true, restricted: false }],
  [39_200_001, { missingFeature: 0.1, weighted: true, hugeWeight: 800, missingGroup: true, restricted: false }],
  [39_200_002, { missingFeature: 0.08, weighted: false, lopsided: true, impossible: true }],
];

/**
 * The fortieth R trial's conjoint designs (2026-12-07), seeds 40_200_000 + k: tasks of four profiles (no drawn design
 * shows more than three) with a forced choice, weighted and restricted; every profile of a paired task rated 1–7 (the
 * rating outcome of tasks of several profiles, mm tested against the scale's midpoint 4), weighted with declared levels;
 * three rated profiles a task with respondents of one task beside others, lopsided, restricted.
 */
export const TRIAL40_DESIGNS: [number, DesignVariant][] = [
  [40_200_000, { profiles: 4, weighted: true, impossible: true }],
  [40_200_001, { profiles: 2, rated: true, weighted: true, declared: true, restricted: false }],
  [40_200_002, { profiles: 3, rated: true, oneTaskEvery: 2, lopsided: true, restricted: true }],
];

/**
 * The forty-first R trial's conjoint designs (2026-12-07), seeds 41_200_000 + k: the impossible restriction (the first
 * feature's last level shown only with the second's reference, so its AMCE is estimated beside that level alone) met
 * with what no design combined it with yet — missing feature cells and a huge weight; ratings with respondents of one
 * task; lopsided randomization with a level never shown and a group never shown another.
 */
export const TRIAL41_DESIGNS: [number, DesignVariant][] = [
  [41_200_000, { impossible: true, missingFeature: 0.06, weighted: true, hugeWeight: 900 }],
  [41_200_001, { impossible: true, profiles: 2, rated: true, oneTaskEvery: 2, declared: true }],
  [41_200_002, { impossible: true, lopsided: true, neverShown: true, hiddenInGroup: true, weighted: true }],
];

/**
 * The forty-third R trial's conjoint designs (2026-12-07), seeds 43_200_000 + k: marginal means within each group of `by`
 * (`vlab mm --by group`, cregg's cj(estimate = "mm", by = ~group): survey's svyglm on each group's own design), weighted,
 * which no trial had compared (only their differences, mm-diff): with a `by` column partly missing and a huge weight; a
 * group never shown a level, declared levels and a restriction; a group shown one level only under lopsided
 * randomization; missing feature cells and ratings of paired profiles (h0 4).
 */
export const TRIAL43_DESIGNS: [number, DesignVariant][] = [
  [43_200_000, { mmBy: true, weighted: true, missingGroup: true, hugeWeight: 700, restricted: false }],
  [43_200_001, { mmBy: true, weighted: true, hiddenInGroup: true, declared: true, restricted: true }],
  [43_200_002, { mmBy: true, weighted: true, oneLevelInGroup: true, lopsided: true, restricted: false }],
  [43_200_003, { mmBy: true, weighted: true, missingFeature: 0.06, profiles: 2, rated: true, missingGroup: true }],
];
