// A conjoint's exact estimands averaged the respondents' covariates over the model's shares, while the quota step
// (applied by the diagnosis since walk-through 24) leaves the completes in the quotas' mix: with party capped at
// 50/30/20 % and the model drawing 35/35/30 %, the pooled AMCE of autocracy (a Democrat's shift) was compared with
// an estimand over the wrong mix. Walk-through 26 fixed the same for vignettes (estimands-quota-mix.test.ts). An
// estimand is linear in the respondents' mix, so the pooled one must be the by-party estimands weighted 50/30/20.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { conjointEstimands } from '../../../server/domain/simulation/conjoint-estimands.ts';
import { quotaComposition } from '../../../server/domain/simulation/quota-composition.ts';
import type { StudyDefinition } from '../../../server/domain/study-definition.ts';
import { loadDefinitionFiles } from '../../../server/storage/definition-files.ts';

const flagship = loadDefinitionFiles('survey-definitions').find((d) => d.id === 'alliance-partner-conjoint')!;
const PARTIES = ['democrat', 'independent', 'republican'] as const;

function withPartyQuota(weights?: 'raking'): StudyDefinition {
  return {
    ...flagship,
    populationMargins: { source: 'test', margins: { party: { democrat: 0.5, independent: 0.3, republican: 0.2 } } },
    quotas: { variables: ['party'], basis: 'populationMargins' as const, slack: 0 },
    analysisPlan: weights ? { ...flagship.analysisPlan, weights } : flagship.analysisPlan,
  } as StudyDefinition;
}

/** The by-party estimands of `def` mixed with `shares`: what the pooled estimand over that mix of respondents is. */
function mixed(def: StudyDefinition, outcome: 'choice' | 'rating', shares: Record<string, number>) {
  const byParty = PARTIES.map((party) => conjointEstimands(def, outcome, { party }));
  return byParty[0]!.map((row, i) => ({
    ...row,
    amce: row.amce === null ? null : PARTIES.reduce((sum, _, k) => sum + shares[PARTIES[k]!]! * byParty[k]![i]!.amce!, 0),
    mm: PARTIES.reduce((sum, _, k) => sum + shares[PARTIES[k]!]! * byParty[k]![i]!.mm, 0),
  }));
}

test("a conjoint's pooled estimands weight a quota variable by the completes' mix (50/30/20), not the model's (35/35/30)", () => {
  const def = withPartyQuota();
  const completes = Object.fromEntries(PARTIES.map((p) => [p, quotaComposition(def)!.filter((q) => q.values.party === p).reduce((a, q) => a + q.p, 0)]));
  assert.deepEqual(Object.values(completes).map((p) => Math.round(p * 1e12) / 1e12), [0.5, 0.3, 0.2]);
  for (const outcome of ['choice', 'rating'] as const) {
    const pooled = conjointEstimands(def, outcome);
    const want = mixed(def, outcome, completes);
    pooled.forEach((row, i) => {
      assert.ok(Math.abs(row.mm - want[i]!.mm) < 1e-12, `${outcome} mm ${row.attribute} ${row.level}: ${row.mm} vs ${want[i]!.mm}`);
      if (row.amce !== null) assert.ok(Math.abs(row.amce - want[i]!.amce!) < 1e-12, `${outcome} amce ${row.attribute} ${row.level}: ${row.amce} vs ${want[i]!.amce}`);
    });
  }
  // The difference is not rounding: autocracy's AMCE over the model's mix is another number.
  const model = mixed(def, 'choice', flagship.simulation!.covariates.party!);
  const autocracy = (rows: { attribute: string; level: string; amce: number | null }[]) => rows.find((r) => r.attribute === 'regime' && r.level === 'autocracy')!.amce!;
  assert.ok(Math.abs(autocracy(conjointEstimands(def, 'choice')) - autocracy(model)) > 0.005, `${autocracy(conjointEstimands(def, 'choice'))} vs ${autocracy(model)}`);
  // A by-party estimand is the party's own, quota or not; a plan that rakes reweights to the margins: the model's mix.
  assert.deepEqual(conjointEstimands(def, 'choice', { party: 'republican' }), conjointEstimands(flagship, 'choice', { party: 'republican' }));
  assert.deepEqual(conjointEstimands(withPartyQuota('raking'), 'choice'), conjointEstimands(flagship, 'choice'));
});
