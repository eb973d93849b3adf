import { parseFormula, type Row } from '../../../analysis/index.ts';
import { assertSimulatable } from '../design-support.ts';
import { executePlan } from '../plan/execute-plan.ts';
import { modelRightHandSide } from '../plan/plan-terms.ts';
import { rakingTargets } from '../plan/raking-margins.ts';
import { clusteredByRespondent } from '../plan/respondent-clusters.ts';
import { allElements, type StudyDefinition } from '../study-definition.ts';
import { vignetteSpace } from '../vignette-cells.ts';
import { expectedCodedShare, expectedOutcome } from './expected.ts';
import { freeNumberRanges } from './free-answers.ts';
import { modelledShares } from './model-values.ts';
import { completesMix, quotaVariablesOutcomesUse } from './quota-composition.ts';
import { requireModel } from './respondent.ts';

/**
 * The estimand of every term of a study's analysis plan under its simulation model: the value the plan's own
 * estimator converges to in an infinite sample of the design, i.e. the planted effect on the observed scale.
 *
 * How: every cell the design shows (the full factorial without restrictions; each weighted by its multiplicity
 * w, as permuted blocks show it; with m vignettes per respondent each row is one vignette, whose cell has the
 * same probability w / L) is crossed with every
 * combination of the covariates the plan names (drawn from the model's shares, or from the population margins
 * when the plan rakes to them) and with passing or failing the attention check. Each such profile becomes one
 * row whose outcomes are their exact expected values (expected.ts: the latent normal's probability of each
 * choice after rounding and clipping), weighted by the profile's probability. The plan is then executed on
 * these rows with those weights. Least squares is linear in the outcome, so a weighted fit to expected values
 * equals the population fit; for a randomized factorial this is the average marginal effect of the term (the
 * difference between the level's and the reference level's mean outcome, averaged over the other factors),
 * not the latent shift written in simulation.json, which rounding and clipping attenuate. Subsets, stacking,
 * moderators and exclusions apply exactly as they do to real data, because it is the same code.
 *
 * An optional number box the plan uses (an age question in the formula, a moderator, a block), which no model
 * answers, is filled by free-answers.ts independently of everything else: each row is crossed with its lowest and
 * highest value, in equal weights, so that in these rows too it is independent of the condition, the covariates and
 * the outcomes. The population fit then gives the box's terms 0 and the others what they would be without it, which
 * is what the plan's estimator converges to (the respondents who leave it empty do so at random).
 *
 * A quota variable an outcome depends on (a covariate shift, or a moderator in an interaction) is weighted by the mix
 * of completes the quotas leave (quota-composition.ts), not by the model's shares: the quota step caps its levels, and
 * the plan meets the completes.
 *
 * Failing the attention check changes no other answer in the model, so excluding those respondents leaves the
 * estimands unchanged. Where the rows are unequally weighted (the plan names covariates or rakes, or the design
 * weights its cells), a difference in means weights its arms as estimatr does, so its estimand is the weighted
 * difference of means (docs/simulation.md).
 */
