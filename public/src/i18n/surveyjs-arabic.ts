// SurveyJS's Arabic translation (survey-core/i18n/arabic, 2.5.38) has strings an Arabic reader would stop at, in the
// parts of the page a respondent sees: punctuation typed at the visual end of the line, which in a right-to-left
// string is its logical start (".يرجى الإجابة على السؤال", "...اختر": the full stop and the ellipsis were drawn
// on the wrong side of the words), "اختار" (past tense, "he chose") where the page asks "choose", "واضح" ("obvious")
// for the dropdown's clear button, "طبق" (read "plate") for Apply, and a page counter whose words are out of order
// ("{1} صفحة {0} من"). This table replaces them; survey-locales.ts applies it. The range errors are replaced for
// every language (surveyjs-range-messages.ts). tests/e2e/page-languages.test.ts checks the table SurveyJS ends up
// with (no string opens with punctuation) and an Arabic page of every question type in the browser.

/** SurveyJS's Arabic interface strings as the page uses them, by SurveyJS's key. */
export const SURVEYJS_ARABIC: Readonly<Record<string, string>> = {
  completeText: 'إرسال',
  otherItemText: 'غير ذلك (يُرجى التحديد)',
  progressText: 'الصفحة {0} من {1}',
  completingSurvey: 'شكرًا لإكمالك الاستبيان!',
  loadingSurvey: 'جارٍ تحميل الاستبيان…',
  placeholder: 'اختر…',
  ratingOptionsCaption: 'اختر…',
  buttongroupOptionsCaption: 'اختر…',
  selectCaption: 'اختر',
  clearCaption: 'مسح',
  requiredError: 'يُرجى الإجابة عن السؤال.',
  requiredErrorInPanel: 'يُرجى الإجابة عن سؤال واحد على الأقل.',
  requiredInAllRowsError: 'يُرجى الإجابة عن الأسئلة في جميع الصفوف.',
  textMinLength: 'يُرجى إدخال {0} من الأحرف على الأقل.',
  textMaxLength: 'يُرجى إدخال {0} من الأحرف على الأكثر.',
  textMinMaxLength: 'يُرجى إدخال ما بين {0} و{1} من الأحرف.',
  minSelectError: 'يُرجى اختيار {0} على الأقل.',
  maxSelectError: 'يُرجى اختيار {0} على الأكثر.',
  savingData: 'جارٍ حفظ النتائج على الخادم…',
  loadingFile: 'جارٍ التحميل…',
  loadingPage: 'جارٍ التحميل…',
  loadingData: 'جارٍ التحميل…',
  modalApplyButtonText: 'تطبيق',
  modalCancelButtonText: 'إلغاء',
  cancel: 'إلغاء',
  filterStringPlaceholder: 'اكتب للبحث…',
  chooseFile: 'اختر الملفات…',
  exceedMaxSize: 'يجب ألا يتجاوز حجم الملف {0}.',
  urlRequestError: "أعاد الطلب الخطأ '{0}'. {1}",
  createCustomItem: 'إنشاء العنصر "{0}"…',
  // SurveyJS's own translated the placeholder's name too ("لوحة {بانل إندكس}"): a dynamic panel's tab showed the braces.
  panelDynamicTabTextFormat: 'لوحة {panelIndex}',
};
