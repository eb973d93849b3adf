// The page (SurveyJS) and the server must agree on what an answer looks like: a definition passes SurveyJS's own
// properties through to the page, and some of them make SurveyJS store answers the server refuses, so every save
// holding one was refused and the respondent's answers were lost (attack10 pass). Such a study is broken in words.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Model } from 'survey-core';
import { finalOutcome, validateAnswers } from '../../server/domain/answers.ts';
import { allCells, designOf } from '../../server/domain/design.ts';
import { buildParticipantSurvey } from '../../server/domain/participant-survey.ts';
import { DefinitionError, parseStudyDefinition, type StudyDefinition } from '../../server/domain/study-definition.ts';

const FOLDER = 'survey-definitions/bus-line-funding';
const readJson = (file: string) => JSON.parse(readFileSync(`${FOLDER}/${file}`, 'utf8'));

/** bus-line-funding with its `vote_line` question (outcomes page 0, element 1) changed, and a comment box added after it. */
function studyJson(change: (voteLine: Record<string, any>, why: Record<string, any>) => void): Record<string, any> {
  const study = readJson('study.json');
  const elements = study.pages.outcomes[0].elements;
  const why = { type: 'comment', name: 'why' };
  elements.push(why);
  change(elements[1], why);
  return { ...study, analysisPlan: readJson('analysis-plan.json') };
}

function parsed(change: Parameters<typeof studyJson>[0]): StudyDefinition {
  return parseStudyDefinition(studyJson(change), 'study.json');
}

function refusal(change: Parameters<typeof studyJson>[0]): string {
  try {
    parsed(change);
  } catch (error) {
    assert.ok(error instanceof DefinitionError, String(error));
    return error.message;
  }
  return '(loaded)';
}

/** What SurveyJS stores when the respondent picks or types `set` (its own model, as the page runs it). */
function surveyJsData(element: Record<string, unknown>, set: (question: any) => void): Record<string, unknown> {
  const model = new Model({ pages: [{ elements: [element] }] });
  set(model.getQuestionByName(element.name as string));
  return model.data as Record<string, unknown>;
}

const VOTE = { type: 'radiogroup', name: 'vote_line', choices: ['for', 'against'] };

// Each: the property, what SurveyJS 2.5 stores with it (checked on its model below), and the message's gist.
const CASES: { label: string; change: (q: Record<string, any>) => void; data: Record<string, unknown>; says: RegExp }[] = [
  { label: 'showOtherItem', change: (q) => (q.showOtherItem = true), data: { vote_line: 'other', 'vote_line-Comment': 'bus' }, says: /showOtherItem: SurveyJS would store "other" and the text typed as "vote_line-Comment"/ },
  { label: 'hasOther', change: (q) => (q.hasOther = true), data: { vote_line: 'other', 'vote_line-Comment': 'bus' }, says: /hasOther: SurveyJS would store "other"/ },
  { label: 'showNoneItem', change: (q) => (q.showNoneItem = true), data: { vote_line: 'none' }, says: /showNoneItem: SurveyJS would store "none"/ },
  { label: 'showRefuseItem', change: (q) => (q.showRefuseItem = true), data: { vote_line: 'refused' }, says: /showRefuseItem: SurveyJS would store "refused"/ },
  { label: 'showDontKnowItem', change: (q) => (q.showDontKnowItem = true), data: { vote_line: 'dontknow' }, says: /showDontKnowItem: SurveyJS would store "dontknow"/ },
  { label: 'showCommentArea', change: (q) => (q.showCommentArea = true), data: { vote_line: 'for', 'vote_line-Comment': 'why' }, says: /showCommentArea: SurveyJS would store the comment as "vote_line-Comment"/ },
  { label: 'valueName', change: (q) => (q.valueName = 'vote'), data: { vote: 'for' }, says: /valueName: SurveyJS would store the answer under "vote", not "vote_line"/ },
  { label: 'choicesMax', change: (q) => Object.assign(q, { type: 'dropdown', choicesMin: 1, choicesMax: 3 }), data: { vote_line: 3 }, says: /choicesMin: SurveyJS would add the numbers from choicesMin to choicesMax/ },
  { label: 'choicesFromQuestion', change: (q) => (q.choicesFromQuestion = 'bus_use'), data: { vote_line: 'weekly' }, says: /choicesFromQuestion: SurveyJS would take the choices from elsewhere/ },
  { label: 'valueTrue', change: (q) => { Object.assign(q, { type: 'boolean', valueTrue: 'yes', valueFalse: 'no' }); delete q.choices; }, data: { vote_line: 'yes' }, says: /valueTrue: SurveyJS would store "yes" instead of true/ },
  { label: 'valuePropertyName', change: (q) => Object.assign(q, { type: 'checkbox', valuePropertyName: 'option' }), data: { vote_line: [{ option: 'for' }] }, says: /valuePropertyName: SurveyJS would store each choice as an object/ },
];

