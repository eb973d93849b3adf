// A yes/no outcome (a SurveyJS `boolean`: "Would you sign a petition for the measure?", 1 = yes in the export and
// the plan) modelled under simulation.json's `choices`, keyed "true" and "false": researcher walk-through 29's plan
// tested one, and `vlab power --study` could only say "no rows without missing values in sign_petition" (no model
// could answer a yes/no question, so every simulated respondent left it empty).
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { executePlan } from '../../server/domain/plan/execute-plan.ts';
import { diagnoseDesign } from '../../server/domain/simulation/design-diagnosis.ts';
import { estimandKey, planEstimands } from '../../server/domain/simulation/estimands.ts';
import { simulateWave } from '../../server/domain/simulation/simulated-wave.ts';
import { DefinitionError, type StudyDefinition } from '../../server/domain/study-definition.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'vlab-yes-no-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let copies = 0;

const PETITION = {
  type: 'boolean',
  name: 'sign_petition',
  title: { en: 'Would you sign a petition for the line?', es: '¿Firmaría una petición a favor de la línea?' },
};
const MODEL = { shares: { true: 0.3, false: 0.7 }, effects: { funding: { federal_grant: { true: 0.6 } } } };
const HYPOTHESIS = {
  id: 'H4_petition', description: 'A federal grant raises the share who would sign a petition.', estimator: 'lm_robust',
  outcomes: ['sign_petition'], formula: '~ funding + backer', terms: ['fundingfederal_grant'],
};

type Edit = (json: Record<string, any>) => void;

/** A copy of bus-line-funding with its three files edited, loaded: the study or the error. */
function editedBus(edits: { study: Edit; simulation: Edit; plan: Edit }): StudyDefinition | string {
  const study = join(dir, String(copies++), 'bus-line-funding');
  cpSync('survey-definitions/bus-line-funding', study, { recursive: true });
  for (const [file, edit] of [['study.json', edits.study], ['simulation.json', edits.simulation], ['analysis-plan.json', edits.plan]] as const) {
    const json = JSON.parse(readFileSync(join(study, file), 'utf8'));
    edit(json);
    writeFileSync(join(study, file), JSON.stringify(json));
  }
  try {
    return loadDefinitionFiles(join(study, '..'))[0]!;
  } catch (error) {
    assert.ok(error instanceof DefinitionError);
    return error.message;
  }
}

/** bus-line-funding with the yes/no outcome, its model (changed by `edit`) and a hypothesis on it; the study or the error. */
function busWithPetition(edit: Edit = () => undefined): StudyDefinition | string {
  return editedBus({
    study: (s) => s.pages.outcomes.at(-1).elements.push(PETITION),
    simulation: (m) => {
      m.choices = { ...m.choices, sign_petition: structuredClone(MODEL) };
      edit(m);
    },
    plan: (p) => p.hypotheses.push(HYPOTHESIS),
  });
}

const logistic = (eta: number) => 1 / (1 + Math.exp(-eta));

test('a yes/no outcome modelled by its shares of true and false: answered, estimated, and its estimand the planted share difference', () => {
  const bus = busWithPetition();
  assert.equal(typeof bus, 'object', String(bus));
  const def = bus as StudyDefinition;
  // The estimand: P(yes) under a grant minus under the sales tax, the logit of 0.3 moved by 0.6.
  const planted = logistic(Math.log(0.3 / 0.7) + 0.6) - 0.3;
  const estimand = planEstimands(def).get(estimandKey('H4_petition', 'sign_petition', 'fundingfederal_grant'))!;
  assert.ok(Math.abs(estimand - planted) < 1e-12, `${estimand} vs ${planted}`);

  // Seed 'yes-no-29', 6,000 completes: every respondent answers it, and the plan recovers the estimand.
  const wave = simulateWave(def, { target: 6000, seed: 'yes-no-29' });
  assert.deepEqual(new Set(wave.rows.map((r) => r.sign_petition)), new Set([0, 1]));
  const estimate = executePlan({ definition: def, rows: wave.rows }).estimates.find((e) => e.hypothesis === 'H4_petition' && e.term === 'fundingfederal_grant')!;
  assert.ok(Math.abs(estimate.estimate! - estimand) < 3.5 * estimate.std_error!, `${estimate.estimate} vs ${estimand} (se ${estimate.std_error})`);

  // vlab power --study: estimable in every run, with the analytic MDE of a share (p(1 − p) within a cell).
  const { rows } = diagnoseDesign(def, { n: 400, sims: 3, seed: 'yes-no-29' });
  const row = rows.find((r) => r.hypothesis === 'H4_petition' && r.term === 'fundingfederal_grant')!;
  assert.equal(row.sims, 3);
  assert.ok(row.mde_analytic! > 0.1 && row.mde_analytic! < 0.2, JSON.stringify(row));
});

