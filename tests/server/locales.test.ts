// Studies in several languages: validation names a missing translation; a participant's locale comes from the
// link or the wave, is stored, builds their survey and is exported; the page's own texts and SurveyJS's follow it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import request from 'supertest';
import { surveyLocalization } from 'survey-core';
import '../../public/src/i18n/survey-locales.ts';
import { RESPONDENT_LOCALES, RESPONDENT_MESSAGES } from '../../public/src/i18n/messages.ts';
import { textDirection } from '../../public/src/i18n/text-direction.ts';
import { chooseLocale, localizeDefinition, studyLocales } from '../../server/domain/localized-text.ts';
import { buildParticipantSurvey } from '../../server/domain/participant-survey.ts';
import { DefinitionError, parseStudyDefinition } from '../../server/domain/study-definition.ts';
import { servesLanguage } from '../../server/simulate/page-language.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { createResearcherTestApp } from './researcher-support.ts';

const STUDY = 'bus-line-funding';
const FOLDER = `survey-definitions/${STUDY}`;
const bus = loadDefinitionFiles('survey-definitions').find((d) => d.id === STUDY)!;

/** The bilingual study as one object (study.json with its plan), to break in one place. */
function busJson(): Record<string, any> {
  const study = JSON.parse(readFileSync(`${FOLDER}/study.json`, 'utf8')) as Record<string, any>;
  return { ...study, analysisPlan: JSON.parse(readFileSync(`${FOLDER}/analysis-plan.json`, 'utf8')) };
}

function refusal(value: unknown): string {
  try {
    parseStudyDefinition(value, 'bus/study.json');
  } catch (error) {
    assert.ok(error instanceof DefinitionError);
    return error.message;
  }
  assert.fail('the definition was accepted');
}

test('the shipped bilingual study declares en and es and gives every respondent-facing text in both', () => {
  assert.deepEqual(studyLocales(bus), ['en', 'es']);
  const es = JSON.stringify(buildParticipantSurvey(bus, { funding: 'federal_grant', backer: 'business' }, 'es'));
  const en = JSON.stringify(buildParticipantSurvey(bus, { funding: 'federal_grant', backer: 'business' }, 'en'));
  assert.match(es, /"locale":"es"/);
  assert.match(es, /Una nueva línea de autobús para su ciudad/);
  assert.match(es, /La línea se pagaría con una subvención del gobierno federal; los impuestos locales no cambiarían\./);
  assert.match(es, /La cámara de comercio del centro apoya el plan\./);
  assert.match(es, /<summary>Volver a leer la situación<\/summary>/);
  assert.match(en, /The downtown chamber of commerce supports the plan\./);
  assert.match(en, /<summary>Read the situation again<\/summary>/);
  // Nothing of the other language, and no translation object, is left in a participant's survey.
  assert.doesNotMatch(es, /The city council|"en":/);
  assert.doesNotMatch(en, /concejo municipal|"es":/);
});

test('a missing translation is refused, naming the text and the locale', () => {
  const missing = busJson();
  delete missing.pages.outcomes[0].elements[1].choices[2].text.es;
  assert.equal(refusal(missing), 'bus/study.json: pages.outcomes[0].elements[1].choices[2].text: missing translation "es"');

  const plain = busJson();
  plain.consent.question = 'Do you agree to take part in this study?';
  assert.match(refusal(plain), /^bus\/study\.json: consent\.question: missing translation: one text for every locale \(en, es\)/);

  const level = busJson();
  delete level.factors[1].levels[0].text.en;
  assert.equal(refusal(level), 'bus/study.json: factors[1].levels[0].text: missing translation "en"');

  const extra = busJson();
  extra.vignette.title.fr = 'Un plan pour une nouvelle ligne de bus';
  assert.equal(refusal(extra), `bus/study.json: vignette.title: "fr" is not one of the study's locales (en, es)`);
});

