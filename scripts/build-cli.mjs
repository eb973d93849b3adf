// Bundles the `vlab` command (server, analysis and CLI: everything server/cli/main.ts reaches) into plain
// JavaScript under dist/cli/<id>/, so a call pays no TypeScript transpiling. esbuild, not tsc: it bundles in
// about 0.5 s of CPU where tsc needs 6 s to emit the same files (bench/cli-startup.ts), and one bundle starts
// faster than a hundred modules. Type-checking stays `npm run typecheck`.
//
// Code splitting keeps the verbs lazy: a module that a verb reaches only through `await import()` lands in
// its own chunk, so `vlab --help` never loads express, zod or better-sqlite3. Packages are bundled too (Node's
// module loader spends more on zod's hundred files than on running them), except those in CLI_EXTERNAL.
//
// Each build goes to a folder named by the hash of its inputs and dist/cli/build.json (the inputs record of
// build-inputs.mjs) points at it. A process that is still running an older build keeps its folder, so the lazy
// chunks it has yet to load never vanish; builds racing each other from the same sources produce the same
// folder. Folders no longer current are removed after an hour, unless a running process marks one in use.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { changedInput, packageManifest, readRecord, recordInputs } from './build-inputs.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'dist', 'cli');
const RECORD = join(OUT, 'build.json');
const ENTRY = 'server/cli/main.ts';
/** Modules that threads run (server/workers/start-worker.ts starts them beside the chunk that asks). */
const WORKER_ENTRIES = { 'researcher-worker': 'server/workers/researcher-worker.ts', 'checkpoint-worker': 'server/workers/checkpoint-worker.ts' };
/**
 * Files the bundle reads at run time beside itself: db.ts finds the SQLite migrations next to its own module, and
 * postgres-store.ts the PostgreSQL ones in postgres-migrations/ (in the sources they sit in postgres/migrations;
 * in the bundle both modules are in one folder, so the two sets need two names).
 */
const COPIED = [
  { dir: 'server/storage/migrations', suffix: '.sql', to: 'migrations' },
  { dir: 'server/storage/postgres/migrations', suffix: '.sql', to: 'postgres-migrations' },
];
const KEEP_OLD_MS = 60 * 60 * 1000;
/** The start of the name of a mark that a process runs a build folder (markBuildInUse). */
const IN_USE = '.in-use-';
/** Packages loaded from node_modules at run time: a native addon, one that starts workers from its own files, build tools. */
export const CLI_EXTERNAL = ['better-sqlite3', 'pino', 'esbuild', 'tsx'];
/**
 * Packages bundled from their ES module build: jsonc-parser's `main` is a UMD wrapper whose require() calls of its
 * own files esbuild cannot follow (the bundle then fails with "Cannot find module './impl/format'").
 */
