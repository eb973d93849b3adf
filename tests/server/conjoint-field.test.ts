// The conjoint flagship fielded over HTTP (issue 15 part B) to 1,000 simulated respondents (10,000 displayed
// profiles): each reads its tables from the survey the server sent (levels recovered from the respondent-facing
// texts, never from storage), answers with the flagship's simulation model (planted utilities, logit choice,
// rating; simulation/conjoint-respondent.ts, seed "cj-field") and completes. Then: the restricted combination is
// never displayed; displayed level frequencies match the design's exact probabilities (chi-square p > 0.001);
// what was displayed is what was stored and exported; and the pre-registered AMCEs, computed by the estimates
// API from the export, cover the planted AMCEs (simulation/conjoint-estimands.ts, exact by enumeration) with
// Bonferroni intervals over all the terms of both outcomes. Wave seed and respondent seed are fixed and requests
// go one at a time, so every draw, answer and number is the same on every run: the test cannot flake.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { amce, type Row } from '../../analysis/index.ts';
import { profileSpace } from '../../server/domain/conjoint-profiles.ts';
import type { ConjointDraw } from '../../server/domain/conjoint-draws.ts';
import { isAllowed } from '../../server/domain/restrictions.ts';
import { conjointEstimands } from '../../server/domain/simulation/conjoint-estimands.ts';
import { simulateConjointRespondent } from '../../server/domain/simulation/conjoint-respondent.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { goodnessOfFit } from './designs/chi-square.ts';
import { createResearcherTestApp } from './researcher-support.ts';

const def = loadDefinitionFiles('survey-definitions').find((d) => d.id === 'alliance-partner-conjoint')!;
const RESPONDENTS = 1_000;
const SEED = 'cj-field';

type Survey = { pages: { name: string; elements: { type: string; name: string; html?: string }[] }[] };

/** The tasks a respondent sees, read back from the table HTML: attribute and level codes by their texts. */
function displayedTasks(survey: Survey): ConjointDraw {
  const attributeByText = new Map(def.factors.map((f) => [f.text as string, f]));
  const unescape = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
  let attributeOrder: string[] = [];
  const tasks = survey.pages
    .flatMap((p) => p.elements.filter((e) => e.name.startsWith('conjoint_table_t')))
    .map((table) => {
      const rows = [...table.html!.matchAll(/<tr role="row"><th scope="row"[^>]*>([^<]*)<\/th>(.*?)<\/tr>/g)];
      const order: string[] = [];
      const profiles = [{}, {}] as Record<string, string>[];
      for (const [, head, cells] of rows) {
        const factor = attributeByText.get(unescape(head!))!;
        order.push(factor.name);
        [...cells!.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].forEach(([, text], p) => {
          profiles[p]![factor.name] = factor.levels.find((l) => l.text === unescape(text!))!.code;
        });
      }
      attributeOrder = order;
      return profiles.map((levels) => ({ levels, probability: 0 }));
    });
  return { attributeOrder, tasks };
}

const field = (async () => {
  const t = await createResearcherTestApp({ studyKey: 'alliance-partner-conjoint', seed: 'cj-field-wave', target: 100_000 });
  const displayed: { levels: Record<string, string>; code: string; task: number; profile: number }[] = [];
  const orders = new Map<string, string[]>();
  const started = performance.now();
  for (let i = 0; i < RESPONDENTS; i++) {
    const res = await request(t.app).post(`/api/waves/${t.wave.id}/participants`).send({ panel: { PROLIFIC_PID: `field-${i}` } });
    assert.equal(res.status, 201);
    const code = res.body.participant.code as string;
    const draw = displayedTasks(res.body.survey);
    orders.set(code, draw.attributeOrder);
    draw.tasks.forEach((profiles, k) => profiles.forEach((p, j) => displayed.push({ levels: p.levels, code, task: k + 1, profile: j + 1 })));
    const r = simulateConjointRespondent(def, draw, { seed: SEED, index: i });
    const answers: Record<string, unknown> = { ...r.answers };
    if (answers.consent === false) {
      await request(t.app).post(`/api/participants/${code}/complete`).send({ answers: { consent: false } });
      continue;
    }
    const pretreatment = Object.fromEntries(['consent', 'age_group', 'gender', 'education', 'region', 'party', 'attention_check'].map((n) => [n, answers[n]]));
    assert.equal((await request(t.app).post(`/api/participants/${code}/quota-check`).send({ answers: pretreatment })).body.admitted, true);
    r.tasks.forEach(({ chosen, ratings }, k) => {
      answers[`chosen_t${k + 1}`] = chosen;
      ratings.forEach((rating, j) => (answers[`support_aid_cut_t${k + 1}_p${j + 1}`] = rating));
    });
    // Everyone who consents finishes here (the model's attrition is for the vignette simulation's partial rows).
    const done = await request(t.app).post(`/api/participants/${code}/complete`).send({ answers });
    assert.equal(done.body.status, 'complete', JSON.stringify(done.body));
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`conjoint-field: ${RESPONDENTS} respondents over HTTP in ${seconds.toFixed(1)} s (${((RESPONDENTS * 3) / seconds).toFixed(0)} requests/s)`);
  return { t, displayed, orders };
})();
after(async () => (await field).t.close());

