// A plan's coded outcome (analysis-plan.json "codedOutcomes", server/domain/plan/coded-outcomes.ts): bus-line-funding's
// H3_vote estimates a federal grant's effect on the share voting "for" the line, the 0/1 indicator of the categorical
// vote_line, as R's lm_robust(as.numeric(vote_line == "for") ~ funding + backer). Before, a plan could name numeric
// outcomes only ("vote_line" has an answer that is not a number), so the vote was no pre-registered estimand.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, test } from 'node:test';
import { lmRobust, MDE_POWER, powerAnalysis, rowsFromCsv } from '../../analysis/index.ts';
import { executePlan } from '../../server/domain/plan/execute-plan.ts';
import { planLevels } from '../../server/domain/plan/plan-columns.ts';
import { analyticMde } from '../../server/domain/simulation/design-diagnosis.ts';
import { simulateWave } from '../../server/domain/simulation/simulated-wave.ts';
import { estimandKey, planEstimands } from '../../server/domain/simulation/estimands.ts';
import { expectedChoiceShares } from '../../server/domain/simulation/expected.ts';
import { runSimulation } from '../../server/simulate/run-simulation.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { simulatedEstimatesTable } from './estimates-table-support.ts';
import { withPlan } from './plan-support.ts';
import { createResearcherTestApp } from './researcher-support.ts';
import { zipEntries } from './zip-central-directory.ts';
import type { StudyDefinition } from '../../server/domain/study-definition.ts';

const definitions = loadDefinitionFiles('survey-definitions');
const bus = definitions.find((d) => d.id === 'bus-line-funding')!;
const cleanup: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

/** The plan's H3_vote by hand: the indicator of "for", fitted by lmRobust with the definition's levels. */
function byHand(rows: readonly Record<string, unknown>[]) {
  const coded = rows.map((r) => ({ ...r, vote_for: r.vote_line === null || r.vote_line === undefined || r.vote_line === '' ? null : r.vote_line === 'for' ? 1 : 0 }));
  return lmRobust({ formula: 'vote_for ~ funding + backer', rows: coded as never, levels: planLevels(bus), seType: 'HC2' }).estimates;
}

test('H3_vote: vote_for is 1 for "for", 0 for another answer, missing unanswered, and fitted as lm_robust on that indicator', () => {
  // Seed 'coded-2026': 400 simulated completes; three of them left the vote unanswered (dropped, as R's na.omit).
  const rows = simulateWave(bus, { target: 400, seed: 'coded-2026' }).rows.map((r, i) => (i % 150 === 7 ? { ...r, vote_line: null } : r));
  const result = executePlan({ definition: bus, rows });
  const h3 = result.estimates.filter((e) => e.hypothesis === 'H3_vote');
  assert.deepEqual(h3.map((e) => [e.outcome, e.term]), [['vote_for', '(Intercept)'], ['vote_for', 'fundingfederal_grant'], ['vote_for', 'backerbusiness']]);
  assert.deepEqual(h3.map(({ hypothesis, p_adjusted, adjust_method, n_used, n_dropped, plan_hash, ...tidy }) => tidy), byHand(rows));
  assert.deepEqual([h3[0]!.n_used, h3[0]!.n_dropped], [397, 3]);
  // Its intercept is the share voting for a sales-tax line backed by neighbours: a share, between 0 and 1.
  assert.ok(h3[0]!.estimate! > 0.3 && h3[0]!.estimate! < 0.7);
});

test('vlab power --study: the estimand of a coded outcome is the difference of the model\'s expected shares', () => {
  const estimands = planEstimands(bus);
  const share = (funding: string) =>
    ['neighbors', 'business'].reduce((s, backer) => s + expectedChoiceShares(bus, 'vote_line', { funding, backer }).get('for')!, 0) / 2;
  const grant = estimands.get(estimandKey('H3_vote', 'vote_for', 'fundingfederal_grant'))!;
  assert.ok(Math.abs(grant - (share('federal_grant') - share('sales_tax'))) < 1e-12, `${grant}`);
});

