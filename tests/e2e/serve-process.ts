import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface ServedApp {
  baseUrl: string;
  /** What the server printed at start. */
  stdout: string;
  /** Open waves printed at start: wave id → study id. */
  waves: { id: string; study: string }[];
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts the real server as a user would (`node bin/vlab.js serve --port 0 --db <file>`) and reads the URL
 * and the open waves it prints. `env` adds variables (e.g. rate limits for load runs); `stderr`, a file
 * descriptor the server's log goes to instead of a pipe to the test (e.g. /dev/full's).
 */
export async function serve(dbPath: string, env: Record<string, string> = {}, { stderr: stderrTo }: { stderr?: number } = {}): Promise<ServedApp> {
  const child = spawn(process.execPath, ['bin/vlab.js', 'serve', '--port', '0', '--db', dbPath], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', stderrTo ?? 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk));
  const ready = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start in 20 s:\n${stdout}\n${stderr}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk;
      if (/open wave .*\n/.test(stdout) || /listening on .*\n[\s\S]*\n$/.test(stdout)) {
        clearTimeout(timer);
        resolve(stdout);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${stdout}\n${stderr}`));
    });
  });
  const baseUrl = /listening on (http:\/\/\S+)/.exec(ready)![1]!;
  const waves = [...ready.matchAll(/open wave (\S+) \((\S+)\)/g)].map((m) => ({ id: m[1]!, study: m[2]! }));
  return {
    baseUrl,
    stdout: ready,
    waves,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/**
 * Opens a wave of each study in a fresh database with the CLI, then serves it, both with `env` added (as `serve`;
 * VLAB_DEFINITIONS there serves a test's own definitions): the server prints every wave.
 */
export async function serveWaves(dbPath: string, studies: readonly string[], env: Record<string, string> = {}): Promise<ServedApp> {
  for (const study of studies) {
    const created = spawnSync(process.execPath, ['bin/vlab.js', 'wave', 'create', '--study', study, '--target', '100', '--db', dbPath], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });
    if (created.status !== 0) throw new Error(`vlab wave create --study ${study} failed: ${created.stderr}`);
  }
  return serve(dbPath, env);
}
