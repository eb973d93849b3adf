import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { allCells, designOf } from '../../server/domain/design.ts';
import { buildParticipantSurvey, participantSurveyPageCount } from '../../server/domain/participant-survey.ts';
import { allElements, DefinitionError, vignetteOf, type StudyDefinition } from '../../server/domain/study-definition.ts';
import { renderVignette } from '../../server/domain/vignette.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { referenceText } from '../analysis/support.ts';

const definitions = loadDefinitionFiles('survey-definitions');
const byId = (id: string) => definitions.find((d) => d.id === id)!;

test('the shipped studies load and validate: the flagships, the bilingual test study and the examples of other designs', () => {
  assert.deepEqual(definitions.map((d) => d.id).sort(), [
    'alliance-corrective-measures', 'alliance-partner-conjoint', 'bus-line-funding', 'protege-bargaining', 'protege-bargaining-repeated',
  ]);
});

test('alliance: factors, level codes and reference levels exactly as the analysis expects', () => {
  const design = designOf(byId('alliance-corrective-measures'));
  assert.deepEqual(design.factors, [
    { name: 'regime', levels: ['democracy', 'autocracy'] },
    { name: 'capability', levels: ['strong', 'weak'] },
    { name: 'treaty', levels: ['treaty', 'no_treaty'] },
    {
      name: 'behavior',
      levels: ['control', 'public_criticism', 'skip_exercises', 'delay_cooperation', 'evict_troops', 'threaten_exit'],
    },
  ]);
  assert.equal(design.nCells, 48);
});

test('both flagships offer five gender answers, "prefer not to say" among them; the three without a census share are listed apart', () => {
  for (const id of ['alliance-corrective-measures', 'protege-bargaining']) {
    const def = byId(id);
    const gender = allElements(def).find((e) => e.name === 'gender')!;
    const codes = 'choices' in gender && Array.isArray(gender.choices) ? gender.choices.map((c) => (typeof c === 'object' ? c.value : c)) : [];
    assert.deepEqual(codes, ['female', 'male', 'nonbinary', 'another', 'prefer_not_to_say'], id);
    assert.deepEqual(def.populationMargins?.margins.gender, { female: 0.51, male: 0.49 }, id);
    assert.deepEqual(def.populationMargins?.noPopulationShare, { gender: ['nonbinary', 'another', 'prefer_not_to_say'] }, id);
    assert.ok(def.version >= 2, `${id}: new answers for respondents need a new version`);
  }
});

