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

/**
 * The whole `vlab` command: each group of verbs registers itself; this only assembles them and maps commander's
 * own errors (unknown option, missing argument) to `vlab <verb>: …` and exit code 2 like every other usage error.
 * main.ts parses the process's arguments with it; tests that run hundreds of verbs run them in-process with a fresh
 * one each (tests/analysis/vlab-in-process.ts), without a Node start-up per call.
 */
export function vlabProgram(): Command {
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
  return program;
}

/** The exit code of commander's own errors: 0 for --help, 2 (a usage error) for everything else. */
export const commanderExitCode = (error: CommanderError): number => (error.exitCode === 0 ? 0 : 2);
