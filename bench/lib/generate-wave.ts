import { permutedBlockCell } from '../../server/domain/assignment.ts';
import { cellAssignment, designOf } from '../../server/domain/design.ts';
import { createStudyService } from '../../server/services/study-service.ts';
import { immediate, openDatabase } from '../../server/storage/db.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { createSqliteStore } from '../../server/storage/sqlite-store.ts';

export const GENERATE_BATCH = 50_000;

/** N completes of one wave of the flagship study, inserted directly (not through the API) in GENERATE_BATCH-row transactions. */
export async function generateCompletedWave(dbPath: string, n: number): Promise<string> {
  const db = openDatabase(dbPath);
  try {
    // Bench data, not responses: no need to sync each batch to disk.
    db.pragma('synchronous = OFF');
    const store = createSqliteStore(db);
    const studies = createStudyService({ store });
    await studies.syncDefinitions(loadDefinitionFiles('survey-definitions'));
    const { wave, study } = (await studies.createWave({ studyKey: 'alliance-corrective-measures', target: n, seed: 'bench' }));
    const design = designOf(study.definition);
    const insertParticipant = db.prepare(
      `INSERT INTO participants (code, public_ref, wave_id, panel_source, panel_id, panel_params_json, draw_index, cell_index, assignment_json,
         assignment_probability, status, current_page, started_at, updated_at, completed_at)
       VALUES (?, lower(hex(randomblob(8))), ?, 'prolific', ?, ?, ?, ?, ?, ?, 'complete', 6, ?, ?, ?)`,
    );
    const insertAnswers = db.prepare(
      "INSERT INTO answers (participant_id, kind, answers_json, derived_json, saved_at) VALUES (?, 'final', ?, ?, ?)",
    );
    const insertFlags = db.prepare(
      `INSERT INTO quality_flags (participant_id, duplicate_panel_id, speeder, straightlining, straightlined_batteries,
         honeypot, attention_failed, duration_seconds, computed_at) VALUES (?, 0, 0, 0, '[]', 0, ?, ?, ?)`,
    );
    const ages = ['18-29', '30-44', '45-64', '65+'];
    const t0 = Date.UTC(2026, 0, 1);
    for (let from = 0; from < n; from += GENERATE_BATCH) {
      immediate(db, () => {
        for (let i = from; i < Math.min(n, from + GENERATE_BATCH); i++) {
          const cell = permutedBlockCell(wave.seed, i, design.nCells);
          const duration = 120 + ((i * 7919) % 900);
          const started = new Date(t0 + i * 1000).toISOString();
          const completed = new Date(t0 + i * 1000 + duration * 1000).toISOString();
          const pid = `P${i}`;
          const { lastInsertRowid } = insertParticipant.run(
            `c${String(i).padStart(21, '0')}`, wave.id, pid, JSON.stringify({ PROLIFIC_PID: pid, STUDY_ID: 'bench', SESSION_ID: `s${i}` }),
            i, cell, JSON.stringify(cellAssignment(design, cell)), 1 / design.nCells, started, completed, completed,
          );
          const attentionPass = i % 17 === 0 ? 0 : 1;
          const answers = {
            consent: true, age_group: ages[i % 4], gender: i % 2 ? 'female' : 'male', education: 'college', region: 'west',
            party: 'democrat', attention_check: attentionPass ? 'television' : 'radio', do_nothing: 1 + (i % 5), public_criticism: 2,
            economic_sanctions: 3, reduce_military_aid: 4, suspend_military_support: 5, alliance_favorability: 1 + (i % 7),
            contribution: 2, manipulation_check_regime: 'democracy',
          };
          insertAnswers.run(lastInsertRowid, JSON.stringify(answers), JSON.stringify({ attention_pass: attentionPass }), completed);
          insertFlags.run(lastInsertRowid, 1 - attentionPass, duration, completed);
        }
      });
    }
    return wave.id;
  } finally {
    db.close();
  }
}
