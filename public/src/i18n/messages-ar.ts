import type { RespondentMessages } from './messages.ts';
import { isolate } from './text-direction.ts';

/**
 * The respondent page in Modern Standard Arabic, addressing the respondent in the plain second person as
 * Arabic survey instruments do. Digits are Western ("5,000"), as Node's and Chromium's
 * `toLocaleString('ar')` write them and as the page's SurveyJS counters show them, so one page never mixes two digit
 * sets. A value from elsewhere (a panel's parameter name, an ID, a question's title in the text) is isolated (U+2068
 * … U+2069): Latin letters and punctuation inside an Arabic sentence are otherwise reordered by the bidi algorithm
 * ("PROLIFIC_PID:" read as ":PROLIFIC_PID"; `isolate`, text-direction.ts).
 */

/** Arabic counts a noun in six forms (CLDR's plural rules): one, two, 3–10, 11–99, and the rest with 0. */
const plural = new Intl.PluralRules('ar');
function counted(n: number, forms: { one: string; two: string; few: string; many: string; other: string }): string {
  const number = n.toLocaleString('ar');
  switch (plural.select(n)) {
    case 'one': return forms.one;
    case 'two': return forms.two;
    case 'few': return `${number} ${forms.few}`;
    case 'many': return `${number} ${forms.many}`;
    default: return `${number} ${forms.other}`;
  }
}
const characters = (n: number) => counted(n, { one: 'حرف واحد', two: 'حرفان', few: 'أحرف', many: 'حرفًا', other: 'حرف' });
const questions = (n: number) => counted(n, { one: 'سؤال واحد', two: 'سؤالين', few: 'أسئلة', many: 'سؤالًا', other: 'سؤال' });
const minutes = (n: number) => counted(n, { one: 'دقيقة واحدة', two: 'دقيقتين', few: 'دقائق', many: 'دقيقة', other: 'دقيقة' });

/** What each refusal code of a completion means (docs/api.md), for refusalReason; any other: the server refused it. */
const REFUSALS: Readonly<Record<string, string>> = {
  invalid_input: 'لم يقبل الخادم إحدى إجاباتك',
  not_found: 'لم نتمكن من العثور على موضعك في هذا الاستبيان',
  payload_too_large: 'إجاباتك أطول من أن تُحفظ',
  rate_limited: 'وصلت طلبات كثيرة جدًا من شبكتك',
};

/** What each refusal code of a start means for the link (linkRefusalReason); any other: the survey refused it. */
const LINK_REFUSALS: Readonly<Record<string, string>> = {
  invalid_input: 'ليس بالشكل الذي يتوقعه هذا الاستبيان',
  payload_too_large: 'طويل جدًا',
};