test('a validator’s text and a number question’s min/max error texts are translated like a title: per locale, checked, and localized', () => {
  // Before, they were passed as they were: a Spanish respondent read "Enter 0 to 50." or the whole { en, es } object.
  const number = (extra: Record<string, unknown>) => {
    const study = busJson();
    study.pages.posttreatment[0].elements.push({ type: 'text', name: 'trips', inputType: 'number', title: { en: 'Trips', es: 'Viajes' }, ...extra });
    return study;
  };
  assert.equal(
    refusal(number({ validators: [{ type: 'numeric', minValue: 0, maxValue: 50, text: 'Enter 0 to 50.' }] })),
    'bus/study.json: pages.posttreatment[0].elements[1].validators[0].text: missing translation: one text for every locale (en, es) is needed, as { "en": "…", "es": "…" }',
  );
  assert.equal(refusal(number({ min: 0, maxErrorText: { en: 'At most 50.' } })), 'bus/study.json: pages.posttreatment[0].elements[1].maxErrorText: missing translation "es"');
  const translated = number({
    min: 0,
    minErrorText: { en: 'At least 0.', es: 'Al menos 0.' },
    validators: [{ type: 'numeric', maxValue: 50, text: { en: 'Enter 0 to 50.', es: 'Escriba de 0 a 50.' } }, { type: 'expression', expression: '{trips} > 1' }],
  });
  const def = parseStudyDefinition(translated, 'bus/study.json');
  const trips = localizeDefinition(def, 'es').pages.posttreatment[0]!.elements[1] as Record<string, any>;
  assert.deepEqual(trips.validators, [{ type: 'numeric', maxValue: 50, text: 'Escriba de 0 a 50.' }, { type: 'expression', expression: '{trips} > 1' }]);
  assert.equal(trips.minErrorText, 'Al menos 0.');
});

