// Task 42: a stacked item's label came from its code alone ("Measure: Economic sanctions (vs. Public criticism)");
// a plan's stack may give short labels (stack.labels), which the tables and cards use. Codes stay the default.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stackedOutcomeLabel, termLabeler } from '../../server/domain/plan/term-labels.ts';
import { DefinitionError } from '../../server/domain/study-definition.ts';
import { alliance, MEASURES, withPlan } from './plan-support.ts';

const h1 = (labels?: object) => ({
  id: 'H1', description: 'd', estimator: 'lm_robust', outcomes: ['support'], formula: '~ measure', seType: 'CR2',
  stack: { items: MEASURES, itemColumn: 'measure', valueColumn: 'support', ...(labels ? { labels } : {}) },
});

test('stack.labels names items in the tables and cards; an item without one keeps its code spelled out', () => {
  const def = withPlan(alliance, { hypotheses: [h1({ economic_sanctions: 'Sanctions', do_nothing: 'Nothing' })] });
  const label = termLabeler(def, def.analysisPlan.hypotheses[0]!);
  assert.equal(label('measureeconomic_sanctions'), 'Measure: Sanctions (vs. Nothing)');
  assert.equal(label('measurepublic_criticism'), 'Measure: Public criticism (vs. Nothing)');
  const plain = withPlan(alliance, { hypotheses: [h1()] });
  assert.equal(termLabeler(plain, plain.analysisPlan.hypotheses[0]!)('measureeconomic_sanctions'), 'Measure: Economic sanctions (vs. Do nothing)');
});

test('a label of no item, or an empty one, is refused in words', () => {
  const refusal = (labels: object) => {
    try {
      withPlan(alliance, { hypotheses: [h1(labels)] });
    } catch (error) {
      assert.ok(error instanceof DefinitionError);
      return error.message;
    }
    return 'accepted';
  };
  assert.match(refusal({ sanctions: 'Sanctions' }), /analysisPlan\.hypotheses\[0\]\.stack\.labels\.sanctions: labels an item that stack\.items does not hold \(items: do_nothing, public_criticism/);
  assert.match(refusal({ economic_sanctions: ' ' }), /stack\.labels\.economic_sanctions/);
});

// Walk-through 34: a term taken where the stacked item is at its reference ("· when Measure: …") and the stacked
// outcome's words named the items by their codes or questions only, not by the plan's short labels the rows use.
test('stack.labels name the item held at its reference and tie each short label to its question', () => {
  const def = withPlan(alliance, { hypotheses: [{ ...h1({ do_nothing: 'Nothing' }), formula: '~ measure * party' }] });
  const h = def.analysisPlan.hypotheses[0]!;
  assert.match(termLabeler(def, h)('partyrepublican'), /· when Measure: Nothing$/);
  const words = stackedOutcomeLabel(def, h.stack!);
  assert.match(words, /^the answers to 5 questions, stacked a row each \(Measure names the question\): Nothing = "[^"]+", "[^"]+"/);
});

// Walk-through 34: a subset on the stack's item column (to keep one item's rows) was refused as an `unknown column
// "item"` of the study, which the stack itself names; the refusal now says what the column is and what to write.
test('a subset on the stack item column says to list the items kept in stack.items', () => {
  try {
    withPlan(alliance, { hypotheses: [{ ...h1(), subset: [{ column: 'measure', in: ['do_nothing', 'economic_sanctions'] }] }] });
    assert.fail('accepted');
  } catch (error) {
    assert.ok(error instanceof DefinitionError);
    assert.match(error.message, /hypotheses\[0\]\.subset\[0\]\.column: "measure" is the stack's itemColumn, made by stacking, no column of the data: keep some items by listing only them in stack\.items/);
  }
});
