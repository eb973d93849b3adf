import { parse } from 'csv-parse/sync';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import request from 'supertest';
import { permutedBlockCell } from '../../../server/domain/assignment.ts';
import { drawParticipantVignettes } from '../../../server/domain/participant-vignettes.ts';
import { isAllowed } from '../../../server/domain/restrictions.ts';
import { drawVignettes } from '../../../server/domain/vignette-draws.ts';
import { vignetteSpace } from '../../../server/domain/vignette-cells.ts';
import { createRespondentService } from '../../../server/services/respondent-service.ts';
import { researcherAppSetup } from '../researcher-support.ts';
import { PRETREATMENT, REPEATED_ID, repeatedVariant, VIGNETTE_PAGES } from './repeated-support.ts';

// Runs on SQLite and, through scripts/run-tests.mjs POSTGRES_SUITE, on PostgreSQL.
const setup = researcherAppSetup();

type SurveyPage = { name: string; title?: string; elements: { name: string; html?: string }[] };
const OUTCOMES = ['support_concede', 'support_punish', 'support_let_leave'];
const outcomeAnswers = (k: number, value: number) => Object.fromEntries(OUTCOMES.map((n) => [`${n}__V${k}`, value]));

test('repeated vignettes over HTTP: start → 3 vignettes, each with its outcome page → complete; order rules per vignette; sticky; export one row per vignette', async () => {
  const t = await setup();
  const { wave } = await t.studies.createWave({ studyKey: REPEATED_ID, target: 50, seed: 'repeated-flow' });
  const def = (await t.repos.studies.get(wave.studyId))!.definition;
  const started = await request(t.app).post(`/api/waves/${wave.id}/participants`).send({ panel: { PROLIFIC_PID: 'R1', SESSION_ID: 's1' } });
  assert.equal(started.status, 201, JSON.stringify(started.body));
  const code = started.body.participant.code as string;
  const pages = started.body.survey.pages as SurveyPage[];
  assert.deepEqual(
    pages.map((p) => p.name),
    ['consent_page', 'about_you', 'news_habits', 'treatment_page', 'responses__V1', 'treatment_page__V2', 'responses__V2', 'treatment_page__V3', 'responses__V3'],
  );
  assert.deepEqual(VIGNETTE_PAGES.map((i) => pages[i]!.title!.split(':')[0]), ['Vignette 1 of 3', 'Vignette 2 of 3', 'Vignette 3 of 3']);
  assert.deepEqual(pages[4]!.elements.map((e) => e.name), ['vignette_reread', ...OUTCOMES.map((n) => `${n}__V1`)]);
  // Each outcome page's title says which vignette it asks about: until 2026-12-05 all three were "What should the
  // United States do?", so a screen reader user heard one heading three times.
  assert.deepEqual(
    VIGNETTE_PAGES.map((i) => pages[i + 1]!.title),
    [1, 2, 3].map((k) => `What should the United States do? — vignette ${k} of 3`),
  );
  // Each outcome page's "Read the situation again" is a group named by its vignette's page title, "Vignette k of 3: …",
  // so a screen reader says which of the three it holds (until 2026-12-05 all three were named by the bare title).
  const rereadNames = VIGNETTE_PAGES.map((i) => /aria-label="([^"]*)"/.exec(String((pages[i + 1]!.elements[0] as { html?: string }).html))?.[1]);
  assert.deepEqual(rereadNames, VIGNETTE_PAGES.map((i) => pages[i]!.title));

  // What was stored is the wave's draw 0, and each vignette page shows its own cell's texts.
  const participant = (await t.repos.participants.findByCode(code))!;
  const stored = await t.repos.participantVignettes.ofParticipant(participant.id);
  const drawn = drawParticipantVignettes(def, wave.seed, 0);
  assert.deepEqual(stored, drawn.vignettes);
  assert.equal(new Set(stored.map((v) => v.cellIndex)).size, 3);
  assert.deepEqual([participant.cellIndex, participant.assignmentProbability], [drawn.cellIndex, drawn.assignmentProbability]);
  const strategyText = (code: string) => def.factors[0]!.levels.find((l) => l.code === code)!.text as string;
  stored.forEach((v, i) => {
    const html = pages[VIGNETTE_PAGES[i]!]!.elements[0]!.html!;
    assert.ok(html.includes(strategyText(v.assignment.strategy!).slice(0, 40)), `vignette ${i + 1} shows its strategy`);
    assert.ok(pages[VIGNETTE_PAGES[i]! + 1]!.elements[0]!.html!.includes(strategyText(v.assignment.strategy!).slice(0, 40)), `outcome page ${i + 1} rereads it`);
  });

  const save = (answers: object, currentPage: number) => request(t.app).put(`/api/participants/${code}/answers`).send({ answers, currentPage });
  assert.equal((await save({ ...PRETREATMENT, ...outcomeAnswers(1, 3) }, 2)).status, 409, 'outcomes before the first vignette');
  assert.equal((await request(t.app).post(`/api/participants/${code}/quota-check`).send({ answers: PRETREATMENT })).status, 200);
  assert.equal((await save(PRETREATMENT, 3)).status, 200);
  const early = await save({ ...PRETREATMENT, ...outcomeAnswers(2, 4) }, 4);
  assert.equal(early.status, 409);
  assert.match(early.body.error.message, /support_concede__V2: cannot be answered before vignette 2 was shown/);
  assert.equal((await save({ ...PRETREATMENT, ...outcomeAnswers(1, 3) }, 4)).status, 200);
  assert.equal((await save({ ...PRETREATMENT, ...outcomeAnswers(1, 4) }, 5)).status, 200, 'still on vignette 1: may change, then move on');
  const changed = await save({ ...outcomeAnswers(1, 2) }, 5);
  assert.equal(changed.status, 409);
  assert.match(changed.body.error.message, /answers about vignette 1 cannot change after vignette 2 was shown/);
  assert.equal((await save({ party: 'republican' }, 5)).status, 409, 'pre-treatment answers stay fixed');

  // A reload resumes on the same page with the same vignettes in the same order.
  const resumed = await request(t.app).post(`/api/waves/${wave.id}/participants`).send({ panel: { PROLIFIC_PID: 'R1', SESSION_ID: 's1' } });
  assert.equal(resumed.status, 200);
  assert.deepEqual(resumed.body.survey, started.body.survey);
  assert.equal(resumed.body.participant.currentPage, 5);
  assert.equal(resumed.body.answers.support_concede__V1, 4);

  assert.equal((await save(outcomeAnswers(2, 5), 6)).status, 200);
  const unseen = await request(t.app).post(`/api/participants/${code}/complete`).send({ answers: { ...PRETREATMENT, ...outcomeAnswers(3, 1) } });
  assert.equal(unseen.status, 409, 'vignette 3 was never shown: answers about it cannot come');
  const missing = await request(t.app).post(`/api/participants/${code}/complete`).send({ answers: PRETREATMENT });
  assert.equal(missing.status, 422);
  assert.match(missing.body.error.message, /support_concede__V3/);
  assert.equal((await save({}, 7)).status, 200);
  const done = await request(t.app).post(`/api/participants/${code}/complete`).send({ answers: { ...PRETREATMENT, ...outcomeAnswers(3, 1) } });
  assert.equal(done.status, 200, JSON.stringify(done.body));
  assert.equal(done.body.status, 'complete');

  const exported = await t.get(`/waves/${wave.id}/export?format=csv`);
  assert.equal(exported.status, 200);
  const rows = parse(exported.text, { columns: true }) as Record<string, string>[];
  assert.equal(rows.length, 3);
  rows.forEach((row, i) => {
    const v = stored[i]!;
    assert.equal(row.participant, code);
    assert.equal(row.vignette, String(i + 1));
    assert.deepEqual([row.strategy, row.outside_option, row.regime, row.troops], [v.assignment.strategy, v.assignment.outside_option, v.assignment.regime, v.assignment.troops]);
    assert.equal(row.cell_index, String(v.cellIndex));
    assert.equal(Number(row.assignment_probability), v.inclusionProbability);
    assert.equal(row.party, 'democrat', 'pre-treatment answers on every row');
    assert.equal(row.attention_pass, '1');
    assert.equal(row.support_concede, ['4', '5', '1'][i]);
    assert.ok(!Object.keys(row).some((name) => name.includes('__V')), 'no per-vignette names in the export');
  });
  const status = (await t.get(`/waves/${wave.id}`)).body;
  assert.equal(status.cells.length, 44, 'the allowed cells only');
  assert.equal(status.cells.reduce((n: number, c: { completes: number }) => n + c.completes, 0), 3, 'completed vignettes');
  assert.ok(Math.abs(status.cells.reduce((n: number, c: { targetCompletes: number }) => n + c.targetCompletes, 0) - 150) < 1e-9, 'target 50 × 3 vignettes');
  const cooperating = status.cells.find((c: { strategy: string }) => c.strategy === 'cooperate');
  assert.ok(Math.abs(cooperating.targetCompletes - (50 * 3 * 2) / 52) < 1e-12, 'a cooperating cell weighs 2 of 52');
  const codebook = (await t.get(`/waves/${wave.id}/export?format=codebook`)).body;
  assert.match(codebook.design.assignment.rows, /one row per respondent × vignette/);
  assert.equal(codebook.design.assignment.allowedCells.length, 44);
  assert.ok(codebook.columns.some((c: { name: string }) => c.name === 'vignette'));
});

