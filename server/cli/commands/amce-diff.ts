import type { Command } from 'commander';
import { amceDiffs, type SeType } from '../../../analysis/index.ts';
import { cliAction } from '../cli-action.ts';
import { conjointInput, conjointOptions, writeConjoint, type ConjointCliOptions } from './conjoint-io.ts';

/** `vlab amce-diff`: differences in AMCEs between subgroups (cregg::amce_diffs), unconstrained designs. */
export function registerAmceDiffCommand(program: Command): void {
  conjointOptions(
    program.command('amce-diff').description('differences in AMCEs between subgroups (cregg::amce_diffs): the feature × group interactions'),
    'chosen ~ regime + troops',
  )
    .requiredOption('--by <column>', 'subgroup column (order its groups with --levels; the first is the baseline)')
    .option('--se-type <type>', 'CR2 (default), cregg (as cregg: vcovCL, z tests), CR0, stata')
    .action(
      cliAction('amce-diff', async (o: ConjointCliOptions & { by: string; seType?: string }) => {
        const result = amceDiffs({ ...conjointInput(o, 'amce-diff'), by: o.by, seType: o.seType as SeType | undefined });
        await writeConjoint('amce-diff', result, o);
      }),
    );
}