test('SurveyJS stores, under each of these properties, an answer the server refuses', () => {
  const plain = parsed(() => {});
  const models: Record<string, [Record<string, unknown>, (q: any) => void]> = {
    showOtherItem: [{ ...VOTE, showOtherItem: true }, (q) => { q.value = 'other'; q.comment = 'bus'; }],
    showNoneItem: [{ ...VOTE, showNoneItem: true }, (q) => (q.value = 'none')],
    showCommentArea: [{ ...VOTE, showCommentArea: true }, (q) => { q.value = 'for'; q.comment = 'why'; }],
    valueName: [{ ...VOTE, valueName: 'vote' }, (q) => (q.value = 'for')],
    valueTrue: [{ type: 'boolean', name: 'vote_line', valueTrue: 'yes', valueFalse: 'no' }, (q) => (q.booleanValue = true)],
    valuePropertyName: [{ ...VOTE, type: 'checkbox', valuePropertyName: 'option' }, (q) => (q.renderedValue = ['for'])],
  };
  for (const c of CASES) {
    const model = models[c.label];
    if (model) assert.deepEqual(surveyJsData(...model), c.data, c.label);
    assert.throws(() => validateAnswers(plain, c.data), /answers/, c.label);
  }
  // A dropdown's choicesMin/choicesMax offer numbers that are no choice of the definition.
  const offered = new Model({ pages: [{ elements: [{ ...VOTE, type: 'dropdown', choicesMin: 1, choicesMax: 3 }] }] }).getQuestionByName('vote_line').visibleChoices;
  assert.deepEqual(offered.map((v: { value: unknown }) => v.value), ['for', 'against', 1, 2, 3]);
});

test('a question with such a property breaks its study in words at the property; set to its default, it loads', () => {
  for (const c of CASES) {
    const message = refusal((q) => c.change(q));
    assert.match(message, /^study\.json: pages\.outcomes\[0\]\.elements\[1\]\./, `${c.label}: ${message}`);
    assert.match(message, c.says, `${c.label}: ${message}`);
    assert.match(message, /every save holding it would be refused/, c.label);
  }
  assert.doesNotThrow(() => parsed((q) => Object.assign(q, { showOtherItem: false, hasNone: false, showCommentArea: false, showSelectAllItem: true })));
});

test("the page's text boxes stop at the 5,000 characters the server takes, and a definition cannot lift that", () => {
  const def = parsed(() => {});
  const survey = new Model(buildParticipantSurvey(def, allCells(designOf(def))[0]!));
  // Before: no limit (null), so a respondent could type 5,001 characters, and every later save and the completion were refused.
  assert.equal(survey.getQuestionByName('why').getMaxLength(), 5000);
  assert.doesNotThrow(() => validateAnswers(def, { why: 'x'.repeat(5000) }));
  assert.throws(() => validateAnswers(def, { why: 'x'.repeat(5001) }), /answers\.why/);

  assert.doesNotThrow(() => parsed((_q, why) => (why.maxLength = 200)));
  for (const maxLength of [0, 5001, 1.5]) {
    assert.match(
      refusal((_q, why) => (why.maxLength = maxLength)),
      /^study\.json: pages\.outcomes\[0\]\.elements\[2\]\.maxLength: expected a whole number from 1 to 5000 \(the longest answer the server takes; 0 means no limit to SurveyJS\)/,
      String(maxLength),
    );
  }
  // A number in quotes: "got \"200\"" alone read as a whole number to a newcomer (researcher walk-through 20).
  assert.match(
    refusal((_q, why) => (why.maxLength = '200')),
    /elements\[2\]\.maxLength: expected a whole number from 1 to 5000 \(.*\), got "200": write it without quotes$/,
  );
});

