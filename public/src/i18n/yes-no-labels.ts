/**
 * The words of a yes/no question (SurveyJS's boolean) that gives no `labelTrue` / `labelFalse` of its own, in each
 * language the page speaks (messages.ts): SurveyJS's own strings (`booleanCheckedLabel`, `booleanUncheckedLabel`),
 * which the respondent reads. The server quotes them where it names an answer for researchers (an outcome's scale
 * line, server/domain/plan/outcome-scale.ts) without loading SurveyJS; tests/server/outcome-scale.test.ts checks that
 * every language of the page has its words here and that they are SurveyJS's. A Spanish study's line said "Yes"
 * until page pass 38.
 */
export const YES_NO_LABELS: Readonly<Record<string, { yes: string; no: string }>> = {
  en: { yes: 'Yes', no: 'No' },
  es: { yes: 'Sí', no: 'No' },
  ar: { yes: 'نعم', no: 'لا' },
  he: { yes: 'כן', no: 'לא' },
  fa: { yes: 'بله', no: 'خیر' },
  ur: { yes: 'جی ہاں', no: 'نہیں' },
};
