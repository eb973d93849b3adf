import type { Command } from 'commander';
import { mmDiffs, type SeType } from '../../../analysis/index.ts';
import { cliAction } from '../cli-action.ts';
import { conjointInput, conjointOptions, writeConjoint, type ConjointCliOptions } from './conjoint-io.ts';

/** `vlab mm-diff`: differences in marginal means between respondent subgroups (cregg::mm_diffs). */
export function registerMmDiffCommand(program: Command): void {
  conjointOptions(
    program.command('mm-diff').description('differences in marginal means between subgroups (cregg::mm_diffs): each later group minus the first'),
    'chosen ~ regime + troops',
  )
    .requiredOption('--by <column>', 'respondent-level subgroup column (order its groups with --levels; the first is the baseline)')
    .option('--se-type <type>', 'cregg (default: survey linearization, as cregg), CR2, CR0, stata')
    .action(
      cliAction('mm-diff', async (o: ConjointCliOptions & { by: string; seType?: string }) => {
        const result = mmDiffs({ ...conjointInput(o, 'mm-diff'), by: o.by, seType: o.seType as SeType | undefined });
        await writeConjoint('mm-diff', result, o);
      }),
    );
}
