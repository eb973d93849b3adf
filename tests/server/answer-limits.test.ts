// A completion is checked against the definition's limits beyond an answer's type (server/domain/answer-limits.ts):
// a number question's min/max, a text box's maxLength, and SurveyJS's numeric, text and answercount validators.
// Before, the server took any answer of the question's type, so a client that skipped the page's checks completed
// with a number out of range or a text past its limit. Saves stay unchecked (they happen while typing). The
// survey-core cases hold the server's reading to SurveyJS's own on the same values: the server must never refuse
// what the page accepts. Runs on SQLite and, through scripts/run-tests.mjs POSTGRES_SUITE, on PostgreSQL.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import request from 'supertest';
import { Model } from 'survey-core';
import { answerLimitProblems } from '../../server/domain/answer-limits.ts';
import { buildCodebook } from '../../server/domain/export/codebook.ts';
import { waveColumns } from '../../server/domain/export/wave-columns.ts';
import { parseStudyDefinition, type SurveyElement } from '../../server/domain/study-definition.ts';
import { createTestApp } from './test-app.ts';

const FOLDER = 'survey-definitions/bus-line-funding';
const text = (en: string, es: string) => ({ en, es });

/** The page of limited questions added after the bilingual study's outcomes. */
const LIMITED_ELEMENTS = [
  { type: 'text', name: 'trips', inputType: 'number', title: text('Trips last week', 'Viajes la semana pasada'), min: 0, max: 50 },
  { type: 'text', name: 'buses', inputType: 'number', title: text('Buses', 'Autobuses'), validators: [{ type: 'numeric', minValue: 0, maxValue: 20 }] },
  { type: 'text', name: 'town', title: text('Town', 'Ciudad'), maxLength: 20, validators: [{ type: 'text', minLength: 2 }] },
  { type: 'text', name: 'nickname', title: text('Nickname', 'Apodo'), validators: [{ type: 'text', allowDigits: false }] },
  {
    type: 'checkbox',
    name: 'modes',
    title: text('How do you travel?', '¿Cómo viaja?'),
    choices: ['bus', 'car', 'bike', 'walk'],
    validators: [{ type: 'answercount', maxCount: 2 }],
  },
  // Left to the page: the server applies neither.
  { type: 'text', name: 'postcode', title: text('Postcode', 'Código postal'), validators: [{ type: 'regex', regex: '^[0-9]{5}$' }, { type: 'expression', expression: '{trips} > 100' }] },
];

function limitedStudy() {
  const study = JSON.parse(readFileSync(`${FOLDER}/study.json`, 'utf8'));
  study.id = 'bus-line-limits';
  study.analysisPlan = JSON.parse(readFileSync(`${FOLDER}/analysis-plan.json`, 'utf8'));
  // A pre-treatment text box shown to weekly riders only, with a limit (the cleared-answer case below).
  study.pages.pretreatment[0].elements.push({ type: 'text', name: 'stop', title: text('Your stop', 'Su parada'), maxLength: 5, visibleIf: "{bus_use} = 'weekly'" });
  study.pages.posttreatment.push({ name: 'limits', elements: LIMITED_ELEMENTS });
  return parseStudyDefinition(study, 'bus-line-limits/study.json');
}

const def = limitedStudy();
const t = await createTestApp();
after(() => t.close());
await t.studies.syncDefinitions([def]);
const { wave } = await t.studies.createWave({ studyKey: def.id, target: 100, seed: 'answer-limits' });

const PRETREATMENT = { consent: true, bus_use: 'weekly' };
const REQUIRED = { ...PRETREATMENT, support_line: 3, vote_line: 'for', recall_funding: 'sales_tax' };

/** A participant past the quota step with the pre-treatment answers (and `extra` saved with them). */
async function atOutcomes(pid: string, extra: Record<string, unknown> = {}): Promise<string> {
  const started = await request(t.app).post(`/api/waves/${wave.id}/participants`).send({ panel: { PROLIFIC_PID: pid } });
  assert.equal(started.status, 201, JSON.stringify(started.body));
  const code = started.body.participant.code as string;
  assert.equal((await request(t.app).post(`/api/participants/${code}/quota-check`).send({ answers: { ...PRETREATMENT, ...extra } })).status, 200);
  return code;
}
const complete = (code: string, answers: Record<string, unknown>) => request(t.app).post(`/api/participants/${code}/complete`).send({ answers });
const participantOf = async (code: string) => (await t.repos.participants.findByCode(code))!;

