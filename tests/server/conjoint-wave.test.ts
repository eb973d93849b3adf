// A conjoint wave on the respondent path (issue 15 part B), on SQLite and (run-tests.mjs) PostgreSQL: the
// participant's profiles are stored in the transaction that draws them, exactly the plan the seed re-derives;
// a reload shows the same tables; the task answers follow the treatment order, are validated and required, and
// are saved and completed like every answer.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Express } from 'express';
import request from 'supertest';
import { conjointPlanRows, respondentPlan } from '../../server/domain/respondent-plan.ts';
import { parseStudyDefinition } from '../../server/domain/study-definition.ts';
import { TREATMENT_PAGE } from '../../server/domain/survey-names.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { createReplicationService } from '../../server/services/replication-service.ts';
import { createResearcherTestApp } from './researcher-support.ts';
import { createTestApp, PRETREATMENT_ALLIANCE_ANSWERS } from './test-app.ts';

const flagship = loadDefinitionFiles('survey-definitions').find((d) => d.id === 'alliance-partner-conjoint')!;
const apps: Awaited<ReturnType<typeof createTestApp>>[] = [];
after(() => Promise.all(apps.map((a) => a.close())));

async function conjointApp() {
  const t = await createResearcherTestApp({ studyKey: 'alliance-partner-conjoint', seed: 'conjoint-wave', target: 500 });
  apps.push(t);
  return t;
}

const start = (app: Express, waveId: string, pid: string) => request(app).post(`/api/waves/${waveId}/participants`).send({ panel: { PROLIFIC_PID: pid } });

/** Every task answered: profile 1 chosen in odd tasks, ratings 2 and 4. */
const TASK_ANSWERS = Object.fromEntries(
  [1, 2, 3, 4, 5].flatMap((t) => [
    [`chosen_t${t}`, t % 2 ? 1 : 2],
    [`support_aid_cut_t${t}_p1`, 2],
    [`support_aid_cut_t${t}_p2`, 4],
  ]),
);

