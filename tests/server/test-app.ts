import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createStudyService, type CreateWaveInput } from '../../server/services/study-service.ts';
import { openDatabase } from '../../server/storage/db.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { createRepositories } from '../../server/storage/repositories.ts';

/** Rate limits for tests and load runs, which start many participants from one address. */
export const TEST_RATE_LIMITS = { rateLimitStart: 1_000_000, rateLimitAuth: 1_000_000 };

/** createApp on a freshly migrated temporary database with the shipped definitions and one open wave. */
export function createTestApp(wave: Partial<CreateWaveInput> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'vlab-test-'));
  const dbPath = join(dir, 'vlab.sqlite');
  const db = openDatabase(dbPath);
  const repos = createRepositories(db);
  const studies = createStudyService({ db, repos });
  studies.syncDefinitions(loadDefinitionFiles('survey-definitions'));
  const created = studies.createWave({ studyKey: 'alliance-corrective-measures', target: 1000, seed: 'test-seed', ...wave });
  // Tests start hundreds of participants from one address: explicit limits far above any test's traffic.
  const config = loadConfig({}, { dbPath, logLevel: 'silent', ...TEST_RATE_LIMITS });
  const app = createApp({ db, config });
  return {
    app,
    db,
    repos,
    studies,
    wave: created.wave,
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Answers that complete the alliance survey. */
export const COMPLETE_ALLIANCE_ANSWERS = {
  consent: true,
  age_group: '45-64',
  gender: 'male',
  education: 'no_college',
  region: 'midwest',
  party: 'republican',
  attention_check: 'television',
  do_nothing: 2,
  public_criticism: 3,
  economic_sanctions: 1,
  reduce_military_aid: 5,
  suspend_military_support: 2,
  alliance_favorability: 3,
  contribution: 1,
  manipulation_check_regime: 'autocracy',
};