test('a completion with an answer outside its limits is refused (422) naming the question, stores nothing, and the corrected one completes', async () => {
  const refused: [Record<string, unknown>, string, RegExp][] = [
    [{ trips: 51 }, 'trips', /^the answer to "trips" must be a number from 0 to 50 \(its min and max\), got 51$/],
    [{ trips: -1 }, 'trips', /must be a number from 0 to 50/],
    [{ buses: 21 }, 'buses', /^the answer to "buses" must be a number from 0 to 20 \(its numeric validator\), got 21$/],
    [{ town: 'x'.repeat(21) }, 'town', /^the answer to "town" is 21 characters long, and the question takes at most 20 \(its maxLength\)$/],
    [{ town: 'x' }, 'town', /^the answer to "town" must be at least 2 characters long \(its text validator\), got 1$/],
    [{ nickname: 'rider7' }, 'nickname', /ends in digits, which its text validator does not allow/],
    [{ modes: ['bus', 'car', 'bike'] }, 'modes', /^the answer to "modes" has 3 choices ticked, and its answercount validator takes at most 2$/],
  ];
  for (const [i, [bad, question, message]] of refused.entries()) {
    const code = await atOutcomes(`limits-${i}`);
    const res = await complete(code, { ...REQUIRED, ...bad });
    assert.equal(res.status, 422, `${question}: ${JSON.stringify(res.body)}`);
    assert.match(res.body.error.message, message);
    assert.deepEqual([res.body.error.code, res.body.error.reason, res.body.error.question], ['invalid_input', 'answer_out_of_limits', question]);
    const participant = await participantOf(code);
    assert.equal(participant.status, 'started', 'nothing of the completion is stored');
    assert.equal(await t.repos.answers.get(participant.id, 'final'), undefined);
    assert.equal((await complete(code, { ...REQUIRED, [question]: null })).body.status, 'complete', `${question}: taken back, it completes`);
  }
});

test('answers at their limits complete, as do those only the page checks (regex, expression), and saves are not checked (typing passes through)', async () => {
  const code = await atOutcomes('limits-edges');
  const save = await request(t.app).put(`/api/participants/${code}/answers`).send({ answers: { ...REQUIRED, trips: 1000, town: 'x' }, currentPage: 5 });
  assert.equal(save.status, 200, 'a save on the way to a valid answer is taken');
  const edges = { trips: 50, buses: 0, town: 'x'.repeat(20), nickname: 'r2d2 pilot', modes: ['bus', 'walk'], postcode: 'not five digits' };
  const res = await complete(code, { ...REQUIRED, ...edges });
  assert.equal(res.body.status, 'complete', JSON.stringify(res.body));
  assert.deepEqual((await t.repos.answers.get((await participantOf(code)).id, 'final'))!.answers, { ...REQUIRED, ...edges });
});

test('a saved answer outside its limits that the completion does not send (hidden, or left empty on another device) is left out, not refused', async () => {
  const finalOf = async (code: string) => (await t.repos.answers.get((await participantOf(code)).id, 'final'))!.answers;
  // The page saved "Main Street" as it was typed, then hid the box: SurveyJS checks only the questions it shows and
  // sends a hidden one as null at the end, and after the vignette the server keeps a pre-treatment answer
  // (cleared-answers.ts); refusing it would refuse a completion the page accepted.
  const hidden = await atOutcomes('limits-hidden', { stop: 'Main Street' });
  assert.equal((await complete(hidden, { ...REQUIRED, stop: null })).body.status, 'complete');
  assert.equal(Object.hasOwn(await finalOf(hidden), 'stop'), false, 'never checked by the page: not kept');
  // 1 saved on the way to 15 on one device; the device that completes never showed it (a resume there starts empty).
  const elsewhere = await atOutcomes('limits-elsewhere');
  await request(t.app).put(`/api/participants/${elsewhere}/answers`).send({ answers: { ...REQUIRED, trips: 51, town: 'Springfield' }, currentPage: 5 });
  assert.equal((await complete(elsewhere, { ...REQUIRED, buses: 3 })).body.status, 'complete');
  assert.deepEqual(await finalOf(elsewhere), { ...REQUIRED, town: 'Springfield', buses: 3 }, 'the saved 51 is left out, the other saved answer kept');
  // Sent with the completion, the same answers are refused.
  const shown = await atOutcomes('limits-shown', { stop: 'Main Street' });
  const res = await complete(shown, { ...REQUIRED, stop: 'Main Street' });
  assert.equal(res.status, 422);
  assert.equal(res.body.error.question, 'stop');
});

