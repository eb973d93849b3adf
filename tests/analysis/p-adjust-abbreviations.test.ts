// p.adjust's method names as R's match.arg reads them (the sixteenth R trial): a unique abbreviation is the method
// it abbreviates, an ambiguous one or a wrong case is refused — by pAdjust, `vlab p-adjust --method` and a plan's
// adjust.method alike. Before, vlab refused every abbreviation ("did you mean "bonferroni"?").
// R 4.2.2 (the outputs below):
//   p.adjust(c(0.01, 0.04, 0.03), "bonf")  # 0.03 0.12 0.09
//   p.adjust(c(0.01, 0.04, 0.03), "hoc")   # 0.03 0.04 0.04     (hochberg)
//   p.adjust(c(0.01, 0.04, 0.03), "hom")   # 0.03 0.04 0.04     (hommel)
//   p.adjust(c(0.01, 0.04, 0.03), "hol")   # 0.03 0.06 0.06     (holm)
//   p.adjust(c(0.01, 0.04, 0.03), "f")     # 0.03 0.04 0.04     (fdr)
//   p.adjust(c(0.01, 0.04, 0.03), "BY")    # exact: 0.055 0.0733… 0.0733…
//   p.adjust(c(0.01, 0.04, 0.03), "n")     # none
//   p.adjust(c(0.01, 0.04), "B"); "ho"; "h"; ""; "bh"; "bonferonni"
//     # Error in match.arg(method): 'arg' should be one of "holm", "hochberg", "hommel", "bonferroni", "BH", "BY", "fdr", "none"
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { pAdjust, pAdjustMethod } from '../../analysis/index.ts';
import { DefinitionError } from '../../server/domain/study-definition.ts';
import { alliance, withPlan } from '../server/plan-support.ts';

const P = [0.01, 0.04, 0.03];

test('a unique abbreviation is the method it abbreviates, as R match.arg', () => {
  assert.deepEqual(pAdjust(P, 'bonf'), [0.03, 0.12, 0.09]);
  for (const [abbreviation, method] of [['bonf', 'bonferroni'], ['b', 'bonferroni'], ['hoc', 'hochberg'], ['hom', 'hommel'], ['hol', 'holm'], ['f', 'fdr'], ['n', 'none'], ['BY', 'BY'], ['BH', 'BH']] as const) {
    assert.equal(pAdjustMethod(abbreviation), method, abbreviation);
    assert.deepEqual(pAdjust(P, abbreviation), pAdjust(P, method), abbreviation);
  }
});

test('an abbreviation of several methods, the empty name and another case are refused, as R refuses them', () => {
  assert.throws(() => pAdjust(P, 'B'), { message: 'pAdjust: method "B" abbreviates BH, BY: R\'s p.adjust refuses it too; write more of the name (valid: holm, hochberg, hommel, bonferroni, BH, BY, fdr, none)' });
  assert.throws(() => pAdjust(P, 'ho'), /method "ho" abbreviates holm, hochberg, hommel/);
  assert.throws(() => pAdjust(P, 'h'), /method "h" abbreviates holm, hochberg, hommel/);
  assert.throws(() => pAdjust(P, ''), /unknown method ""/);
  assert.throws(() => pAdjust(P, 'bh'), /unknown method "bh" \(did you mean "BH"\?/);
  assert.throws(() => pAdjust(P, 'bonferonni'), /unknown method "bonferonni" \(did you mean "bonferroni"\?/);
});

test('vlab p-adjust --method takes the same names', () => {
  const vlab = (method: string) => spawnSync(process.execPath, ['bin/vlab.js', 'p-adjust', '--method', method], { input: '0.01\n0.04\n0.03\n', encoding: 'utf8' });
  const bonf = vlab('bonf');
  assert.equal(bonf.status, 0, bonf.stderr);
  assert.equal(bonf.stdout, '0.03\n0.12\n0.09\n');
  const ambiguous = vlab('B');
  assert.equal(ambiguous.status, 2);
  assert.match(ambiguous.stderr, /^vlab p-adjust: method "B" abbreviates BH, BY/);
});

test("a plan's adjust.method takes the same names and is read as the full name", () => {
  const h = (method: string) => ({
    id: 'H2', description: 'violation lowers favourability', estimator: 'difference_in_means', outcomes: ['alliance_favorability'],
    treatment: { factor: 'behavior', control: ['control'], term: 'violated' }, adjust: { method },
  });
  const def = withPlan(alliance, { hypotheses: [h('bonf')] });
  assert.equal(def.analysisPlan.hypotheses[0].adjust?.method, 'bonferroni');
  assert.throws(() => withPlan(alliance, { hypotheses: [h('B')] }), (error: unknown) => error instanceof DefinitionError && /adjust\.method: method "B" abbreviates BH, BY/.test(error.message));
});
