import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { procCpuMicros } from './proc-cpu.ts';

export interface ServerProcess {
  baseUrl: string;
  /** Everything the process printed on stdout before it was ready (e.g. `vlab serve`'s wave links). */
  banner: string;
  child: ChildProcess;
  /**
   * CPU time (user + system, µs, every thread) the process has used so far, from Linux's /proc; undefined
   * elsewhere. On a machine shared with other work a run's req/s follow the load, its CPU per request much less.
   */
  cpuMicros(): number | undefined;
  stop(): Promise<void>;
}

/**
 * Starts a server as a child process and waits for its `listening on http://…` line. The baseline and the real
 * server are both started this way (same node, same flags, same parent), so neither gets an advantage from how
 * it runs; only the code between the socket and SQLite differs. Its stderr (the server's logs) goes to
 * `logFile`, not through a pipe the load generator would have to drain.
 */
export async function startServerProcess(args: string[], logFile: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const log = openSync(logFile, 'w');
  const child = spawn(process.execPath, args, {
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', log],
  });
  closeSync(log);
  let stdout = '';
  const stderr = () => readFileSync(logFile, 'utf8').slice(-4000);
  const banner = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start in 30 s:\n${stdout}\n${stderr()}`)), 30_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code}:\n${stdout}\n${stderr()}`));
    };
    child.once('exit', onExit);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk;
      // vlab serve prints its wave links after the listening line; wait for a quiet moment after it.
      if (/listening on http:\/\/\S+/.test(stdout)) {
        setTimeout(() => {
          clearTimeout(timer);
          child.off('exit', onExit);
          resolve(stdout);
        }, 200);
      }
    });
  });
  child.stdout!.resume();
  const baseUrl = /listening on (http:\/\/\S+)/.exec(banner)![1]!;
  return {
    baseUrl,
    banner,
    child,
    cpuMicros: () => procCpuMicros(child.pid),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
