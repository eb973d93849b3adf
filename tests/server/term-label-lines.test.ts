import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { labelPhrases, termLabelLines } from '../../server/domain/plan/term-label-lines.ts';

// `vlab estimates --format table` wrapped a long label at any space, so a line ended mid-phrase ("… (vs." over
// "Cooperates (control)) × Capability: …") and the dashboard's coefficient plot did the same on its y axis
// (newcomer walk-through 15). Lines now break between the label's groups, as the dashboard's cards do.
test('a term label breaks between its groups: "Factor: Level", "(vs. Reference)", "× …", "· …"', () => {
  const label = 'Behavior: Evicts US troops from its territory (vs. Cooperates (control)) × Capability: Weak (vs. Strong)';
  assert.deepEqual(termLabelLines(label, 48), [
    'Behavior: Evicts US troops from its territory',
    '(vs. Cooperates (control))',
    '× Capability: Weak (vs. Strong)',
  ]);
  assert.deepEqual(termLabelLines('Regime: Autocracy (vs. Democracy)', 48), ['Regime: Autocracy (vs. Democracy)']);
  assert.deepEqual(termLabelLines('Regime: Autocracy (vs. Democracy)', 20), ['Regime: Autocracy', '(vs. Democracy)']);
  assert.deepEqual(termLabelLines('Trade: High (vs. Low) · Party: Independent or other', 30), ['Trade: High (vs. Low)', '· Party: Independent or other']);
});

test('a phrase longer than the line breaks after the variable\'s name, then at spaces; a word longer than the line keeps a line of its own', () => {
  assert.deepEqual(termLabelLines('Measure: Suspend all military support for the ally (vs. Public criticism)', 24), [
    'Measure:',
    'Suspend all military',
    'support for the ally',
    '(vs. Public criticism)',
  ]);
  // On a phone's plot (24 characters): the variable's name, then its level, then the reference.
  assert.deepEqual(termLabelLines('Bargaining behaviour of the partner: Evicts US troops (vs. Cooperates)', 24), [
    'Bargaining behaviour of',
    'the partner:',
    'Evicts US troops',
    '(vs. Cooperates)',
  ]);
  assert.deepEqual(termLabelLines('Supercalifragilistic_term', 10), ['Supercalifragilistic_term']);
  assert.deepEqual(termLabelLines('Age', 10), ['Age']);
});

test('labelPhrases: a label\'s phrases and their halves, the pieces the dashboard\'s table cells keep whole (research16)', () => {
  assert.deepEqual(labelPhrases('Regime: Autocracy (vs. Democracy) × Party: Republican (vs. Democrat)'), [
    'Regime: Autocracy', '(vs. Democracy)', '× Party: Republican', '(vs. Democrat)',
  ]);
  assert.deepEqual(labelPhrases('Regime type of the partner: Autocracy · Party: Republican'), ['Regime type of the partner: Autocracy', '· Party: Republican']);
  assert.deepEqual(labelPhrases('Intercept'), ['Intercept']);
  // One pattern for both: the CLI table and plot (termLabelLines) and the dashboard's cells (termLabel) cannot drift.
  const dom = readFileSync('public/src/dashboard-dom.ts', 'utf8');
  assert.match(dom, /import \{[^}]*\blabelPhrases\b[^}]*\} from '..\/..\/server\/domain\/plan\/term-label-lines.ts'/);
  assert.doesNotMatch(dom, /\\\(vs\\\./, 'no pattern of its own for "(vs. "');
});
