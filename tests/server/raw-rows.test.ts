// The participant and wave rows read as raw arrays (server/storage/raw-rows.ts) give the same records as the
// object rows' mappings, column by column: a column list out of step with its mapping fails here.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDatabase } from '../../server/storage/db.ts';
import { toParticipant, type ParticipantRow } from '../../server/storage/participant-repository.ts';
import { createRepositories } from '../../server/storage/repositories.ts';
import { toWave, type WaveRow } from '../../server/storage/wave-repository.ts';

test('raw participant and wave rows map to the same records as SELECT * through toParticipant and toWave', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'vlab-raw-rows-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const db = openDatabase(join(dir, 'vlab.sqlite'));
  t.after(() => db.close());
  db.prepare("INSERT INTO studies (id, study_key, version, title, definition_json, content_hash, created_at) VALUES (1, 'k', 1, 't', '{}', 'h', 'c')").run();
  // Every nullable column filled and every value distinct, so a swapped pair of positions shows.
  db.prepare(
    `INSERT INTO waves (id, study_id, status, target, seed, complete_url, screenout_url, overquota_url, locale, created_at, updated_at)
     VALUES ('w1', 1, 'paused', 7, 'seed', 'https://c/', 'https://s/', 'https://o/', 'de', '2026-01-01', '2026-01-02')`,
  ).run();
  db.prepare(
    `INSERT INTO participants (code, public_ref, wave_id, panel_source, panel_id, panel_params_json, draw_index, cell_index,
       assignment_json, assignment_probability, status, screenout_reason, current_page, locale, started_at, updated_at, completed_at)
     VALUES ('code-1', 'ref-1', 'w1', 'prolific', 'pid-1', '{"PROLIFIC_PID":"pid-1"}', 3, 5, '{"regime":"democracy"}', 0.25,
       'screened_out', 'too young', 2, 'fr', '2026-01-03', '2026-01-04', '2026-01-05')`,
  ).run();
  const repos = createRepositories(db);
  const expectedParticipant = toParticipant(db.prepare('SELECT * FROM participants WHERE code = ?').get('code-1') as ParticipantRow);
  assert.deepEqual(await repos.participants.findByCode('code-1'), expectedParticipant);
  assert.deepEqual(await repos.participants.lockByCode('code-1'), expectedParticipant);
  assert.equal(await repos.participants.findByCode('code-2'), undefined);
  const expectedWave = toWave(db.prepare('SELECT * FROM waves WHERE id = ?').get('w1') as WaveRow);
  assert.deepEqual(await repos.waves.get('w1'), expectedWave);
  assert.deepEqual(await repos.waves.lock('w1'), expectedWave);
  assert.equal(await repos.waves.get('w2'), undefined);
});
