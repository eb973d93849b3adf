import type { RespondentMessages } from './messages.ts';
import { isolate } from './text-direction.ts';

/**
 * The respondent page in Hebrew, written gender-neutral as Israeli survey instruments are: requests in the infinitive
 * ("נא לבדוק", "יש להמתין"), never a masculine or feminine imperative or "אתה"/"את", so a respondent is never
 * addressed by a guessed gender (SurveyJS's own Hebrew says "אנא השב", masculine: surveyjs-hebrew.ts mends it).
 * Digits are Western, as everywhere in Hebrew. A value from elsewhere (a panel's parameter name, a question's
 * title) is isolated (U+2068 … U+2069; `isolate`, text-direction.ts) so the bidi algorithm does not move its
 * punctuation.
 */

/** Hebrew counts a noun as one, two (a dual for some nouns) or many (CLDR's one, two, other). */
const plural = new Intl.PluralRules('he');
function counted(n: number, forms: { one: string; two: string; other: string }): string {
  const category = plural.select(n);
  if (category === 'one') return forms.one;
  if (category === 'two') return forms.two;
  return `${n.toLocaleString('he')} ${forms.other}`;
}
const characters = (n: number) => counted(n, { one: 'תו אחד', two: 'שני תווים', other: 'תווים' });
const questions = (n: number) => counted(n, { one: 'שאלה אחת', two: 'שתי שאלות', other: 'שאלות' });
const minutes = (n: number) => counted(n, { one: 'דקה', two: 'שתי דקות', other: 'דקות' });

/** What each refusal code of a completion means (docs/api.md), for refusalReason; any other: the server refused it. */
const REFUSALS: Readonly<Record<string, string>> = {
  invalid_input: 'השרת לא קיבל את אחת התשובות',
  not_found: 'לא מצאנו את המקום שלך בסקר',
  payload_too_large: 'התשובות ארוכות מכדי לשמור אותן',
  rate_limited: 'הגיעו יותר מדי בקשות מהרשת שלך',
};

/** What each refusal code of a start means for the link (linkRefusalReason); any other: the survey refused it. */
const LINK_REFUSALS: Readonly<Record<string, string>> = {
  invalid_input: 'הוא אינו בצורה שהסקר מצפה לה',
  payload_too_large: 'הוא ארוך מדי',
};