test('a locale the page has no messages in, and a template that drops a factor in one language, are refused', () => {
  const french = busJson();
  french.locales = ['en', 'es', 'fr'];
  assert.match(refusal(french), /^bus\/study\.json: locales\[2\]: the respondent page has no messages in "fr" \(it has en, es, ar, he, fa, ur;/);

  const template = busJson();
  template.vignette.template[1].es = 'La coalición apoya el plan.';
  assert.equal(refusal(template), 'bus/study.json: vignette.template: factor "backer" never appears in the template (es)');
});

test('the flagships, without locales, are English and unchanged by localizing', () => {
  const alliance = loadDefinitionFiles('survey-definitions').find((d) => d.id === 'alliance-corrective-measures')!;
  assert.deepEqual(studyLocales(alliance), ['en']);
  assert.deepEqual(localizeDefinition(alliance, 'en'), alliance);
});

test('the locale asked for by the link is used when the study has it, by its language when only that matches', () => {
  assert.equal(chooseLocale('es', ['en', 'es'], 'en'), 'es');
  assert.equal(chooseLocale('es-MX', ['en', 'es'], 'en'), 'es');
  assert.equal(chooseLocale('ES', ['en', 'es'], 'en'), 'es');
  assert.equal(chooseLocale('fr', ['en', 'es'], 'es'), 'es');
  assert.equal(chooseLocale(undefined, ['en', 'es'], 'es'), 'es');
});

// Attacker pass 38: a link's ?lang= written as POSIX and Java write locales (`es_ES`, `pt_BR`), or in a language whose
// study locale names a region (`pt` for a study in `pt-BR`), started the respondent in the wave's default, English.
test('?lang= with an underscore, or a language a study locale with a region or script has, finds that locale', () => {
  assert.equal(chooseLocale('es_ES', ['en', 'es'], 'en'), 'es');
  assert.equal(chooseLocale('ES_mx', ['en', 'es'], 'en'), 'es');
  assert.equal(chooseLocale('pt_BR', ['en', 'pt-BR'], 'en'), 'pt-BR');
  assert.equal(chooseLocale('pt', ['en', 'pt-BR'], 'en'), 'pt-BR');
  assert.equal(chooseLocale('pt-PT', ['en', 'pt-BR'], 'en'), 'pt-BR');
  assert.equal(chooseLocale('pt-PT', ['en', 'pt-BR', 'pt-PT'], 'en'), 'pt-PT', 'an exact match first');
  assert.equal(chooseLocale('pt', ['en', 'pt-BR', 'pt'], 'en'), 'pt', 'the language itself before a region of it');
  assert.equal(chooseLocale(' es ', ['en', 'es'], 'en'), 'es');
  for (const odd of ['e', 's', '-', '_', 'p', 'en-', 'xx_YY']) assert.equal(chooseLocale(odd, ['es', 'pt-BR'], 'es'), 'es', odd);
});

// Attacker pass 40: a link written in a sentence and pasted into a panel's settings keeps what was around it on its
// last parameter (`…?lang=es.` then the panel's `&PROLIFIC_PID=…`), as a glued wave id did (pass 28): every Spanish
// respondent took the study in the wave's default, English. A language tag begins and ends with a letter or digit.
test('?lang= with a full stop, a bracket, quotes or an invisible character glued to it finds its locale', () => {
  for (const asked of ['es.', 'es,', '(es)', '"es"', '\u201ces\u201d', 'es\u200b', '\ufeffes', 'es\u00a0', 'es-MX.', 'es_ES;']) {
    assert.equal(chooseLocale(asked, ['en', 'es'], 'en'), 'es', asked);
  }
  assert.equal(chooseLocale('e.s', ['en', 'es'], 'en'), 'en', 'inside a tag, a full stop is no glue');
});

// Attacker pass 38: a `zh-TW` link took a study's `zh-Hans` by language, which a reader of Traditional Chinese may
// not read. Another region's or script's locale of the language is taken only when both are likely written in one
// script (CLDR's likely subtags, Intl.Locale#maximize: zh-TW and zh-HK Hant, zh and zh-CN Hans, sr Cyrl, sr-ME Latn).
test('?lang= finds a locale of another region only when both are likely written in the same script', () => {
  for (const asked of ['zh-TW', 'zh_TW', 'zh-HK', 'zh-Hant']) {
    assert.equal(chooseLocale(asked, ['en', 'zh-Hans'], 'en'), 'en', asked);
    assert.equal(chooseLocale(asked, ['en', 'zh'], 'en'), 'en', asked);
    assert.equal(chooseLocale(asked, ['en', 'zh-Hans', 'zh-Hant'], 'en'), 'zh-Hant', asked);
    assert.equal(chooseLocale(asked, ['en', 'zh-CN', 'zh-TW'], 'en'), 'zh-TW', asked);
  }
  for (const asked of ['zh', 'zh-CN', 'zh-SG', 'zh-Hans-CN']) assert.equal(chooseLocale(asked, ['en', 'zh-Hant', 'zh-Hans'], 'en'), 'zh-Hans', asked);
  assert.equal(chooseLocale('zh-Hant', ['en', 'zh-TW'], 'en'), 'zh-TW');
  assert.equal(chooseLocale('sr-Latn', ['en', 'sr'], 'en'), 'en');
  assert.equal(chooseLocale('sr-ME', ['en', 'sr'], 'en'), 'en');
  assert.equal(chooseLocale('sr-ME', ['en', 'sr', 'sr-Latn'], 'en'), 'sr-Latn');
  assert.equal(chooseLocale('sr-RS', ['en', 'sr'], 'en'), 'sr');
  assert.equal(chooseLocale('pa-PK', ['en', 'pa'], 'en'), 'en', 'Punjabi in Pakistan is written in Arabic letters, pa in Gurmukhi');
  assert.equal(chooseLocale('pt-PT', ['en', 'pt-BR'], 'en'), 'pt-BR', 'one script, two regions');
});

test('vlab simulate --language takes the locale the server chose by the same rule as the one asked for', () => {
  for (const [asked, served] of [['es', 'es'], ['es-MX', 'es'], ['es_ES', 'es'], ['pt', 'pt-BR'], ['PT_br', 'pt-BR']]) assert.ok(servesLanguage(asked, served), `${asked} → ${served}`);
  for (const [asked, served] of [['fr', 'en'], ['es', 'en'], ['e', 'es']]) assert.ok(!servesLanguage(asked, served), `${asked} → ${served}`);
});

// A link may carry a language's old code (Java's and Android's Locale, some panels' settings, write `iw` for Hebrew,
// `in` for Indonesian, `ji` for Yiddish), another region's spelling (`es_MX`) or a region and script: each finds the
// study's locale as the browser's own code would. Until page pass 39 `?lang=iw` met a Hebrew study's English default.
test('the locale asked for by the link is found by its canonical code: old codes, an underscore, a script and region', () => {
  assert.equal(chooseLocale('iw', ['en', 'he'], 'en'), 'he');
  assert.equal(chooseLocale('iw-IL', ['en', 'he'], 'en'), 'he');
  assert.equal(chooseLocale('IW', ['en', 'he'], 'en'), 'he');
  assert.equal(chooseLocale('in', ['en', 'id'], 'en'), 'id');
  assert.equal(chooseLocale('ji', ['yi', 'en'], 'en'), 'yi');
  assert.equal(chooseLocale('es_MX', ['en', 'es'], 'en'), 'es');
  assert.equal(chooseLocale('ar-Arab-EG', ['en', 'ar'], 'en'), 'ar');
  // A code that is no language tag is a wish the study cannot meet: the fallback, never an error.
  for (const odd of ['x', 'a b', '-', 'é', '1234567890']) assert.equal(chooseLocale(odd, ['en', 'he'], 'en'), 'en', odd);
});

test("every locale of the page's own messages has SurveyJS's interface strings too", async () => {
  assert.deepEqual(RESPONDENT_LOCALES, Object.keys(RESPONDENT_MESSAGES));
  for (const locale of RESPONDENT_LOCALES) {
    assert.ok(surveyLocalization.locales[locale], `SurveyJS strings for "${locale}" are bundled`);
  }
  assert.equal(surveyLocalization.getString('pageNextText', 'es'), 'Siguiente');
  assert.equal(surveyLocalization.getString('pageNextText', 'ar'), 'التالي');
  assert.equal(surveyLocalization.getString('pageNextText', 'he'), 'קדימה');
});

/** A string's placeholders ("{0}", "{panelIndex}"), sorted: what SurveyJS fills in, which a translation must keep as they are. */
const placeholders = (text: string) => [...text.matchAll(/\{[^{}]*\}/gu)].map((m) => m[0]).sort().join(' ');

// SurveyJS's translations were made by hand or by machine, placeholders and all: its Arabic wrote a dynamic panel's tab
// as "لوحة {بانل إندكس}" (the placeholder's name translated, so the tab showed the braces), its Hebrew a matrix row's
// title as "{כותרת_שורה}", and its Urdu turned every {0} into the word for zero ("enter at least zero characters").
test("every SurveyJS string in every language the page speaks keeps the placeholders of SurveyJS's English", () => {
  const english = surveyLocalization.locales.en as Record<string, unknown>;
  const broken = RESPONDENT_LOCALES.filter((locale) => locale !== 'en').flatMap((locale) =>
    Object.entries(surveyLocalization.locales[locale] as Record<string, unknown>)
      .filter(([key, text]) => typeof text === 'string' && typeof english[key] === 'string' && placeholders(text) !== placeholders(english[key] as string))
      .map(([key, text]) => `${locale} ${key}: ${String(text)} (English: ${String(english[key])})`),
  );
  assert.deepEqual(broken, []);
});

test('a locale written right to left is said so, by its language or its script; others, and malformed codes, are left to right', () => {
  for (const locale of ['ar', 'ar-EG', 'AR', 'he', 'iw', 'fa-IR', 'ur', 'ckb', 'pa-Arab', 'az-Arab-IR', 'ks', 'yi']) assert.equal(textDirection(locale), 'rtl', locale);
  for (const locale of ['en', 'es-MX', 'pa', 'az-Latn', 'ks-Deva', 'uz-Cyrl', 'zh-Hant', '', '-', 'arabic']) assert.equal(textDirection(locale), 'ltr', locale);
});

// Arabic's plural forms (CLDR: one, two, 3-10, 11-99, the rest) in the page's own counts.
test('the Hebrew page counts one, two and many, and asks in the infinitive, never a gendered imperative', () => {
  const he = RESPONDENT_MESSAGES.he!;
  assert.deepEqual([1, 2, 3, 20, 5000].map((n) => he.textLimit(n)), ['עד תו אחד.', 'עד שני תווים.', 'עד 3 תווים.', 'עד 20 תווים.', 'עד 5,000 תווים.']);
  assert.deepEqual([1, 2, 6].map((n) => he.checkQuestions(n)), ['נא לבדוק שאלה אחת בדף הזה.', 'נא לבדוק שתי שאלות בדף הזה.', 'נא לבדוק 6 שאלות בדף הזה.']);
  assert.equal(he.rateLimitedText(5), 'נא להמתין כ־5 דקות ולטעון את הדף מחדש.');
  const texts = Object.values(he).map((v) => (typeof v === 'function' ? String(v(2, 3)) : v));
  assert.deepEqual(texts.filter((t) => /(^|\s)(בחר|לחץ|הזן|השב|אתה)\s/u.test(t)), []);
});

test('the Arabic page counts characters, questions and minutes in the form each number takes', () => {
  const ar = RESPONDENT_MESSAGES.ar!;
  assert.deepEqual([1, 2, 3, 10, 11, 20, 99, 100, 102, 5000].map((n) => ar.textLimit(n)), [
    'حتى حرف واحد.', 'حتى حرفان.', 'حتى 3 أحرف.', 'حتى 10 أحرف.', 'حتى 11 حرفًا.', 'حتى 20 حرفًا.', 'حتى 99 حرفًا.', 'حتى 100 حرف.', 'حتى 102 حرف.', 'حتى 5,000 حرف.',
  ]);
  assert.deepEqual([1, 2, 6, 12].map((n) => ar.checkQuestions(n)), [
    'يُرجى مراجعة سؤال واحد في هذه الصفحة.', 'يُرجى مراجعة سؤالين في هذه الصفحة.', 'يُرجى مراجعة 6 أسئلة في هذه الصفحة.', 'يُرجى مراجعة 12 سؤالًا في هذه الصفحة.',
  ]);
  assert.equal(ar.rateLimitedText(1), 'يُرجى الانتظار دقيقة، ثم إعادة تحميل هذه الصفحة.');
  assert.equal(ar.rateLimitedText(5), 'يُرجى الانتظار نحو 5 دقائق، ثم إعادة تحميل هذه الصفحة.');
  // A panel's parameter name, Latin, kept whole inside the Arabic sentence (first strong isolates).
  assert.match(ar.panelParamRefused('PROLIFIC_PID', '"a b"'), /^\u2068PROLIFIC_PID\u2069: /);
});

/** A spelling rule: what is wrong, and whether a text has it. */
type SpellingRule = [string, (text: string) => boolean];
const has = (pattern: RegExp) => (text: string) => pattern.test(text);

/** Each string that breaks a rule, with the rule's words: `key: what: text`. */
function spellingProblems(strings: [string, string][], rules: SpellingRule[]): string[] {
  return strings.flatMap(([key, text]) => rules.filter(([, broken]) => broken(text)).map(([what]) => `${key}: ${what}: ${text}`));
}

/** SurveyJS's strings in `locale` as the page registers them (survey-locales.ts), by key. */
function surveyJsStrings(locale: string): [string, string][] {
  const table = surveyLocalization.locales[locale] as Record<string, unknown> | undefined;
  assert.ok(table, `SurveyJS's "${locale}" is bundled`);
  const strings = Object.entries(table).filter((e): e is [string, string] => typeof e[1] === 'string');
  assert.ok(strings.length > 100, `${strings.length} strings`);
  return strings;
}

/** The page's own catalog in `locale`, its functions called with small numbers, by key. */
function catalogTexts(locale: string): [string, string][] {
  return Object.entries(RESPONDENT_MESSAGES[locale]!).map(([key, v]): [string, string] => [key, typeof v === 'function' ? String((v as (...a: number[]) => string)(2, 3, 4)) : v]);
}

/**
 * Persian written as Persian readers expect it (the Academy's spelling): the Persian yeh and kaf (ی ک), not Arabic's
 * (ي ك), which look alike in the middle of a word and differ at its end and to a search; "می" and "نمی" joined to
 * their verb, and the plural "ها", by the zero-width non-joiner (U+200C), never a space, at which a line may break;
 * "لطفاً" with its tanwin; "…" and "؟", not "..." and a Latin "?"; no double space; no punctuation first.
 */
const PERSIAN_SPELLING: SpellingRule[] = [
  ["Arabic's yeh or kaf", has(/[\u064A\u0643]/u)],
  ['a detached "می"', has(/(^|[\s\u200C])ن?می /u)],
  ['a detached "ها"', has(/\sها([\s.،؛؟!]|$)/u)],
  ['"لطفا" without its tanwin', has(/لطفا(?!ً)/u)],
  ['"..." for "…"', has(/\.\.\./u)],
  ['a Latin "?"', has(/\?/u)],
  ['a double space', has(/ {2}/u)],
  ['Persian digits', has(/[\u06F0-\u06F9]/u)],
  ['opens with punctuation', has(/^[.…!؟،؛:]/u)],
];

test("SurveyJS's Persian strings, as the page registers them, say \"no more than\" where they mean it and are spelled as a Persian reader expects", () => {
  assert.deepEqual(spellingProblems(surveyJsStrings('fa'), PERSIAN_SPELLING), []);
  // SurveyJS's own said "select more than {0}" and "fewer than {0} characters" for the limits a respondent meets.
  const said = (key: string) => surveyLocalization.getString(key, 'fa');
  assert.deepEqual([said('maxSelectError'), said('textMaxLength')], ['لطفاً حداکثر {0} گزینه انتخاب کنید.', 'لطفاً حداکثر {0} کاراکتر وارد کنید.']);
  assert.equal(said('requiredError'), 'لطفاً به این پرسش پاسخ دهید.');
  assert.equal(said('numericMinMax'), 'لطفاً عددی از {1} تا {2} وارد کنید.');
});

test('the Persian page: a number before a singular noun, Western digits as its counters, polite requests, spelled as SurveyJS\'s strings are', () => {
  const fa = RESPONDENT_MESSAGES.fa!;
  assert.deepEqual([1, 20, 5000].map((n) => fa.textLimit(n)), ['حداکثر 1 کاراکتر.', 'حداکثر 20 کاراکتر.', 'حداکثر 5,000 کاراکتر.']);
  assert.deepEqual([1, 6].map((n) => fa.checkQuestions(n)), ['لطفاً یک پرسش را در این صفحه بررسی کنید.', 'لطفاً 6 پرسش را در این صفحه بررسی کنید.']);
  assert.equal(fa.pageOf(2, 12), 'صفحهٔ 2 از 12');
  assert.equal(fa.rateLimitedText(5), 'لطفاً حدود 5 دقیقه صبر کنید و سپس این صفحه را دوباره بارگذاری کنید.');
  assert.match(fa.panelParamRefused('PROLIFIC_PID', '"a b"'), /^\u2068PROLIFIC_PID\u2069: /);
  assert.deepEqual(spellingProblems(catalogTexts('fa'), PERSIAN_SPELLING), []);
  assert.equal(textDirection('fa'), 'rtl');
});

/**
 * Urdu written with Urdu's letters: heh goal, do-chashmi heh, Farsi yeh and keheh (ہ ھ ی ک), never Arabic's heh, yeh
 * and kaf (ه ي ك: SurveyJS's "دیکهنا", "نہيں", "ٹھيک"); its full stop "۔", not a Latin one; "…" and "؟"; no
 * English left on the page (SurveyJS's "Deselect all", "Panel", "Progress bar") but for names and units that stay
 * Latin; no punctuation first.
 */
const LATIN_KEPT = /^(KB|MB|GB|TB|JavaScript|ASCII|HIT|onUploadFiles|path|true)$/u;
const URDU_SPELLING: SpellingRule[] = [
  ["Arabic's heh, yeh or kaf", has(/[\u0647\u064A\u0643]/u)],
  ['a Latin full stop for "۔"', has(/[\u0600-\u06FF]\.(\s|$)/u)],
  ['"..." for "…"', has(/\.\.\./u)],
  ['a Latin "?"', has(/\?/u)],
  ['a double space', has(/ {2}/u)],
  ['an English word', (text) => (text.replace(/\{[^{}]*\}/gu, '').match(/[A-Za-z]{2,}/gu) ?? []).some((word) => !LATIN_KEPT.test(word))],
  ['opens with punctuation', has(/^[.…!؟،؛:۔]/u)],
];

test("SurveyJS's Urdu strings, as the page registers them, say the question's own limits, in Urdu's letters and no English", () => {
  assert.deepEqual(spellingProblems(surveyJsStrings('ur'), URDU_SPELLING), []);
  // SurveyJS's own said "enter at least zero characters" and "'zero' should be at least one and at most two".
  const said = (key: string) => surveyLocalization.getString(key, 'ur');
  assert.deepEqual([said('textMaxLength'), said('numericMinMax')], ['براہ کرم {0} سے زیادہ حروف درج نہ کریں۔', 'براہ کرم {1} سے {2} تک کوئی عدد درج کریں۔']);
});

test('the Urdu page: a plural noun after a number, Western digits, requests that do not guess the respondent\'s gender', () => {
  const ur = RESPONDENT_MESSAGES.ur!;
  assert.deepEqual([1, 20, 5000].map((n) => ur.textLimit(n)), ['زیادہ سے زیادہ 1 حرف۔', 'زیادہ سے زیادہ 20 حروف۔', 'زیادہ سے زیادہ 5,000 حروف۔']);
  assert.deepEqual([1, 6].map((n) => ur.checkQuestions(n)), ['براہ کرم اس صفحے پر ایک سوال دوبارہ دیکھیں۔', 'براہ کرم اس صفحے پر 6 سوالات دوبارہ دیکھیں۔']);
  assert.equal(ur.rateLimitedText(5), 'براہ کرم تقریباً 5 منٹ انتظار کریں، پھر یہ صفحہ دوبارہ لوڈ کریں۔');
  assert.match(ur.panelParamRefused('PROLIFIC_PID', '"a b"'), /^\u2068PROLIFIC_PID\u2069: /);
  const texts = catalogTexts('ur');
  assert.deepEqual(spellingProblems(texts, URDU_SPELLING), []);
  // "سکتے ہیں" / "سکتی ہیں" (you may, a man / a woman) and "بتاتے" / "بتاتی" guess; the page says it otherwise.
  assert.deepEqual(texts.filter(([, text]) => /(سکتے|سکتی|بتاتے|بتاتی|گئے|گئی) ہیں/u.test(text) && /آپ (?!کے|کی|کا|نے|کو)/u.test(text)).map(([key]) => key), []);
  assert.equal(textDirection('ur'), 'rtl');
});

const t = await createResearcherTestApp({ studyKey: STUDY });
after(() => t.close());

async function start(waveId: string, body: object) {
  const res = await request(t.app).post(`/api/waves/${waveId}/participants`).send(body);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { participant: { code: string; locale: string }; survey: { title: string; locale: string } };
}

test('a participant takes the study in the link’s locale, else the wave’s; it is stored and survives a resume', async () => {
  const spanish = await start(t.wave.id, { panel: { PROLIFIC_PID: 'lang-es' }, locale: 'es' });
  assert.equal(spanish.participant.locale, 'es');
  assert.equal(spanish.survey.title, 'Una nueva línea de autobús para su ciudad');
  assert.equal(spanish.survey.locale, 'es');
  const english = await start(t.wave.id, { panel: { PROLIFIC_PID: 'lang-none' } });
  assert.equal(english.participant.locale, 'en');
  // As POSIX and Java write it (attacker pass 38: English before).
  assert.equal((await start(t.wave.id, { panel: { PROLIFIC_PID: 'lang-es_US' }, locale: 'es_US' })).participant.locale, 'es');
  const unknown = await start(t.wave.id, { panel: { PROLIFIC_PID: 'lang-fr' }, locale: 'fr' });
  assert.equal(unknown.participant.locale, 'en');
  // A mangled ?lang= (far too long, or not text) is no wish at all: the respondent starts in the wave's locale.
  for (const [i, locale] of ['es-'.repeat(40), 7, { es: true }, null].entries()) {
    assert.equal((await start(t.wave.id, { panel: { PROLIFIC_PID: `lang-odd-${i}` }, locale })).participant.locale, 'en', JSON.stringify(locale));
  }
  // A resume with another ?lang= keeps the language the participant started in.
  const resumed = await request(t.app).post(`/api/waves/${t.wave.id}/participants`).send({ panel: { PROLIFIC_PID: 'lang-es' }, locale: 'en' });
  assert.equal(resumed.status, 200);
  assert.equal(resumed.body.participant.locale, 'es');
  assert.equal((await t.repos.participants.findByCode(spanish.participant.code))!.locale, 'es');

  const spanishWave = (await t.studies.createWave({ studyKey: STUDY, target: 10, locale: 'es' })).wave;
  assert.equal((await start(spanishWave.id, { panel: { PROLIFIC_PID: 'wave-es' } })).participant.locale, 'es');
  await assert.rejects(t.studies.createWave({ studyKey: STUDY, target: 10, locale: 'fr' }), /locale: "fr" is not a locale of study "bus-line-funding" \(en, es\)/);
});

test('the export has each participant’s locale; the codebook lists the study’s locales and the column', async () => {
  const spanish = await start(t.wave.id, { panel: { PROLIFIC_PID: 'export-es' }, locale: 'es' });
  const answers = { consent: true, bus_use: 'weekly', support_line: 4, vote_line: 'for', recall_funding: 'sales_tax', vignette_reopened: true };
  // To the vignette as the page goes (the quota step with the pre-treatment answers), then the outcomes.
  const quota = await request(t.app).post(`/api/participants/${spanish.participant.code}/quota-check`).send({ answers: { consent: true, bus_use: 'weekly' } });
  assert.equal(quota.status, 200, JSON.stringify(quota.body));
  const done = await request(t.app).post(`/api/participants/${spanish.participant.code}/complete`).send({ answers });
  assert.equal(done.status, 200, JSON.stringify(done.body));
  const csv = await t.get(`/waves/${t.wave.id}/export?format=csv`);
  assert.equal(csv.status, 200, csv.text);
  const [header, ...lines] = csv.text.trim().split('\n');
  const columns = header!.split(',');
  const row = lines.map((l) => l.split(',')).find((cells) => cells[0] === spanish.participant.code)!;
  assert.equal(row[columns.indexOf('locale')], 'es');
  assert.equal(row[columns.indexOf('vignette_reopened')], '1');
  assert.equal(row[columns.indexOf('support_line')], '4');

  const codebook = await t.get(`/waves/${t.wave.id}/export?format=codebook`);
  const book = JSON.parse(codebook.text) as { study: { locales: string[] }; columns: { name: string; levels?: { value: string }[]; label: string }[] };
  assert.deepEqual(book.study.locales, ['en', 'es']);
  assert.deepEqual(book.columns.find((c) => c.name === 'locale')!.levels!.map((l) => l.value), ['en', 'es']);
  // Column labels are the question texts in the study's default locale.
  assert.equal(book.columns.find((c) => c.name === 'support_line')!.label, 'How much do you support or oppose the new bus line?');
});

test('the page shell is in the respondent’s language: <html lang>, the tab title, the loading text', async () => {
  const es = await request(t.app).get(`/s/${t.wave.id}?lang=es&PROLIFIC_PID=shell`);
  assert.equal(es.status, 200);
  assert.match(es.text, /<html lang="es" dir="ltr">/);
  assert.match(es.text, /<title>Una nueva línea de autobús para su ciudad<\/title>/);
  assert.match(es.text, /Cargando la encuesta…/);
  assert.match((await request(t.app).get(`/s/${t.wave.id}?lang=es_ES`)).text, /<html lang="es" dir="ltr">/);
  // A link with `lang` twice (the panel's template adds one to the researcher's): the page starts the survey in the
  // first, as URLSearchParams' get() reads it; the shell took the list for no language and said "Loading the
  // survey…" under `<html lang="en">` (attacker pass 40). `lang[]=es` is no `lang` to either.
  // A second `?` or an HTML-escaped `&amp;` between parameters (a panel's or a copied link's join) separates them as
  // the page reads them (link-query.ts); the shell was in English (attacker pass 41).
  for (const query of ['lang=es&lang=es', 'lang=es&lang=en', 'PROLIFIC_PID=x&lang=es&LANG=en&lang=', 'lang=es.&PROLIFIC_PID=x', 'lang=es?PROLIFIC_PID=x', 'RID=r-1&amp;lang=es']) {
    assert.match((await request(t.app).get(`/s/${t.wave.id}?${query}`)).text, /<html lang="es" dir="ltr">/, query);
  }
  assert.match((await request(t.app).get(`/s/${t.wave.id}?lang[]=es`)).text, /<html lang="en" dir="ltr">/);
  const en = await request(t.app).get(`/s/${t.wave.id}`);
  assert.match(en.text, /<html lang="en" dir="ltr">/);
  assert.match(en.text, /<title>A new bus line for your city<\/title>/);
});

test('a wave’s default locale is set at creation over the researcher API, and must be one of the study’s', async () => {
  const created = await t.post('/waves', { study: STUDY, target: 20, locale: 'es' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.locale, 'es');
  const refused = await t.post('/waves', { study: STUDY, target: 20, locale: 'fr' });
  assert.equal(refused.status, 422);
  assert.match(refused.body.error.message, /locale: "fr" is not a locale of study "bus-line-funding"/);
  const english = await t.post('/waves', { study: 'alliance-corrective-measures', target: 20 });
  assert.equal(english.body.locale, 'en');
});
