/**
 * The line under `vlab power`'s table when it solved for n: the n to field, rounded up to whole respondents. The
 * table prints n as R does (power.t.test's 393.407, power.prop.test's 1564.67), which a newcomer read as the number
 * to recruit (walk-through 28); ceiling, because fewer respondents than the solved n fall short of the power asked.
 * Table output only: CSV and JSON keep R's figure alone.
 *
 * @example roundedNLine(393.407, 2, 'per arm') // 'to field: 394 respondents per arm (n rounded up), 788 in all'
 */
export function roundedNLine(n: number, groups: number, per: 'per arm' | 'per group' | 'pairs' | 'in the one group'): string {
  const whole = Math.ceil(n - 1e-9);
  const count = (x: number) => x.toLocaleString('en-US');
  if (per === 'pairs') return `to field: ${count(whole)} pairs (n rounded up)`;
  if (per === 'in the one group') return `to field: ${count(whole)} respondents (n rounded up)`;
  return `to field: ${count(whole)} respondents ${per} (n rounded up), ${count(whole * groups)} in all`;
}
