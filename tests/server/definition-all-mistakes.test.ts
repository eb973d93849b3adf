// `vlab study list` names every mistake of a study at once (README): walk-through 33 misspelt the plan's estimator
// ("lm_robst") and a template's placeholder ("{responce}") in one edit, and the list named the plan's mistake alone;
// the placeholder came up only once the plan was fixed. A section's own mistakes (the plan's, the simulation's) stop
// the checks that compare it with study.json, not study.json's checks of itself.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadDefinitionFolder } from '../../server/storage/definition-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'vlab-all-mistakes-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function edit(file: string, change: (json: Record<string, any>) => void): void {
  const json = JSON.parse(readFileSync(file, 'utf8'));
  change(json);
  writeFileSync(file, JSON.stringify(json, null, 2));
}

test('a mistake in the plan and one in study.json are named together', () => {
  const defs = join(dir, 'defs');
  cpSync('survey-definitions/bus-line-funding', join(defs, 'bus-line-funding'), { recursive: true });
  const study = join(defs, 'bus-line-funding', 'study.json');
  const plan = join(defs, 'bus-line-funding', 'analysis-plan.json');
  edit(plan, (p) => {
    p.hypotheses[0].estimator = 'lm_robst';
  });
  edit(study, (s) => {
    s.vignette.template[0].en = s.vignette.template[0].en.replace('{funding}', '{fundng}');
  });
  const { broken } = loadDefinitionFolder(defs);
  assert.equal(broken.length, 1);
  const lines = broken[0]!.message.split('\n');
  assert.ok(lines.some((l) => l.includes('analysis-plan.json') && l.includes('hypotheses[0].estimator')), broken[0]!.message);
  assert.ok(lines.some((l) => l.includes('study.json') && l.includes('unknown factor "{fundng}" (did you mean "{funding}"?)')), broken[0]!.message);
});

test('a misspelt estimator is named with what the file has and the closest estimator', () => {
  const defs = join(dir, 'estimator');
  cpSync('survey-definitions/bus-line-funding', join(defs, 'bus-line-funding'), { recursive: true });
  edit(join(defs, 'bus-line-funding', 'analysis-plan.json'), (p) => {
    p.hypotheses[0].estimator = 'lm_robst';
    p.hypotheses[1].estimator = 'ols';
  });
  const lines = loadDefinitionFolder(defs).broken[0]!.message.split('\n');
  assert.match(lines[0]!, /analysis-plan\.json:\d+:\d+: hypotheses\[0\]\.estimator: estimator must be one of difference_in_means, lm_robust, got "lm_robst" \(did you mean "lm_robust"\?\)$/);
  assert.match(lines[1]!, /hypotheses\[1\]\.estimator: estimator must be one of difference_in_means, lm_robust, got "ols"$/);
});