// The codebook said each column's type and levels but not its limits: a researcher reading "trips: number" could not
// tell that 0 to 50 was all the page took, nor that text was cut at 20 characters (walk-through 21).
test("the codebook gives each question's limits as the server applies them: min/max, text lengths (5,000 without a maxLength), choice counts", () => {
  const book = buildCodebook({ def, wave, study: { key: def.id, version: def.version, contentHash: 'x' }, columns: waveColumns(def) });
  const limits = Object.fromEntries(book.columns.filter((c) => 'limits' in c).map((c) => [c.name, (c as { limits: unknown }).limits]));
  assert.deepEqual(limits, {
    stop: { maxLength: 5 },
    trips: { min: 0, max: 50 },
    buses: { min: 0, max: 20 },
    town: { minLength: 2, maxLength: 20 },
    nickname: { maxLength: 5000 },
    modes: { maxCount: 2 },
    postcode: { maxLength: 5000 },
  });
  // Walk-through 23: a box that set no maxLength read "maxLength 5000" as if the study had set it; the cap is the server's.
  const notes = Object.fromEntries(book.columns.filter((c) => 'limitsNote' in c).map((c) => [c.name, (c as { limitsNote: unknown }).limitsNote]));
  const cap = "maxLength: no limit set in the study (5,000 characters is the server's cap on any text answer)";
  assert.deepEqual(notes, { nickname: cap, postcode: cap });
});

/** Whether survey-core 2.5 shows an error for `value` in the element, as the page does on Next. */
function surveyJsRefuses(element: SurveyElement, value: unknown): boolean {
  const survey = new Model({ pages: [{ name: 'p', elements: [{ ...element, title: 'T' }] }] });
  survey.setValue(element.name, value);
  return !survey.getQuestionByName(element.name)!.validate(false);
}

test('the server refuses exactly the values survey-core refuses, for every limit it checks (and never one the page takes)', () => {
  const values: Record<string, unknown[]> = {
    trips: [-1, -0, 0, 0.5, 50, 50.01, 51],
    buses: [-0.1, 0, 20, 21],
    town: ['x', 'xy', 'x'.repeat(20)],
    nickname: ['rider', 'rider7', 'r2d2 pilot', '42', '7 up'],
    modes: [['bus'], ['bus', 'car'], ['bus', 'car', 'bike'], ['bus', 'car', 'bike', 'walk']],
    postcode: ['12345', 'abc'],
  };
  for (const [name, list] of Object.entries(values)) {
    const element = LIMITED_ELEMENTS.find((e) => e.name === name)! as unknown as SurveyElement;
    for (const value of list) {
      const server = answerLimitProblems(def, { [name]: value }).length > 0;
      // The page's own refusal: a regex is the page's alone, so there the server must take what survey-core refuses.
      const page = surveyJsRefuses(element, value);
      assert.equal(server, name === 'postcode' ? false : page, `${name} = ${JSON.stringify(value)}: server ${server}, survey-core ${page}`);
    }
  }
});

/** A completion sent as raw JSON, for numbers JSON.parse reads as Infinity or -0. */
const completeRaw = (code: string, json: string) =>
  request(t.app).post(`/api/participants/${code}/complete`).set('content-type', 'application/json').send(json);
/** The body of a completion of REQUIRED with `extra` (raw JSON text) added to its answers. */
const withRaw = (extra: string) => JSON.stringify({ answers: REQUIRED }).replace(/}}$/, `,${extra}}}`);

