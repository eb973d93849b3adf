// Walk-through 34: a 3-arm vignette with its control weighted 2 and no restriction got a codebook saying "Permuted
// blocks over the 3 allowed cells (restrictions removed the others)… exactly (4/4)·w times": no restriction had
// removed anything, and (4/4) is 1. The words now say what the design has.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assignmentScheme } from '../../server/domain/export/assignment-scheme.ts';
import { parseStudyDefinition } from '../../server/domain/study-definition.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';

const busLine = loadDefinitionFiles('survey-definitions').find((d) => d.id === 'bus-line-funding')!;

/** bus-line-funding (funding × backer, 4 cells) with its first factor's first level weighted 2, and `restrictions`. */
function weighted(restrictions?: unknown) {
  const raw = structuredClone(busLine) as unknown as { factors: { levels: { weight?: number }[] }[]; restrictions?: unknown };
  raw.factors[0]!.levels[0]!.weight = 2;
  if (restrictions) raw.restrictions = restrictions;
  return parseStudyDefinition(raw, 'test');
}

test('a weighted design without restrictions is said to draw over all its cells, each w times a block', () => {
  const scheme = assignmentScheme(weighted(), 's', 4);
  assert.doesNotMatch(String(scheme.description), /restrictions removed/);
  assert.match(String(scheme.description), /^Permuted blocks over all 4 cells, each cell repeated by its multiplicity w .*L = 6 in all\): every block of 6 respondents shows each cell exactly w times \(/);
});

test('a restricted design still says how many cells its restrictions removed', () => {
  const rule = [{ if: { funding: 'sales_tax' }, then: { backer: ['neighbors'] } }];
  const scheme = assignmentScheme(weighted(rule), 's', 4);
  assert.match(String(scheme.description), /^Permuted blocks over the 3 allowed cells \(restrictions removed 1 of the 4\), each cell repeated .*L = 4 in all\): every block of 4 respondents shows each allowed cell exactly w times \(/);
});