test('alliance: question names and choices match the columns of the reference data set', () => {
  const def = byId('alliance-corrective-measures');
  const header = referenceText('alliance.csv').split('\n')[0]!.replace(/"/g, '').split(',');
  const questions = new Map(allElements(def).filter((e) => e.type !== 'html').map((e) => [e.name, e]));
  const factors = new Set(def.factors.map((f) => f.name));
  for (const column of header) {
    if (column === 'respondent_id' || column === 'violated') continue; // an id, and a column analysis derives
    if (column === def.attentionCheck?.derivedColumn) continue;
    assert.ok(questions.has(column) || factors.has(column), `no question or factor for column "${column}"`);
  }
  const codes = (name: string) => {
    const e = questions.get(name)!;
    return 'choices' in e && Array.isArray(e.choices) ? e.choices.map((c) => (typeof c === 'object' ? c.value : c)) : [];
  };
  assert.deepEqual(codes('age_group'), ['18-29', '30-44', '45-64', '65+']);
  // More than the reference data's two answers: the data holds a subset (population-margins.json: noPopulationShare).
  assert.deepEqual(codes('gender'), ['female', 'male', 'nonbinary', 'another', 'prefer_not_to_say']);
  assert.deepEqual(codes('education'), ['no_college', 'college']);
  assert.deepEqual(codes('region'), ['northeast', 'midwest', 'south', 'west']);
  assert.deepEqual(codes('party'), ['democrat', 'independent', 'republican']);
  assert.deepEqual(codes('manipulation_check_regime'), ['democracy', 'autocracy']);
  for (const outcome of ['do_nothing', 'public_criticism', 'economic_sanctions', 'reduce_military_aid', 'suspend_military_support', 'alliance_favorability', 'contribution']) {
    assert.deepEqual(codes(outcome), [1, 2, 3, 4, 5], outcome);
  }
  assert.equal(def.attentionCheck?.derivedColumn, 'attention_pass');
});

test('protégé bargaining: six strategies × outside option × regime', () => {
  const design = designOf(byId('protege-bargaining'));
  assert.deepEqual(design.factors.map((f) => [f.name, f.levels.length]), [['strategy', 6], ['outside_option', 2], ['regime', 2]]);
  const outcomes = byId('protege-bargaining').pages.outcomes.flatMap((p) => p.elements.map((e) => e.name));
  assert.deepEqual(outcomes, ['support_concede', 'support_punish', 'support_let_leave']);
});

/** Words that appear in respondent-facing texts on purpose; a code or factor name that is not one of them must not leak. */
function naturalWords(def: StudyDefinition): Set<string> {
  const texts = [...vignetteOf(def).template, ...def.factors.flatMap((f) => f.levels.map((l) => l.text))];
  return new Set(texts.join(' ').replace(/\{[a-z_]+\}/g, ' ').toLowerCase().match(/[a-z_+-]+/g));
}

for (const def of definitions.filter((d) => d.vignette)) {
  test(`${def.id}: every cell's vignette reads naturally and shows no codes`, () => {
    const design = designOf(def);
    const allowed = naturalWords(def);
    const forbidden = [...def.factors.map((f) => f.name), ...def.factors.flatMap((f) => f.levels.map((l) => l.code))]
      .filter((word) => !allowed.has(word.toLowerCase()));
    assert.ok(def.factors.some((f) => forbidden.includes(f.name)), 'the check has factor names to look for');
    const seen = new Set<string>();
    for (const cell of allCells(design)) {
      const text = renderVignette(def, cell).join('\n');
      seen.add(text);
      const where = `${JSON.stringify(cell)}: ${text}`;
      assert.doesNotMatch(text, /[{}]/, `leftover placeholder in ${where}`);
      assert.doesNotMatch(text, /\ba a\b|\ban an\b|\bthe the\b/i, `doubled article in ${where}`);
      // Lower-case articles anywhere, capitalised ones at a sentence start ("Country A is" is a name, not an article).
      assert.doesNotMatch(text, /\ba [aeiouAEIOU]|(^|[.!?:]\s+)A [aeiouAEIOU]/m, `"a" before a vowel in ${where}`);
      assert.doesNotMatch(text, /\ban [^aeiouAEIOU\s]|(^|[.!?:]\s+)An [^aeiouAEIOU\s]/m, `"an" before a consonant in ${where}`);
      assert.doesNotMatch(text, /\b(\w+) \1\b/i, `repeated word in ${where}`);
      assert.doesNotMatch(text, /\b[a-z]+_[a-z_]+\b/, `snake_case code in ${where}`);
      assert.doesNotMatch(text, /\s[.,]|\.\./, `stray punctuation in ${where}`);
      for (const paragraph of text.split('\n')) assert.match(paragraph, /^[A-Z].*[.!?]$/, `paragraph not a sentence in ${where}`);
      for (const word of forbidden) {
        assert.ok(!new RegExp(`\\b${word.replace(/[+-]/g, '\\$&')}\\b`, 'i').test(text), `"${word}" shown in ${where}`);
      }
    }
    assert.equal(seen.size, design.nCells, 'every cell reads differently');
  });

  test(`${def.id}: the participant survey carries the vignette but no factor names or level codes`, () => {
    const design = designOf(def);
    for (const cell of allCells(design)) {
      const survey = JSON.stringify(buildParticipantSurvey(def, cell));
      for (const f of def.factors) assert.ok(!survey.includes(`"${f.name}"`), `factor name ${f.name} in the survey JSON`);
      assert.ok(survey.includes(renderVignette(def, cell)[0]!.slice(0, 40).replace(/'/g, '&#39;')));
    }
  });
}

const SOURCE = 'survey-definitions/alliance-corrective-measures';

/** Copies the alliance study folder, lets `mutate` change its study.json and section files, and loads it. */
function loadBroken(mutate: (def: Record<string, any>, plan: Record<string, any>, margins: Record<string, any>) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'vlab-defs-'));
  try {
    const study = join(dir, 'alliance-corrective-measures');
    cpSync(SOURCE, study, { recursive: true });
    const files = ['study.json', 'analysis-plan.json', 'population-margins.json'];
    const [def, plan, margins] = files.map((f) => JSON.parse(readFileSync(join(SOURCE, f), 'utf8')));
    mutate(def, plan, margins);
    [def, plan, margins].forEach((json, i) => writeFileSync(join(study, files[i]!), JSON.stringify(json)));
    loadDefinitionFiles(dir);
    return 'loaded';
  } catch (error) {
    assert.ok(error instanceof DefinitionError, String(error));
    return error.message.replace(dir, '<dir>');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('an invalid definition is refused with a message naming the file and the field', () => {
  assert.match(
    loadBroken((d) => delete d.factors[0].levels[1].text),
    /^<dir>\/alliance-corrective-measures\/study\.json:\d+:\d+: factors\[0\]\.levels\[1\]\.text: /,
  );
  assert.match(loadBroken((d) => (d.vignette.template[0] = 'Country A is {regim}.')), /vignette\.template\[0\]: unknown factor "\{regim\}"/);
  // A case slip is an unknown factor with the name it was meant to be, not a stray brace.
  assert.match(
    loadBroken((d) => (d.vignette.template[0] = 'Country A is a {Regime}.')),
    /vignette\.template\[0\]: unknown factor "\{Regime\}" \(did you mean "\{regime\}"\?\)$/m,
  );
  assert.match(loadBroken((d) => (d.vignette.template = ['{regime} {capability} {treaty}'])), /factor "behavior" never appears/);
  assert.match(loadBroken((d) => (d.pages.outcomes[0].elements[0].type = 'slider')), /pages\.outcomes\[0\]\.elements\[0\]\.type/);
  // "duplicate or reserved element name" before, which said neither which nor where (newcomer walk-through 14).
  assert.match(loadBroken((d) => (d.pages.outcomes[0].elements[0].name = 'gender')), /outcomes\[0\]\.elements\[0\]\.name: duplicate element name "gender" \(also pages\.pretreatment\[0\]\.elements\[1\]\)/);
  assert.match(loadBroken((d) => (d.pages.outcomes[0].elements[0].name = 'consent')), /outcomes\[0\]\.elements\[0\]\.name: element name "consent" is reserved: the survey uses it itself/);
  assert.match(loadBroken((d) => (d.attentionCheck.passValue = 'radi0')), /attentionCheck\.passValue/);
  assert.match(loadBroken((d) => (d.colour = 'blue')), /\(root\): .*"colour"/);
  assert.match(loadBroken((d) => (d.id = 'other-study')), /id: "other-study" does not match the folder name/);
  assert.match(loadBroken((_d, plan) => (plan.hypotheses = 'none')), /^<dir>\/alliance-corrective-measures\/analysis-plan\.json:\d+:\d+: hypotheses: /);
  assert.match(loadBroken((d, plan) => (d.analysisPlan = plan)), /analysis-plan\.json: "analysisPlan" is also given in study\.json/);
});

test('two choices of one question with the same value are refused (the data could not tell the answers apart)', () => {
  // Before: loaded, and "Less than once a week" was stored as "weekly" beside "At least once a week".
  const first = (d: Record<string, any>) => d.pages.pretreatment.flatMap((p: any) => p.elements).find((e: any) => Array.isArray(e.choices));
  assert.match(
    loadBroken((d) => { const q = first(d); q.choices[1] = typeof q.choices[0] === 'object' ? { ...q.choices[1], value: q.choices[0].value } : q.choices[0]; }),
    /^<dir>\/alliance-corrective-measures\/study\.json:\d+:\d+: pages\.pretreatment\[\d+\]\.elements\[\d+\]\.choices\[1\]\.value: duplicate choice value .* \(choice 1 has it too\): each answer must be told apart in the data$/m,
  );
  // 1 and "1" are one value in the CSV.
  assert.match(
    loadBroken((d) => {
      const q = d.pages.outcomes.flatMap((p: any) => p.elements).find((e: any) => e.name === 'alliance_favorability');
      q.choices[2].value = String(q.choices[0].value);
    }),
    /elements\[\d+\]\.choices\[2\]\.value: duplicate choice value "1" \(choice 1 has it too\)/,
  );
  // A rating's own values are choices too.
  assert.match(
    loadBroken((d) => {
      const q = d.pages.outcomes.flatMap((p: any) => p.elements).find((e: any) => e.name === 'alliance_favorability');
      Object.assign(q, { type: 'rating', rateValues: [{ value: 1, text: 'Low' }, { value: 2, text: 'Mid' }, { value: 1, text: 'High' }] });
      delete q.choices;
    }),
    /elements\[\d+\]\.rateValues\[2\]\.value: duplicate choice value 1 \(choice 1 has it too\)/,
  );
});

// "café" typed on one machine (precomposed, NFC) and pasted from another (e + a combining accent, NFD), or a value
// copied with a zero-width space: two choices that look the same on the page, in the codebook and in data.csv,
// and split one answer in two in every table and model (attacker pass 36's leftover). Refused as a duplicate, in words.
test('two choices whose values differ only in Unicode form or by an invisible character are refused as look-alikes', () => {
  const withChoices = (values: string[]) => (d: Record<string, any>) => {
    const q = d.pages.pretreatment.flatMap((p: any) => p.elements).find((e: any) => e.name === 'party');
    q.choices = values.map((value, i) => ({ value, text: `Choice ${i + 1}` }));
  };
  assert.match(
    loadBroken(withChoices(['caf\u00e9', 'the', 'cafe\u0301'])),
    /elements\[\d+\]\.choices\[2\]\.value: choice value "cafe\u0301" looks the same as choice 1's "caf\u00e9": the two look the same but are written in two Unicode forms, one with combining accents \(NFD\), one without \(NFC\): type one of them again; each answer must be told apart in the data$/m,
  );
  assert.match(
    loadBroken(withChoices(['yes', 'yes\u200b'])),
    /elements\[\d+\]\.choices\[1\]\.value: choice value "yes\\u200b" looks the same as choice 1's "yes": the two differ only by an invisible character, U\+200B: delete it; each answer must be told apart in the data$/m,
  );
});

// Attacker pass 38 (pass 37's leftover): a full-width "Ａ" typed with an East Asian input method beside "A", a ligature,
// a full-width digit beside the number, or a value with a space after it, were choices of their own.
test('two choices that differ only by compatibility form (full-width, ligature) or by spaces around them are refused in words', () => {
  const withChoices = (values: (string | number)[]) => (d: Record<string, any>) => {
    const q = d.pages.pretreatment.flatMap((p: any) => p.elements).find((e: any) => e.name === 'party');
    q.choices = values.map((value, i) => ({ value, text: `Choice ${i + 1}` }));
  };
  const compatibility = 'the two differ only by compatibility forms of the same characters \\(full-width "Ａ" against "A", a ligature "ﬁ" against "fi"\\): type one of them again';
  for (const [values, index, pattern] of [
    [['A', 'B', '\uff21'], 2, `choice value "Ａ" looks the same as choice 1's "A": ${compatibility}`],
    [['\ufb01ne', 'fine'], 1, `choice value "fine" looks the same as choice 1's "ﬁne": ${compatibility}`],
    [[1, 2, '\uff12'], 2, `choice value "２" looks the same as choice 2's "2": ${compatibility}`],
    [['yes', 'no', 'yes '], 2, `choice value "yes " looks the same as choice 1's "yes": the two differ only by spaces at the start or end, or by more than one space between words: delete them`],
    [[' no', 'no'], 1, `choice value "no" looks the same as choice 1's " no": the two differ only by spaces`],
    [['a b', 'a  b'], 1, `choice value "a  b" looks the same as choice 1's "a b": the two differ only by spaces`],
  ] as const) {
    assert.match(loadBroken(withChoices([...values])), new RegExp(`elements\\[\\d+\\]\\.choices\\[${index}\\]\\.value: ${pattern}`, 'm'), JSON.stringify(values));
  }
});

test('a level code with a space or a capital says what a level code may hold and quotes it', () => {
  assert.match(
    loadBroken((d) => (d.factors[0].levels[0].code = 'Full democracy')),
    /factors\[0\]\.levels\[0\]\.code: expected a level code of lowercase letters, digits and _ \+ - \(starting with a letter or digit\), got "Full democracy"$/m,
  );
});

// A level code copied with a space at its end ("below ") was refused in the words above alone, and the simulation
// model's "below" then got "did you mean "below "?": advice to copy the space (walk-through 24). What the code
// becomes without it is said.
test('a level code that is valid but for a space at its start or end says to write it without', () => {
  assert.match(
    loadBroken((d) => (d.factors[0].levels[0].code = 'democracy ')),
    /factors\[0\]\.levels\[0\]\.code: expected a level code of lowercase letters, digits and _ \+ - \(starting with a letter or digit\), got "democracy " \(a space at its end: write "democracy"\)$/m,
  );
  assert.match(loadBroken((d) => (d.factors[0].levels[0].code = ' democracy')), /got " democracy" \(a space at its start: write "democracy"\)$/m);
  assert.match(loadBroken((d) => (d.factors[0].levels[0].code = 'Full democracy ')), /got "Full democracy "$/m);
});

test('population margins must name pre-treatment questions, cover every choice and add up to 1', () => {
  const margins = (change: (m: Record<string, Record<string, number>>) => void) =>
    loadBroken((_d, _plan, section) => {
      section.margins = { age_group: { '18-29': 0.21, '30-44': 0.25, '45-64': 0.33, '65+': 0.21 }, gender: { female: 0.51, male: 0.49 } };
      change(section.margins);
    });
  assert.equal(margins(() => {}), 'loaded');
  assert.match(margins((m) => (m.gender!.male = 0.5)), /population-margins\.json:\d+:\d+: margins\.gender: shares add up to 1\.01, not 1/);
  assert.match(margins((m) => delete m.gender!.male), /population-margins\.json:\d+:\d+: margins\.gender: no share for "male"/);
  assert.match(margins((m) => (m.gender = { female: 0.5, other: 0.5 })), /"other" is not a choice of "gender"/);
  // A near miss is named (newcomer walk-through 14: '"moderat" is not a choice of "ideology"' said nothing more).
  assert.match(margins((m) => (m.gender = { female: 0.5, mal: 0.5 })), /margins\.gender: "mal" is not a choice of "gender" \(did you mean "male"\?\)/);
  assert.match(margins((m) => (m.economic_sanctions = { '1': 1 })), /"economic_sanctions" is not a pre-treatment question/);
  // Answers without a population figure are listed apart; every choice is either shared or listed.
  const unshared = (list: Record<string, string[]>) =>
    loadBroken((_d, _plan, section) => {
      section.noPopulationShare = list;
    });
  assert.equal(unshared({ gender: ['nonbinary', 'another', 'prefer_not_to_say'] }), 'loaded');
  assert.match(unshared({ gender: ['nonbinary', 'another'] }), /margins\.gender: no share for "prefer_not_to_say" \(list it in noPopulationShare/);
  assert.match(unshared({ gender: ['nonbinary', 'another', 'prefer_not_to_say', 'male'] }), /margins\.gender: "male" has a share and is listed in noPopulationShare; keep one/);
  assert.match(unshared({ gender: ['nonbinary', 'another', 'prefer_not_to_say'], party: ['independent'] }), /noPopulationShare\.party: "party" has no margins/);
});

test('participantSurveyPageCount counts the pages the builder produces', () => {
  for (const def of definitions.filter((d) => d.vignette)) {
    const survey = buildParticipantSurvey(def, allCells(designOf(def))[0]!) as { pages: unknown[] };
    assert.equal(participantSurveyPageCount(def), survey.pages.length);
  }
});
