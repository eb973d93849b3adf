import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { StudyDefinition } from '../../server/domain/study-definition.ts';
import express from 'express';
import request from 'supertest';
import { researcherStudies } from '../../server/routes/researcher-studies.ts';
import { createStudyService } from '../../server/services/study-service.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { createTestStore } from './test-app.ts';

// A definition reverted to earlier content (issue 14): the stored snapshot with that content becomes current
// again, so new waves show what the file says. Runs on SQLite, and on PostgreSQL (run-tests.mjs, POSTGRES_SUITE).

const removers: (() => Promise<void>)[] = [];
after(() => Promise.all(removers.map((remove) => remove())));

const alliance = loadDefinitionFiles('survey-definitions').find((d) => d.id === 'alliance-corrective-measures')!;
const edited = (change: Partial<StudyDefinition>): StudyDefinition => ({ ...structuredClone(alliance), ...change });

async function fixture() {
  const { store, remove } = await createTestStore();
  removers.push(remove);
  return { store, studies: createStudyService({ store }) };
}

test('a definition back at earlier content makes that snapshot current again: new waves and the study list follow the file', async () => {
  const { store, studies } = await fixture();
  const a = alliance;
  const b = edited({ version: alliance.version + 1, title: 'Corrective measures, second wording' });

  const [first] = await studies.syncDefinitions([a]);
  const waveA = (await studies.createWave({ studyKey: a.id, target: 10 })).wave;
  const [second] = await studies.syncDefinitions([b]);
  assert.equal(second!.inserted, true);
  const waveB = (await studies.createWave({ studyKey: a.id, target: 10 })).wave;
  assert.equal(waveB.studyId, second!.study.id);

  // The file goes back to its first content: no new row, the first snapshot is current.
  const [reverted] = await studies.syncDefinitions([a]);
  assert.deepEqual([reverted!.inserted, reverted!.study.id], [false, first!.study.id]);
  assert.equal((await store.repos.studies.latest(a.id))!.id, first!.study.id);
  const listed = (await studies.listStudies()).find((s) => s.id === a.id)!;
  assert.deepEqual([listed.version, listed.contentHash, listed.waves], [a.version, first!.study.contentHash, 2]);
  const waveC = (await studies.createWave({ studyKey: a.id, target: 10 })).wave;
  assert.equal(waveC.studyId, first!.study.id, 'a new wave runs the content the file holds now');
  assert.equal((await store.repos.studies.findSnapshot(a.id, first!.study.contentHash))!.id, first!.study.id);

  // Syncing the same content again changes nothing; forward to the second content makes it current again.
  assert.equal((await studies.syncDefinitions([a]))[0]!.study.id, first!.study.id);
  await studies.syncDefinitions([b]);
  assert.equal((await store.repos.studies.latest(a.id))!.id, second!.study.id);
  assert.equal((await studies.listStudies()).find((s) => s.id === a.id)!.version, b.version);
  // The waves keep the snapshots they were created from.
  assert.deepEqual(
    [(await store.repos.waves.get(waveA.id))!.studyId, (await store.repos.waves.get(waveB.id))!.studyId],
    [first!.study.id, second!.study.id],
  );
  assert.deepEqual(studies.brokenStudies(), []);
});

test('reverting to earlier texts under a version a wave fielded with other texts is refused, and the fielded snapshot stays current', async () => {
  const { store, studies } = await fixture();
  const a = alliance;
  // Same version, other texts: allowed while no wave fielded the first content.
  const b = edited({ title: 'Corrective measures, second wording' });
  const [first] = await studies.syncDefinitions([a]);
  const [second] = await studies.syncDefinitions([b]);
  assert.equal(second!.inserted, true);
  const wave = (await studies.createWave({ studyKey: a.id, target: 10 })).wave;
  assert.equal(wave.studyId, second!.study.id);

  assert.deepEqual(await studies.syncDefinitions([a]), []);
  const [problem] = studies.brokenStudies();
  assert.equal(problem!.id, a.id);
  assert.match(problem!.message, new RegExp(`version ${a.version} was fielded by wave ${wave.id} with other title; set "version" to ${a.version + 1}`));
  assert.equal((await store.repos.studies.latest(a.id))!.id, second!.study.id);
  assert.notEqual(first!.study.id, second!.study.id);
});