test('vlab power --study: a coded outcome has an analytic MDE, its SD the indicator\'s within-cell sqrt(p(1 - p))', () => {
  // Before, mde_analytic was NA: "the simulation model has no SD for outcome \"vote_for\"".
  const h3 = bus.analysisPlan.hypotheses.find((h) => h.id === 'H3_vote')!;
  const cells = ['sales_tax', 'federal_grant'].flatMap((funding) => ['neighbors', 'business'].map((backer) => ({ funding, backer })));
  const p = cells.map((cell) => expectedChoiceShares(bus, 'vote_line', cell).get('for')!);
  const sd = Math.sqrt(p.reduce((sum, q) => sum + q * (1 - q), 0) / p.length);
  // A level against its factor's reference: two arms of N / 2 (R: power.t.test(n = 200, sd = sd, power = 0.8)$delta).
  const expected = powerAnalysis({ sd, n: 200, power: MDE_POWER, alpha: 0.05 }).effect;
  assert.equal(analyticMde(bus, h3, 'vote_for', 'fundingfederal_grant', 400, 0.05), expected);
});

test('a coded outcome that cannot be one is refused with the field and the reason', () => {
  const plan = (coded: object, outcome = 'vote_for') => ({
    codedOutcomes: [coded],
    hypotheses: [{ id: 'H', description: 'd', estimator: 'lm_robust', outcomes: [outcome], formula: '~ funding' }],
  });
  const refused = (coded: object, outcome?: string) => {
    try {
      withPlan(bus, plan(coded, outcome));
      return 'accepted';
    } catch (error) {
      return (error as Error).message;
    }
  };
  assert.match(refused({ name: 'vote_for', question: 'vote_line', values: ['yes'] }), /codedOutcomes\[0\]\.values\[0\]: "yes" is not a choice of "vote_line" \(its choices: for, against, abstain\)/);
  assert.match(refused({ name: 'vote_for', question: 'bus_use', values: ['weekly'] }), /codedOutcomes\[0\]\.question: "bus_use" is not an outcome question \(it is a pretreatment column\)/);
  assert.match(refused({ name: 'vote_line', question: 'vote_line', values: ['for'] }, 'vote_line'), /codedOutcomes\[0\]\.name: "vote_line" is already a column of the study/);
  // An export column: "participant" coded from the vote would have replaced the participant codes in the rows.
  assert.match(refused({ name: 'participant', question: 'vote_line', values: ['for'] }, 'participant'), /codedOutcomes\[0\]\.name: "participant" is already a column of the study/);
  assert.match(refused({ name: 'vote_for', question: 'vote_line', values: ['for', 'against', 'abstain'] }), /codes every choice of "vote_line" as 1: the outcome would be constant/);
  assert.match(refused({ name: 'vote_for', question: 'vote_lin', values: ['for'] }), /codedOutcomes\[0\]\.question: unknown question "vote_lin"/);
  // The categorical question itself is still no outcome (its answers are not numbers); the message stays.
  assert.match(refused({ name: 'vote_for', question: 'vote_line', values: ['for'] }, 'vote_line'), /"vote_line" has an answer that is not a number/);
});

const hasR = spawnSync('Rscript', ['-e', 'library(estimatr)'], { encoding: 'utf8' }).status === 0;

