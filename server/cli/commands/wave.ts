import { InvalidArgumentError, type Command } from 'commander';
import { cliAction } from '../cli-action.ts';
import { openStorageForCli } from './cli-storage.ts';

function positiveInteger(value: string): number {
  if (!/^[1-9][0-9]*$/.test(value)) throw new InvalidArgumentError('expected a positive integer');
  return Number(value);
}

interface CreateOptions {
  study: string;
  target: number;
  seed?: string;
  completeUrl?: string;
  screenoutUrl?: string;
  overquotaUrl?: string;
  db?: string;
  json?: boolean;
}

/** `vlab wave create`: opens a wave of a study and prints its respondent link. */
export function registerWaveCommands(program: Command): void {
  const wave = program.command('wave').description('waves: one fielding of a study with its own seed and link');
  wave
    .command('create')
    .description('open a wave of a study; prints its id and respondent link')
    .requiredOption('--study <id>', 'study id, e.g. alliance-corrective-measures')
    .requiredOption('--target <n>', 'number of completes wanted', positiveInteger)
    .option('--seed <seed>', 'randomization seed (default: 128 random bits); the same seed gives the same sequence')
    .option('--complete-url <url>', 'redirect after completion; {PROLIFIC_PID}, {RID}, {participant}... are filled in')
    .option('--screenout-url <url>', 'redirect after a screen-out (e.g. consent declined)')
    .option('--overquota-url <url>', 'redirect when the respondent’s quota cell is full')
    .option('--db <path>', 'SQLite file (default: VLAB_DB or ./data/vlab.sqlite)')
    .option('--json', 'print JSON')
    .action(
      cliAction('wave create', (options: CreateOptions) => {
        const { db, studies } = openStorageForCli({ dbPath: options.db });
        try {
          const { wave: created, study } = studies.createWave({
            studyKey: options.study,
            target: options.target,
            seed: options.seed,
            completeUrl: options.completeUrl,
            screenoutUrl: options.screenoutUrl,
            overquotaUrl: options.overquotaUrl,
          });
          const summary = {
            id: created.id,
            url: `/s/${created.id}`,
            study: study.key,
            studyVersion: study.version,
            contentHash: study.contentHash,
            status: created.status,
            target: created.target,
            seed: created.seed,
            completeUrl: created.completeUrl,
            screenoutUrl: created.screenoutUrl,
            overquotaUrl: created.overquotaUrl,
          };
          process.stdout.write(
            options.json
              ? `${JSON.stringify(summary)}\n`
              : `wave ${created.id} of ${study.key} v${study.version}: open, target ${created.target}, link /s/${created.id}\n`,
          );
        } finally {
          db.close();
        }
      }),
    );
}
