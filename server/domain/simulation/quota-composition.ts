import type { StudyDefinition } from '../study-definition.ts';
import { covariateProfiles, outcomeCovariates } from './expected.ts';
import { requireModel } from './respondent.ts';

/** One combination of the quota variables' answers and its share of a wave's completes. */
export interface QuotaProfile {
  values: Record<string, string>;
  p: number;
}

/**
 * The mix of the quota variables' answers among a wave's completes in a large wave (the fluid limit of the quota step,
 * fielding-gate.ts): starts arrive with the model's shares (independent answers); a level whose completes reach its cap
 * (its population share × (1 + slack) of the target, quota.ts) turns away every later start that gives it, so the
 * completes then come from the other combinations in the model's proportions, until the target is met. An answer
 * without a population share (noPopulationShare) takes no slot and is never turned away.
 *
 * Null without quotas, when a quota variable is no modelled covariate, or when no start could complete. With one binding quota the result is the
 * capped level at its cap and the others in the model's proportions; with several, the phases between fills make the
 * variables' mix joint (not a product), which is why combinations are returned, not margins.
 */
export function quotaComposition(def: StudyDefinition): QuotaProfile[] | null {
  const quotas = def.quotas;
  const model = requireModel(def);
  if (!quotas || quotas.variables.some((v) => !(v in model.covariates))) return null;
  const combos = covariateProfiles(model, quotas.variables);
  const caps = new Map<string, number>();
  for (const variable of quotas.variables) {
    for (const [level, share] of Object.entries(def.populationMargins?.margins[variable] ?? {})) {
      if (!def.populationMargins?.noPopulationShare?.[variable]?.includes(level)) caps.set(slot(variable, level), share * (1 + quotas.slack));
    }
  }
  const slotsOf = (combo: QuotaProfile) => Object.entries(combo.values).map(([v, l]) => slot(v, l)).filter((s) => caps.has(s));
  const filled = new Map<string, number>();
  const full = new Set<string>();
  const done = combos.map(() => 0);
  let total = 0;
  // Each phase ends when a level fills or the target is met: at most one phase per capped level, and the last.
  while (total < 1 - 1e-12) {
    const open = combos.map((combo) => (slotsOf(combo).some((s) => full.has(s)) ? 0 : combo.p));
    const rate = open.reduce((a, b) => a + b, 0);
    if (rate <= 0) break; // every start turned away: the wave never reaches its target; the completes so far
    const perSlot = new Map<string, number>();
    combos.forEach((combo, i) => {
      for (const s of slotsOf(combo)) perSlot.set(s, (perSlot.get(s) ?? 0) + open[i]! / rate);
    });
    let step = 1 - total;
    for (const [s, r] of perSlot) if (r > 0 && !full.has(s)) step = Math.min(step, (caps.get(s)! - (filled.get(s) ?? 0)) / r);
    combos.forEach((_, i) => (done[i]! += (step * open[i]!) / rate));
    for (const [s, r] of perSlot) filled.set(s, (filled.get(s) ?? 0) + step * r);
    for (const [s, cap] of caps) if ((filled.get(s) ?? 0) >= cap - 1e-12) full.add(s);
    total += step;
  }
  if (total <= 0) return null; // no start can complete (a cap of 0 on every answer the model gives): no mix to weight by
  return combos.map((combo, i) => ({ values: combo.values, p: done[i]! / total })).filter((c) => c.p > 0);
}

/**
 * The quota variables some outcome or choice of the model depends on (shifted by them, or moderated by them): their
 * completes' mix moves the estimands even where the plan does not name them (estimands.ts adds them to its rows).
 */
export function quotaVariablesOutcomesUse(def: StudyDefinition): string[] {
  const model = requireModel(def);
  const dependsOn = new Set([...Object.values(model.outcomes), ...Object.values(model.choices ?? {})].flatMap((o) => outcomeCovariates(model, o)));
  return def.quotas?.variables.filter((v) => dependsOn.has(v)) ?? [];
}

const slot = (variable: string, level: string) => `${variable}\u0000${level}`;

/**
 * The respondents' mix over the covariates `names` an estimand averages over, among a wave's completes: the model's
 * shares, except that quota variables among them take the mix the quotas leave (quotaComposition), given a subgroup's
 * fixed answers (`given`, a conjoint's `by` group); where the plan rakes, the raking targets (`raked`, the shares the
 * estimator reweights the completes to). Serves both designs' estimands (estimands.ts, conjoint-estimands.ts): a
 * conjoint's once averaged over the model's shares, so with a quota on party its pooled AMCEs were off by the capped
 * party's share of its effect (after walk-through 26's vignette fix).
 */
export function completesMix(
  def: StudyDefinition,
  names: readonly string[],
  given: Record<string, string> = {},
  raked: Record<string, Record<string, number>> = {},
): QuotaProfile[] {
  const model = requireModel(def);
  const quoted = def.quotas?.variables.filter((v) => names.includes(v)) ?? [];
  const mix = quoted.length && def.analysisPlan.weights !== 'raking' ? quotaComposition(def) : null;
  const matching = mix?.filter((q) => Object.entries(given).every(([name, value]) => !(name in q.values) || q.values[name] === value)) ?? [];
  const total = matching.reduce((sum, q) => sum + q.p, 0);
  if (total <= 0) return covariateProfiles(model, names, raked);
  // The quota variables' joint mix among `names`, summed over the other quota variables.
  const joint = new Map<string, QuotaProfile>();
  for (const q of matching) {
    const values = Object.fromEntries(quoted.map((v) => [v, q.values[v]!]));
    const key = quoted.map((v) => values[v]).join('\u0000');
    const entry = joint.get(key) ?? joint.set(key, { values, p: 0 }).get(key)!;
    entry.p += q.p / total;
  }
  const others = covariateProfiles(model, names.filter((n) => !quoted.includes(n)), raked);
  return others.flatMap((profile) => [...joint.values()].map((q) => ({ values: { ...profile.values, ...q.values }, p: profile.p * q.p })));
}
