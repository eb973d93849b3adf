// SurveyJS's own interface strings (Next, Complete, "Response required", …) in every locale the respondent page
// has messages for (messages.ts): importing a SurveyJS translation registers it, and a survey whose JSON says
// `"locale": "es"` then uses it. English is built in. Each translation adds about 3 KB to the compressed script.
import { surveyLocalization } from 'survey-core';
import 'survey-core/i18n/spanish';
import 'survey-core/i18n/arabic';
import 'survey-core/i18n/hebrew';
import 'survey-core/i18n/persian';
import 'survey-core/i18n/urdu';
import { SURVEYJS_SPANISH_USTED } from './surveyjs-usted.ts';
import { SURVEYJS_RANGE_MESSAGES } from './surveyjs-range-messages.ts';
import { SURVEYJS_ARABIC } from './surveyjs-arabic.ts';
import { SURVEYJS_HEBREW } from './surveyjs-hebrew.ts';
import { SURVEYJS_PERSIAN } from './surveyjs-persian.ts';
import { SURVEYJS_URDU } from './surveyjs-urdu.ts';

// SurveyJS's Spanish says "tú" in places where the studies say "usted" (surveyjs-usted.ts): those strings are replaced.
Object.assign(surveyLocalization.locales.es!, SURVEYJS_SPANISH_USTED);
// SurveyJS's Arabic has punctuation on the wrong side and a few wrong words (surveyjs-arabic.ts).
Object.assign(surveyLocalization.locales.ar!, SURVEYJS_ARABIC);
// SurveyJS's Hebrew addresses the respondent as a man (surveyjs-hebrew.ts).
Object.assign(surveyLocalization.locales.he!, SURVEYJS_HEBREW);
// SurveyJS's Persian says "more than" for "no more than" and breaks words a reader expects whole (surveyjs-persian.ts).
Object.assign(surveyLocalization.locales.fa!, SURVEYJS_PERSIAN);
// SurveyJS's Urdu turned every {0} of a limit into the word for zero (surveyjs-urdu.ts).
Object.assign(surveyLocalization.locales.ur!, SURVEYJS_URDU);
// A number out of range is told what to enter, not "The 'value' should be at least 0…" (surveyjs-range-messages.ts).
Object.assign(surveyLocalization.locales.en!, SURVEYJS_RANGE_MESSAGES.en);
Object.assign(surveyLocalization.locales.es!, SURVEYJS_RANGE_MESSAGES.es);
Object.assign(surveyLocalization.locales.ar!, SURVEYJS_RANGE_MESSAGES.ar);
Object.assign(surveyLocalization.locales.he!, SURVEYJS_RANGE_MESSAGES.he);
Object.assign(surveyLocalization.locales.fa!, SURVEYJS_RANGE_MESSAGES.fa);
Object.assign(surveyLocalization.locales.ur!, SURVEYJS_RANGE_MESSAGES.ur);