test('a fielded version refused for its population margins says so: the refusal names what changed, not "texts or design"', async () => {
  // Researcher pass 11 (newcomer 14): adding population-margins.json to a fielded study was refused "with other
  // texts or design", though no text or design had changed; the refusal names the parts that differ.
  const { studies } = await fixture();
  const withoutMargins = edited({ populationMargins: undefined, quotas: undefined });
  await studies.syncDefinitions([withoutMargins]);
  const wave = (await studies.createWave({ studyKey: alliance.id, target: 10 })).wave;
  assert.deepEqual(await studies.syncDefinitions([edited({ quotas: undefined })]), []);
  const [problem] = studies.brokenStudies();
  assert.equal(
    problem!.message,
    `study "${alliance.id}": version ${alliance.version} was fielded by wave ${wave.id} with other population margins (population-margins.json); ` +
      `set "version" to ${alliance.version + 1} in study.json to field this change (wave ${wave.id} keeps what it showed and, still open, goes on showing it)`,
  );
});

test('processes started on different definitions folders do not take turns making their own content current: a folder behind says so, and only an explicit sync takes it back', async () => {
  // Pass 40: host A's folder held the first content, host B's an edit; each start made its own current again, so
  // new waves fielded whichever host had started last. Content new to the database is still stored and made current
  // (an edit), and a folder back at earlier content still reverts it when that folder made the current one (above).
  const { store } = await fixture();
  const a = alliance;
  const b = edited({ version: alliance.version + 1, title: 'Corrective measures, second wording' });
  const start = (folder: string) => createStudyService({ store, definitionsFolder: folder });
  const [first] = await start('host-a:/srv/vlab/survey-definitions').syncDefinitions([a]);
  const [second] = await start('host-b:/srv/vlab/survey-definitions').syncDefinitions([b]);
  assert.equal(second!.inserted, true, 'new content from another folder: an edit, current');

  const againA = start('host-a:/srv/vlab/survey-definitions');
  await againA.syncDefinitions([a]);
  assert.equal((await store.repos.studies.latest(a.id))!.id, second!.study.id, 'B’s content stays current when A starts again');
  assert.deepEqual(againA.folderNotices(), [
    {
      id: a.id,
      message:
        `this definitions folder holds version ${a.version} (content ${first!.study.contentHash.slice(0, 12)}), but version ${b.version} ` +
        `(content ${second!.study.contentHash.slice(0, 12)}) is current, made current from host-b:/srv/vlab/survey-definitions: new waves use version ${b.version}; ` +
        'update this folder, or run `vlab study sync` here to make its content current',
    },
  ]);
  // Task 42: GET /api/researcher/studies (and so the dashboard) says it too, as serve, study list and wave create do.
  const listed = await request(express().use(researcherStudies(againA))).get('/studies');
  assert.deepEqual(listed.body.behind, againA.folderNotices());
  const againB = start('host-b:/srv/vlab/survey-definitions');
  await againB.syncDefinitions([b]);
  assert.deepEqual(againB.folderNotices(), []);
  assert.deepEqual((await request(express().use(researcherStudies(againB))).get('/studies')).body.behind, []);

  // The explicit sync from A makes A's content current; B's next start then keeps it, and says so.
  await start('host-a:/srv/vlab/survey-definitions').syncDefinitions([a], { takeOver: true });
  assert.equal((await store.repos.studies.latest(a.id))!.id, first!.study.id);
  const thirdB = start('host-b:/srv/vlab/survey-definitions');
  await thirdB.syncDefinitions([b]);
  assert.equal((await store.repos.studies.latest(a.id))!.id, first!.study.id);
  assert.equal(thirdB.folderNotices().length, 1);
});
