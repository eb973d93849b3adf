import { existsSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { terminalText } from '../analysis/terminal-text.ts';
import { ConfigError, loadConfig, unknownSettings, type Config } from './config.ts';
import { absoluteLink, localOrigin } from './domain/links.ts';
import { answersBodyWarning } from './domain/answers-body-size.ts';
import { definitionProblems } from './domain/fielded-definition-problems.ts';
import { storedRedirectProblems } from './domain/stored-redirect-problems.ts';
import { requestsInFlight, shutDownGracefully, shutdownReport } from './graceful-shutdown.ts';
import { createStudyService, type StudyService } from './services/study-service.ts';
import { startCheckpointer } from './storage/checkpointer.ts';
import { loadDefinitionFolder, type DefinitionFolder } from './storage/definition-files.ts';
import { openReadOnlyStore, openStore } from './storage/open-store.ts';
import type { SqliteStore } from './storage/sqlite-store.ts';
import { isPostgresUrl, maskedLocation, type Store } from './storage/store.ts';
import { npxWorksIn, vlabCommand } from './vlab-command.ts';
import { createWaveLanguages } from './wave-languages.ts';
import { serveLogLevel } from './terminal-log-level.ts';

/**
 * The process edge: the only module that reads the environment, opens the database and listens. CLI verbs
 * come here for their storage so that `VLAB_DB` means the same thing everywhere.
 */

/** What the command line may override; strings are validated like their environment variables. */
export interface ServerOverrides {
  port?: string | number;
  dbPath?: string;
  /** `vlab serve --no-demo`: false. */
  demoWave?: boolean;
}

export interface Storage {
  config: Config;
  store: Store;
  studies: StudyService;
}

let unknownSettingsSaid = false;

/**
 * The config from the environment and the command line; the first call of a process also says, on stderr, which
 * VLAB_… variables are no setting (a misspelt one is otherwise ignored without a word).
 */
function configuredSettings(overrides: ServerOverrides = {}): Config {
  const config = loadConfig(process.env, overrides);
  if (!unknownSettingsSaid) {
    unknownSettingsSaid = true;
    for (const line of unknownSettings(process.env)) process.stderr.write(`vlab: ${line}\n`);
  }
  return config;
}

/** The study definitions of the configured folder (`VLAB_DEFINITIONS`), for verbs that need no database. */
export function loadConfiguredDefinitions(): DefinitionFolder {
  return readDefinitions(configuredSettings().definitionsDir);
}

/** The built pages must be there before anything is opened: createApp reads them (VLAB_PUBLIC, or public/). */
function checkBuiltPages(dir: string): void {
  if (existsSync(join(dir, 'dist', 'manifest.json'))) return;
  throw new ConfigError(
    process.env.VLAB_PUBLIC
      ? `VLAB_PUBLIC: ${dir} holds no built pages (dist/manifest.json is missing): point it at the project's public/ folder, or run npm run build`
      : `the pages are not built (${join(dir, 'dist', 'manifest.json')} is missing): run npm run build`,
  );
}

/** The definitions folder's studies; a missing folder is a ConfigError naming the variable, not an ENOENT. */
function readDefinitions(dir: string): DefinitionFolder {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ConfigError(
      process.env.VLAB_DEFINITIONS
        ? `VLAB_DEFINITIONS: no definitions folder at ${dir}${isAbsolute(dir) ? '' : ` (${resolve(dir)}: a relative value is taken from the current folder)`}`
        : `VLAB_DEFINITIONS: not set, and the project's folder ${dir} is missing; set it to your study definitions`,
    );
  }
  return loadDefinitionFolder(dir);
}

/**
 * Config from env + flags and the database opened and migrated, nothing else: for `vlab db`, which must work on
 * the database alone (no definitions folder needed, no snapshot of a definition written into a backup's source).
 */
export async function openDatabaseOnly(overrides: ServerOverrides = {}): Promise<{ config: Config; store: Store }> {
  const config = configuredSettings(overrides);
  return { config, store: await openStore(config.dbPath) };
}