// SurveyJS shows at most 20 values of a rating (settings.ratingMaximumRateValueCount) and none when rateMin is above
// rateMax, while the server accepted the whole range: values no one could pick, or none at all (a required rating
// then blocked every respondent). A typo such as rateMax 100000000 took 75 s and 3.4 GB to load, and every save was
// a 500 ("Set maximum size exceeded").
test('a rating of more than the 20 values SurveyJS shows, or of none, breaks its study in words', () => {
  const shown = (rateMin: number, rateMax: number) =>
    new Model({ pages: [{ elements: [{ type: 'rating', name: 'r', rateMin, rateMax }] }] }).getQuestionByName('r').visibleRateValues.length;
  assert.equal(shown(1, 100), 20);
  assert.equal(shown(5, 1), 0);
  const rating = (rateMin: number, rateMax: number) => (_q: Record<string, any>, why: Record<string, any>) =>
    Object.assign(why, { type: 'rating', rateMin, rateMax });
  assert.doesNotThrow(() => parsed(rating(0, 19)));
  assert.doesNotThrow(() => parsed(rating(-5, 5)));
  assert.match(
    refusal(rating(1, 21)),
    /^study\.json: pages\.outcomes\[0\]\.elements\[2\]\.rateMax: a rating from 1 to 21 has 21 values, and SurveyJS shows at most 20 \(the others could never be answered\)/,
  );
  assert.match(refusal(rating(5, 1)), /elements\[2\]\.rateMax: 1 is not above rateMin 5: the rating would have fewer than two values/);
  assert.match(refusal(rating(3, 3)), /elements\[2\]\.rateMax: 3 is not above rateMin 3/);
  const started = Date.now();
  assert.match(refusal(rating(1, 100_000_000)), /has 100000000 values/);
  assert.ok(Date.now() - started < 2000, `${Date.now() - started} ms`);
});

// A required question is asked only of those who see it: a question with visibleIf was exempt, but one on a page with
// visibleIf (or hidden by visible: false) was required of everyone, so every respondent SurveyJS never showed that page
// could not complete ('answers: required question not answered: route'; attack10 pass).
test('a required question on a page shown only to some (visibleIf) or to none (visible: false) is not required of the others', () => {
  const riders = { name: 'riders', visibleIf: "{bus_use} = 'weekly'", elements: [{ type: 'radiogroup', name: 'route', isRequired: true, choices: ['a', 'b'] }] };
  const hidden = { name: 'later', visible: false, elements: [{ type: 'boolean', name: 'follow_up', isRequired: true }] };
  const alone = { type: 'radiogroup', name: 'transfer', isRequired: true, visible: false, choices: ['yes', 'no'] };
  const study = studyJson(() => {});
  study.pages.posttreatment.push(riders, hidden);
  study.pages.posttreatment[0].elements.push(alone);
  const def = parseStudyDefinition(study, 'study.json');
  const answers = { consent: true, bus_use: 'never', support_line: 3, vote_line: 'for', recall_funding: 'sales_tax' };
  // SurveyJS shows a respondent who never rides neither page nor the hidden question.
  const model = new Model({ pages: study.pages.posttreatment });
  model.data = answers;
  assert.deepEqual(model.visiblePages.map((p: { name: string }) => p.name), ['recall']);
  assert.equal(model.getQuestionByName('transfer').isVisible, false);
  assert.deepEqual(finalOutcome(def, answers), { status: 'complete' });
  // Those shown the page must still answer its required question: the page checks that, as for a question's visibleIf.
  assert.deepEqual(finalOutcome(def, { ...answers, bus_use: 'weekly' }), { status: 'complete' });
  // A page without a condition keeps its required questions required.
  assert.throws(() => finalOutcome(def, { consent: true, bus_use: 'never', vote_line: 'for', recall_funding: 'sales_tax' }), /required question not answered: support_line$/);
});