test('restricted and weighted designs through the respondent service: never a restricted cell, counts exact to the weights, the stored probability the one used', async () => {
  const t = await setup();
  const single = repeatedVariant((d) => {
    d.id = 'protege-weighted-single';
    d.design.vignettesPerRespondent = 1;
  });
  await t.studies.syncDefinitions([single]);
  const service = createRespondentService({ store: t.store });
  const space = vignetteSpace(single);
  assert.deepEqual([space.cells.length, space.total], [44, 52], '4 evict-without-troops cells removed; cooperation weighs 2');

  for (const [def, m, respondents] of [[single, 1, 2 * 52], [(await t.repos.studies.latest(REPEATED_ID))!.definition, 3, 2 * 52]] as const) {
    const { wave } = await t.studies.createWave({ studyKey: def.id, target: 1000, seed: `weights-${m}` });
    const counts = new Map<number, number>();
    for (let d = 0; d < respondents; d++) {
      const { participant } = await service.start({ waveId: wave.id, panelParams: {} });
      const expected = drawVignettes(space, m, wave.seed, d);
      const vignettes = m > 1 ? await t.repos.participantVignettes.ofParticipant(participant.id) : [];
      assert.equal(participant.cellIndex, expected[0]!.cellIndex);
      assert.equal(participant.assignmentProbability, space.cells.find((c) => c.index === participant.cellIndex)!.multiplicity / 52);
      if (m > 1) assert.deepEqual(vignettes.map((v) => [v.cellIndex, v.inclusionProbability]), expected.map((v) => [v.cellIndex, v.inclusionProbability]));
      for (const v of expected) {
        assert.ok(isAllowed(def.restrictions ?? [], v.assignment), 'never a restricted cell');
        counts.set(v.cellIndex, (counts.get(v.cellIndex) ?? 0) + 1);
      }
    }
    // Two whole blocks: every allowed cell exactly 2·k·w times (k = m / gcd(52, m)), the cooperating arm twice as often.
    for (const c of space.cells) assert.equal(counts.get(c.index) ?? 0, 2 * m * c.multiplicity, `m=${m} cell ${c.index}`);
    const counters = await t.repos.assignmentCounters.countsByCell(wave.id);
    assert.deepEqual(counters, new Map([...counts].sort(([a], [b]) => a - b)), 'the counters count every vignette shown');
    const cooperate = [...counts].filter(([index]) => space.cells.find((c) => c.index === index)!.assignment.strategy === 'cooperate');
    assert.equal(cooperate.reduce((n, [, k]) => n + k, 0), 2 * m * 16, 'cooperation: 16 of 52 slots');
  }
});

test('a plain study draws exactly what it drew before designs existed (permutedBlockCell)', async () => {
  const t = await setup();
  const service = createRespondentService({ store: t.store });
  for (let d = 0; d < 100; d++) {
    const { participant } = await service.start({ waveId: t.wave.id, panelParams: {} });
    assert.equal(participant.cellIndex, permutedBlockCell(t.wave.seed, d, 48), `draw ${d}`);
    assert.equal(participant.assignmentProbability, 1 / 48);
  }
  assert.equal((await t.repos.participantVignettes.ofDrawRange(t.wave.id, -1, 1000)).size, 0, 'one-vignette designs store no vignette rows');
});