export const he: RespondentMessages = {
  documentTitle: 'סקר',
  loading: 'הסקר נטען…',
  noScript: 'הסקר הזה דורש JavaScript. נא להפעיל אותו ולטעון את הדף מחדש.',
  pageDocumentTitle: (page, study) => `${page} – ${study}`,
  pageOf: (page, pages) => `דף ${page} מתוך ${pages}`,
  taskOf: (task, tasks) => `משימה ${task} מתוך ${tasks}`,
  progressLabel: 'התקדמות בסקר',
  requiredNote: 'חובה',
  textLimit: (max) => `עד ${characters(max)}.`,
  textLimitReached: (max) => `הגעת למגבלה של ${characters(max)}; מה שיוקלד מעבר לה לא יתווסף.`,
  checkQuestions: (count) => `נא לבדוק ${questions(count)} בדף הזה.`,
  linkInvalidTitle: 'קישור הסקר הזה אינו תקף',
  linkInvalidText: 'נא לבדוק את הקישור שקיבלת.',
  linkRefusedTitle: 'אי אפשר להשתמש בקישור הסקר הזה',
  linkRefusedText: (reason) => `הסקר לא יכול היה לקבל חלק מהקישור (${reason}). נא לבדוק את הקישור שקיבלת או לפנות לחוקרים.`,
  linkRefusalReason: (code) => LINK_REFUSALS[code] ?? 'הסקר דחה אותו',
  panelParamRefused: (param, value) => `${isolate(param)}: היו צפויים 1 עד 128 תווי ASCII מודפסים (בלי רווחים ובלי סימנים מיוחדים), התקבל ${isolate(value)}`,
  panelParamTwice: (param, values) => `${isolate(param)} מופיע יותר מפעם אחת, בערכים שונים: ${isolate(values)}`,
  previewTitle: 'זוהי תצוגה מקדימה של המשימה (HIT)',
  previewText: 'נא לקבל את המשימה (HIT) כדי להתחיל את הסקר.',
  pausedTitle: 'הסקר מושהה',
  pausedText: 'הוא אינו מקבל משתתפים חדשים כרגע. נא לנסות שוב מאוחר יותר. תודה על ההתעניינות.',
  closedTitle: 'הסקר סגור',
  closedText: 'הוא כבר אינו מקבל משתתפים חדשים. תודה על ההתעניינות.',
  rateLimitedTitle: 'יותר מדי אנשים מתחילים את הסקר מהרשת שלך',
  rateLimitedText: (n) => `נא להמתין ${n === 1 ? 'דקה' : n === 2 ? 'כשתי דקות' : `כ־${n.toLocaleString('he')} דקות`} ולטעון את הדף מחדש.`,
  busyTitle: 'הסקר עמוס מאוד כרגע',
  busyText: 'נא להמתין דקה ולטעון את הדף מחדש.',
  busyReloadText: (from, to) => `נא להשאיר את הדף פתוח: הוא ייטען מחדש מעצמו בעוד ${from} עד ${to} שניות.`,
  busyServerTitle: 'השרת עמוס מאוד כרגע',
  headersTooLargeTitle: 'לא ניתן לפתוח את הסקר: יותר מדי קובצי Cookie',
  headersTooLargeText: 'הדפדפן שומר לאתר הזה יותר קובצי Cookie ממה שהוא יכול לשלוח עם הדף. יש למחוק את קובצי ה-Cookie של האתר (בהגדרות הדפדפן, תחת פרטיות או נתוני אתרים) ולפתוח שוב את הקישור לסקר.',
  loadFailedTitle: 'לא ניתן היה לטעון את הסקר',
  loadFailedText: 'נא לבדוק את החיבור ולטעון את הדף מחדש.',
  quotaUnreachable: 'לא הצלחנו להגיע לשרת. נא לבדוק את החיבור ולנסות שוב.',
  quotaWaiting: 'רגע אחד, בבקשה: ממתינים לשרת.',
  quotaWaitingButton: 'רגע אחד…',
  leaveStudy: 'יציאה מהמחקר',
  rereadSummary: 'לקרוא שוב את התרחיש',
  vignetteProgress: (position, count) => `תרחיש ${position} מתוך ${count}`,
  aboutVignette: (title, position, count) => `${title} — תרחיש ${position} מתוך ${count}`,
  questionsAboutVignette: (position, count) => `שאלות על תרחיש ${position} מתוך ${count}`,
  backStaysPut: 'הסקר הזה אינו חוזר לדפים קודמים. התשובות עד כה נשמרו; אפשר להמשיך מהדף הזה.',
  saveRefused: 'לא ניתן היה לשמור את השינוי האחרון. התשובות הקודמות נשמרו; אפשר להמשיך בסקר.',
  saveOffline: 'נראה שאין חיבור לאינטרנט: התשובות האחרונות עדיין לא נשמרו. נא להשאיר את הדף פתוח; הן יישמרו כשהחיבור יחזור.',
  saveOfflineInSight: 'אין חיבור: התשובות טרם נשמרו',
  saveOnlineAgain: 'החיבור חזר והתשובות נשמרו.',
  leaseWarningTitle: 'עדיין כאן?',
  leaseWarningText: (n) =>
    `התשובות עד כה נשמרו. אם לא יתקבל אישור שעדיין יש כאן מישהו, המקום בסקר יעבור למשתתף אחר ${n === 1 ? 'בתוך דקה' : `בתוך ${minutes(n)}`}.`,
  leaseWarningKeep: 'לשמור את המקום שלי',
  elsewhereTitle: 'הסקר הזה המשיך בכרטיסייה או בחלון אחרים',
  elsewhereText: 'נא לטעון את הדף מחדש כדי להמשיך מהמקום שבו הפסקת.',
  savingTitle: 'התשובות נשמרות…',
  savingText: 'נא להשאיר את הדף פתוח.',
  savingRetryText: 'עדיין לא הצלחנו להגיע לשרת ואנחנו מנסים שוב. נא להשאיר את הדף פתוח.',
  savingBusyText: 'הסקר עמוס מאוד כרגע ואנחנו מנסים שוב. נא להשאיר את הדף פתוח.',
  saveFailedTitle: 'לא ניתן היה לשמור את התשובות',
  saveFailedText: (reason) => `נא לפנות לחוקרים (${reason}).`,
  refusalReason: (code) => REFUSALS[code] ?? 'השרת דחה את הבקשה',
  answerOutOfLimits: (title) => `השרת לא קיבל את התשובה לשאלה "${isolate(title)}"`,
  thanksTitle: 'תודה רבה!',
  redirectText: 'חוזרים לפאנל הסקרים…',
  returnToPanel: 'חזרה לפאנל הסקרים',
  completionCodeLabel: 'קוד הסיום, אם הפאנל מבקש אותו:',
  completeText: 'התשובות נרשמו. אפשר לסגור את הדף.',
  overquotaTitle: 'תודה על ההתעניינות',
  overquotaText: 'כבר יש לנו את כל התשובות שאנחנו צריכים מאנשים עם מאפיינים כמו שלך, ולכן הסקר מסתיים כאן. אפשר לסגור את הדף.',
  declinedTitle: 'תודה על הזמן',
  declinedText: 'בחרת שלא להשתתף, ולכן הסקר הסתיים. אפשר לסגור את הדף.',
};
