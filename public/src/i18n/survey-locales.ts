// SurveyJS's own interface strings (Next, Complete, "Response required", …) in every locale the respondent page
// has messages for (messages.ts): importing a SurveyJS translation registers it, and a survey whose JSON says
// `"locale": "es"` then uses it. English is built in. Each translation adds about 3 KB to the compressed script.
import { surveyLocalization } from 'survey-core';
import 'survey-core/i18n/spanish';
import { SURVEYJS_SPANISH_USTED } from './surveyjs-usted.ts';

// SurveyJS's Spanish says "tú" in places where the studies say "usted" (surveyjs-usted.ts): those strings are replaced.
Object.assign(surveyLocalization.locales.es!, SURVEYJS_SPANISH_USTED);
