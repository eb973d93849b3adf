// Shared by tests/ and bench/: the database a load run (the crash test, bench:ingest, bench:service) starts from.
import { createStudyService } from '../server/services/study-service.ts';
import { openDatabase } from '../server/storage/db.ts';
import { loadDefinitionFiles } from '../server/storage/definition-files.ts';
import { createSqliteStore } from '../server/storage/sqlite-store.ts';

/**
 * A SQLite file holding one open wave whose target no load run reaches (a wave closes itself at its target, and
 * the demo wave's is 1,000); resolves with that wave's id. The server started on it prints this wave.
 */
export async function prepareLoadDatabase(dbPath: string): Promise<string> {
  const db = openDatabase(dbPath);
  try {
    const store = createSqliteStore(db);
    const studies = createStudyService({ store });
    await studies.syncDefinitions(loadDefinitionFiles('survey-definitions'));
    return (await studies.createWave({ studyKey: 'alliance-corrective-measures', target: 10_000_000, seed: 'load' })).wave.id;
  } finally {
    db.close();
  }
}
