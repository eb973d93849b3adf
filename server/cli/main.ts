import { Command, CommanderError } from 'commander';
import { formatCommanderErrors } from './commander-errors.ts';
import { addHelpExamples } from './help-examples.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerStudyCommands } from './commands/study.ts';
import { registerWaveCommands } from './commands/wave.ts';
import { registerExportCommands } from './commands/export.ts';
import { registerTokenCommands } from './commands/token.ts';
import { registerFitCommand } from './commands/fit.ts';
import { registerDimCommand } from './commands/dim.ts';
import { registerRakeCommand } from './commands/rake.ts';
import { registerPAdjustCommand } from './commands/p-adjust.ts';
import { registerPowerCommand } from './commands/power.ts';
import { registerEstimatesCommand } from './commands/estimates.ts';
import { registerReplicationCommand } from './commands/replication.ts';
import { registerSimulateCommand } from './commands/simulate.ts';
import { registerAmceCommand } from './commands/amce.ts';
import { registerMmCommand } from './commands/mm.ts';
import { registerMmDiffCommand } from './commands/mm-diff.ts';
import { registerAmceDiffCommand } from './commands/amce-diff.ts';
import { registerFreqsCommand } from './commands/freqs.ts';
import { registerDbCommands } from './commands/db.ts';

// `vlab export … | head`: once the reader has what it wants it closes the pipe, and the next write fails with EPIPE.
// That is the reader's choice, not an error: end quietly, as Unix tools do, instead of with Node's stack.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

// Each group of verbs registers itself; this file only assembles them and maps commander's own errors
// (unknown option, missing argument) to `vlab <verb>: …` and exit code 2 like every other usage error.
const program = new Command('vlab')
  .description('vignette-lab: randomized survey experiments, from the respondent to the estimate')
  .showHelpAfterError(false)
  .exitOverride();

registerServeCommand(program);
registerStudyCommands(program);
registerWaveCommands(program);
registerExportCommands(program);
registerTokenCommands(program);
registerDbCommands(program);
registerFitCommand(program);
registerDimCommand(program);
registerRakeCommand(program);
registerPAdjustCommand(program);
registerPowerCommand(program);
registerEstimatesCommand(program);
registerReplicationCommand(program);
registerSimulateCommand(program);
registerAmceCommand(program);
registerMmCommand(program);
registerMmDiffCommand(program);
registerAmceDiffCommand(program);
registerFreqsCommand(program);
addHelpExamples(program);
formatCommanderErrors(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    throw error;
  }
}
