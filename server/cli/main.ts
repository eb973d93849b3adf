// The `vlab` command's entry point (the bundle's, scripts/build-cli.mjs): the program of program.ts run on argv.
import { CommanderError } from 'commander';
import { commanderExitCode, vlabProgram } from './program.ts';

// `vlab export … | head`: once the reader has what it wants it closes the pipe, and the next write fails with EPIPE.
// That is the reader's choice, not an error: end quietly, as Unix tools do, instead of with Node's stack.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

const program = vlabProgram();

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = commanderExitCode(error);
  } else {
    throw error;
  }
}
