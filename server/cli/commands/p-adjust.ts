import { standardOutput } from '../standard-output.ts';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { P_ADJUST_METHODS, pAdjust, pAdjustMethod, pAdjustMethodProblem } from '../../../analysis/index.ts';
import { cliAction, UsageError } from '../cli-action.ts';
import { parseNumber } from './analysis-io.ts';

/** `vlab p-adjust`: p-values one per line on stdin, adjusted in the same order (R p.adjust). */
export function registerPAdjustCommand(program: Command): void {
  program
    .command('p-adjust')
    .description('adjust p-values read one per line from stdin (R p.adjust); prints them in the same order')
    .requiredOption('--method <method>', `${P_ADJUST_METHODS.join(', ')} (or a unique abbreviation, as R: bonf)`)
    .option('--n <n>', "the number of tests in the family, at least the p-values given (R's n); default: the p-values given, NA not counted")
    .action(
      cliAction('p-adjust', (o: { method: string; n?: string }) => {
        const problem = pAdjustMethodProblem(o.method);
        if (problem) throw new UsageError(problem);
        const method = pAdjustMethod(o.method);
        const n = parseNumber(o.n, '--n', (x) => Number.isInteger(x) && x >= 1, 'a whole number of tests, at least 1');
        process.stderr.write(stdinPrompt(process.stdin.isTTY === true, o.method));
        const lines = readFileSync(0, 'utf8').split(/\r?\n/);
        if (lines.at(-1) === '') lines.pop();
        const p = lines.map((line, i) => {
          const text = line.trim();
          if (text === 'NA' || text === '') return null;
          // R's NaN, which p.adjust keeps (and prints) as NaN.
          if (text === 'NaN') return NaN;
          const x = Number(text);
          if (!Number.isFinite(x) || x < 0 || x > 1) throw new UsageError(`line ${i + 1}: "${line}" is not a p-value between 0 and 1`);
          return x;
        });
        const adjusted = pAdjust(p, method, n);
        standardOutput().write(adjusted.map((x) => (x === null ? 'NA' : String(x))).join('\n') + (adjusted.length ? '\n' : ''));
      }),
    );
}

/** What p-adjust says before reading a terminal (nothing for a pipe or a file): else it seems to hang. */
export function stdinPrompt(terminal: boolean, method: string): string {
  return terminal ? `vlab p-adjust: type the p-values, one per line, then Ctrl-D (or give a file: vlab p-adjust --method ${method} < pvalues.txt)\n` : '';
}
