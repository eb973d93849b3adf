import type { RespondentMessages } from './messages.ts';
import { isolate } from './text-direction.ts';

/**
 * The respondent page in Urdu, addressing the respondent as "آپ" with "براہ کرم", as Pakistani survey instruments
 * do, and never in a form that takes the respondent's gender: requests in the polite imperative ("کریں", the same
 * for everyone), a past act with "نے" ("آپ نے … انتخاب کیا", agreeing with its object), or the passive ("اب یہ صفحہ
 * بند کیا جا سکتا ہے" for "you may close this page", whose active "سکتے/سکتی ہیں" would guess). Urdu's own letters:
 * ہ ھ ی ے ک (U+06C1, U+06BE, U+06CC, U+06D2, U+06A9), never Arabic's ه ي ك, and its full stop "۔". A noun after a
 * number takes its plural ("20 حروف", "6 سوالات"; "منٹ" is both). Digits are Western, as `toLocaleString('ur')`
 * writes them and the page's counters show them. A value from elsewhere is isolated (U+2068 … U+2069, `isolate`).
 */
const plural = new Intl.PluralRules('ur');
const counted = (n: number, one: string, other: string) => `${n.toLocaleString('ur')} ${plural.select(n) === 'one' ? one : other}`;
const characters = (n: number) => counted(n, 'حرف', 'حروف');
const questions = (n: number) => (n === 1 ? 'ایک سوال' : counted(n, 'سوال', 'سوالات'));
const minutes = (n: number) => counted(n, 'منٹ', 'منٹ');
const number = (n: number) => n.toLocaleString('ur');

/** What each refusal code of a completion means (docs/api.md), for refusalReason; any other: the server refused it. */
const REFUSALS: Readonly<Record<string, string>> = {
  invalid_input: 'سرور نے آپ کا ایک جواب قبول نہیں کیا',
  not_found: 'ہمیں اس سروے میں آپ کی جگہ نہیں مل سکی',
  payload_too_large: 'آپ کے جوابات محفوظ کرنے کے لیے بہت لمبے ہیں',
  rate_limited: 'آپ کے نیٹ ورک سے بہت زیادہ درخواستیں آئیں',
};

/** What each refusal code of a start means for the link (linkRefusalReason); any other: the survey refused it. */
const LINK_REFUSALS: Readonly<Record<string, string>> = {
  invalid_input: 'یہ اس شکل میں نہیں جس کی یہ سروے توقع کرتا ہے',
  payload_too_large: 'یہ بہت لمبا ہے',
};