/** The alliance study (which has quotas and an attention check) with one pre-treatment question and its page changed: the refusal, or '(loaded)'. */
function allianceRefusal(name: string, change: (question: Record<string, any>, page: Record<string, any>) => void): string {
  const read = (file: string) => JSON.parse(readFileSync(`survey-definitions/alliance-corrective-measures/${file}`, 'utf8'));
  const study = read('study.json');
  const page = study.pages.pretreatment.find((p: any) => p.elements.some((e: any) => e.name === name));
  change(page.elements.find((e: any) => e.name === name), page);
  const sections = { analysisPlan: read('analysis-plan.json'), populationMargins: read('population-margins.json'), quotas: read('quotas.json'), simulation: read('simulation.json') };
  try {
    parseStudyDefinition({ ...study, ...sections }, 'study.json');
    return '(loaded)';
  } catch (error) {
    assert.ok(error instanceof DefinitionError, String(error));
    return error.message;
  }
}

// The quota step reads every quota variable's answer before the vignette and refuses without it ('answers.gender:
// required for the quota check'), which the page shows as "could not reach the server": a quota question that is not
// required, or shown to some only, left every respondent who skipped it or was not shown it stuck before the vignette.
test('a quota variable must be a required question shown to everyone', () => {
  const alliance = (change: Parameters<typeof allianceRefusal>[1]) => allianceRefusal('gender', change);
  assert.equal(alliance(() => {}), '(loaded)');
  const says = /^study\.json: quotas\.variables\[1\]: "gender" is a quota variable, which the quota step reads before the vignette, so every respondent must answer it: /;
  assert.match(alliance((gender) => delete gender.isRequired), new RegExp(`${says.source}make it required`));
  assert.match(alliance((gender) => (gender.visibleIf = "{age_group} = '18-29'")), new RegExp(`${says.source}it is shown only to some \\(visibleIf\\)`));
  // age_group shares gender's page: both quota variables on it are named, each on a line of its own.
  const hiddenPage = alliance((_gender, page) => (page.visible = false));
  assert.match(hiddenPage, /^study\.json: quotas\.variables\[0\]: "age_group" is a quota variable, .*: its page is shown to none \(visible: false\)$/m);
  assert.match(hiddenPage, /^study\.json: quotas\.variables\[1\]: "gender" is a quota variable, .*: its page is shown to none \(visible: false\)$/m);
});

// attention_pass is 0 for a respondent who did not give the pass value, so an attention check shown to some only
// marked everyone else as failing it, and a plan excluding on it dropped them (attack10 pass).
test('the attention check is a question shown to everyone', () => {
  const alliance = (change: Parameters<typeof allianceRefusal>[1]) => allianceRefusal('attention_check', change);
  assert.equal(alliance(() => {}), '(loaded)');
  assert.match(
    alliance((check) => (check.visibleIf = "{party} = 'democrat'")),
    /^study\.json: attentionCheck\.question: "attention_check" is shown only to some respondents \(visibleIf or visible: false, on it or its page\): the others would count as failing the check$/,
  );
  assert.match(alliance((_check, page) => (page.visibleIf = "{party} = 'democrat'")), /attentionCheck\.question: "attention_check" is shown only to some respondents/);
});