test('a yes/no model with a share for another answer, or without one for false, names the field', () => {
  assert.match(String(busWithPetition((m) => (m.choices.sign_petition.shares = { yes: 0.3, false: 0.7 }))), /choices\.sign_petition\.shares\.yes: "yes" is not a choice of "sign_petition" \(expected one of true, false\)/);
  assert.match(String(busWithPetition((m) => delete m.choices.sign_petition.shares.false)), /choices\.sign_petition\.shares: no share for "false"/);
});

// Researcher walk-through 30: a required yes/no question before the vignette ("Did you vote in the last election?")
// broke the study's simulation.json with "no simulated respondent can answer a question without choices: make it
// optional or remove simulation.json", though a yes/no question has two answers. It is a covariate now, its shares
// keyed "true" and "false" as a yes/no outcome's are, and may moderate as any covariate does.
const VOTED = {
  type: 'boolean',
  name: 'voted_last',
  isRequired: true,
  title: { en: 'Did you vote in the last election?', es: '¿Votó en las últimas elecciones?' },
};
const MODERATION = {
  id: 'H5_voters', description: 'A federal grant raises support more among those who voted.', estimator: 'lm_robust',
  outcomes: ['support_line'], formula: '~ funding', moderators: ['voted_last'], terms: ['fundingfederal_grant:voted_last'],
};

/** bus-line-funding with the required yes/no question before the vignette, its model set by `edit`; the study or the error. */
function busWithVoted(edit: Edit): StudyDefinition | string {
  return editedBus({ study: (s) => s.pages.pretreatment[0].elements.push(VOTED), simulation: edit, plan: (p) => p.hypotheses.push(MODERATION) });
}

test('a required yes/no question before the vignette: unmodelled, the message says how to model it; a covariate keyed true/false, answered and moderating', () => {
  assert.match(String(busWithVoted(() => undefined)), /no model for the required yes\/no question "voted_last": give its shares under "covariates", keyed "true" and "false"/);
  const bus = busWithVoted((m) => {
    m.covariates.voted_last = { true: 0.6, false: 0.4 };
    m.outcomes.support_line.interactions = [{ when: { funding: 'federal_grant', voted_last: 'true' }, shift: 0.5 }];
  });
  assert.equal(typeof bus, 'object', String(bus));
  const def = bus as StudyDefinition;
  const estimand = planEstimands(def).get(estimandKey('H5_voters', 'support_line', 'fundingfederal_grant:voted_last'))!;
  assert.ok(estimand > 0.3 && estimand < 0.5, String(estimand));
  // Seed 'voted-30', 6,000 completes: every respondent answers yes or no (exported 1 and 0), about 60 % yes, and the
  // plan recovers the moderation's estimand.
  const wave = simulateWave(def, { target: 6000, seed: 'voted-30' });
  assert.deepEqual(new Set(wave.rows.map((r) => r.voted_last)), new Set([0, 1]));
  const yes = wave.rows.filter((r) => r.voted_last === 1).length / wave.rows.length;
  assert.ok(Math.abs(yes - 0.6) < 0.03, String(yes));
  const estimate = executePlan({ definition: def, rows: wave.rows }).estimates.find((e) => e.hypothesis === 'H5_voters' && e.term === 'fundingfederal_grant:voted_last')!;
  assert.ok(Math.abs(estimate.estimate! - estimand) < 3.5 * estimate.std_error!, `${estimate.estimate} vs ${estimand} (se ${estimate.std_error})`);
});