test('a conjoint start stores the plan the seed re-derives, in the drawing transaction, and a reload shows the same tables', async () => {
  const { app, wave, repos } = await conjointApp();
  const first = await start(app, wave.id, 'cj-1');
  assert.equal(first.status, 201);
  const second = await start(app, wave.id, 'cj-2');
  const p2 = (await repos.participants.findByCode(second.body.participant.code))!;
  assert.equal(p2.drawIndex, 1);
  const stored = await repos.conjointProfiles.listByParticipant(p2.id);
  // 5 tasks × 2 profiles × 6 attributes, exactly conjointPlanRows of the plan drawn from the seed and draw index.
  assert.equal(stored.length, 60);
  const plan = respondentPlan(flagship, 'conjoint-wave', 1);
  assert.equal(plan.kind, 'conjoint');
  if (plan.kind !== 'conjoint') return;
  assert.deepEqual(
    stored.map(({ participantId, ...row }) => row),
    conjointPlanRows(flagship, plan).sort((a, b) => a.task - b.task || a.profile - b.profile || a.position - b.position),
  );
  assert.ok(stored.every((r) => r.participantId === p2.id));
  // The probabilities survive storage bit for bit (8-byte floats on both engines).
  const stationed = stored.find((r) => r.attribute === 'troops' && r.level === 'stationed');
  if (stationed) assert.ok(Math.abs(stationed.levelProbability - 6 / 11) < 1e-15, String(stationed.levelProbability));

  const survey = second.body.survey as { pages: { name: string; title: string; elements: { type: string; name: string; html?: string }[] }[] };
  const names = survey.pages.map((p) => p.name);
  assert.deepEqual(names, ['consent_page', 'about_you', 'news_habits', TREATMENT_PAGE, 'conjoint_task_2', 'conjoint_task_3', 'conjoint_task_4', 'conjoint_task_5']);
  assert.deepEqual(survey.pages.slice(3).map((p) => p.title), ['Task 1 of 5', 'Task 2 of 5', 'Task 3 of 5', 'Task 4 of 5', 'Task 5 of 5']);
  const task1 = survey.pages[3]!;
  assert.deepEqual(task1.elements.map((e) => [e.type, e.name]), [
    ['html', 'conjoint_table_t1'],
    ['radiogroup', 'chosen_t1'],
    ['radiogroup', 'support_aid_cut_t1_p1'],
    ['radiogroup', 'support_aid_cut_t1_p2'],
  ]);
  // The table's rows follow the participant's attribute order; the page never carries codes.
  const rowHeads = [...task1.elements[0]!.html!.matchAll(/<th scope="row"[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
  const textOf = (name: string) => flagship.factors.find((f) => f.name === name)!.text as string;
  assert.deepEqual(rowHeads, plan.attributeOrder.map(textOf));
  assert.doesNotMatch(JSON.stringify(survey), /evict_troops|no_treaty|"regime"/);

  const again = await start(app, wave.id, 'cj-2');
  assert.equal(again.status, 200);
  assert.deepEqual(again.body.survey, second.body.survey);
  assert.deepEqual(await repos.conjointProfiles.listByParticipant(p2.id), stored);
});

test('task answers: not before the first task page, only valid values, required at completion, saved and completed like every answer', async () => {
  const { app, wave, repos } = await conjointApp();
  const { code } = (await start(app, wave.id, 'cj-answers')).body.participant;
  const early = await request(app).put(`/api/participants/${code}/answers`).send({ answers: { consent: true, chosen_t1: 1 }, currentPage: 1 });
  assert.equal(early.status, 409);
  assert.match(early.body.error.message, /chosen_t1: cannot be answered before the vignette was shown/);
  assert.equal((await request(app).post(`/api/participants/${code}/quota-check`).send({ answers: PRETREATMENT_ALLIANCE_ANSWERS })).body.admitted, true);

  for (const bad of [{ chosen_t1: 3 }, { support_aid_cut_t1_p1: 6 }, { chosen_t6: 1 }, { support_aid_cut_t1_p3: 1 }]) {
    const res = await request(app).put(`/api/participants/${code}/answers`).send({ answers: bad, currentPage: 3 });
    assert.equal(res.status, 422, JSON.stringify(bad));
  }
  const saved = await request(app).put(`/api/participants/${code}/answers`).send({ answers: { chosen_t1: 2, support_aid_cut_t1_p1: 5 }, currentPage: 4 });
  assert.equal(saved.status, 200);
  const resumed = await request(app).post(`/api/waves/${wave.id}/participants`).set('Cookie', `vlab_${wave.id}=${code}`).send({});
  assert.equal(resumed.body.answers.chosen_t1, 2);
  assert.equal(resumed.body.participant.currentPage, 4);

  const { chosen_t5: _, ...withoutLast } = TASK_ANSWERS;
  const incomplete = await request(app).post(`/api/participants/${code}/complete`).send({ answers: { ...PRETREATMENT_ALLIANCE_ANSWERS, ...withoutLast } });
  assert.equal(incomplete.status, 422);
  assert.match(incomplete.body.error.message, /required question not answered: chosen_t5/);
  const done = await request(app).post(`/api/participants/${code}/complete`).send({ answers: { ...PRETREATMENT_ALLIANCE_ANSWERS, ...TASK_ANSWERS } });
  assert.equal(done.status, 200);
  assert.equal(done.body.status, 'complete');
  const participant = (await repos.participants.findByCode(code))!;
  assert.equal(participant.status, 'complete');
  assert.equal((await repos.answers.get(participant.id, 'final'))!.answers.support_aid_cut_t3_p2, 4);
});

test('the profile-level export: one row per participant × task × profile with levels, positions, probabilities, chosen 0/1, rating and covariates; the codebook describes it', async () => {
  const t = await conjointApp();
  const codes: string[] = [];
  for (const pid of ['ex-1', 'ex-2', 'ex-3']) {
    const { code } = (await start(t.app, t.wave.id, pid)).body.participant;
    codes.push(code);
    await request(t.app).post(`/api/participants/${code}/quota-check`).send({ answers: PRETREATMENT_ALLIANCE_ANSWERS });
  }
  // Two complete; the third answers task 1 only and stays started.
  for (const code of codes.slice(0, 2)) {
    await request(t.app).post(`/api/participants/${code}/complete`).send({ answers: { ...PRETREATMENT_ALLIANCE_ANSWERS, ...TASK_ANSWERS } });
  }
  await request(t.app).put(`/api/participants/${codes[2]}/answers`).send({ answers: { chosen_t1: 2, support_aid_cut_t1_p1: 1, support_aid_cut_t1_p2: 5 }, currentPage: 3 });

  const res = await t.get(`/waves/${t.wave.id}/export?format=profiles-csv`);
  assert.equal(res.status, 200);
  assert.match(String(res.headers['content-disposition']), /alliance-partner-conjoint-.*-profiles\.csv/);
  const rows = parse(res.text, { columns: true }) as Record<string, string>[];
  assert.equal(rows.length, 3 * 5 * 2);
  const header = Object.keys(rows[0]!);
  assert.deepEqual(header.slice(0, 11), ['participant', 'wave_id', 'status', 'task', 'profile', 'regime', 'capability', 'treaty', 'behavior', 'troops', 'trade']);
  for (const name of ['regime_position', 'troops_probability', 'profile_probability', 'chosen', 'support_aid_cut', 'party', 'attention_pass']) assert.ok(header.includes(name), name);

  // Each row equals what was stored for that participant, and the outcomes are the task answers.
  for (const code of codes) {
    const participant = (await t.repos.participants.findByCode(code))!;
    const stored = await t.repos.conjointProfiles.listByParticipant(participant.id);
    const mine = rows.filter((r) => r.participant === code);
    assert.equal(mine.length, 10);
    for (const row of mine) {
      for (const s of stored.filter((x) => x.task === Number(row.task) && x.profile === Number(row.profile))) {
        assert.equal(row[s.attribute], s.level);
        assert.equal(Number(row[`${s.attribute}_position`]), s.position);
        assert.equal(Number(row[`${s.attribute}_probability`]), s.levelProbability);
        assert.equal(Number(row.profile_probability), s.profileProbability);
      }
      assert.equal(row.party, 'republican');
    }
  }
  const first = rows.filter((r) => r.participant === codes[0]);
  // TASK_ANSWERS: profile 1 chosen in odd tasks, 2 in even ones; ratings 2 and 4.
  assert.deepEqual(first.map((r) => [r.task, r.profile, r.chosen, r.support_aid_cut]), [1, 2, 3, 4, 5].flatMap((task) => [
    [String(task), '1', task % 2 ? '1' : '0', '2'],
    [String(task), '2', task % 2 ? '0' : '1', '4'],
  ]));
  assert.equal(first[0]!.attention_pass, '0');
  const partial = rows.filter((r) => r.participant === codes[2]);
  assert.deepEqual(partial.map((r) => [r.status, r.chosen, r.support_aid_cut]).slice(0, 4), [['started', '0', '1'], ['started', '1', '5'], ['started', '', ''], ['started', '', '']]);

  // Completes only, as `vlab export` writes by default.
  const completes = parse((await t.get(`/waves/${t.wave.id}/export?format=profiles-csv&status=complete`)).text, { columns: true }) as unknown[];
  assert.equal(completes.length, 20);

  const codebook = (await t.get(`/waves/${t.wave.id}/export?format=codebook`)).body;
  assert.equal(codebook.design.kind, 'conjoint');
  assert.deepEqual(codebook.design.profiles, { full: 192, allowed: 176 });
  const troops = codebook.design.attributes.find((a: { name: string }) => a.name === 'troops');
  assert.ok(Math.abs(troops.levels[0].probability - 6 / 11) < 1e-15);
  assert.deepEqual(codebook.profiles.columns.map((c: { name: string }) => c.name), header);
  // The wide file has the task answers and no cell columns.
  const wide = parse((await t.get(`/waves/${t.wave.id}/export?format=csv`)).text, { columns: true }) as Record<string, string>[];
  assert.equal(wide.find((r) => r.participant === codes[2])!.chosen_t1, '2');
  assert.ok(!('cell_index' in wide[0]!) && !('regime' in wide[0]!));

  // The wave's status: no cells (a conjoint participant has none), its completes and funnel as for any wave.
  const status = (await t.get(`/waves/${t.wave.id}`)).body;
  assert.deepEqual([status.cells, status.completes, status.partials], [[], 2, 1]);
  // Its funnel's third step is the first task: "reached vignette" said of a conjoint until newcomer16.
  assert.equal(status.treatmentStep, 'reached the first task');

  // The replication package: profiles.csv with the completes' profile rows. Both completes failed the attention
  // check, so the plan excludes them: neither the platform nor replicate.R can estimate H1/H2, and R agrees.
  const out = mkdtempSync(join(tmpdir(), 'vlab-cj-replication-'));
  try {
    await createReplicationService({ store: t.store }).write(t.wave.id, join(out, 'package'));
    const files = readdirSync(join(out, 'package'));
    assert.ok(files.includes('profiles.csv') && files.includes('replicate.R'), files.join(', '));
    assert.equal((parse(readFileSync(join(out, 'package', 'profiles.csv'), 'utf8'), { columns: true }) as unknown[]).length, 20);
    const readme = readFileSync(join(out, 'package', 'README.md'), 'utf8');
    assert.match(readme, /profiles\.csv.*conjoint hypotheses/);
    // Both completes are excluded: the commands it gives keep the plan's rows, not "the file as it is" (walk-through 24).
    assert.match(readme, /--id participant --subset "attention_pass == 1" --codebook codebook\.json` or\n {2}cregg::amce\(subset\(d, attention_pass == 1\), chosen ~ …/);
    if (spawnSync('Rscript', ['--version']).status === 0) {
      const run = spawnSync('Rscript', ['replicate.R'], { cwd: join(out, 'package'), encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr + run.stdout);
      assert.match(run.stdout, /replicate\.R: H1 chosen cannot be estimated/);
      assert.match(run.stdout, /replicate\.R: H2 chosen cannot be estimated/);
      assert.match(run.stdout, /replicate\.R: 0 estimates, largest difference from estimates\.csv 0\n/);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }

  const refused = await t.get(`/waves/${(await t.studies.createWave({ studyKey: 'alliance-corrective-measures', target: 5 })).wave.id}/export?format=profiles-csv`);
  assert.equal(refused.status, 422);
  assert.match(refused.body.error.message, /profiles-csv is the profile-level file of a conjoint/);
});

test('the replication package\'s profiles.csv guards cells a spreadsheet would run as formulas, as data.csv and the export do', async () => {
  // A free-text pretreatment answer is a covariate on every profile row. The export's profiles-csv and the package's
  // data.csv wrote `=HYPERLINK(…)` after the spreadsheet guard's quote; the package's profiles.csv wrote it bare, a
  // formula in the researcher's spreadsheet (attacker pass 40). replicate.R reads both files alike (readCsvLines).
  const raw = structuredClone(flagship) as unknown as { id: string; pages: { pretreatment: { elements: object[] }[] } };
  raw.id = 'alliance-partner-conjoint-occupation';
  raw.pages.pretreatment[0]!.elements.push({ type: 'text', name: 'occupation', title: 'What is your occupation?' });
  const def = parseStudyDefinition(raw, 'test');
  const t = await createResearcherTestApp();
  apps.push(t);
  await t.studies.syncDefinitions([def]);
  const { wave } = await t.studies.createWave({ studyKey: def.id, target: 50, seed: 'cj-guard' });
  const hostile = ['=HYPERLINK("https://evil.example","click")', '@SUM(1+1)'];
  for (const [i, occupation] of hostile.entries()) {
    const { code } = (await start(t.app, wave.id, `guard-${i}`)).body.participant;
    const answers = { ...PRETREATMENT_ALLIANCE_ANSWERS, occupation };
    assert.equal((await request(t.app).post(`/api/participants/${code}/quota-check`).send({ answers })).status, 200);
    assert.equal((await request(t.app).post(`/api/participants/${code}/complete`).send({ answers: { ...answers, ...TASK_ANSWERS } })).status, 200);
  }
  const guarded = hostile.map((text) => `'${text}`);
  const exported = parse((await t.get(`/waves/${wave.id}/export?format=profiles-csv`)).text, { columns: true }) as Record<string, string>[];
  assert.deepEqual([...new Set(exported.map((r) => r.occupation))], guarded);
  const out = mkdtempSync(join(tmpdir(), 'vlab-cj-guard-'));
  try {
    await createReplicationService({ store: t.store }).write(wave.id, join(out, 'package'));
    const read = (file: string) => parse(readFileSync(join(out, 'package', file), 'utf8'), { columns: true }) as Record<string, string>[];
    assert.deepEqual([...new Set(read('data.csv').map((r) => r.occupation))], guarded);
    assert.deepEqual([...new Set(read('profiles.csv').map((r) => r.occupation))], guarded);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
