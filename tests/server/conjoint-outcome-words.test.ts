// `vlab estimates`' table says under each outcome's name what it is in the study's words (README, "Analysis plans,
// estimates and replication"). A conjoint's outcomes are the design's choice and rating, asked in every task, not
// questions of the pages, so their blocks were headed by the plan's name alone ("H1 · chosen · N 2700 profiles"):
// a name of no file of the wide data (newcomer walk-through 24).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimatesTable } from '../../server/cli/commands/estimates-table.ts';
import { outcomeLabel } from '../../server/domain/plan/term-labels.ts';
import { outcomeScale } from '../../server/domain/plan/outcome-scale.ts';
import { hypothesisReports } from '../../server/domain/plan/hypothesis-report.ts';
import { executeConjointPlan } from '../../server/domain/plan/execute-conjoint-plan.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import type { Row } from '../../analysis/index.ts';
import { seededRandom } from '../analysis/support.ts';

const flagship = loadDefinitionFiles('survey-definitions').find((d) => d.id === 'alliance-partner-conjoint')!;

/** 40 participants × 5 tasks × 2 profiles, levels and answers drawn with seed 24. */
function profiles(): { rows: Row[]; profiles: Row[] } {
  const random = seededRandom(24);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const rows: Row[] = [];
  const out: Row[] = [];
  for (let p = 1; p <= 40; p++) {
    rows.push({ participant: `p${p}`, party: pick(['democrat', 'independent', 'republican']), attention_pass: 1 });
    for (let task = 1; task <= 5; task++) {
      const chosen = pick([1, 2]);
      for (const side of [1, 2]) {
        const profile: Record<string, string | number> = { participant: `p${p}`, task, profile: side, chosen: side === chosen ? 1 : 0, support_aid_cut: pick([1, 2, 3, 4, 5]) };
        for (const f of flagship.factors) profile[f.name] = pick(f.levels.map((l) => l.code));
        if (profile.behavior === 'evict_troops') profile.troops = 'stationed';
        out.push(profile);
      }
    }
  }
  return { rows, profiles: out };
}

test('a conjoint\'s choice and rating are said in the study\'s words under their names in vlab estimates\' table', () => {
  assert.equal(outcomeLabel(flagship, 'chosen'), 'profile chosen (1) or not (0) in answer to "Against which partner should the United States take corrective measures?"');
  assert.equal(outcomeLabel(flagship, 'support_aid_cut'), 'each profile\'s rating: "How much would you support the United States cutting its military aid to this partner?"');
  const result = executeConjointPlan({ definition: flagship, ...profiles() });
  const table = estimatesTable({ wave: 'w1', study: flagship.id, studyVersion: flagship.version, recordedPlanHash: null, nComplete: 40, target: 40, precision: [], ...result }, flagship);
  assert.match(table, /^H1 · chosen · N 400 profiles · [^\n]+\n {2}outcome: profile chosen \(1\) or not \(0\) in answer to "Against which partner should the United\n {4}States take corrective measures\?"\n {2}scale: 1 \(chosen\) or 0; an estimate is a difference in the share of profiles chosen \(0\.10 = 10\n {4}percentage points\)\n {2}CR2 standard errors, clustered by respondent \(profile rows\)\n {2}term /m, table);
  assert.match(table, /^H1 · support_aid_cut · N 400 profiles · [^\n]+\n {2}outcome: each profile's rating: "How much would you support the United States cutting its\n {4}military aid to this partner\?"\n {2}scale: 1 "Strongly oppose" to 5 "Strongly support"; an estimate is a difference in these points\n {2}CR2 standard errors, clustered by respondent \(profile rows\)\n {2}term /m, table);
  assert.match(table, /^H2 · chosen · N 400 profiles\n {2}outcome: profile chosen \(1\) or not \(0\) in answer to [^\n]+\n[^\n]+\n {2}scale: 1 \(chosen\) or 0; a marginal mean is the share of profiles with that level chosen \(0\.50 =\n {4}half\)\n/m, table);
});

test('a conjoint\'s rating and choice say what their estimates are measured in, as a vignette\'s outcomes do (walk-through 32)', () => {
  // Walk-through 32 read -0.349 under "each profile's rating: …" with no word of the scale, where a vignette
  // study's rating has its "scale: 1 "Strongly oppose" to 5 "Strongly support"" line (outcome-scale.ts).
  const rating = outcomeScale(flagship, 'support_aid_cut', 'amce');
  assert.equal(rating, 'scale: 1 "Strongly oppose" to 5 "Strongly support"; an estimate is a difference in these points');
  assert.equal(outcomeScale(flagship, 'support_aid_cut', 'mm'), 'scale: 1 "Strongly oppose" to 5 "Strongly support"; a marginal mean is the average rating of the profiles with that level');
  const reports = hypothesisReports(flagship, executeConjointPlan({ definition: flagship, ...profiles() }));
  assert.equal(reports.find((r) => r.id === 'H1')!.outcomeScales.support_aid_cut, rating);
  assert.match(reports.find((r) => r.id === 'H2')!.outcomeScales.chosen!, /^scale: 1 \(chosen\) or 0; a marginal mean is the share/);
});
