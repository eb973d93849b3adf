import { UsageError } from '../cli-action.ts';

/**
 * A whole number given as an option, checked in the words every verb uses: `--target must be an integer from 1 to
 * 10000000 (got "abc")`, not commander's "option '--target <n>' argument 'abc' is invalid." (walk-through 17).
 * Digits only: "1e3", "12.0" and " 5" are refused, as a count typed so is likely a slip. Undefined (an option with
 * no default, not given) is refused too; a caller whose option may be left out checks that first.
 *
 * @example integerOption('40', '--target', 1, 10_000_000) // 40
 */
export function integerOption(value: string | undefined, option: string, min: number, max: number): number {
  if (value === undefined || !/^[0-9]+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`${option} must be an integer from ${min} to ${max}${value === undefined ? '' : ` (got "${value}")`}`);
  }
  return Number(value);
}