export const ar: RespondentMessages = {
  documentTitle: 'استبيان',
  loading: 'جارٍ تحميل الاستبيان…',
  noScript: 'يحتاج هذا الاستبيان إلى JavaScript. يُرجى تفعيله ثم إعادة تحميل الصفحة.',
  pageDocumentTitle: (page, study) => `${page} – ${study}`,
  pageOf: (page, pages) => `الصفحة ${page.toLocaleString('ar')} من ${pages.toLocaleString('ar')}`,
  taskOf: (task, tasks) => `المهمة ${task.toLocaleString('ar')} من ${tasks.toLocaleString('ar')}`,
  progressLabel: 'التقدم في الاستبيان',
  requiredNote: 'مطلوب',
  textLimit: (max) => `حتى ${characters(max)}.`,
  textLimitReached: (max) => `لقد بلغت الحد الأقصى (${characters(max)})؛ لن يُضاف ما تكتبه بعد ذلك.`,
  checkQuestions: (count) => `يُرجى مراجعة ${questions(count)} في هذه الصفحة.`,
  linkInvalidTitle: 'رابط الاستبيان هذا غير صالح',
  linkInvalidText: 'يُرجى التحقق من الرابط الذي أُعطي لك.',
  linkRefusedTitle: 'لا يمكن استخدام رابط الاستبيان هذا',
  linkRefusedText: (reason) => `لم يتمكن الاستبيان من قبول جزء من رابطك (${reason}). يُرجى التحقق من الرابط الذي أُعطي لك، أو التواصل مع الباحثين.`,
  linkRefusalReason: (code) => LINK_REFUSALS[code] ?? 'رفضه الاستبيان',
  panelParamRefused: (param, value) => `${isolate(param)}: المتوقع من 1 إلى 128 حرفًا من حروف ASCII المطبوعة (بلا مسافات ولا علامات تشكيل)، ووصل ${isolate(value)}`,
  panelParamTwice: (param, values) => `${isolate(param)} مذكور أكثر من مرة بقيم مختلفة: ${isolate(values)}`,
  previewTitle: 'هذه معاينة للمهمة (HIT)',
  previewText: 'يُرجى قبول المهمة (HIT) لبدء الاستبيان.',
  pausedTitle: 'هذا الاستبيان متوقف مؤقتًا',
  pausedText: 'لا يستقبل مشاركين جددًا في الوقت الحالي. يُرجى المحاولة لاحقًا. شكرًا لاهتمامك.',
  closedTitle: 'هذا الاستبيان مغلق',
  closedText: 'لم يعد يستقبل مشاركين جددًا. شكرًا لاهتمامك.',
  rateLimitedTitle: 'عدد كبير جدًا من الأشخاص يبدؤون الاستبيان من شبكتك',
  rateLimitedText: (n) => `يُرجى الانتظار ${n === 1 ? 'دقيقة' : `نحو ${minutes(n)}`}، ثم إعادة تحميل هذه الصفحة.`,
  busyTitle: 'الاستبيان مشغول جدًا الآن',
  busyText: 'يُرجى الانتظار دقيقة، ثم إعادة تحميل هذه الصفحة.',
  busyReloadText: (from, to) => `يُرجى إبقاء هذه الصفحة مفتوحة: ستُعاد تحميلها تلقائيًا خلال ${from.toLocaleString('ar')} إلى ${to.toLocaleString('ar')} ثانية.`,
  busyServerTitle: 'الخادم مشغول جدًا الآن',
  headersTooLargeTitle: 'تعذّر فتح الاستبيان: ملفات تعريف الارتباط كثيرة جدًا',
  headersTooLargeText: 'يحتفظ متصفحك لهذا الموقع بملفات تعريف ارتباط أكثر مما يمكنه إرساله مع الصفحة. احذف ملفات تعريف الارتباط لهذا الموقع (من إعدادات المتصفح، ضمن الخصوصية أو بيانات المواقع)، ثم افتح رابط الاستبيان مرة أخرى.',
  loadFailedTitle: 'تعذّر تحميل الاستبيان',
  loadFailedText: 'يُرجى التحقق من اتصالك وإعادة تحميل الصفحة.',
  quotaUnreachable: 'تعذّر علينا الوصول إلى الخادم. يُرجى التحقق من اتصالك والمحاولة مرة أخرى.',
  quotaWaiting: 'لحظة من فضلك: ننتظر الخادم.',
  quotaWaitingButton: 'لحظة…',
  leaveStudy: 'مغادرة الدراسة',
  rereadSummary: 'اقرأ الموقف مرة أخرى',
  vignetteProgress: (position, count) => `الموقف ${position.toLocaleString('ar')} من ${count.toLocaleString('ar')}`,
  aboutVignette: (title, position, count) => `${title} — الموقف ${position.toLocaleString('ar')} من ${count.toLocaleString('ar')}`,
  questionsAboutVignette: (position, count) => `أسئلة عن الموقف ${position.toLocaleString('ar')} من ${count.toLocaleString('ar')}`,
  backStaysPut: 'لا يعود هذا الاستبيان إلى الصفحات السابقة. إجاباتك حتى الآن محفوظة؛ يُرجى المتابعة من هذه الصفحة.',
  saveRefused: 'تعذّر حفظ آخر تغيير أجريته. إجاباتك السابقة محفوظة؛ يُرجى متابعة الاستبيان.',
  saveOffline: 'يبدو أنك غير متصل بالإنترنت: آخر إجاباتك لم تُحفظ بعد. يُرجى إبقاء هذه الصفحة مفتوحة؛ ستُحفظ عند عودة الاتصال.',
  saveOfflineInSight: 'غير متصل: لم تُحفظ الإجابات بعد',
  saveOnlineAgain: 'عاد الاتصال وحُفظت إجاباتك.',
  leaseWarningTitle: 'هل ما زلت هنا؟',
  leaseWarningText: (n) =>
    `إجاباتك حتى الآن محفوظة. ما لم تخبرنا أنك ما زلت هنا، سينتقل مكانك في هذا الاستبيان إلى شخص آخر ${n === 1 ? 'خلال دقيقة' : `خلال ${minutes(n)}`}.`,
  leaseWarningKeep: 'احتفظ بمكاني',
  elsewhereTitle: 'استمر هذا الاستبيان في علامة تبويب أو نافذة أخرى',
  elsewhereText: 'يُرجى إعادة تحميل هذه الصفحة لتتابع من حيث توقفت.',
  savingTitle: 'جارٍ حفظ إجاباتك…',
  savingText: 'يُرجى إبقاء هذه الصفحة مفتوحة.',
  savingRetryText: 'لم نتمكن بعد من الوصول إلى الخادم ونحاول مرة أخرى. يُرجى إبقاء هذه الصفحة مفتوحة.',
  savingBusyText: 'الاستبيان مشغول جدًا الآن ونحاول مرة أخرى. يُرجى إبقاء هذه الصفحة مفتوحة.',
  saveFailedTitle: 'تعذّر حفظ إجاباتك',
  saveFailedText: (reason) => `يُرجى التواصل مع الباحثين (${reason}).`,
  refusalReason: (code) => REFUSALS[code] ?? 'رفض الخادم الطلب',
  answerOutOfLimits: (title) => `لم يقبل الخادم إجابتك عن «${isolate(title)}»`,
  thanksTitle: 'شكرًا لك!',
  redirectText: 'جارٍ إعادتك إلى لوحة الاستبيانات…',
  returnToPanel: 'العودة إلى لوحة الاستبيانات',
  completionCodeLabel: 'رمز الإكمال، إن طلبته منك لوحة الاستبيانات:',
  completeText: 'سُجّلت إجاباتك. يمكنك الآن إغلاق هذه الصفحة.',
  overquotaTitle: 'شكرًا لاهتمامك',
  overquotaText: 'لدينا بالفعل كل الإجابات التي نحتاجها من أشخاص مثلك، لذلك ينتهي الاستبيان هنا. يمكنك الآن إغلاق هذه الصفحة.',
  declinedTitle: 'شكرًا على وقتك',
  declinedText: 'اخترت عدم المشاركة، لذلك انتهى الاستبيان. يمكنك الآن إغلاق هذه الصفحة.',
};
