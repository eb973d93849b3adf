// Task 42: neither `vlab estimates`, the hypothesis cards, the replication README nor the dashboard said what standard
// errors a hypothesis has. One function words them from the plan's resolved seType and clusters (standard-error-words.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimatesTable, wideEstimatesTable } from '../../server/cli/commands/estimates-table.ts';
import { executePlan } from '../../server/domain/plan/execute-plan.ts';
import { hypothesisReports } from '../../server/domain/plan/hypothesis-report.ts';
import { standardErrorWords } from '../../server/domain/plan/standard-error-words.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { alliance, allianceRows, withPlan } from './plan-support.ts';

const lm = { id: 'C1', description: 'd', estimator: 'lm_robust', outcomes: ['economic_sanctions'], formula: '~ regime + capability' };
const dim = { id: 'D1', description: 'd', estimator: 'difference_in_means', outcomes: ['economic_sanctions'], treatment: { factor: 'behavior', control: ['control'], term: 'violated' } };
const words = (h: object, weighted = false) => {
  const def = withPlan(alliance, { hypotheses: [h] });
  return standardErrorWords(def, def.analysisPlan.hypotheses[0]!, weighted);
};

test('the shipped alliance plan: stacked CR2 by respondent, a difference in means, HC2', () => {
  const [h1, h2, h3] = alliance.analysisPlan.hypotheses;
  assert.deepEqual(standardErrorWords(alliance, h1!, false), { words: 'CR2 standard errors, clustered by respondent (stacked rows)', clusteredBy: null });
  assert.equal(standardErrorWords(alliance, h2!, false).words, 'Welch standard errors');
  assert.equal(standardErrorWords(alliance, h2!, true).words, 'HC2 standard errors');
  assert.equal(standardErrorWords(alliance, h3!, false).words, 'HC2 standard errors');
});

test('a plan column, a named se type, stata without clusters (HC1), blocks', () => {
  assert.deepEqual(words({ ...lm, clusters: 'region' }), { words: 'CR2 standard errors, clustered by Region', clusteredBy: 'Region' });
  assert.equal(words({ ...lm, clusters: 'region', seType: 'stata' }).words, 'stata (CR1) standard errors, clustered by Region');
  assert.equal(words({ ...lm }).words, 'HC2 standard errors');
  assert.equal(words({ ...lm, seType: 'stata' }).words, 'HC1 standard errors');
  assert.equal(words({ ...lm, seType: 'classical' }).words, 'classical standard errors');
  assert.equal(words({ ...dim, clusters: 'region' }).words, 'CR2 standard errors, clustered by Region');
});

// Task 43: a blocked difference in means was "Welch standard errors, within blocks of Region", but estimatr combines
// each block's Neyman variance by its squared share (df N − 2 × blocks), and the blocks' spread where any block has two.
test('blocks: the blocked variance in words, unweighted, weighted, clustered', () => {
  assert.equal(words({ ...dim, blocks: 'region' }).words,
    "Blocked standard errors by Region: each block's Neyman variance combined by its squared share of the sample (where any block has two units: the matched-pair variance, from the spread of the blocks' differences, for every block)");
  assert.equal(words({ ...dim, blocks: 'region' }, true).words, "Blocked standard errors by Region: each block's HC2 variance combined by its squared share of the weight");
  assert.equal(words({ ...dim, blocks: 'region', clusters: 'party' }).words,
    "Blocked standard errors by Region: each block's CR2 variance, clustered by Party, combined by its squared share of the sample (where any block has two clusters: the matched-pair clustered variance, from the spread of the blocks' differences, for every block)");
});

test('repeated vignettes cluster by respondent; a conjoint by respondent over profile rows', () => {
  const definitions = loadDefinitionFiles('survey-definitions');
  const repeated = definitions.find((d) => d.id === 'protege-bargaining-repeated')!;
  const r = withPlan(repeated, { hypotheses: [{ id: 'R1', description: 'd', estimator: 'lm_robust', outcomes: [repeated.analysisPlan.hypotheses[0]?.outcomes[0] ?? 'x'], formula: `~ ${repeated.factors[0]!.name}` }] });
  assert.match(standardErrorWords(r, r.analysisPlan.hypotheses[0]!, false).words, /^CR2 standard errors, clustered by respondent \(\d+ vignettes each\)$/);
  const conjoint = definitions.find((d) => d.id === 'alliance-partner-conjoint')!;
  const [amce, mm] = conjoint.analysisPlan.conjoint!;
  assert.equal(standardErrorWords(conjoint, amce!, false).words, 'CR2 standard errors, clustered by respondent (profile rows)');
  assert.equal(standardErrorWords(conjoint, mm!, false).words, "cregg (survey's svyglm) standard errors, clustered by respondent (profile rows)");
});

test("vlab estimates' table says each outcome's standard errors over its numbers, and --wide after its table", () => {
  const result = executePlan({ definition: alliance, rows: allianceRows() });
  const wave = { ...result, wave: 'w1', study: alliance.id, studyVersion: alliance.version, recordedPlanHash: null, nComplete: 1502, target: 1500, precision: [] };
  const table = estimatesTable(wave, alliance);
  assert.match(table, /^H1 · support · N \d+ stacked rows[^\n]*\n(?: {2}[^\n]*\n)* {2}CR2 standard errors, clustered by respondent \(stacked rows\)\n {2}term /m);
  assert.match(table, /^H2 · alliance_favorability · N \d+[^\n]*\n(?: {2}[^\n]*\n)* {2}Welch standard errors\n {2}term /m);
  assert.match(table, /^H3 · economic_sanctions · N \d+[^\n]*\n(?: {2}[^\n]*\n)* {2}HC2 standard errors\n {2}term /m);
  const wide = wideEstimatesTable(wave, alliance);
  assert.match(wide, /\nstandard errors, H1: CR2 standard errors, clustered by respondent \(stacked rows\)\nstandard errors, H2: Welch standard errors\nstandard errors, H3: HC2 standard errors\n/);
});

test('the cards carry the words, and the plan column a clustered hypothesis is clustered by', () => {
  const def = withPlan(alliance, { hypotheses: [{ ...lm, clusters: 'region' }, { ...lm, id: 'C2' }] });
  const reports = hypothesisReports(def, executePlan({ definition: def, rows: allianceRows() }));
  assert.deepEqual(reports.map((h) => [h.standardErrors, h.clusteredBy]), [['CR2 standard errors, clustered by Region', 'Region'], ['HC2 standard errors', null]]);
});
