// SurveyJS's default errors for a number out of range read "The 'value' should be at least 0 and at most 50" (its
// numeric validator names the value "value", quoted) and "El 'valor' debe de ser igual o más de 0…"; a question's
// own `min`/`max` gave "The value should not be less than 0" and, in Spanish, "La estimación no debe ser menor
// que 0". They are replaced by what to enter, in every locale the page has (survey-locales.ts applies them); a
// validator's own `text` still wins. {0} of numericMin…Max is that "value"; the bounds are {1} and {2}.

/** SurveyJS's range errors by SurveyJS's key, per locale. */
export const SURVEYJS_RANGE_MESSAGES: Readonly<Record<'en' | 'es' | 'ar' | 'he' | 'fa' | 'ur', Readonly<Record<string, string>>>> = {
  en: {
    numericMinMax: 'Enter a number from {1} to {2}.',
    numericMin: 'Enter a number of {1} or more.',
    numericMax: 'Enter a number of {1} or less.',
    minError: 'Enter {0} or more.',
    maxError: 'Enter {0} or less.',
  },
  es: {
    numericMinMax: 'Escriba un número de {1} a {2}.',
    numericMin: 'Escriba un número igual o mayor que {1}.',
    numericMax: 'Escriba un número igual o menor que {1}.',
    minError: 'Escriba {0} o más.',
    maxError: 'Escriba {0} o menos.',
  },
  // SurveyJS's own Arabic says "و'{0}' يجب أن تكون مساوية أو أكثر من {1}ا" (a stray "and", the quoted "value" and a
  // trailing letter).
  ar: {
    numericMinMax: 'أدخل رقمًا من {1} إلى {2}.',
    numericMin: 'أدخل رقمًا يساوي {1} أو أكثر.',
    numericMax: 'أدخل رقمًا يساوي {1} أو أقل.',
    minError: 'أدخل {0} أو أكثر.',
    maxError: 'أدخل {0} أو أقل.',
  },
  // SurveyJS's Hebrew: "'{0}' חייב להיות שווה או גדול מ {1}, ושווה ל- {2} או פחות מ- {}}" (a brace left over).
  he: {
    numericMinMax: 'נא להזין מספר בין {1} ל־{2}.',
    numericMin: 'נא להזין מספר {1} או יותר.',
    numericMax: 'נא להזין מספר {1} או פחות.',
    minError: 'נא להזין {0} או יותר.',
    maxError: 'נא להזין {0} או פחות.',
  },
  // SurveyJS's Persian: "'{0}' بزرگتر مساوی {1} باشد" (the quoted "value", and no verb's "must").
  fa: {
    numericMinMax: 'لطفاً عددی از {1} تا {2} وارد کنید.',
    numericMin: 'لطفاً عدد {1} یا بیشتر وارد کنید.',
    numericMax: 'لطفاً عدد {1} یا کمتر وارد کنید.',
    minError: 'لطفاً {0} یا بیشتر وارد کنید.',
    maxError: 'لطفاً {0} یا کمتر وارد کنید.',
  },
  // SurveyJS's Urdu: "صفر' کم از کم ایک اور زیادہ سے زیادہ دو ہونا چاہیے'" ('zero' should be at least one and at most
  // two: its placeholders translated as numbers, whatever the question's range).
  ur: {
    numericMinMax: 'براہ کرم {1} سے {2} تک کوئی عدد درج کریں۔',
    numericMin: 'براہ کرم {1} یا اس سے زیادہ کا عدد درج کریں۔',
    numericMax: 'براہ کرم {1} یا اس سے کم کا عدد درج کریں۔',
    minError: 'براہ کرم {0} یا اس سے زیادہ درج کریں۔',
    maxError: 'براہ کرم {0} یا اس سے کم درج کریں۔',
  },
};
