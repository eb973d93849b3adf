import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { rowsFromCsv } from '../../../analysis/index.ts';
import { createEstimatesService } from '../../../server/services/estimates-service.ts';
import { createReplicationService } from '../../../server/services/replication-service.ts';
import { createRespondentService } from '../../../server/services/respondent-service.ts';
import { researcherAppSetup } from '../researcher-support.ts';
import { repeatedVariant, seededUniform, takeRepeatedSurvey } from './repeated-support.ts';

const setup = researcherAppSetup();
const hasR = spawnSync('Rscript', ['-e', 'library(estimatr); library(survey)'], { encoding: 'utf8' }).status === 0;
const rSkip = hasR ? false : 'Rscript with estimatr is not installed: the comparison with R was NOT run';

/** The repeated study with a plan to estimate: strategy and troops on two outcomes, Holm within the family. */
const planned = repeatedVariant((d) => {
  d.id = 'protege-repeated-planned';
  d.analysisPlan.hypotheses = [
    {
      id: 'H1',
      description: 'Bargaining strategies and stationed troops raise support for conceding and for punishing.',
      estimator: 'lm_robust',
      outcomes: ['support_concede', 'support_punish'],
      formula: '~ strategy + troops',
      adjust: { method: 'holm' },
    },
  ];
});

/** A wave of 120 respondents (seeded: mulberry32 2026) who each rate their 3 vignettes through the respondent service. */
async function fieldedWave() {
  const t = await setup();
  await t.studies.syncDefinitions([planned]);
  const { wave } = await t.studies.createWave({ studyKey: planned.id, target: 120, seed: 'repeated-estimates' });
  const service = createRespondentService({ store: t.store });
  const next = seededUniform(2026);
  const shown = async (code: string) => {
    const p = (await t.repos.participants.findByCode(code))!;
    return (await t.repos.participantVignettes.ofParticipant(p.id)).map((v) => v.assignment);
  };
  for (let i = 0; i < 120; i++) await takeRepeatedSurvey(service, wave.id, shown, next);
  return { t, wave };
}

test('a repeated wave\'s plan clusters by respondent (CR2): equal to R lm_robust(clusters = participant); the replication script agrees', { skip: rSkip }, async () => {
  const { t, wave } = await fieldedWave();
  const result = await createEstimatesService({ store: t.store }).waveEstimates(wave.id);
  assert.equal(result.nComplete, 120, 'respondents, not rows');
  assert.equal(result.nExcluded, 0);
  assert.deepEqual(result.problems, []);
  assert.ok(result.estimates.every((e) => e.n_used === 360), 'one row per respondent × vignette');
  assert.ok(result.estimates.every((e) => e.df !== null && e.df <= 119), 'CR2 (Bell–McCaffrey) df of 120 clusters, not the 353 of 360 independent rows');

  // The API and the dashboard read the same estimates.
  const api = await t.get(`/waves/${wave.id}/estimates`);
  assert.equal(api.status, 200);
  assert.equal(api.body.nComplete, 120);
  assert.deepEqual(api.body.estimates.map((e: { estimate: number }) => e.estimate), result.estimates.map((e) => e.estimate));

  const dir = mkdtempSync(join(tmpdir(), 'vlab-repeated-r-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  // The export's rows, one per respondent × vignette, as R reads them.
  const exported = await t.get(`/waves/${wave.id}/export?format=csv&status=complete`);
  writeFileSync(join(dir, 'data.csv'), exported.text);
  assert.equal(rowsFromCsv(exported.text).length, 360);
  // R (estimatr 1.0.x), beside the test:
  //   d <- read.csv("data.csv"); d$strategy <- factor(d$strategy, levels = <definition order>); d$troops <- factor(…)
  //   lm_robust(support_concede ~ strategy + troops, data = d, clusters = participant, se_type = "CR2")
  const levels = (name: string) => `c(${planned.factors.find((f) => f.name === name)!.levels.map((l) => `"${l.code}"`).join(', ')})`;
  const script = [
    'suppressMessages(library(estimatr))',
    'd <- read.csv("data.csv", stringsAsFactors = FALSE)',
    `d$strategy <- factor(d$strategy, levels = ${levels('strategy')})`,
    `d$troops <- factor(d$troops, levels = ${levels('troops')})`,
    'out <- do.call(rbind, lapply(c("support_concede", "support_punish"), function(o) {',
    '  f <- lm_robust(as.formula(paste(o, "~ strategy + troops")), data = d, clusters = participant, se_type = "CR2")',
    '  data.frame(outcome = o, term = names(coef(f)), estimate = coef(f), std_error = f$std.error, p_value = f$p.value, conf_low = f$conf.low, conf_high = f$conf.high, df = f$df)',
    '}))',
    'write.csv(out, "r-estimates.csv", row.names = FALSE)',
  ].join('\n');
  writeFileSync(join(dir, 'fit.R'), script);
  const run = spawnSync('Rscript', ['fit.R'], { cwd: dir, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const fromR = rowsFromCsv(readFileSync(join(dir, 'r-estimates.csv'), 'utf8'));
  assert.equal(fromR.length, result.estimates.length);
  for (const r of fromR) {
    const ours = result.estimates.find((e) => e.outcome === r.outcome && e.term === r.term)!;
    assert.ok(ours, `${r.outcome} ${r.term}`);
    for (const key of ['estimate', 'std_error', 'p_value', 'conf_low', 'conf_high', 'df'] as const) {
      const gap = Math.abs((ours[key] as number) - (r[key] as number)) / Math.max(1, Math.abs(r[key] as number));
      assert.ok(gap < 1e-8, `${r.outcome} ${r.term} ${key}: ${ours[key]} vs R ${r[key]}`);
    }
  }

  const out = join(dir, 'package');
  await createReplicationService({ store: t.store }).write(wave.id, out);
  assert.match(readFileSync(join(out, 'replicate.R'), 'utf8'), /lm_robust\(support_concede ~ strategy \+ troops, data = h, clusters = participant, se_type = "CR2"/);
  assert.match(readFileSync(join(out, 'README.md'), 'utf8'), /one row per participant × vignette \(3 each/);
  const replicated = spawnSync('Rscript', ['replicate.R'], { cwd: out, encoding: 'utf8' });
  assert.equal(replicated.status, 0, replicated.stderr + replicated.stdout);
  const match = /replicate\.R: (\d+) estimates, largest difference from estimates\.csv (\S+)/.exec(replicated.stdout);
  assert.ok(match && Number(match[1]) === result.estimates.length && Number(match[2]) <= 1e-6, replicated.stdout);
});
