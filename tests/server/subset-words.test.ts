// A hypothesis' subset in words (server/domain/plan/subset-words.ts), under its outcome in `vlab estimates`' table:
// H3 read "N 43" beside 52 completes the plan kept, and nothing said it fits the violation arms only (walk-through 27).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimatesTable } from '../../server/cli/commands/estimates-table.ts';
import { executePlan } from '../../server/domain/plan/execute-plan.ts';
import { subsetWords } from '../../server/domain/plan/subset-words.ts';
import { alliance, allianceRows } from './plan-support.ts';

const hypothesis = (id: string) => alliance.analysisPlan.hypotheses.find((h) => h.id === id)!;

test('a subset reads in the study words, by the levels it leaves out where they are fewer; none without one', () => {
  assert.equal(subsetWords(alliance, hypothesis('H3')), 'rows with Behaviour of the ally other than Cooperates (control)');
  assert.equal(subsetWords(alliance, hypothesis('H2')), null);
  const two = { ...hypothesis('H3'), subset: [{ column: 'regime', in: ['autocracy'] }, { column: 'behavior', in: ['evict_troops', 'threaten_exit'] }] };
  assert.equal(subsetWords(alliance, two), 'rows with Regime type of the ally: Autocracy; Behaviour of the ally: Evicts US troops or Threatens to leave the alliance');
});

test("vlab estimates' table says a hypothesis' subset under its outcome, so its N below the completes is explained", () => {
  const result = executePlan({ definition: alliance, rows: allianceRows() });
  const table = estimatesTable({ ...result, wave: 'w1', study: alliance.id, studyVersion: alliance.version, recordedPlanHash: null, nComplete: 1502, target: 1500, precision: [] }, alliance);
  assert.match(table, /^H3 · economic_sanctions · N \d+ · .*\n {2}outcome: Imposing economic sanctions on Country A\n {2}scale: [^\n]*(?:\n {4}[^\n]*)?\n {2}fitted on the plan's subset: rows with Behaviour of the ally other than Cooperates \(control\)\n {2}HC2 standard errors\n {2}term /m);
  assert.doesNotMatch(table.slice(table.indexOf('H2 ·'), table.indexOf('H3 ·')), /subset/);
});
