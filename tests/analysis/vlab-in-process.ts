// `vlab <verb> …` run in this process instead of a child: the same program (server/cli/program.ts), the same
// argument parsing, files read and written as the user's command does, only without Node's start-up and the
// bundle's load per call (about 0.25 s of CPU each: 531 spawned cases took the conjoint differential file past the
// runner's 10-minute limit on a busy CI machine). Files that check the built command itself keep spawning it.
import { CommanderError } from 'commander';
import { commanderExitCode, vlabProgram } from '../../server/cli/program.ts';

export interface InProcessRun {
  /** The exit code the command would have ended with (2 for a usage error, as main.ts maps commander's). */
  status: number;
  /** What the command wrote on stderr (warnings, errors, "wrote …"). */
  stderr: string;
}

/**
 * Runs `vlab ...args` and resolves with its exit code and stderr. Standard output is not captured (the test
 * runner's own channel in its child process): give `--out FILE` and read the file.
 */
export async function vlabInProcess(args: readonly string[]): Promise<InProcessRun> {
  const exitCodeBefore = process.exitCode;
  const write = process.stderr.write;
  let stderr = '';
  process.exitCode = undefined;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stderr.write;
  try {
    await vlabProgram().parseAsync([...args], { from: 'user' });
    return { status: Number(process.exitCode ?? 0), stderr };
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    return { status: commanderExitCode(error), stderr };
  } finally {
    process.stderr.write = write;
    process.exitCode = exitCodeBefore;
  }
}
