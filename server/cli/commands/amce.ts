import type { Command } from 'commander';
import { amce, type SeType } from '../../../analysis/index.ts';
import { cliAction } from '../cli-action.ts';
import { conjointInput, conjointOptions, writeConjoint, type ConjointCliOptions } from './conjoint-io.ts';

/** `vlab amce`: average marginal component effects of a conjoint (cregg::amce), in cregg's tidy columns. */
export function registerAmceCommand(program: Command): void {
  conjointOptions(
    program.command('amce').description('AMCEs of a conjoint (cregg::amce), constrained designs with "a * b"; CR2 by default'),
    'chosen ~ regime + capability + behavior * troops',
  )
    .option('--se-type <type>', 'CR2 (default: t tests, Bell–McCaffrey df), cregg (survey::svyglm, z tests, as cregg), CR0, stata')
    .option('--by <column>', 'AMCEs within each group of this column (a respondent subgroup; task or profile side for carryover/order checks)')
    .action(
      cliAction('amce', async (o: ConjointCliOptions & { seType?: string; by?: string }) => {
        const result = amce({ ...conjointInput(o, 'amce'), seType: o.seType as SeType | undefined, by: o.by });
        await writeConjoint('amce', result, o);
      }),
    );
}
