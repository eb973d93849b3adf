// docs/study-definitions.md's complete small study, as a newcomer copies it from the page: its three files must
// stay a valid study that the plan and the simulation model run on, so the page never drifts from the schema.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { quotaCaps } from '../../server/domain/quota.ts';
import { loadDefinitionFolder } from '../../server/storage/definition-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'vlab-doc-study-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The page's files: each `**`name.json`**` line followed by its json block. */
function pageFiles(): Map<string, string> {
  const page = readFileSync('docs/study-definitions.md', 'utf8');
  return new Map([...page.matchAll(/\*\*`([a-z-]+\.json)`\*\*\n\n```json\n([\s\S]*?)\n```/g)].map((m) => [m[1]!, m[2]!]));
}

function writeStudy(): string {
  const definitions = join(dir, 'survey-definitions');
  mkdirSync(join(definitions, 'school-meals'), { recursive: true });
  for (const [name, text] of pageFiles()) writeFileSync(join(definitions, 'school-meals', name), text);
  return definitions;
}

test('the study on docs/study-definitions.md loads as written: two factors, four cells, a plan, a simulation model and a quota', () => {
  // The quota's two files were named on the page but not shown: a researcher following it alone could not write them.
  assert.deepEqual([...pageFiles().keys()].sort(), ['analysis-plan.json', 'population-margins.json', 'quotas.json', 'simulation.json', 'study.json']);
  const { studies, broken } = loadDefinitionFolder(writeStudy());
  assert.deepEqual(broken, []);
  const [study] = studies;
  assert.equal(study!.id, 'school-meals');
  assert.deepEqual(study!.factors.map((f) => f.levels.length), [2, 2]);
  assert.deepEqual(study!.analysisPlan.hypotheses.map((h) => h.id), ['H1_cost', 'H2_sponsor']);
  assert.deepEqual(study!.quotas?.variables, ['party']);
  assert.deepEqual(Object.keys(study!.populationMargins!.margins), ['party']);
  // The caps the page gives for a target of 300.
  const caps = quotaCaps(study!, 300).map((c) => c.cap).join(', ');
  assert.match(readFileSync('docs/study-definitions.md', 'utf8'), new RegExp(`here ${caps.replace(/, (\d+)$/, ' and $1')} of a target of 300`));
});

test('the page\'s study runs end to end offline: vlab power --study fields it and estimates every hypothesis of its plan', async () => {
  const env = { ...process.env, VLAB_DEFINITIONS: writeStudy(), VLAB_DB: join(dir, 'vlab.sqlite') };
  const args = ['bin/vlab.js', 'power', '--study', 'school-meals', '--n', '200', '--sims', '5', '--seed', '1', '--format', 'csv'];
  const { stdout } = await promisify(execFile)(process.execPath, args, { env, encoding: 'utf8', timeout: 60_000 });
  const terms = stdout.trim().split('\n').slice(1).map((line) => line.split(',').slice(0, 3).join(' '));
  assert.deepEqual(terms, ['H1_cost support costhigh', 'H2_sponsor support republican_sponsor']);
});
