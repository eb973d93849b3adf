// Export streaming at scale, printed as figures (never pass/fail): a wave of N completed participants is written
// straight into a temporary database, then streamed as csv, long-csv and json into a byte counter. The heap is
// sampled while streaming; the figure that matters is the growth from the first 5 % of rows to the end, which
// stays flat when the export holds one row at a time (a buffered export grows with N).
//
//   npm run bench:export              200,000 participants
//   npm run bench:export -- 1000000   another N
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { permutedBlockCell } from '../server/domain/assignment.ts';
import { cellAssignment, designOf } from '../server/domain/design.ts';
import { createExportService, type ExportFormat } from '../server/services/export-service.ts';
import { createStudyService } from '../server/services/study-service.ts';
import { immediate, openDatabase } from '../server/storage/db.ts';
import { loadDefinitionFiles } from '../server/storage/definition-files.ts';
import { createRepositories } from '../server/storage/repositories.ts';

const n = Number(process.argv[2] ?? 200_000);
const dir = mkdtempSync(join(tmpdir(), 'vlab-bench-export-'));
const db = openDatabase(join(dir, 'bench.sqlite'));
try {
  const repos = createRepositories(db);
  const studies = createStudyService({ db, repos });
  studies.syncDefinitions(loadDefinitionFiles('survey-definitions'));
  const { wave, study } = studies.createWave({ studyKey: 'alliance-corrective-measures', target: n, seed: 'bench' });
  const design = designOf(study.definition);

  let t0 = performance.now();
  const insertParticipant = db.prepare(
    `INSERT INTO participants (code, wave_id, panel_source, panel_id, panel_params_json, draw_index, cell_index, assignment_json,
       assignment_probability, status, current_page, started_at, updated_at, completed_at)
     VALUES (?, ?, 'prolific', ?, ?, ?, ?, ?, ?, 'complete', 6, ?, ?, ?)`,
  );
  const insertAnswers = db.prepare("INSERT INTO answers (participant_id, kind, answers_json, derived_json, saved_at) VALUES (?, 'final', ?, '{\"attention_pass\":1}', ?)");
  immediate(db, () => {
    for (let i = 0; i < n; i++) {
      const cell = permutedBlockCell(wave.seed, i, design.nCells);
      const at = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
      const pid = `P${i}`;
      const { lastInsertRowid } = insertParticipant.run(
        `c${String(i).padStart(21, '0')}`, wave.id, pid, JSON.stringify({ PROLIFIC_PID: pid }), i, cell,
        JSON.stringify(cellAssignment(design, cell)), 1 / design.nCells, at, at, at,
      );
      const answers = { consent: true, age_group: '30-44', gender: 'female', education: 'college', region: 'west', party: 'democrat',
        attention_check: 'radio', do_nothing: 1 + (i % 5), public_criticism: 2, economic_sanctions: 3, reduce_military_aid: 4,
        suspend_military_support: 5, alliance_favorability: 3, contribution: 2, manipulation_check_regime: 'democracy' };
      insertAnswers.run(lastInsertRowid, JSON.stringify(answers), at);
    }
  });
  console.log(`bench:export: ${n.toLocaleString('en-US')} participants inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const exports = createExportService({ db, repos });
  for (const format of ['csv', 'long-csv', 'json'] as ExportFormat[]) {
    globalThis.gc?.();
    let bytes = 0;
    let chunks = 0;
    let early = 0;
    let peak = 0;
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        chunks++;
        const heap = process.memoryUsage().heapUsed;
        if (chunks % 200 === 0) {
          peak = Math.max(peak, heap);
          if (!early && bytes > 0 && chunks >= 400) early = heap;
        }
        // Yield to the event loop now and then, as a socket would: the source must wait, not buffer.
        if (chunks % 64 === 0) setImmediate(callback);
        else callback();
      },
    });
    t0 = performance.now();
    await pipeline(exports.file(wave.id, format).stream(), sink);
    const seconds = (performance.now() - t0) / 1000;
    const mb = (x: number) => (x / 1024 / 1024).toFixed(1);
    console.log(
      `  ${format.padEnd(8)} ${mb(bytes).padStart(8)} MB in ${seconds.toFixed(1)} s (${(n / seconds / 1000).toFixed(0)}k participants/s); ` +
        `heap after the first chunks ${mb(early)} MB, peak ${mb(peak)} MB, rss ${mb(process.memoryUsage().rss)} MB`,
    );
  }
} finally {
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
