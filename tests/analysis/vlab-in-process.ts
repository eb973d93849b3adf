// `vlab <verb> …` run in this process instead of a child: the same program (server/cli/program.ts), the same
// argument parsing, files read and written as the user's command does, only without Node's start-up and the
// bundle's load per call (about 0.25 s of CPU each: 531 spawned cases took the conjoint differential file past the
// runner's 10-minute limit on a busy CI machine). Files that check the built command itself keep spawning it.
import { Writable } from 'node:stream';
import { CommanderError } from 'commander';
import { commanderExitCode, vlabProgram } from '../../server/cli/program.ts';
import { replaceStandardOutput } from '../../server/cli/standard-output.ts';

export interface InProcessRun {
  /** The exit code the command would have ended with (2 for a usage error, as main.ts maps commander's). */
  status: number;
  /** What the command wrote on standard output (through server/cli/standard-output.ts, never process.stdout). */
  stdout: string;
  /** What the command wrote on stderr (warnings, errors, "wrote …"). */
  stderr: string;
}

/**
 * Runs `vlab ...args` and resolves with its exit code, stdout and stderr; `env` is added to process.env for the
 * call only, as a spawned command's environment would be. A verb that reads stdin (p-adjust) is not for this: spawn
 * bin/vlab.js with the input.
 */
export async function vlabInProcess(args: readonly string[], env: Record<string, string> = {}): Promise<InProcessRun> {
  const envBefore = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  const exitCodeBefore = process.exitCode;
  const write = process.stderr.write;
  let stderr = '';
  let stdout = '';
  const restoreStdout = replaceStandardOutput(
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
        done();
      },
    }),
  );
  process.exitCode = undefined;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stderr.write;
  try {
    await vlabProgram().parseAsync([...args], { from: 'user' });
    return { status: Number(process.exitCode ?? 0), stdout, stderr };
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    return { status: commanderExitCode(error), stdout, stderr };
  } finally {
    restoreStdout();
    for (const [key, value] of Object.entries(envBefore)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    process.stderr.write = write;
    process.exitCode = exitCodeBefore;
  }
}
