// The export's panel columns in the codebook (server/domain/export/wave-columns.ts): `RID` and `rid` both stand in
// the CSV, and a newcomer could not tell what the second was (walk-through 27).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waveColumns } from '../../server/domain/export/wave-columns.ts';
import { alliance } from './plan-support.ts';

test('the codebook says what RID and rid hold: one Lucid-style ID, under the spelling the link gave it', () => {
  const label = (name: string) => waveColumns(alliance).find((c) => c.name === name)?.label;
  assert.match(label('RID')!, /^Lucid-style respondent ID, as the link's RID \(in any capitals but rid\)/);
  assert.match(label('rid')!, /^Lucid-style respondent ID, as a link that writes it in lower case \(\?rid=\) gave it/);
  assert.match(label('rid')!, /panel_id holds the ID whichever of the two carried it/);
  assert.equal(label('workerId'), "MTurk worker ID, as the link's workerId gave it");
});