export function planEstimands(def: StudyDefinition): Map<string, number | null> {
  assertSimulatable(def);
  const model = requireModel(def);
  const plan = def.analysisPlan;
  // The simulated panel's own share for answers without a population share, as a wave's raking keeps the sample's.
  const raked =
    plan.weights === 'raking' && def.populationMargins
      ? rakingTargets(def.populationMargins, (variable, answer) => model.covariates[variable]?.[answer] ?? 0)
      : {};
  const named = new Set<string>();
  for (const e of plan.exclusions ?? []) named.add(e.column);
  for (const h of plan.hypotheses) {
    for (const s of h.subset ?? []) named.add(s.column);
    // A clustered fit drops the rows without a cluster: the rows carry its value, which moves no estimand.
    if (h.clusters) named.add(h.clusters);
    if (h.estimator === 'difference_in_means') {
      if (h.blocks) named.add(h.blocks);
    } else {
      for (const v of parseFormula('planEstimands', `y ${modelRightHandSide(h)}`).predictorColumns) named.add(v);
      // Absorbed, but the rows need their values as a covariate's (lmRobust drops a row without them).
      for (const g of h.fixedEffects ?? []) named.add(g);
    }
  }
  // Quota variables an outcome depends on are averaged over the completes' mix (quota-composition.ts) even where the
  // plan names none of them: their rows carry them.
  const covariates = [...new Set([...named, ...quotaVariablesOutcomesUse(def)])].filter((name) => name in model.covariates);
  const boxValues = boxCombinations([...freeNumberRanges(def)].filter(([name]) => named.has(name)));
  const check = def.attentionCheck;
  // Failing the check changes no other answer, so a passing and a failing row of equal weight per profile stand for
  // any share of failures, whatever the plan does with attention_pass.
  const attention = check && model.attention ? [1, 0] : [null];

  const codedFromChoices = modelledShares(def).filter((c) => model.choices?.[c.question]);
  const rows: Row[] = [];
  const weights: number[] = [];
  // The cells a vignette shows, each as often as the design shows it (multiplicity w; all 1 without weights or
  // restrictions). With m vignettes per respondent each row is one vignette: its cell has the same w / L.
  const space = vignetteSpace(def);
  const profiles = completesMix(def, covariates, {}, raked);
  space.cells.forEach(({ index: c, assignment: cell, multiplicity }) => {
    profiles.forEach((profile, k) => {
      const outcomes = Object.fromEntries([
        ...Object.keys(model.outcomes).map((name) => [name, expectedOutcome(def, name, cell, profile.values, raked)]),
        // A plan's coded outcome (vote_for) is the expected share of its choices (its indicator's mean).
        ...codedFromChoices.map((c) => [c.name, expectedCodedShare(def, c, cell, profile.values, raked)]),
      ]);
      for (const pass of attention) {
        for (const [b, box] of boxValues.entries()) {
          rows.push({
            participant: `cell${c}-profile${k}-attention${pass}-box${b}`,
            ...cell,
            ...exportedValues(def, profile.values),
            ...box,
            ...(check ? { [check.derivedColumn]: pass } : {}),
            ...outcomes,
          });
          weights.push(profile.p * multiplicity);
        }
      }
    });
  });

  // Weights only where profiles differ in probability (or the plan rakes, which these rows could not).
  const weighted = covariates.length > 0 || plan.weights === 'raking' || space.cells.some((cell) => cell.multiplicity !== 1);
  const estimable = withoutDifferenceInMeansBlocks(def);
  const result = executePlan({ definition: weighted ? withoutWeightedCr2FixedEffects(estimable) : estimable, rows, weights: weighted ? weights : undefined });
  const out = new Map<string, number | null>();
  for (const e of result.estimates) out.set(estimandKey(e.hypothesis, e.outcome, e.term), e.estimate);
  return out;
}

/**
 * A profile's covariate answers as the export writes them: a yes/no question's "true" and "false" (the model's keys)
 * as 1 and 0, the column the plan reads (walk-through 30's moderator `voted_last`; as "true" its term was not the
 * plan's `fundingfederal_grant:voted_last`, so it had no estimand).
 */
function exportedValues(def: StudyDefinition, values: Record<string, string>): Record<string, string | number> {
  const yesNo = new Set(allElements(def).filter((e) => e.type === 'boolean').map((e) => e.name));
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, yesNo.has(name) ? (value === 'true' ? 1 : 0) : value]));
}

/** Every combination of the boxes' lowest and highest values (one empty combination without boxes). */
function boxCombinations(boxes: readonly (readonly [string, readonly [number, number]])[]): Record<string, number>[] {
  return boxes.reduce<Record<string, number>[]>((combos, [name, [lo, hi]]) => combos.flatMap((combo) => [{ ...combo, [name]: lo }, { ...combo, [name]: hi }]), [{}]);
}

/**
 * The definition with each difference in means unblocked. These rows hold one expected value an arm in each block, which
 * the blocked estimator refuses (its standard error 0 by construction), so until walk-through 34 a blocked hypothesis
 * had no estimand, and `vlab power` no bias, RMSE or coverage, without a word. Its estimand is the unblocked one: the
 * arms are randomized independently of any pre-treatment block, so each block's share is the same in both arms, and
 * the blocks' weighted average of the differences is the difference of the weighted means.
 */
function withoutDifferenceInMeansBlocks(def: StudyDefinition): StudyDefinition {
  const hypotheses = def.analysisPlan.hypotheses.map((h) => (h.estimator === 'difference_in_means' && h.blocks ? { ...h, blocks: undefined } : h));
  return { ...def, analysisPlan: { ...def.analysisPlan, hypotheses } };
}

/**
 * The definition with CR0 for each hypothesis that would fit fixed effects under weighted CR2, which estimatr (and
 * lmRobust) refuse: an estimand is a point estimate, which the se type does not move.
 */
function withoutWeightedCr2FixedEffects(def: StudyDefinition): StudyDefinition {
  const hypotheses = def.analysisPlan.hypotheses.map((h) =>
    h.estimator === 'lm_robust' && h.fixedEffects && (h.seType ?? (h.clusters !== undefined || clusteredByRespondent(def, h) ? 'CR2' : 'HC2')) === 'CR2' ? { ...h, seType: 'CR0' as const } : h,
  );
  return { ...def, analysisPlan: { ...def.analysisPlan, hypotheses } };
}

export const estimandKey = (hypothesis: string, outcome: string, term: string) => `${hypothesis}\u0000${outcome}\u0000${term}`;
