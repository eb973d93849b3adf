import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { allCells, designOf } from '../../server/domain/design.ts';
import { buildParticipantSurvey } from '../../server/domain/participant-survey.ts';
import { createConditionReader } from '../../server/domain/simulation/condition.ts';
import type { StudyDefinition } from '../../server/domain/study-definition.ts';
import { fillParagraph, renderVignette } from '../../server/domain/vignette.ts';
import { loadDefinitionFolder } from '../../server/storage/definition-files.ts';

// A vignette level whose text is empty leaves its sentence out ("costs not mentioned" against "costs mentioned"):
// researcher walk-through 29 could not write such a control at all (`text: needs at least 1 character, has 0`).

const dir = mkdtempSync(join(tmpdir(), 'vlab-empty-level-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The shipped definitions copied, `study`'s study.json changed by `change`; the folder's studies and broken ones. */
function loadChanged(name: string, study: string, change: (json: Record<string, any>) => void) {
  const defs = join(dir, name);
  cpSync('survey-definitions', defs, { recursive: true });
  const file = join(defs, study, 'study.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  change(json);
  writeFileSync(file, JSON.stringify(json, null, 2));
  const loaded = loadDefinitionFolder(defs);
  return { def: loaded.studies.find((s) => s.id === study), broken: loaded.broken.filter((b) => b.id === study) };
}

const levelOf = (json: Record<string, any>, factor: string, code: string) =>
  json.factors.find((f: { name: string }) => f.name === factor).levels.find((l: { code: string }) => l.code === code);

test('an empty text fills its placeholder with nothing, and takes one space with it', () => {
  const fill = (template: string, texts: Record<string, string>) => fillParagraph(template, (name) => texts[name]!);
  assert.equal(fill('{a} {b}', { a: 'A.', b: '' }), 'A.');
  assert.equal(fill('{a} {b}', { a: '', b: 'B.' }), 'B.');
  assert.equal(fill('{a} {b}', { a: '', b: '' }), '');
  assert.equal(fill('Before. {a} After.', { a: '' }), 'Before. After.');
  assert.equal(fill('Before.  {a}  After.', { a: '' }), 'Before. After.');
  assert.equal(fill('x {a}{b} y', { a: '', b: '' }), 'x y');
  assert.equal(fill('x {a} {b} y', { a: '', b: 'B' }), 'x B y');
  assert.equal(fill('Start {a}', { a: '' }), 'Start');
  // Nothing changes where no text is empty, whatever the spaces (the shipped studies' vignettes are unchanged).
  assert.equal(fill('x  {a} {b}', { a: 'A', b: 'B' }), 'x  A B');
});

test('a study whose level says nothing loads, and its vignette leaves that sentence (and a paragraph it alone fills) out', () => {
  const { def, broken } = loadChanged('one-empty', 'protege-bargaining', (json) => {
    levelOf(json, 'outside_option', 'no_rival').text = '';
    levelOf(json, 'strategy', 'cooperate').text = '';
  });
  assert.deepEqual(broken, []);
  const cell = { strategy: 'cooperate', outside_option: 'no_rival', regime: 'democracy' };
  assert.deepEqual(renderVignette(def!, cell), [
    'The United States is the main security partner of a smaller country we will call Country B. Country B is a democracy, whose leaders are chosen in free and fair elections.',
    "Country B's government wants the United States to give it more military support.",
  ]);
  const shown = renderVignette(def!, { ...cell, strategy: 'evict_troops', outside_option: 'rival_courting' });
  assert.equal(shown.length, 3);
});

test('the simulated respondent reads every cell back, also where a sentence or a whole paragraph is left out', () => {
  const { def } = loadChanged('round-trip', 'protege-bargaining', (json) => {
    levelOf(json, 'outside_option', 'no_rival').text = '';
    levelOf(json, 'strategy', 'cooperate').text = '';
  });
  roundTrip(def!);
  const bilingual = loadChanged('round-trip-es', 'bus-line-funding', (json) => {
    levelOf(json, 'backer', 'neighbors').text = { en: '', es: '' };
    levelOf(json, 'funding', 'sales_tax').text = { en: '', es: 'La línea se pagaría subiendo el impuesto local.' };
  });
  assert.deepEqual(bilingual.broken, []);
  roundTrip(bilingual.def!, 'es');
  roundTrip(bilingual.def!, 'en');
});

function roundTrip(def: StudyDefinition, locale?: string): void {
  const read = createConditionReader(def);
  for (const cell of allCells(designOf(def))) {
    const survey = JSON.parse(JSON.stringify(buildParticipantSurvey(def, cell, locale)));
    assert.deepEqual(read(survey), cell, `${def.id} ${locale ?? ''} ${JSON.stringify(cell)}`);
  }
}

test('two levels of one factor cannot both say nothing, and a conjoint cell cannot be empty', () => {
  const both = loadChanged('two-empty', 'protege-bargaining', (json) => {
    levelOf(json, 'outside_option', 'no_rival').text = '';
    levelOf(json, 'outside_option', 'rival_courting').text = ' ';
  });
  assert.equal(both.broken.length, 1);
  assert.match(both.broken[0]!.message, /factors\[1\]\.levels\[1\]\.text: levels "no_rival" and "rival_courting" both leave their sentence out: respondents could not tell them apart/);
  const conjoint = loadChanged('conjoint-empty', 'alliance-partner-conjoint', (json) => {
    json.factors[0].levels[0].text = '';
  });
  assert.equal(conjoint.broken.length, 1);
  assert.match(conjoint.broken[0]!.message, /factors\[0\]\.levels\[0\]\.text: a conjoint's level is a cell of the profiles' table: it needs a text/);
  // Every level that can say nothing saying it would leave the vignette page with nothing to read.
  const bus = loadChanged('nothing-left', 'bus-line-funding', (json) => {
    json.vignette.template = [{ en: '{funding}', es: '{funding}' }, { en: '{backer}', es: '{backer}' }];
    levelOf(json, 'backer', 'neighbors').text = { en: '', es: '' };
    levelOf(json, 'funding', 'sales_tax').text = { en: 'A tax.', es: '' };
  });
  assert.equal(bus.broken.length, 1);
  assert.match(bus.broken[0]!.message, /vignette\.template: with funding "sales_tax", backer "neighbors" the vignette has no text at all \(es\): give one of these levels a text, or the template a sentence of its own/);
});
