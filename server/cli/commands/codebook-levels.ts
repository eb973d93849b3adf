import { UsageError } from '../cli-action.ts';

/**
 * Factor levels in their declared order from a wave's codebook (`vlab export --format codebook`), as `--levels`
 * takes them: every categorical column whose levels are strings (design factors, choice questions with text
 * values). Numeric choices stay numbers, as in the CSV.
 *
 * @example levelsFromCodebook({ columns: [{ name: 'regime', type: 'categorical', levels: [{ value: 'democracy' }, { value: 'autocracy' }] }] }, 'cb.json')
 * // { regime: ['democracy', 'autocracy'] }
 */
export function levelsFromCodebook(codebook: unknown, path: string): Record<string, string[]> {
  const columns = (codebook as { columns?: unknown }).columns;
  if (!Array.isArray(columns)) throw new UsageError(`codebook ${path} has no "columns" list (write one with vlab export --format codebook)`);
  const levels: Record<string, string[]> = {};
  for (const column of columns as { name?: unknown; type?: unknown; levels?: { value?: unknown }[] }[]) {
    const values = column.levels?.map((level) => level.value);
    if (column.type === 'categorical' && typeof column.name === 'string' && values?.length && values.every((v) => typeof v === 'string')) {
      levels[column.name] = values as string[];
    }
  }
  return levels;
}
