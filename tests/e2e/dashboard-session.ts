import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { createStudyService } from '../../server/services/study-service.ts';
import { createTokenService } from '../../server/services/token-service.ts';
import { openDatabase } from '../../server/storage/db.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { createSqliteStore } from '../../server/storage/sqlite-store.ts';
import { launchChromium } from './chromium.ts';
import { serve, type ServedApp } from './serve-process.ts';

type Store = ReturnType<typeof createSqliteStore>;
type Studies = ReturnType<typeof createStudyService>;

export interface DashboardSession {
  app: ServedApp;
  browser: Browser;
  /** A researcher token for the dashboard's sign-in. */
  token: string;
  /** The database the server runs on, for a CLI verb beside it. */
  dbPath: string;
  stop(): Promise<void>;
}

/**
 * The dashboard tests' shared setup: a temporary SQLite database with the shipped definitions, the waves `seed`
 * creates on it, a researcher token, the real server (`vlab serve`) on it and Chromium. `seed` runs before the
 * server starts, as the server is another process on the same file.
 */
export async function startDashboardSession(name: string, seed: (store: Store, studies: Studies) => Promise<void>): Promise<DashboardSession> {
  const dir = mkdtempSync(join(tmpdir(), `vlab-${name}-`));
  const dbPath = join(dir, 'vlab.sqlite');
  const db = openDatabase(dbPath);
  const store = createSqliteStore(db);
  const studies = createStudyService({ store });
  await studies.syncDefinitions(loadDefinitionFiles('survey-definitions'));
  await seed(store, studies);
  const token = (await createTokenService({ store }).create(`${name} test`)).token;
  db.close();
  const app = await serve(dbPath);
  const browser = await launchChromium();
  return {
    app,
    browser,
    token,
    dbPath,
    async stop() {
      await browser.close();
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