export const ur: RespondentMessages = {
  documentTitle: 'سروے',
  loading: 'سروے لوڈ ہو رہا ہے…',
  noScript: 'اس سروے کے لیے JavaScript درکار ہے۔ براہ کرم اسے فعال کریں اور صفحہ دوبارہ لوڈ کریں۔',
  pageDocumentTitle: (page, study) => `${page} – ${study}`,
  pageOf: (page, pages) => `صفحہ ${number(page)} از ${number(pages)}`,
  taskOf: (task, tasks) => `مرحلہ ${number(task)} از ${number(tasks)}`,
  progressLabel: 'سروے میں پیش رفت',
  requiredNote: 'لازمی',
  textLimit: (max) => `زیادہ سے زیادہ ${characters(max)}۔`,
  textLimitReached: (max) => `${characters(max)} کی حد پوری ہو گئی ہے؛ اس سے زیادہ متن شامل نہیں ہو گا۔`,
  checkQuestions: (count) => `براہ کرم اس صفحے پر ${questions(count)} دوبارہ دیکھیں۔`,
  linkInvalidTitle: 'سروے کا یہ لنک درست نہیں ہے',
  linkInvalidText: 'براہ کرم وہ لنک چیک کریں جو آپ کو دیا گیا تھا۔',
  linkRefusedTitle: 'سروے کا یہ لنک استعمال نہیں ہو سکتا',
  linkRefusedText: (reason) => `سروے آپ کے لنک کا ایک حصہ قبول نہیں کر سکا (${reason})۔ براہ کرم وہ لنک چیک کریں جو آپ کو دیا گیا تھا، یا محققین سے رابطہ کریں۔`,
  linkRefusalReason: (code) => LINK_REFUSALS[code] ?? 'سروے نے اسے قبول نہیں کیا',
  panelParamRefused: (param, value) => `${isolate(param)}: 1 سے 128 تک قابلِ طباعت ASCII حروف متوقع تھے (خالی جگہ اور اعراب کے بغیر)، ملا ${isolate(value)}`,
  panelParamTwice: (param, values) => `${isolate(param)} ایک سے زیادہ بار، مختلف قدروں کے ساتھ دیا گیا ہے: ${isolate(values)}`,
  previewTitle: 'یہ HIT کا پیش منظر ہے',
  previewText: 'سروے شروع کرنے کے لیے براہ کرم HIT قبول کریں۔',
  pausedTitle: 'یہ سروے عارضی طور پر روک دیا گیا ہے',
  pausedText: 'یہ اس وقت نئے شرکاء قبول نہیں کر رہا۔ براہ کرم بعد میں دوبارہ کوشش کریں۔ آپ کی دلچسپی کا شکریہ۔',
  closedTitle: 'یہ سروے بند ہو چکا ہے',
  closedText: 'یہ اب نئے شرکاء قبول نہیں کر رہا۔ آپ کی دلچسپی کا شکریہ۔',
  rateLimitedTitle: 'آپ کے نیٹ ورک سے بہت سے لوگ سروے شروع کر رہے ہیں',
  rateLimitedText: (n) => `براہ کرم ${n === 1 ? 'ایک منٹ' : `تقریباً ${minutes(n)}`} انتظار کریں، پھر یہ صفحہ دوبارہ لوڈ کریں۔`,
  busyTitle: 'سروے اس وقت بہت مصروف ہے',
  busyText: 'براہ کرم ایک منٹ انتظار کریں، پھر یہ صفحہ دوبارہ لوڈ کریں۔',
  busyReloadText: (from, to) => `براہ کرم یہ صفحہ کھلا رکھیں: یہ ${number(from)} سے ${number(to)} سیکنڈ میں خود بخود دوبارہ لوڈ ہو جائے گا۔`,
  busyServerTitle: 'سرور اس وقت بہت مصروف ہے',
  headersTooLargeTitle: 'سروے نہیں کھل سکتا: کوکیز بہت زیادہ ہیں',
  headersTooLargeText: 'آپ کا براؤزر اس ویب سائٹ کے لیے اتنی زیادہ کوکیز رکھتا ہے کہ وہ انہیں صفحے کے ساتھ نہیں بھیج سکتا۔ اس ویب سائٹ کی کوکیز حذف کریں (براؤزر کی ترتیبات میں، رازداری یا سائٹ ڈیٹا کے تحت)، پھر اپنا سروے لنک دوبارہ کھولیں۔',
  loadFailedTitle: 'سروے لوڈ نہیں ہو سکا',
  loadFailedText: 'براہ کرم اپنا کنکشن چیک کریں اور صفحہ دوبارہ لوڈ کریں۔',
  quotaUnreachable: 'ہم سرور تک نہیں پہنچ سکے۔ براہ کرم اپنا کنکشن چیک کریں اور دوبارہ کوشش کریں۔',
  quotaWaiting: 'براہ کرم ایک لمحہ: سرور کا انتظار ہے۔',
  quotaWaitingButton: 'ایک لمحہ…',
  leaveStudy: 'تحقیق چھوڑ دیں',
  rereadSummary: 'صورتِ حال دوبارہ پڑھیں',
  vignetteProgress: (position, count) => `صورتِ حال ${number(position)} از ${number(count)}`,
  aboutVignette: (title, position, count) => `${title} — صورتِ حال ${number(position)} از ${number(count)}`,
  questionsAboutVignette: (position, count) => `صورتِ حال ${number(position)} از ${number(count)} کے بارے میں سوالات`,
  backStaysPut: 'یہ سروے پچھلے صفحات پر واپس نہیں جاتا۔ اب تک کے آپ کے جوابات محفوظ ہیں؛ براہ کرم اسی صفحے سے جاری رکھیں۔',
  saveRefused: 'آپ کی آخری تبدیلی محفوظ نہیں ہو سکی۔ آپ کے پچھلے جوابات محفوظ ہیں؛ براہ کرم سروے جاری رکھیں۔',
  saveOffline: 'لگتا ہے کہ انٹرنیٹ کنکشن نہیں ہے: آپ کے تازہ جوابات ابھی محفوظ نہیں ہوئے۔ براہ کرم یہ صفحہ کھلا رکھیں؛ کنکشن بحال ہونے پر وہ محفوظ ہو جائیں گے۔',
  saveOfflineInSight: 'کنکشن نہیں: جوابات ابھی محفوظ نہیں ہوئے',
  saveOnlineAgain: 'کنکشن بحال ہو گیا ہے اور آپ کے جوابات محفوظ ہو گئے ہیں۔',
  leaseWarningTitle: 'کیا آپ ابھی یہیں ہیں؟',
  leaseWarningText: (n) =>
    `اب تک کے آپ کے جوابات محفوظ ہیں۔ اگر ہمیں یہ نہ بتایا گیا کہ آپ ابھی یہیں ہیں تو ${n === 1 ? 'ایک منٹ کے اندر' : `${minutes(n)} کے اندر`} اس سروے میں آپ کی جگہ کسی اور کو دے دی جائے گی۔`,
  leaseWarningKeep: 'میری جگہ برقرار رکھیں',
  elsewhereTitle: 'یہ سروے کسی اور ٹیب یا ونڈو میں آگے بڑھ چکا ہے',
  elsewhereText: 'جہاں آپ نے چھوڑا تھا وہیں سے جاری رکھنے کے لیے براہ کرم یہ صفحہ دوبارہ لوڈ کریں۔',
  savingTitle: 'آپ کے جوابات محفوظ کیے جا رہے ہیں…',
  savingText: 'براہ کرم یہ صفحہ کھلا رکھیں۔',
  savingRetryText: 'ہم ابھی تک سرور تک نہیں پہنچ سکے اور دوبارہ کوشش کر رہے ہیں۔ براہ کرم یہ صفحہ کھلا رکھیں۔',
  savingBusyText: 'سروے اس وقت بہت مصروف ہے اور ہم دوبارہ کوشش کر رہے ہیں۔ براہ کرم یہ صفحہ کھلا رکھیں۔',
  saveFailedTitle: 'آپ کے جوابات محفوظ نہیں ہو سکے',
  saveFailedText: (reason) => `براہ کرم محققین سے رابطہ کریں (${reason})۔`,
  refusalReason: (code) => REFUSALS[code] ?? 'سرور نے درخواست قبول نہیں کی',
  answerOutOfLimits: (title) => `سرور نے «${isolate(title)}» کا آپ کا جواب قبول نہیں کیا`,
  thanksTitle: 'شکریہ!',
  redirectText: 'آپ کو سروے پینل پر واپس لے جایا جا رہا ہے…',
  returnToPanel: 'سروے پینل پر واپس جائیں',
  completionCodeLabel: 'آپ کا تکمیلی کوڈ، اگر سروے پینل اسے مانگے:',
  completeText: 'آپ کے جوابات ریکارڈ ہو گئے ہیں۔ اب یہ صفحہ بند کیا جا سکتا ہے۔',
  overquotaTitle: 'آپ کی دلچسپی کا شکریہ',
  overquotaText: 'آپ جیسے لوگوں سے ہمیں جتنے جوابات درکار تھے وہ سب مل چکے ہیں، اس لیے سروے یہیں ختم ہوتا ہے۔ اب یہ صفحہ بند کیا جا سکتا ہے۔',
  declinedTitle: 'آپ کے وقت کا شکریہ',
  declinedText: 'آپ نے حصہ نہ لینے کا انتخاب کیا، اس لیے سروے ختم ہو گیا ہے۔ اب یہ صفحہ بند کیا جا سکتا ہے۔',
};