test('10,000 displayed profiles: the restricted combination never appears, and level frequencies match the exact design probabilities', async () => {
  const { displayed } = await field;
  assert.equal(displayed.length, RESPONDENTS * 5 * 2);
  const evicting = displayed.filter((d) => d.levels.behavior === 'evict_troops');
  assert.ok(evicting.length > 700, `the rule was put to the test (${evicting.length} profiles evict troops; 10,000 / 11 expected)`);
  assert.ok(displayed.every((d) => isAllowed(def.restrictions!, d.levels)));
  const space = profileSpace(def);
  for (const { name, levels } of space.attributes) {
    const observed = levels.map((l) => displayed.filter((d) => d.levels[name] === l).length);
    const fit = goodnessOfFit(observed, levels.map((l) => space.levelProbability.get(name)!.get(l)!));
    assert.ok(fit.p > 0.001, `${name}: X² = ${fit.statistic.toFixed(2)}, df ${fit.df}, p = ${fit.p}`);
  }
});

test('what each respondent saw is what was stored and exported, attribute positions included', async () => {
  const { t, displayed, orders } = await field;
  const res = await t.get(`/waves/${t.wave.id}/export?format=profiles-csv&status=all`);
  const rows = parse(res.text, { columns: true }) as Record<string, string>[];
  assert.equal(rows.length, displayed.length);
  const key = (code: string, task: number | string, profile: number | string) => `${code}:${task}:${profile}`;
  const exported = new Map(rows.map((r) => [key(r.participant!, r.task!, r.profile!), r]));
  for (const d of displayed) {
    const row = exported.get(key(d.code, d.task, d.profile))!;
    for (const [attribute, level] of Object.entries(d.levels)) {
      assert.equal(row[attribute], level);
      assert.equal(Number(row[`${attribute}_position`]), orders.get(d.code)!.indexOf(attribute) + 1);
    }
  }
});

test('the estimates API recovers the planted AMCEs: Bonferroni intervals over every term of both outcomes cover the exact estimands', async () => {
  const { t } = await field;
  const res = await t.get(`/waves/${t.wave.id}/estimates`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const h1 = def.analysisPlan.conjoint![0]!;
  const estimates = (res.body.estimates as { hypothesis: string; outcome: string; term: string; estimate: number; std_error: number; n_used: number }[]).filter((e) => e.hypothesis === 'H1');
  assert.deepEqual(res.body.problems, []);
  // Every term of the formula but the references: 1 + 1 + 1 + 5 + 1 + 1 per outcome.
  assert.equal(estimates.length, 2 * 10);

  // The same profiles, read from the export, excluded as the plan says; amce at the Bonferroni level.
  const rows = (parse((await t.get(`/waves/${t.wave.id}/export?format=profiles-csv`)).text, { columns: true, cast: true }) as Row[]).filter((r) => r.attention_pass === 1);
  const levels = Object.fromEntries(def.factors.map((f) => [f.name, f.levels.map((l) => l.code)]));
  const K = estimates.length;
  for (const [outcome, kind] of [['chosen', 'choice'], ['support_aid_cut', 'rating']] as const) {
    const fit = amce({ formula: `${outcome} ${h1.formula}`, rows, id: 'participant', levels, alpha: 0.05 / K });
    const truth = new Map(conjointEstimands(def, kind).map((e) => [`${e.attribute}${e.level}`, e.amce]));
    for (const row of fit.estimates.filter((e) => e.std_error !== null)) {
      const term = `${row.feature}${row.level}`;
      const api = estimates.find((e) => e.outcome === outcome && e.term === term)!;
      // The API's numbers are these: the plan runs the same estimator on the same profiles.
      assert.ok(Math.abs(api.estimate - row.estimate!) < 1e-9 && Math.abs(api.std_error - row.std_error!) < 1e-9, `${outcome} ${term}`);
      const planted = truth.get(term)!;
      assert.ok(row.lower! <= planted && planted <= row.upper!, `${outcome} ${term}: planted ${planted.toFixed(4)} outside [${row.lower!.toFixed(4)}, ${row.upper!.toFixed(4)}]`);
    }
  }
  // The planted effects are far from zero, so the intervals are informative: the largest is detected.
  const evict = estimates.find((e) => e.outcome === 'chosen' && e.term === 'behaviorevict_troops')!;
  assert.ok(evict.estimate / evict.std_error > 4, `evict_troops: z = ${evict.estimate / evict.std_error}`);

  // The dashboard's cards: H1 (AMCEs) and H2 (MMs by party), in the study's words.
  const cards = res.body.hypotheses as { id: string; tested: { label: string; verdict: string }[] }[];
  assert.deepEqual(cards.map((c) => c.id), ['H1', 'H2']);
  assert.ok(cards[0]!.tested.some((f) => f.label === 'Bargaining behaviour of the partner: Evicts US troops (vs. Cooperates)' && f.verdict === 'supported'));
  assert.ok(cards[1]!.tested.some((f) => f.label === 'Regime type of the partner: Autocracy · Party: Republican'));
});