/**
 * The configured database opened only to read, for a verb that may learn from it but must not create or migrate
 * it (`vlab simulate` asks which study a wave is of): a SQLite file that does not exist opens nothing.
 */
export async function openExistingDatabase(overrides: ServerOverrides = {}): Promise<Store> {
  return openReadOnlyStore(configuredSettings(overrides).dbPath);
}

/** The database the configuration names (`--db`, VLAB_DB, DATABASE_URL or the project's data/vlab.sqlite), unopened. */
export function configuredDatabase(overrides: ServerOverrides = {}): string {
  return configuredSettings(overrides).dbPath;
}

/**
 * Config from env + flags, the database opened and migrated, and the study definitions validated and synced.
 * A study that does not validate is listed by `studies.brokenStudies()` with its message; the others work.
 */
export async function openStorage(overrides: ServerOverrides = {}, { takeOver = false } = {}): Promise<Storage> {
  const config = configuredSettings(overrides);
  const definitions = readDefinitions(config.definitionsDir);
  const store = await openStore(config.dbPath);
  try {
    // The folder as host:path: processes on several hosts share one PostgreSQL database (folder-behind.ts).
    const definitionsFolder = `${hostname()}:${resolve(config.definitionsDir)}`;
    const studies = createStudyService({ store, broken: definitions.broken, definitionsFolder });
    await studies.syncDefinitions(definitions.studies, { takeOver });
    return { config, store, studies };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** How the commands vlab serve prints are to be typed in the setup it was started from (vlab-command.ts). */
// The project is the folder above bin/vlab.js: the checkout npx would build in.
const typedVlab = (): string => {
  const script = process.argv[1];
  return vlabCommand(process.env, script, process.cwd(), !script || npxWorksIn(dirname(dirname(resolve(script)))));
};

/** A port the user can change: taken by another server, or below 1024 for a user who may not use it. */
function listenProblem(error: NodeJS.ErrnoException, port: number): ConfigError | undefined {
  const alternative = port === 3000 ? 3001 : 3000;
  // 3000 and 3001 can both be taken on a shared machine: port 0 always finds a free one (walk-through 29).
  const other = `choose another: PORT=${alternative} npm start, or ${typedVlab()} serve --port ${alternative} (0: any free port, the one taken printed)`;
  if (error.code === 'EADDRINUSE') return new ConfigError(`PORT (--port): port ${port} is already in use (another vlab serve, or another program): stop it, or ${other}`);
  if (error.code === 'EACCES') return new ConfigError(`PORT (--port): this user may not listen on port ${port} (below 1024 needs privileges): ${other}, behind a proxy for 80/443 (docs/deploy.md)`);
  return undefined;
}

/** The database as the start-up line shows it: a file inside the current folder as `./data/vlab.sqlite`. */
export function databaseLabel(location: string): string {
  if (isPostgresUrl(location)) return maskedLocation(location);
  const inside = relative(process.cwd(), location);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? `./${inside}` : location;
}

/** `vlab serve`: opens everything, makes sure there is a wave to try, listens, prints the links. */
export async function startServer(overrides: ServerOverrides = {}): Promise<void> {
  checkBuiltPages(configuredSettings(overrides).publicDir);
  const { config, store, studies } = await openStorage(overrides);
  const { repos } = store;
  // Loaded here, not at the top: the CLI verbs that only open storage need neither Express nor pino.
  const [{ createApp }, { createLogger }, { createHttpServer }, { createResearcherPool }] = await Promise.all([
    import('./app.ts'),
    import('./logger.ts'),
    import('./http-server.ts'),
    import('./workers/researcher-pool.ts'),
  ]);
  const logLevel = serveLogLevel(config.logLevel, process.env, process.stderr);
  const logger = createLogger(logLevel.level);
  const demo = config.demoWave ? await studies.ensureDemoWave() : null;
  // The WAL checkpointer is SQLite's; PostgreSQL checkpoints by itself.
  const sqlite = (store as Partial<SqliteStore>).sqlite;
  const checkpointer = sqlite ? startCheckpointer(sqlite, logger, { onDamaged: (store as SqliteStore).markDamaged }) : { stop: async () => undefined };
  const researcherPool = createResearcherPool({ ...config, dbPath: config.dbPath, logger });
  const waveLanguages = createWaveLanguages();
  const app = createApp({ store, config, logger, researcherPool, studies, waveLanguages });

  const server = createHttpServer(app, config, waveLanguages, logger).listen(config.port);
  const requests = requestsInFlight(server);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenProblem(error, config.port) ?? error));
  });
  const { port } = server.address() as AddressInfo;
  // Recorded for `vlab wave create` and `wave list`, whose shell need not have this server's PORT nor its
  // VLAB_PUBLIC_URL (a systemd unit's environment). Best effort: a database that takes no writes just now must
  // not stop the respondents' server.
  const origin = config.publicUrl ?? localOrigin(port);
  await store
    .write((tx) => tx.servedAddress.record({ origin, recordedAt: new Date().toISOString() }))
    .catch((error: unknown) => logger.warn({ err: error }, 'could not record the served address for the CLI’s links'));
  const link = (path: string) => absoluteLink(path, { publicUrl: config.publicUrl, port });
  const vlab = typedVlab();
  const out = [`vlab serve: listening on ${localOrigin(port)} (database ${databaseLabel(config.dbPath)})`];
  if (config.publicUrl) out.push(`vlab serve: links use the public address ${config.publicUrl} (VLAB_PUBLIC_URL)`);
  if (logLevel.note) out.push(logLevel.note);
  for (const warning of (await store.settingsWarnings?.()) ?? []) out.push(`vlab serve: warning: ${warning}`);
  if (demo) {
    out.push(`vlab serve: created a demo wave of "${(await repos.studies.get(demo.studyId))?.title}" (a real deployment: ${vlab} serve --no-demo, or VLAB_DEMO=false)`);
  }
  for (const broken of studies.brokenStudies()) out.push(`vlab serve: study "${broken.id}" is broken (no new waves until fixed): ${broken.message}`);
  // The message names another host's folder, as stored: printed as text (terminal-text.ts), never as the terminal's controls.
  for (const notice of studies.folderNotices()) out.push(`vlab serve: study "${notice.id}": ${terminalText(notice.message)}`);
  const openWaves = (await repos.waves.list()).filter((w) => w.status === 'open');
  // No demo wave (VLAB_DEMO=false, or a definitions folder without the flagship study): say how to open one.
  if (openWaves.length === 0) out.push(`  no open wave: ${vlab} wave create --study ID --target N opens one (${vlab} study list names the studies)`);
  for (const wave of openWaves) {
    const study = await repos.studies.get(wave.studyId);
    out.push(`  open wave ${wave.id} (${study?.key}): ${link(`/s/${wave.id}`)}`);
    const problems = study ? definitionProblems(study.definition) : [];
    if (problems.length) out.push(`    its definition fails today's checks (the page may store answers the server refuses; see ${vlab} wave status ${wave.id}): ${problems.join('; ')}`);
    const redirects = storedRedirectProblems(wave);
    if (redirects.length) out.push(`    its redirect links fail today's checks (respondents are sent to them as stored; mend with ${vlab} wave update ${wave.id}): ${redirects.map((r) => `${r.setting}: ${r.problem}`).join('; ')}`);
    const tooLarge = study ? answersBodyWarning(study.key, study.definition, config.bodyLimitBytes) : null;
    if (tooLarge) out.push(`    ${tooLarge}`);
  }
  out.push(`  dashboard: ${link('/dashboard')} — sign in with a token from: ${vlab} token create --name "your name"`);
  // A title or a broken definition's message is shown as written, never acted on by the terminal or a log viewer.
  process.stdout.write(`${terminalText(out.join('\n'), { lineBreaks: 'keep' })}\n`);

  const shutdown = (signal: string) =>
    shutDownGracefully(server, requests, shutdownReport(logger, process.stderr), signal, config.shutdownDrainSeconds, () => Promise.all([researcherPool.close(), checkpointer.stop()]).finally(() => store.close()));
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}
