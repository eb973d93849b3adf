// `vlab power --h`: pwr's pwr.2p.test and pwr.2p2n.test from the command line (powerCohenH had been in the analysis
// module since R trial 31, the command line had only power.prop.test). The R values are those of
// tests/analysis/power-cohen-h.test.ts (R 4.2.2, pwr 1.3.0; Rscript tests/analysis/r/power-cohen-h.R):
//   pwr.2p.test(h = 0.3, n = 80)$power                                   0.47510087057263811
//   pwr.2p2n.test(h = 0.3, n1 = 80, n2 = 245)$power                      0.64423455887695313
//   h for n = 200, power 0.8 (pwr.2p.test(n = 200, power = 0.8)$h)       0.28015817870135784
//   n for h = 0.1, power 0.9, greater                                    1712.7694701335954
//   n2 for h = 0.3, n1 = 120, power 0.8 (pwr.2p2n.test)                  319.15240336677516
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { assertCloseToR } from './support.ts';
import { vlabInProcess } from './vlab-in-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'vlab-power-h-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function powerRow(args: string[]): Promise<Record<string, unknown>> {
  const out = join(dir, `${args.join('_').replace(/[^\w.-]/g, '')}.json`);
  const run = await vlabInProcess(['power', ...args, '--format', 'json', '--out', out]);
  assert.equal(run.status, 0, run.stderr);
  const rows = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>[];
  assert.equal(rows.length, 1);
  return rows[0]!;
}

test('vlab power --h: power, h, n and n2 of pwr.2p.test and pwr.2p2n.test, as R', async () => {
  const power = await powerRow(['--h', '0.3', '--n', '80']);
  assert.equal(power.test, 'pwr.2p.test');
  assert.equal(power.n_total, 160);
  assert.equal('n2' in power, false, 'no n2 column for equal groups');
  assertCloseToR(power.power as number, 0.47510087057263811, 'power');
  const unequal = await powerRow(['--h', '0.3', '--n', '80', '--n2', '245']);
  assert.equal(unequal.test, 'pwr.2p2n.test');
  assert.equal(unequal.n_total, 325);
  assertCloseToR(unequal.power as number, 0.64423455887695313, 'power, unequal groups');
  assertCloseToR((await powerRow(['--h', 'solve', '--n', '200', '--power', '0.8'])).h as number, 0.28015817870135784, 'h');
  assertCloseToR((await powerRow(['--h', '0.1', '--power', '0.9', '--alternative', 'greater'])).n_per_group as number, 1712.7694701335954, 'n, greater');
  assertCloseToR((await powerRow(['--h', '0.3', '--n', '120', '--n2', 'solve', '--power', '0.8'])).n2 as number, 319.15240336677516, 'n2');
});

test('vlab power --h: a question with nothing or two things to solve, or another test\'s option, is one line naming what to give', async () => {
  for (const [args, line] of [
    [['--h', '0.3'], 'vlab power: give two of --h, --n and --power, and solve for the third (--h solve, --n2 solve, or leave --n or --power out)'],
    [['--h', 'solve', '--n', '80'], 'vlab power: give two of --h, --n and --power, and solve for the third (--h solve, --n2 solve, or leave --n or --power out)'],
    [['--h', '0.3', '--n', '80', '--sd', '1'], 'vlab power: --h (pwr.2p.test) takes no --sd, --effect, --p1, --p2, --type, --strict, --arms, --contrast or --study (got --sd)'],
    [['--h', '0.3', '--p1', '0.5', '--n', '80'], 'vlab power: --h (pwr.2p.test) takes no --sd, --effect, --p1, --p2, --type, --strict, --arms, --contrast or --study (got --p1)'],
    [['--h', 'abc', '--n', '80'], 'vlab power: --h must be a non-zero number (Cohen\'s h), or solve (got "abc")'],
    [['--h', '0.3', '--n', '0.5'], 'vlab power: --n must be respondents per group (1 or more) (got "0.5")'],
  ] as const) {
    const run = await vlabInProcess(['power', ...args]);
    assert.equal(run.status, 2, args.join(' '));
    assert.equal(run.stderr.trim(), line);
  }
});
