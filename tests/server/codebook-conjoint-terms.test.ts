// The codebook's `terms` (docs/api.md: each hypothesis' model terms as the estimates name them, with their labels in
// the study's words) was `{}` for a conjoint study: walk-through 32 read `regimeautocracy:partydemocrat` in
// estimates.csv and found no word of it in codebook.json, though the estimates API's plan route lists them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCodebook } from '../../server/domain/export/codebook.ts';
import { waveColumns } from '../../server/domain/export/wave-columns.ts';
import type { Wave } from '../../server/domain/wave.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';

const conjoint = loadDefinitionFiles('survey-definitions').find((d) => d.id === 'alliance-partner-conjoint')!;
const wave = { id: 'w', status: 'open', target: 10, seed: 's', createdAt: '2026-12-07T00:00:00Z', locale: 'en' } as unknown as Wave;

test("a conjoint codebook's terms are its plan's AMCE and marginal-mean terms, labelled as the estimates route labels them", () => {
  const book = buildCodebook({ def: conjoint, wave, study: { key: conjoint.id, version: conjoint.version, contentHash: 'x' }, columns: waveColumns(conjoint) });
  assert.deepEqual(Object.keys(book.terms), (conjoint.analysisPlan.conjoint ?? []).map((h) => h.id));
  assert.ok(book.terms.H1!.some((t) => t.term === 'regimeautocracy' && t.label === 'Regime type of the partner: Autocracy (vs. Democracy)'), JSON.stringify(book.terms.H1));
  assert.ok(book.terms.H2!.some((t) => t.term === 'regimedemocracy:partydemocrat' && t.label === 'Regime type of the partner: Democracy · Party: Democrat'), JSON.stringify(book.terms.H2));
});