test('hostile completions (wrong types, 1e400, NaN-like texts, lists, objects, a boolean, a huge list, a choice ticked twice) are refused in words: never a 500, nothing stored', async () => {
  // Values only a client that skips the page sends: the page's own Next never sends these types.
  const hostile: [string, unknown][] = [
    ['trips', '51'], ['trips', '1e400'], ['trips', 'NaN'], ['trips', 'Infinity'], ['trips', '-Infinity'], ['trips', ' 7 '],
    ['trips', [51]], ['trips', { value: 51 }], ['trips', true], ['buses', '-1e400'],
    ['town', 123456789], ['town', ['x']], ['nickname', 7],
    ['modes', Array.from({ length: 5000 }, () => 'bus')], ['modes', 'bus'], ['modes', [['bus']]], ['modes', ['bus', 'bus', 'bus']], ['modes', ['bus', 'bus']],
  ];
  const bodies = [
    ...hostile.map(([question, value]) => [question, JSON.stringify({ answers: { ...REQUIRED, [question]: value } })]),
    ['trips', withRaw('"trips":1e400')],
    ['buses', withRaw('"buses":-1e400')],
  ];
  for (const [i, [question, body]] of bodies.entries()) {
    const code = await atOutcomes(`hostile-${i}`);
    const res = await completeRaw(code, body!);
    const label = `${body!.slice(-80)}: ${res.status} ${JSON.stringify(res.body)}`;
    assert.equal(res.status, 422, label);
    assert.equal(res.body.error.code, 'invalid_input', label);
    assert.match(res.body.error.message, new RegExp(`^(answers\\.${question}|the answer to "${question}")`), label);
    assert.doesNotMatch(JSON.stringify(res.body), /\n\s+at |\.ts:\d/, 'no stack trace');
    const participant = await participantOf(code);
    assert.equal(participant.status, 'started', label);
    assert.equal(await t.repos.answers.get(participant.id, 'final'), undefined, label);
  }
  // -0 is a number at the minimum 0, as survey-core reads it (the agreement test below): it completes.
  const res = await completeRaw(await atOutcomes('hostile-minus-zero'), withRaw('"trips":-0'));
  assert.equal(res.body.status, 'complete', JSON.stringify(res.body));
});

// Attacker pass 41 (pass 40's leftover): a refused answer's message said what was expected and not what came
// (`answers.trips: expected a number`), so a client's author could not tell a text "7" from a list or 1e400. The
// message now quotes it as every other refusal does; 422 messages are not logged, and the client sent the value.
test('a refused answer is quoted: a text where a number goes, a number past the largest, a list, a wrong choice', async () => {
  const cases: [string, RegExp][] = [
    [JSON.stringify({ answers: { ...REQUIRED, trips: 'NaN' } }), /^answers\.trips: expected a number, got "NaN" \(a text\)$/],
    [withRaw('"trips":1e400'), /^answers\.trips: expected a number, got a number too large to hold \(read as Infinity\)$/],
    [withRaw('"buses":-1e400'), /^answers\.buses: expected a number, got a number too large to hold \(read as -Infinity\)$/],
    [JSON.stringify({ answers: { ...REQUIRED, town: ['x'] } }), /^answers\.town: expected a text, got a list$/],
    [JSON.stringify({ answers: { ...REQUIRED, vote_line: 'agianst' } }), /^answers\.vote_line: expected one of for, against, abstain, got "agianst" \(did you mean "against"\?\)$/],
  ];
  for (const [i, [body, message]] of cases.entries()) {
    const res = await completeRaw(await atOutcomes(`quoted-${i}`), body);
    assert.equal(res.status, 422, JSON.stringify(res.body));
    assert.match(res.body.error.message, message);
  }
});

// Attacker pass 44: half a surrogate pair in a text answer was stored and completed (200). JSON carried it escaped,
// but the CSV exports wrote U+FFFD for it (UTF-8 cannot hold it): the researcher's file differed from the answer. A
// text box never holds one. A NUL is taken: Chromium keeps one pasted into a text box, and the respondent could not
// go on (the CSV files write it as U+FFFD: exports.test.ts).
test('a text answer holding half a surrogate pair is refused at the save and the completion (422, escaped); a NUL, line breaks, tabs, bidi marks and emoji are answers', async () => {
  // JSON.stringify writes the half pair escaped (\ud800), as a client's JSON would carry it.
  for (const [i, [value, shown]] of [['x\ud800y', '\\ud800'], ['\udc00=1', '\\udc00']].entries()) {
    const code = await atOutcomes(`unstorable-${i}`);
    const saved = await request(t.app).put(`/api/participants/${code}/answers`).send({ answers: { nickname: value }, currentPage: 3 });
    const done = await complete(code, { ...REQUIRED, nickname: value });
    for (const res of [saved, done]) {
      assert.equal(res.status, 422, JSON.stringify(res.body));
      assert.ok(res.body.error.message.startsWith('answers.nickname: holds half of a surrogate pair') && res.body.error.message.includes(shown), res.body.error.message);
    }
    const participant = await participantOf(code);
    assert.equal(participant.status, 'started');
    assert.equal((await t.repos.answers.get(participant.id, 'partial'))?.answers.nickname, undefined, 'nothing of it stored');
  }
  const kept = 'line one\r\nline two\rthree\ttab \u202eevil \u2028 👍🏽 a\u0000b';
  const code = await atOutcomes('unstorable-kept');
  assert.equal((await complete(code, { ...REQUIRED, nickname: kept })).body.status, 'complete');
  assert.equal((await t.repos.answers.get((await participantOf(code)).id, 'final'))?.answers.nickname, kept);
});