// An expression's value depends on the answers: SurveyJS stored 6 in a text box for `{support_line} * 2` and 3 in a
// radiogroup for `{support_line}`, and a defaultValue outside the choices from the moment the page opened; the
// server refused every save holding them (attacker pass 11). The expressions are refused at load; a defaultValue is
// checked as an answer would be.
test('setValueExpression and defaultValueExpression break their study in words, and a defaultValue must be an answer the question takes', () => {
  const rating = { type: 'rating', name: 'support_line' };
  const data = (element: Record<string, unknown>) => {
    const model = new Model({ pages: [{ elements: [rating, element] }] });
    model.setValue('support_line', 3);
    return model.data as Record<string, unknown>;
  };
  assert.deepEqual(data({ type: 'comment', name: 'why', setValueExpression: '{support_line} * 2' }), { support_line: 3, why: 6 });
  assert.deepEqual(data({ ...VOTE, setValueExpression: '{support_line}' }), { support_line: 3, vote_line: 3 });
  assert.deepEqual(data({ ...VOTE, defaultValue: 'maybe' }), { support_line: 3, vote_line: 'maybe' });
  const plain = parsed(() => {});
  for (const answers of [{ why: 6 }, { vote_line: 3 }, { vote_line: 'maybe' }]) assert.throws(() => validateAnswers(plain, answers), /answers\./);

  const computed = /SurveyJS would store whatever the expression computes \(a number in a text box, a value outside the choices\), which no check can know before the answers come/;
  assert.match(refusal((_q, why) => (why.setValueExpression = '{support_line} * 2')), new RegExp(`elements\\[2\\]\\.setValueExpression: ${computed.source}`));
  assert.match(refusal((q) => (q.defaultValueExpression = '{support_line}')), new RegExp(`elements\\[1\\]\\.defaultValueExpression: ${computed.source}`));
  for (const [change, value] of [[(q: any) => (q.defaultValue = 'maybe'), '"maybe"'], [(_q: any, why: any) => (why.defaultValue = 6), '6'], [(q: any) => Object.assign(q, { type: 'checkbox', defaultValue: 'for' }), '"for"']] as const) {
    assert.match(refusal(change), new RegExp(`elements\\[\\d\\]\\.defaultValue: ${value} is no answer "(vote_line|why)" takes; SurveyJS would store it when the page opens, and every save holding it would be refused`));
  }
  assert.doesNotThrow(() => parsed((q, why) => Object.assign(q, { defaultValue: 'for' }) && Object.assign(why, { defaultValue: 'because' })));
  assert.doesNotThrow(() => parsed((q) => Object.assign(q, { type: 'checkbox', defaultValue: ['for'] })));
});

// A dropdown's allowCustomChoices stores whatever is typed, and a numeric or currency mask a number in a text
// question (attacker pass 11): each save refused. saveMaskedValue keeps the text; a number question stores a number.
test('allowCustomChoices and an input mask that changes the stored type break their study in words', () => {
  assert.deepEqual(surveyJsData({ ...VOTE, type: 'dropdown', allowCustomChoices: true }, (q) => (q.value = 'maybe')), { vote_line: 'maybe' });
  const text = { type: 'text', name: 'why' };
  assert.deepEqual(surveyJsData({ ...text, maskType: 'numeric' }, (q) => (q.inputValue = '1234')), { why: 1234 });
  assert.deepEqual(surveyJsData({ ...text, maskType: 'numeric', maskSettings: { saveMaskedValue: true } }, (q) => (q.inputValue = '1234')), { why: '1,234' });
  assert.deepEqual(surveyJsData({ ...text, inputType: 'number', maskType: 'numeric', maskSettings: { saveMaskedValue: true } }, (q) => (q.inputValue = '1234')), { why: 1234 });
  assert.throws(() => validateAnswers(parsed((_q, why) => (why.type = 'text')), { why: 1234 }), /answers\.why/);
  assert.match(refusal((q) => Object.assign(q, { type: 'dropdown', allowCustomChoices: true })), /elements\[1\]\.allowCustomChoices: SurveyJS would store whatever the respondent types as a new choice, which is no answer the server takes/);
  assert.match(refusal((_q, why) => Object.assign(why, { type: 'text', maskType: 'numeric' })), /elements\[2\]\.maskType: SurveyJS would store a number for a numeric mask where the text question takes text/);
  for (const ok of [{ maskType: 'numeric', inputType: 'number' }, { maskType: 'numeric', inputType: 'number', maskSettings: { saveMaskedValue: true } }, { maskType: 'numeric', maskSettings: { saveMaskedValue: true } }, { maskType: 'currency', maskSettings: { saveMaskedValue: true } }, { maskType: 'pattern', maskSettings: { pattern: '9999' } }]) {
    assert.doesNotThrow(() => parsed((_q, why) => Object.assign(why, { type: 'text', ...ok })), JSON.stringify(ok));
  }
});

