// The replication package's README says how to estimate a conjoint wave's hypotheses from profiles.csv with vlab or
// cregg. It named the flagship's outcome ("chosen ~ …") whatever the study's was, and said the commands "read the file
// as it is": the file holds every complete, the plan's exclusions leave some out, so those commands gave other numbers
// than estimates.csv (walk-through 24: its choice is "granted", its plan keeps attention_pass == 1).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { conjointReadmeLines } from '../../server/domain/plan/replication-readme-conjoint.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { withPlan } from './plan-support.ts';

const flagship = loadDefinitionFiles('survey-definitions').find((d) => d.id === 'alliance-partner-conjoint')!;

test('the README names the study\'s own outcome and the plan\'s exclusions as the condition to keep its rows', () => {
  const text = conjointReadmeLines(flagship).join('\n');
  assert.match(text, /vlab amce --data profiles\.csv --formula 'chosen ~ …' --id participant --subset "attention_pass == 1"/);
  assert.match(text, /cregg::amce\(subset\(d, attention_pass == 1\), chosen ~ …, id = ~participant\)/);
  assert.match(text, /holds every completed participant; the plan keeps those with attention_pass == 1/);
  assert.doesNotMatch(text, /as it is/);

  const design = structuredClone(flagship.design!) as { outcomes: { choice?: unknown; rating: { name: string } } };
  delete design.outcomes.choice;
  const ratingOnly = withPlan({ ...flagship, design: { ...flagship.design!, ...design } as typeof flagship.design }, {
    ...flagship.analysisPlan,
    exclusions: [{ column: 'party', keep: ['democrat', 'independent'], reason: 'a test' }, ...flagship.analysisPlan.exclusions!],
    conjoint: [{ id: 'H1', description: 'AMCEs', estimator: 'amce', outcomes: ['support_aid_cut'], formula: '~ regime + behavior * troops' }],
  });
  const rating = conjointReadmeLines(ratingOnly).join('\n');
  assert.match(rating, /--formula 'support_aid_cut ~ …' --id participant --subset 'party %in% c\("democrat", "independent"\) & attention_pass == 1'/);
  assert.match(rating, /cregg::amce\(subset\(d, party %in% c\("democrat", "independent"\) & attention_pass == 1\), support_aid_cut ~ …/);

  const keepAll = withPlan(flagship, { ...flagship.analysisPlan, exclusions: [] });
  const all = conjointReadmeLines(keepAll).join('\n');
  assert.match(all, /holds the participants the estimates use:\s+`vlab amce --data profiles\.csv --formula 'chosen ~ …' --id participant --codebook codebook\.json` or\s+cregg::amce\(d, chosen ~ …, id = ~participant\)/);
  assert.doesNotMatch(all, /--subset/);
});

test('the README\'s commands take the study\'s reference levels: vlab amce --codebook, cregg on factors in the study\'s order (walk-through 32)', () => {
  // Walk-through 32 ran the README's `vlab amce … --subset "attention_pass == 1"` on profiles.csv: without the
  // codebook its levels were alphabetical, "autocracy" the reference, and every regime AMCE differed from
  // estimates.csv ("Democracy +0.125" against "Autocracy -0.125 (vs. Democracy)").
  const text = conjointReadmeLines(flagship).join('\n');
  assert.match(text, /vlab amce --data profiles\.csv --formula 'chosen ~ …' --id participant --subset "attention_pass == 1" --codebook codebook\.json`/);
  const first = flagship.factors[0]!;
  const levels = first.levels.map((l) => `"${l.code}"`).join(', ');
  assert.ok(text.includes(`d$${first.name} <- factor(d$${first.name}, levels = c(${levels}))`), text);
});