test('a definition whose limits no answer can meet (a lower limit above an upper one, in one property or across them) is refused in words at load', () => {
  const study = (element: Record<string, unknown>) => {
    const json = JSON.parse(readFileSync(`${FOLDER}/study.json`, 'utf8'));
    json.analysisPlan = JSON.parse(readFileSync(`${FOLDER}/analysis-plan.json`, 'utf8'));
    json.pages.posttreatment.push({ name: 'limits', elements: [{ title: text('T', 'T'), ...element }] });
    return json;
  };
  const number = { type: 'text', name: 'n', inputType: 'number' };
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ ...number, min: 10, max: 5 }, /elements\[0\]\.max: 5 is below min 10: no answer could meet both, so the page would refuse every one/],
    [{ ...number, validators: [{ type: 'numeric', minValue: '10', maxValue: 5 }] }, /elements\[0\]\.validators\[0\]\.maxValue: 5 is below minValue 10/],
    [{ ...number, min: 0, max: 50, validators: [{ type: 'numeric', minValue: 60 }] }, /elements\[0\]\.max: 50 is below minValue 60/],
    [{ type: 'text', name: 't', validators: [{ type: 'text', minLength: 10, maxLength: 5 }] }, /validators\[0\]\.maxLength: 5 is below minLength 10/],
    [{ type: 'text', name: 't', maxLength: 5, validators: [{ type: 'text', minLength: 10 }] }, /elements\[0\]\.maxLength: 5 is below minLength 10/],
    [{ type: 'checkbox', name: 'c', choices: ['a', 'b', 'c'], validators: [{ type: 'answercount', minCount: 3, maxCount: 2 }] }, /validators\[0\]\.maxCount: 2 is below minCount 3/],
    [{ type: 'checkbox', name: 'c', choices: ['a', 'b'], validators: [{ type: 'answercount', minCount: 3 }] }, /elements\[0\]\.choices: 2 choices is below minCount 3/],
  ];
  for (const [element, message] of cases) {
    assert.throws(() => parseStudyDefinition(study(element), 'study.json'), message, JSON.stringify(element));
  }
  // Limits meeting at one value, and 0 (no limit to SurveyJS) for a count or a length, still load.
  for (const element of [
    { ...number, min: 5, max: 5 },
    { type: 'text', name: 't', maxLength: 5, validators: [{ type: 'text', minLength: 5, maxLength: 0 }] },
    { type: 'checkbox', name: 'c', choices: ['a', 'b'], validators: [{ type: 'answercount', minCount: 2, maxCount: 0 }] },
  ]) {
    assert.doesNotThrow(() => parseStudyDefinition(study(element), 'study.json'), JSON.stringify(element));
  }
});

/** The bilingual study with one more page holding `elements` (each given a title), as its study.json would read. */
function studyWith(elements: Record<string, unknown>[]) {
  const json = JSON.parse(readFileSync(`${FOLDER}/study.json`, 'utf8'));
  json.analysisPlan = JSON.parse(readFileSync(`${FOLDER}/analysis-plan.json`, 'utf8'));
  json.pages.posttreatment.push({ name: 'limits', elements: elements.map((e) => ({ title: text('T', 'T'), ...e })) });
  return json;
}

// A limit written as text: survey-core compares a number question's min/max to the answer as JavaScript does ("1e3"
// is 1000, "ten" no limit), and reads a validator's number property with parseInt when the definition loads ("1e3"
// is 1, "ten" no limit). Before, the server read only plain digits, so "1e3" was no limit to it where the page
// refused 1001, and a limit the page cannot read loaded without a word.
const TEXT_LIMITS = [
  { type: 'text', name: 'exp', inputType: 'number', max: '1e3' },
  { type: 'text', name: 'hex', inputType: 'number', min: ' 5 ', max: '0x10' },
  { type: 'text', name: 'num', inputType: 'number', validators: [{ type: 'numeric', minValue: '-2', maxValue: ' 20 ' }] },
  { type: 'text', name: 'len', validators: [{ type: 'text', minLength: '2', maxLength: '4' }] },
  { type: 'checkbox', name: 'pick', choices: ['a', 'b', 'c'], validators: [{ type: 'answercount', minCount: '2', maxCount: '2' }] },
];

