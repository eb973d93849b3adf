// A simulation model's `respondent` loading does nothing while `respondentSd` is 0, the default (and the value of
// docs/study-definitions.md's example): walk-through 32 copied respondentSd 0 from that page and a loading of 1 from
// designs.md, and walk-through 33 wrote "respondent": 0.5 beside "respondentSd": 0, each believing its outcomes
// correlated. Refusing it would break a study whose model loads today (a broken study takes no wave), so `vlab study
// list` says it under the table, and --json under the study's "notes".
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { unusedRespondentLoadings } from '../../server/domain/simulation/unused-loadings.ts';
import { parseStudyDefinition } from '../../server/domain/study-definition.ts';
import { vlabInProcess } from '../analysis/vlab-in-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'vlab-loading-note-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** bus-line-funding's files with `edit` applied to its simulation model, in a definitions folder of its own. */
function busWith(edit: (model: Record<string, any>) => void, folder: string): string {
  const defs = join(dir, folder);
  cpSync('survey-definitions/bus-line-funding', join(defs, 'bus-line-funding'), { recursive: true });
  const file = join(defs, 'bus-line-funding', 'simulation.json');
  const model = JSON.parse(readFileSync(file, 'utf8'));
  edit(model);
  writeFileSync(file, JSON.stringify(model, null, 2));
  return defs;
}

const NOTE =
  'note: bus-line-funding: simulation.json: outcomes.support_line.respondent (0.5) does nothing while respondentSd is 0 (the default): ' +
  'set "respondentSd" (the sd of the respondent\'s shared component, e.g. 1) for the outcomes that load on it to share it, or leave "respondent" out';

test('vlab study list notes a respondent loading that respondentSd 0 makes do nothing; none once respondentSd is set', async () => {
  const defs = busWith((m) => {
    m.respondentSd = 0;
    m.outcomes.support_line.respondent = 0.5;
  }, 'zero');
  const run = await vlabInProcess(['study', 'list', '--db', join(dir, 'zero.sqlite')], { VLAB_DEFINITIONS: defs });
  assert.equal(run.status, 0, run.stderr);
  assert.ok(run.stdout.endsWith(`\n${NOTE}\n`), run.stdout);
  const json = await vlabInProcess(['study', 'list', '--json', '--db', join(dir, 'zero.sqlite')], { VLAB_DEFINITIONS: defs });
  assert.deepEqual(JSON.parse(json.stdout)[0].notes, [NOTE.slice('note: bus-line-funding: '.length)]);

  const set = busWith((m) => {
    m.respondentSd = 1;
    m.outcomes.support_line.respondent = 0.5;
  }, 'set');
  const fine = await vlabInProcess(['study', 'list', '--db', join(dir, 'set.sqlite')], { VLAB_DEFINITIONS: set });
  assert.doesNotMatch(fine.stdout, /note:/);
});

test('a conjoint rating\'s loading is named too', () => {
  const conjoint = JSON.parse(readFileSync('survey-definitions/alliance-partner-conjoint/study.json', 'utf8'));
  conjoint.analysisPlan = JSON.parse(readFileSync('survey-definitions/alliance-partner-conjoint/analysis-plan.json', 'utf8'));
  conjoint.simulation = JSON.parse(readFileSync('survey-definitions/alliance-partner-conjoint/simulation.json', 'utf8'));
  conjoint.simulation.respondentSd = 0;
  conjoint.simulation.conjoint.rating.respondent = 1;
  assert.deepEqual(unusedRespondentLoadings(parseStudyDefinition(conjoint, 'study.json')), [
    'simulation.json: conjoint.rating.respondent (1) does nothing while respondentSd is 0 (the default): set "respondentSd" (the sd of the respondent\'s shared component, e.g. 1) for the outcomes that load on it to share it, or leave "respondent" out',
  ]);
});
