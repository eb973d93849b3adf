import type { Command } from 'commander';
import { mm, type SeType } from '../../../analysis/index.ts';
import { cliAction } from '../cli-action.ts';
import { parseNumber } from './analysis-io.ts';
import { conjointInput, conjointOptions, writeConjoint, type ConjointCliOptions } from './conjoint-io.ts';

/** `vlab mm`: marginal means of each feature level (cregg::mm), optionally within subgroups (`--by`). */
export function registerMmCommand(program: Command): void {
  conjointOptions(program.command('mm').description('marginal means of a conjoint (cregg::mm), z tests against --h0'), 'chosen ~ regime + troops')
    .option('--by <column>', 'respondent-level column: marginal means within each of its groups')
    .option('--h0 <value>', 'null value of the tests (0.5 for a forced choice of two profiles)', '0')
    .option('--se-type <type>', 'cregg (default: survey linearization, as cregg), CR2, CR0, stata')
    .action(
      cliAction('mm', async (o: ConjointCliOptions & { by?: string; h0?: string; seType?: string }) => {
        const h0 = parseNumber(o.h0, '--h0', Number.isFinite, 'a number');
        const result = mm({ ...conjointInput(o, 'mm'), by: o.by, h0, seType: o.seType as SeType | undefined });
        await writeConjoint('mm', result, o);
      }),
    );
}
