import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig, type Config } from './config.ts';
import type { StudyDefinition } from './domain/study-definition.ts';
import { createStudyService, type StudyService } from './services/study-service.ts';
import { startCheckpointer } from './storage/checkpointer.ts';
import { loadDefinitionFiles } from './storage/definition-files.ts';
import { openStore } from './storage/open-store.ts';
import type { SqliteStore } from './storage/sqlite-store.ts';
import { maskedLocation, type Store } from './storage/store.ts';

/**
 * The process edge: the only module that reads the environment, opens the database and listens. CLI verbs
 * come here for their storage so that `VLAB_DB` means the same thing everywhere.
 */

/** What the command line may override; strings are validated like their environment variables. */
export interface ServerOverrides {
  port?: string | number;
  dbPath?: string;
}

export interface Storage {
  config: Config;
  store: Store;
  studies: StudyService;
}

/** The study definitions of the configured folder (`VLAB_DEFINITIONS`), for verbs that need no database. */
export function loadConfiguredDefinitions(): StudyDefinition[] {
  return loadDefinitionFiles(loadConfig(process.env).definitionsDir);
}

/**
 * Config from env + flags, the database opened and migrated, and the study definitions validated and synced
 * (an invalid definition throws a DefinitionError naming its file and field).
 */
export async function openStorage(overrides: ServerOverrides = {}): Promise<Storage> {
  const config = loadConfig(process.env, overrides);
  const definitions = loadDefinitionFiles(config.definitionsDir);
  const store = await openStore(config.dbPath);
  try {
    const studies = createStudyService({ store });
    await studies.syncDefinitions(definitions);
    return { config, store, studies };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** `vlab serve`: opens everything, makes sure there is a wave to try, listens, prints the links. */
export async function startServer(overrides: ServerOverrides = {}): Promise<void> {
  const { config, store, studies } = await openStorage(overrides);
  const { repos } = store;
  // Loaded here, not at the top: the CLI verbs that only open storage need neither Express nor pino.
  const [{ createApp }, { createLogger }, { createHttpServer }, { createResearcherPool }] = await Promise.all([
    import('./app.ts'),
    import('./logger.ts'),
    import('./http-server.ts'),
    import('./workers/researcher-pool.ts'),
  ]);
  const logger = createLogger(config.logLevel);
  const demo = await studies.ensureDemoWave();
  // The WAL checkpointer is SQLite's; PostgreSQL checkpoints by itself.
  const sqlite = (store as Partial<SqliteStore>).sqlite;
  const checkpointer = sqlite ? startCheckpointer(sqlite, logger) : { stop: async () => undefined };
  const researcherPool = createResearcherPool({ ...config, dbPath: config.dbPath, logger });
  const app = createApp({ store, config, logger, researcherPool });

  const server = createHttpServer(app, config).listen(config.port);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new ConfigError(`PORT (--port): port ${config.port} is already in use`) : error),
    );
  });
  const { port } = server.address() as AddressInfo;
  const base = `http://localhost:${port}`;
  const out = [`vlab serve: listening on ${base} (database ${maskedLocation(config.dbPath)})`];
  if (demo) out.push(`vlab serve: created a demo wave of "${(await repos.studies.get(demo.studyId))?.title}"`);
  for (const wave of (await repos.waves.list()).filter((w) => w.status === 'open')) {
    out.push(`  open wave ${wave.id} (${(await repos.studies.get(wave.studyId))?.key}): ${base}/s/${wave.id}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close(() => {
      void Promise.all([researcherPool.close(), checkpointer.stop()]).finally(() => {
        void store.close().finally(() => process.exit(0));
      });
    });
    server.closeAllConnections();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}