// resetValueIf clears a question when its condition turns true after an answer it names changed (survey-core 2.5).
// Two required questions that each clear the other once it is answered can never both be kept answered: the page
// refuses to go on, and the server refuses the completion. A cycle a respondent can get out of (a value that does
// not clear, an optional question) is a valid definition (task research12).
test('resetValueIf: required questions that clear each other whatever is answered break their study, naming them', () => {
  const cycle = [
    { type: 'radiogroup', name: 'support_line', choices: ['yes', 'no'], isRequired: true, resetValueIf: '{vote_line} notempty' },
    { ...VOTE, isRequired: true, resetValueIf: '{support_line} notempty' },
  ];
  // On SurveyJS's own model: whichever is answered last clears the other, so the page never lets the respondent on.
  for (const order of [['support_line', 'vote_line'], ['vote_line', 'support_line']]) {
    const model = new Model({ pages: [{ elements: cycle }] });
    for (const name of order) model.getQuestionByName(name!).value = name === 'vote_line' ? 'for' : 'yes';
    assert.deepEqual(Object.keys(model.data), [order[1]]);
    assert.equal(model.currentPage.validate(), false, 'the page refuses to go on');
  }
  // Nor does the server take a completion without both.
  assert.throws(() => finalOutcome(parsed(() => {}), { consent: true, bus_use: 'daily', vote_line: 'for', recall_funding: 'tax' }), /required question not answered: support_line/);

  const says = 'resetValueIf: "support_line" and "vote_line" clear each other \\(resetValueIf\\): whichever is answered last clears the other, so no respondent can keep both answered and finish';
  assert.match(resetRefusal('{vote_line} notempty', '{support_line} notempty'), new RegExp(`^study\\.json: pages\\.outcomes\\[0\\]\\.elements\\[0\\]\\.${says}`));
  // Any answer clears: "or", "!", "negate", parentheses and another question's emptiness do not help.
  assert.match(resetRefusal("({vote_line} notempty or {bus_use} = 'daily')", '!({support_line} empty) || {why} empty'), new RegExp(says));
  // 2,000 questions each cleared when any of the next seven is answered: one ring named, judged at once.
  const many = studyJson(() => {});
  const count = 2000;
  const name = (k: number) => `item_${k % count}`;
  many.pages.posttreatment[0].elements = Array.from({ length: count }, (_, k) => ({
    type: 'boolean', name: name(k), isRequired: true, resetValueIf: Array.from({ length: 7 }, (_, d) => `{${name(k + d + 1)}} notempty`).join(' or '),
  }));
  const started = performance.now();
  assert.throws(() => parseStudyDefinition(many, 'study.json'), (error: Error) => {
    const rings = error.message.split('\n').filter((line) => line.includes('clear each other'));
    assert.equal(rings.length, 1, error.message.slice(0, 500));
    assert.match(rings[0]!, /elements\[0\]\.resetValueIf: "item_0", "item_\d+", "item_\d+", "item_\d+", "item_\d+" and 281 more questions clear each other in turn \(resetValueIf\), each when the next is answered/);
    return true;
  });
  assert.ok(performance.now() - started < 5000, `${performance.now() - started} ms`);
  // Three in a ring.
  assert.match(resetRefusal('{vote_line} notempty', '{recall_funding} notempty', '{support_line} notempty'), /"support_line", "vote_line" and "recall_funding" clear each other in turn \(resetValueIf\): support_line when vote_line is answered, vote_line when recall_funding is, recall_funding when support_line is/);
});