test('limits written as text are read as survey-core reads them: the server refuses exactly the values the page refuses', () => {
  const textDef = parseStudyDefinition(studyWith(TEXT_LIMITS), 'text-limits/study.json');
  const values: Record<string, unknown[]> = {
    exp: [999, 1000, 1000.5, 1001],
    hex: [4, 5, 16, 17],
    num: [-3, -2, 20, 21],
    len: ['x', 'xy', 'wxyz', 'vwxyz'],
    pick: [['a'], ['a', 'b'], ['a', 'b', 'c']],
  };
  for (const [name, list] of Object.entries(values)) {
    const element = TEXT_LIMITS.find((e) => e.name === name)! as unknown as SurveyElement;
    for (const value of list) {
      const server = answerLimitProblems(textDef, { [name]: value }).length > 0;
      assert.equal(server, surveyJsRefuses(element, value), `${name} = ${JSON.stringify(value)}`);
    }
  }
  assert.deepEqual(answerLimitProblems(textDef, { exp: 1001 }), [{ question: 'exp', message: 'must be a number at most 1000 (its min and max), got 1001' }]);
});

test('a limit SurveyJS cannot read as the number it says (a word, "1e3" where SurveyJS reads 1, a boolean, an empty text) is refused at load at the property, in words', () => {
  const number = { type: 'text', name: 'n', inputType: 'number' };
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ ...number, max: 'ten' }, /elements\[0\]\.max: expected a number, got "ten": SurveyJS reads no limit from it$/],
    [{ ...number, min: true }, /elements\[0\]\.min: expected a number, got true$/],
    [{ ...number, min: '' }, /elements\[0\]\.min: expected a number, got "": leave the property out for no limit$/],
    [{ ...number, validators: [{ type: 'numeric', maxValue: '1e3' }] }, /elements\[0\]\.validators\[0\]\.maxValue: expected a number, got "1e3", which SurveyJS reads as 1 \(a text here is read up to its first character that is not a digit\): write 1000 without quotes$/],
    [{ ...number, validators: [{ type: 'numeric', minValue: 'ten' }] }, /validators\[0\]\.minValue: expected a number, got "ten": SurveyJS reads no limit from it$/],
    [{ type: 'text', name: 't', validators: [{ type: 'text', maxLength: 'ten' }] }, /validators\[0\]\.maxLength: expected a number, got "ten"/],
    [{ type: 'text', name: 't', validators: [{ type: 'text', minLength: '2.5' }] }, /validators\[0\]\.minLength: expected a number, got "2.5", which SurveyJS reads as 2/],
    [{ type: 'checkbox', name: 'c', choices: ['a', 'b'], validators: [{ type: 'answercount', maxCount: 'one' }] }, /validators\[0\]\.maxCount: expected a number, got "one"/],
    [{ type: 'checkbox', name: 'c', choices: ['a', 'b'], validators: [{ type: 'answercount', maxCount: [2] }] }, /validators\[0\]\.maxCount: expected a number, got \[2\]$/],
    // A length or count that is not whole: survey-core compares with it as written (2.5 takes "ab", refuses "abc") but
    // tells the respondent "no more than 2.5 character(s)", and the researcher meant 2 or 3 (walk-through 21).
    [{ type: 'text', name: 't', validators: [{ type: 'text', maxLength: 2.5 }] }, /validators\[0\]\.maxLength: expected a whole number of characters, got 2\.5: write 2 or 3$/],
    [{ type: 'text', name: 't', validators: [{ type: 'text', minLength: 0.5 }] }, /validators\[0\]\.minLength: expected a whole number of characters, got 0\.5: write 0 or 1$/],
    [{ type: 'checkbox', name: 'c', choices: ['a', 'b', 'c'], validators: [{ type: 'answercount', maxCount: 1.5 }] }, /validators\[0\]\.maxCount: expected a whole number of choices, got 1\.5: write 1 or 2$/],
  ];
  for (const [element, message] of cases) {
    assert.throws(() => parseStudyDefinition(studyWith([element]), 'study.json'), message, JSON.stringify(element));
  }
  // Read as the number they say, by survey-core and the server alike: they load (and null is no limit, as before).
  assert.doesNotThrow(() => parseStudyDefinition(studyWith([...TEXT_LIMITS, { ...number, name: 'none', max: null }]), 'study.json'));
});