test('a simulated bus-line-funding wave: the estimates route, the dashboard card, the codebook and replicate.R agree on H3_vote', async () => {
  const t = await createResearcherTestApp({ studyKey: 'bus-line-funding', target: 1000, seed: 'coded-route' });
  cleanup.push(() => t.close());
  const server = t.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  cleanup.push(async () => {
    server.closeAllConnections();
    await promisify(server.close.bind(server))();
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { summary } = await runSimulation({ baseUrl, waveId: t.wave.id, n: 120, concurrency: 4, seed: 'coded-route', definitions, retryDelayMs: 10 });
  assert.equal(summary.errors, 0, summary.firstErrors.join('\n'));

  const estimates = (await t.get(`/waves/${t.wave.id}/estimates`)).body;
  const h3 = estimates.estimates.filter((e: { hypothesis: string }) => e.hypothesis === 'H3_vote');
  assert.equal(h3.length, 3);
  const card = estimates.hypotheses.find((h: { id: string }) => h.id === 'H3_vote');
  assert.deepEqual(card.tested.map((f: { outcome: string; term: string }) => [f.outcome, f.term]), [['vote_for', 'fundingfederal_grant']]);
  assert.equal(card.tested[0].estimate, h3[1].estimate);

  const zip = zipEntries((await t.get(`/waves/${t.wave.id}/replication`).responseType('blob')).body as Buffer);
  const data = rowsFromCsv(zip.get('data.csv')!);
  assert.equal(data.length, estimates.nComplete);
  // The route's numbers are lm_robust's on the indicator of the package's own data.
  const expected = byHand(data);
  h3.forEach((e: { term: string; estimate: number; std_error: number }, i: number) => {
    assert.equal(e.term, expected[i]!.term);
    assert.ok(Math.abs(e.estimate - expected[i]!.estimate!) < 1e-12 && Math.abs(e.std_error - expected[i]!.std_error!) < 1e-12, e.term);
  });
  const codebook = JSON.parse(zip.get('codebook.json')!);
  assert.deepEqual(codebook.codedOutcomes, [{
    name: 'vote_for', question: 'vote_line', values: ['for'],
    coding: '1 where vote_line is "for" (For the plan), 0 for any other answer, missing where unanswered; computed by the analysis plan (not a column of the data)',
  }]);
  // Before, the package's README did not say where vote_for, absent from data.csv, comes from.
  assert.ok(zip.get('README.md')!.includes('- `vote_for` (an outcome of the estimates, not a column of data.csv): 1 where vote_line is "for" (For the plan), 0 for any other answer, missing where unanswered; coded by the plan, and by replicate.R the same way.'), zip.get('README.md'));
  assert.match(zip.get('replicate.R')!, /d\[\["vote_for"\]\] <- ifelse\(is\.na\(d\[\["vote_line"\]\]\), NA_real_, as\.numeric\(as\.character\(d\[\["vote_line"\]\]\) %in% c\("for"\)\)\)/);

  if (!hasR) return assert.fail('Rscript with estimatr is not installed: replicate.R was NOT run');
  const dir = mkdtempSync(join(tmpdir(), 'vlab-coded-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, text] of zip) writeFileSync(join(dir, name), text);
  const run = spawnSync('Rscript', ['replicate.R'], { cwd: dir, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr + run.stdout);
  assert.match(run.stdout, /replicate\.R: H3_vote checked: 3 estimates, largest difference/);
  // R's numbers for vote_for, row by row, equal vlab's to 1e-10.
  const ours = rowsFromCsv(readFileSync(join(dir, 'estimates.csv'), 'utf8')).filter((r) => r.hypothesis === 'H3_vote');
  const theirs = rowsFromCsv(readFileSync(join(dir, 'estimates-r.csv'), 'utf8')).filter((r) => r.hypothesis === 'H3_vote');
  assert.equal(theirs.length, 3);
  for (const [i, row] of ours.entries()) {
    for (const column of ['estimate', 'std_error', 'statistic', 'p_value', 'conf_low', 'conf_high', 'df', 'p_adjusted'] as const) {
      const [a, b] = [Number(row[column]), Number(theirs[i]![column])];
      if (Number.isNaN(a) && Number.isNaN(b)) continue;
      assert.ok(Math.abs(a - b) <= 1e-10, `${row.term} ${column}: ${a} vs R ${b}`);
    }
  }
});

/** `vlab estimates`' table of a simulated wave of `def` (400 respondents, seed 'outcome-words'). */
const cliTable = (def: StudyDefinition): string => simulatedEstimatesTable(def, 400, 'outcome-words');

test('vlab estimates\' table says under each outcome\'s name what it is in the study\'s words, in its default language (polish20)', () => {
  // Before, H3_vote's block was headed by "vote_for" alone: a name of the plan, in no file of the data.
  const table = cliTable(bus);
  assert.match(table, /^H3_vote · vote_for · N \d+\n {2}outcome: share answering "For the plan" to "If the plan were on the ballot, how would you vote\?"\n {2}scale: [^\n]*(?:\n {4}[^\n]*)?\n {2}HC2 standard errors\n {2}term /m, table);
  assert.match(table, /^H1_funding · support_line · N \d+\n {2}outcome: How much do you support or oppose the new bus line\?\n {2}scale: [^\n]*(?:\n {4}[^\n]*)?\n {2}HC2 standard errors\n {2}term /m, table);
  // No hypothesis of this plan adjusts its p: no word about adjusted intervals under the table.
  assert.doesNotMatch(table, /CIs are not adjusted/, table);
  // A study whose default language is Spanish: its words.
  const spanish = cliTable({ ...bus, locales: ['es', 'en'] });
  assert.match(spanish, /^H3_vote · vote_for · N \d+\n {2}outcome: share answering "A favor del plan" to "Si el plan se sometiera a votación, ¿cómo\n {4}votaría\?"\n/m, spanish);
});