test('resetValueIf: a cycle a respondent can get out of loads', () => {
  // A value that does not clear: vote "for", then support; on SurveyJS's model both stay answered.
  const model = new Model({ pages: [{ elements: [
    { type: 'radiogroup', name: 'support_line', choices: ['yes', 'no'], isRequired: true, resetValueIf: "{vote_line} = 'against'" },
    { ...VOTE, isRequired: true, resetValueIf: '{support_line} notempty' },
  ] }] });
  model.getQuestionByName('support_line').value = 'yes';
  model.getQuestionByName('vote_line').value = 'for';
  assert.deepEqual(model.data, { support_line: 'yes', vote_line: 'for' });
  assert.equal(resetRefusal("{vote_line} = 'against'", '{support_line} notempty'), '(loaded)');
  // Only together with another answer, which may be left out; one way only; one question optional, or shown under a
  // condition nobody surely meets ('daily' is none of bus_use's choices; a ring some are shown is refused below).
  assert.equal(resetRefusal("{vote_line} notempty and {why} notempty", '{support_line} notempty'), '(loaded)');
  assert.equal(resetRefusal('{vote_line} notempty', null), '(loaded)');
  assert.equal(resetRefusal('{vote_line} notempty', '{support_line} notempty', null, (vote) => delete vote.isRequired), '(loaded)');
  assert.equal(resetRefusal('{vote_line} notempty', '{support_line} notempty', null, (vote) => (vote.visibleIf = "{bus_use} = 'daily'")), '(loaded)');
  // A question whose condition names itself: SurveyJS does not run it for the question's own answer, which stays.
  const self = new Model({ pages: [{ elements: [{ ...VOTE, isRequired: true, resetValueIf: '{vote_line} notempty' }] }] });
  self.getQuestionByName('vote_line').value = 'for';
  assert.deepEqual(self.data, { vote_line: 'for' });
  assert.equal(resetRefusal(null, '{vote_line} notempty'), '(loaded)');
  // An expression outside empty/notempty, and/or/not is not judged: the definition loads.
  assert.equal(resetRefusal('{vote_line} notempty', "iif({support_line} notempty, true, true)"), '(loaded)');
});

/** bus-line-funding with resetValueIf on support_line, vote_line and recall_funding (null: none), and a "why" comment box. */
function resetRefusal(support: string | null, vote: string | null, recall: string | null = null, change: (vote: Record<string, any>) => void = () => {}): string {
  const study = studyJson((voteLine) => change(voteLine));
  const [supportLine, voteLine] = study.pages.outcomes[0].elements;
  const recallFunding = study.pages.posttreatment[0].elements[0];
  for (const [question, condition] of [[supportLine, support], [voteLine, vote], [recallFunding, recall]]) if (condition) question.resetValueIf = condition;
  return loadedOrRefusal(study);
}

/** The definition error's message when the study is refused at load, '(loaded)' when it loads. */
function loadedOrRefusal(study: Record<string, any>): string {
  try {
    parseStudyDefinition(study, 'study.json');
  } catch (error) {
    assert.ok(error instanceof DefinitionError, String(error));
    return error.message;
  }
  return '(loaded)';
}

// SurveyJS runs a resetValueIf when a question named as the condition writes it, or as its lower case, changes
// (survey-core 2.5 ValueGetter.isAnyKeyChanged), and reads answers in any case: `{Q2} notempty` on "Q1" clears it
// when "Q2" or "q2" is answered, `{q2} notempty` never when "Q2" is. Question names are snake_case, so a condition's
// name lower-cased is the question's: the check folds only the condition (task research13 asked to fold both).
test('resetValueIf: a condition naming questions in capitals is matched as SurveyJS matches it', () => {
  const pair = (names: string[], conditions: string[]) => names.map((name, k) => ({ type: 'radiogroup', name, choices: ['a', 'b'], isRequired: true, resetValueIf: conditions[k] }));
  const onSurveyJs = (elements: Record<string, any>[]) => {
    const model = new Model({ pages: [{ elements }] });
    for (const { name } of elements) model.getQuestionByName(name).value = 'a';
    return { kept: Object.keys(model.data), goesOn: model.currentPage.validate() };
  };
  const loading = (elements: Record<string, unknown>[]) => {
    const study = studyJson(() => {});
    study.pages.posttreatment[0].elements.push(...elements);
    return loadedOrRefusal(study);
  };
  // Capitals in the condition for snake_case names: stranded on SurveyJS, refused here.
  const shouting = pair(['q1', 'q2'], ['{Q2} notempty', '{Q1} NotEmpty']);
  assert.deepEqual(onSurveyJs(shouting), { kept: ['q2'], goesOn: false });
  assert.match(loading(shouting), /"q1" and "q2" clear each other \(resetValueIf\)/);
  // Names with capitals strand on SurveyJS when the condition writes them so, and break their study in words anyway.
  const capitals = pair(['Q1', 'Q2'], ['{Q2} notempty', '{Q1} notempty']);
  assert.deepEqual(onSurveyJs(capitals), { kept: ['Q2'], goesOn: false });
  assert.match(loading(capitals), /elements\[1\]\.name: expected a snake_case identifier \(lowercase letters, digits and _, starting with a letter\), got "Q1"/);
  // Lower case in the condition for names with capitals: SurveyJS never runs it.
  assert.deepEqual(onSurveyJs(pair(['Q1', 'Q2'], ['{q2} notempty', '{q1} notempty'])), { kept: ['Q1', 'Q2'], goesOn: true });
});