const BUNDLE_ALIASES = { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' };
/** Bundled CommonJS packages call require() for Node's modules; an ES module has none unless it makes one. */
const REQUIRE_SHIM = "import { createRequire as vlabCreateRequire } from 'node:module'; const require = vlabCreateRequire(import.meta.url);";

/** The built entry point if dist/cli is current with the sources, else null and why (for a note). */
export function currentCliBuild() {
  const record = readRecord(RECORD);
  if (!record) return { main: null, reason: 'there is no build yet' };
  const main = join(OUT, record.id, 'main.js');
  if (!existsSync(main)) return { main: null, reason: `${relative(ROOT, main)} is gone` };
  const changed = changedInput(ROOT, record);
  return changed ? { main: null, reason: changed } : { main, reason: null };
}

/** Builds the CLI bundle now and makes it current; returns its entry point. */
export async function buildCli() {
  const { build, version } = await import('esbuild');
  const startedMs = Date.now();
  const tmp = join(OUT, `.tmp-${process.pid}-${startedMs}`);
  mkdirSync(tmp, { recursive: true });
  try {
    const result = await build({
      entryPoints: { main: join(ROOT, ENTRY), ...Object.fromEntries(Object.entries(WORKER_ENTRIES).map(([name, path]) => [name, join(ROOT, path)])) },
      bundle: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: CLI_EXTERNAL,
      alias: BUNDLE_ALIASES,
      banner: { js: REQUIRE_SHIM },
      absWorkingDir: ROOT,
      outdir: tmp,
      chunkNames: 'chunk-[hash]',
      sourcemap: 'linked',
      metafile: true,
      logLevel: 'silent',
    });
    for (const { dir, to } of COPIED) cpSync(join(ROOT, dir), join(tmp, to), { recursive: true });
    const sources = [...new Set(Object.keys(result.metafile.inputs).map(packageManifest))];
    const copied = COPIED.flatMap(({ dir, suffix }) =>
      readdirSync(join(ROOT, dir)).filter((f) => f.endsWith(suffix)).map((f) => `${dir}/${f}`),
    );
    const record = recordInputs(ROOT, [...sources, ...copied, 'scripts/build-cli.mjs'], COPIED, `esbuild ${version}`, startedMs);
    const dir = join(OUT, record.id);
    try {
      renameSync(tmp, dir);
    } catch (error) {
      // Another process built the same sources first: its folder is identical, so ours goes.
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
      rmSync(tmp, { recursive: true, force: true });
    }
    const recordTmp = `${RECORD}.${process.pid}`;
    writeFileSync(recordTmp, `${JSON.stringify(record, null, 1)}\n`);
    renameSync(recordTmp, RECORD);
    removeOldBuilds(OUT, record.id);
    return join(dir, 'main.js');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Marks the build folder `dir` as run by this process until it exits (`.in-use-<pid>`, holding the process's start
 * time where the system tells it), so that a rebuild by another `vlab` call does not remove chunks it has yet to load
 * (removeOldBuilds). A folder that cannot be written (a read-only checkout) goes unmarked: nothing there rebuilds
 * either.
 */
export function markBuildInUse(dir) {
  const mark = join(dir, `${IN_USE}${process.pid}`);
  try {
    writeFileSync(mark, startTime(process.pid) ?? '');
  } catch {
    return;
  }
  process.on('exit', () => {
    try {
      unlinkSync(mark);
    } catch {
      // removed already
    }
  });
}

/**
 * Removes the build folders in `out` other than `current` that are older than KEEP_OLD_MS and that no running
 * process marked in use: a `vlab serve` loads its researcher worker's chunk at the first sign-in, hours after it
 * started (attacker pass 33: a rebuild removed the folder of a server up for an hour, and every export and estimate
 * was a 500).
 */
export function removeOldBuilds(out, current) {
  const now = Date.now();
  for (const name of readdirSync(out)) {
    const path = join(out, name);
    if (name === current || name === 'build.json' || name.startsWith('build.json.')) continue;
    try {
      if (now - statSync(path).mtimeMs > KEEP_OLD_MS && !inUse(path)) rmSync(path, { recursive: true, force: true });
    } catch {
      // removed by a concurrent build
    }
  }
}

/**
 * Whether a process that is still running marked the folder in use. A mark left by a killed one does not count, nor
 * one whose pid another process took since (the pid's process started at another time than the mark says): such a
 * mark kept an old build folder for as long as the stranger ran (attacker pass 34).
 */
function inUse(dir) {
  return readdirSync(dir).some((name) => {
    if (!name.startsWith(IN_USE)) return false;
    const pid = Number(name.slice(IN_USE.length));
    if (!running(pid)) return false;
    const marked = readMark(join(dir, name));
    const now = marked ? startTime(pid) : undefined;
    return !marked || now === undefined || now === marked;
  });
}

function readMark(path) {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

/**
 * When process `pid` started, in clock ticks since boot (field 22 of Linux's /proc/<pid>/stat, after the command
 * name in parentheses, which may hold spaces), or undefined where there is no /proc (macOS): a mark is then its pid.
 */
function startTime(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function running(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists, under another user.
    return error.code === 'EPERM';
  }
}
