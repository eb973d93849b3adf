import { Worker } from 'node:worker_threads';

/** The worker modules of this folder, each the whole program of one kind of thread. */
export type WorkerModule = 'researcher-worker' | 'checkpoint-worker';

/**
 * Starts a thread running one of this folder's worker modules, from the sources or from the built CLI alike.
 * From the TypeScript sources (tsx), a thread does not inherit the loader bin/vlab.js registered, so it starts on
 * worker-thread.js, which registers tsx and then imports the module. In the built bundle (scripts/build-cli.mjs
 * bundles each worker module as an entry point of its own, beside main.js and the chunks), this code sits in a
 * chunk of that folder and the thread runs the built module directly. `execArgv: []`: inheriting the parent's
 * `--import tsx` would register the loader twice.
 */
export function startWorker(module: WorkerModule, workerData: Record<string, unknown>): Worker {
  if (import.meta.url.endsWith('.ts')) {
    const entry = new URL(`./${module}.ts`, import.meta.url).href;
    return new Worker(new URL('./worker-thread.js', import.meta.url), { workerData: { ...workerData, module: entry }, execArgv: [] });
  }
  return new Worker(new URL(`./${module}.js`, import.meta.url), { workerData, execArgv: [] });
}