// A ring shown only to some (visibleIf) strands everyone shown it: SurveyJS clears a question whatever its visibility
// (survey-core 2.5), so the last answered clears another whenever the ring is on screen, and only an answer that
// hides it lets the respondent on — a weekly rider must say otherwise to finish. Refused where that is certain: every
// question of the ring shown to all or under one same condition, `{q} = value` or `{q} notempty`, on a question
// shown to everyone on an earlier page that no resetValueIf clears, with the value one of its choices (task research13).
test('resetValueIf: a ring shown under one condition some answer meets breaks its study; other rings load', () => {
  const ring = (visibleIf: string) => ({
    name: 'extra', visibleIf,
    elements: [
      { type: 'radiogroup', name: 'ring_a', choices: ['x', 'y'], isRequired: true, resetValueIf: '{ring_b} notempty' },
      { type: 'radiogroup', name: 'ring_b', choices: ['x', 'y'], isRequired: true, resetValueIf: '{ring_a} notempty' },
    ],
  });
  // On SurveyJS's model: a weekly rider is shown the page and can never go on from it, answering in either order.
  for (const order of [['ring_a', 'ring_b'], ['ring_b', 'ring_a']]) {
    const model = new Model({ pages: [{ elements: [{ type: 'radiogroup', name: 'bus_use', choices: ['weekly', 'never'] }] }, ring("{bus_use} = 'weekly'")] });
    model.setValue('bus_use', 'weekly');
    model.currentPageNo = 1;
    for (const name of order) model.getQuestionByName(name!).value = 'x';
    assert.deepEqual(Object.keys(model.data), ['bus_use', order[1]]);
    assert.equal(model.currentPage.validate(), false);
  }
  const loading = (change: (study: Record<string, any>) => void) => {
    const study = studyJson(() => {});
    change(study);
    return loadedOrRefusal(study);
  };
  const says = /pages\.posttreatment\[1\]\.elements\[0\]\.resetValueIf: "ring_a" and "ring_b" clear each other \(resetValueIf\): whichever is answered last clears the other, so no respondent shown them \(\{bus_use\} = 'weekly'\) can keep both answered and finish/;
  assert.match(loading((s) => s.pages.posttreatment.push(ring("{bus_use} = 'weekly'"))), says);
  // The same condition on each question instead of the page; one of the two shown to all.
  assert.match(loading((s) => s.pages.posttreatment.push({ name: 'extra', elements: ring('').elements.map((e) => ({ ...e, visibleIf: "{bus_use} = 'weekly'" })) })), /"ring_a" and "ring_b" clear each other/);
  assert.match(loading((s) => s.pages.posttreatment.push({ name: 'extra', elements: ring('').elements.map((e, k) => (k ? e : { ...e, visibleIf: '{bus_use} notempty' })) })), /"ring_a" and "ring_b" clear each other .* no respondent shown them \(\{bus_use\} notempty\)/);
  // Not certain, so loaded: a value no choice has (nobody is shown it), two different conditions, a condition on a
  // question of the ring or on one shown to some only, a condition judged no further (a function).
  for (const visibleIf of ["{bus_use} = 'monthly'", "{ring_a} = 'x'", "{why} = 'x'", "iif({bus_use} = 'weekly', true, false)"]) {
    assert.equal(loading((s) => s.pages.posttreatment.push(ring(visibleIf))), '(loaded)', visibleIf);
  }
  assert.equal(loading((s) => s.pages.posttreatment.push({ name: 'extra', elements: ring('').elements.map((e, k) => ({ ...e, visibleIf: k ? "{bus_use} = 'weekly'" : "{bus_use} = 'never'" })) })), '(loaded)');
  // Nor one whose condition is answered on a later page: by then the ring's page is behind the respondent.
  assert.equal(loading((s) => s.pages.pretreatment.unshift(ring("{bus_use} = 'weekly'"))), '(loaded)');
});
