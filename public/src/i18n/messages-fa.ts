import type { RespondentMessages } from './messages.ts';
import { isolate } from './text-direction.ts';

/**
 * The respondent page in Persian (Farsi, as written in Iran), addressing the respondent with the polite "شما" and
 * "لطفاً", as Persian survey instruments do, and in the Academy's spelling: the zero-width non-joiner (U+200C) inside
 * words that take it ("پرسش‌نامه", "می‌توانید", "پاسخ‌های"), never a space ("می توانید" breaks the word at a line's
 * end) or nothing ("میتوانید"). A noun after a number stays singular ("20 کاراکتر"), so no plural forms are needed.
 * Digits are Western ("5,000"), as the page's SurveyJS counters ("11/20") and its progress show them, so one page
 * never mixes two digit sets (`toLocaleString('fa')` would write "۵٬۰۰۰"). A value from elsewhere (a panel's
 * parameter name, a question's title) is isolated (U+2068 … U+2069, `isolate`, text-direction.ts).
 */
const number = (n: number) => n.toLocaleString('fa-u-nu-latn');

/** What each refusal code of a completion means (docs/api.md), for refusalReason; any other: the server refused it. */
const REFUSALS: Readonly<Record<string, string>> = {
  invalid_input: 'سرور یکی از پاسخ‌های شما را نپذیرفت',
  not_found: 'نتوانستیم جای شما را در این پرسش‌نامه پیدا کنیم',
  payload_too_large: 'پاسخ‌های شما برای ذخیره شدن بیش از حد طولانی است',
  rate_limited: 'درخواست‌های بیش از اندازه‌ای از شبکهٔ شما رسید',
};

/** What each refusal code of a start means for the link (linkRefusalReason); any other: the survey refused it. */
const LINK_REFUSALS: Readonly<Record<string, string>> = {
  invalid_input: 'به شکلی نیست که این پرسش‌نامه انتظار دارد',
  payload_too_large: 'بیش از حد طولانی است',
};

export const fa: RespondentMessages = {
  documentTitle: 'پرسش‌نامه',
  loading: 'در حال بارگذاری پرسش‌نامه…',
  noScript: 'این پرسش‌نامه به JavaScript نیاز دارد. لطفاً آن را فعال کنید و صفحه را دوباره بارگذاری کنید.',
  pageDocumentTitle: (page, study) => `${page} – ${study}`,
  pageOf: (page, pages) => `صفحهٔ ${number(page)} از ${number(pages)}`,
  taskOf: (task, tasks) => `مرحلهٔ ${number(task)} از ${number(tasks)}`,
  progressLabel: 'پیشرفت پرسش‌نامه',
  requiredNote: 'الزامی',
  textLimit: (max) => `حداکثر ${number(max)} کاراکتر.`,
  textLimitReached: (max) => `به حداکثر ${number(max)} کاراکتر رسیده‌اید؛ بیش از این افزوده نمی‌شود.`,
  checkQuestions: (count) => `لطفاً ${count === 1 ? 'یک پرسش' : `${number(count)} پرسش`} را در این صفحه بررسی کنید.`,
  linkInvalidTitle: 'این پیوند پرسش‌نامه معتبر نیست',
  linkInvalidText: 'لطفاً پیوندی را که به شما داده شده است بررسی کنید.',
  linkRefusedTitle: 'از این پیوند پرسش‌نامه نمی‌توان استفاده کرد',
  linkRefusedText: (reason) => `پرسش‌نامه نتوانست بخشی از پیوند شما را بپذیرد (${reason}). لطفاً پیوندی را که به شما داده شده است بررسی کنید یا با پژوهشگران تماس بگیرید.`,
  linkRefusalReason: (code) => LINK_REFUSALS[code] ?? 'پرسش‌نامه آن را نپذیرفت',
  panelParamRefused: (param, value) => `${isolate(param)}: 1 تا 128 کاراکتر چاپی ASCII انتظار می‌رفت (بدون فاصله و بدون حروف اعراب‌دار)، اما ${isolate(value)} رسید`,
  panelParamTwice: (param, values) => `${isolate(param)} بیش از یک بار و با مقدارهای متفاوت آمده است: ${isolate(values)}`,
  previewTitle: 'این پیش‌نمایش HIT است',
  previewText: 'لطفاً برای شروع پرسش‌نامه، HIT را بپذیرید.',
  pausedTitle: 'این پرسش‌نامه موقتاً متوقف شده است',
  pausedText: 'در حال حاضر شرکت‌کنندهٔ تازه نمی‌پذیرد. لطفاً بعداً دوباره تلاش کنید. از علاقهٔ شما سپاسگزاریم.',
  closedTitle: 'این پرسش‌نامه بسته شده است',
  closedText: 'دیگر شرکت‌کنندهٔ تازه نمی‌پذیرد. از علاقهٔ شما سپاسگزاریم.',
  rateLimitedTitle: 'افراد زیادی از شبکهٔ شما پرسش‌نامه را شروع می‌کنند',
  rateLimitedText: (minutes) => `لطفاً ${minutes === 1 ? 'یک دقیقه' : `حدود ${number(minutes)} دقیقه`} صبر کنید و سپس این صفحه را دوباره بارگذاری کنید.`,
  busyTitle: 'پرسش‌نامه در حال حاضر بسیار شلوغ است',
  busyText: 'لطفاً یک دقیقه صبر کنید و سپس این صفحه را دوباره بارگذاری کنید.',
  busyReloadText: (from, to) => `لطفاً این صفحه را باز نگه دارید: ظرف ${number(from)} تا ${number(to)} ثانیه خودبه‌خود دوباره بارگذاری می‌شود.`,
  busyServerTitle: 'سرور در حال حاضر بسیار شلوغ است',
  headersTooLargeTitle: 'پرسش‌نامه باز نمی‌شود: کوکی‌ها بیش از حد زیاد است',
  headersTooLargeText: 'مرورگر شما برای این وب‌سایت بیش از آنچه بتواند همراه صفحه بفرستد کوکی نگه داشته است. کوکی‌های این وب‌سایت را پاک کنید (در تنظیمات مرورگر، بخش حریم خصوصی یا داده‌های سایت) و سپس پیوند پرسش‌نامه را دوباره باز کنید.',
  loadFailedTitle: 'پرسش‌نامه بارگذاری نشد',
  loadFailedText: 'لطفاً اتصال خود را بررسی کنید و صفحه را دوباره بارگذاری کنید.',
  quotaUnreachable: 'نتوانستیم به سرور دسترسی پیدا کنیم. لطفاً اتصال خود را بررسی کنید و دوباره تلاش کنید.',
  quotaWaiting: 'لطفاً لحظه‌ای صبر کنید: در انتظار سرور هستیم.',
  quotaWaitingButton: 'لحظه‌ای…',
  leaveStudy: 'خروج از پژوهش',
  rereadSummary: 'خواندن دوبارهٔ موقعیت',
  vignetteProgress: (position, count) => `موقعیت ${number(position)} از ${number(count)}`,
  aboutVignette: (title, position, count) => `${title} — موقعیت ${number(position)} از ${number(count)}`,
  questionsAboutVignette: (position, count) => `پرسش‌هایی دربارهٔ موقعیت ${number(position)} از ${number(count)}`,
  backStaysPut: 'این پرسش‌نامه به صفحه‌های قبلی بازنمی‌گردد. پاسخ‌های شما تا اینجا ذخیره شده است؛ لطفاً از همین صفحه ادامه دهید.',
  saveRefused: 'آخرین تغییر شما ذخیره نشد. پاسخ‌های قبلی شما محفوظ است؛ لطفاً پرسش‌نامه را ادامه دهید.',
  saveOffline: 'به نظر می‌رسد اتصال اینترنت شما قطع است: آخرین پاسخ‌های شما هنوز ذخیره نشده است. لطفاً این صفحه را باز نگه دارید؛ با برقراری دوبارهٔ اتصال ذخیره می‌شوند.',
  saveOfflineInSight: 'اتصال قطع است: پاسخ‌ها هنوز ذخیره نشده‌اند',
  saveOnlineAgain: 'اتصال دوباره برقرار شد و پاسخ‌های شما ذخیره شد.',
  leaseWarningTitle: 'هنوز اینجا هستید؟',
  leaseWarningText: (minutes) =>
    `پاسخ‌های شما تا اینجا ذخیره شده است. اگر به ما نگویید که هنوز اینجا هستید، جای شما در این پرسش‌نامه ${minutes === 1 ? 'ظرف یک دقیقه' : `ظرف ${number(minutes)} دقیقه`} به شخص دیگری داده می‌شود.`,
  leaseWarningKeep: 'جای من را نگه دارید',
  elsewhereTitle: 'این پرسش‌نامه در زبانه یا پنجرهٔ دیگری ادامه یافت',
  elsewhereText: 'لطفاً این صفحه را دوباره بارگذاری کنید تا از جایی که رسیده بودید ادامه دهید.',
  savingTitle: 'در حال ذخیرهٔ پاسخ‌های شما…',
  savingText: 'لطفاً این صفحه را باز نگه دارید.',
  savingRetryText: 'هنوز نتوانسته‌ایم به سرور دسترسی پیدا کنیم و دوباره تلاش می‌کنیم. لطفاً این صفحه را باز نگه دارید.',
  savingBusyText: 'پرسش‌نامه در حال حاضر بسیار شلوغ است و دوباره تلاش می‌کنیم. لطفاً این صفحه را باز نگه دارید.',
  saveFailedTitle: 'پاسخ‌های شما ذخیره نشد',
  saveFailedText: (reason) => `لطفاً با پژوهشگران تماس بگیرید (${reason}).`,
  refusalReason: (code) => REFUSALS[code] ?? 'سرور درخواست را نپذیرفت',
  answerOutOfLimits: (title) => `سرور پاسخ شما به «${isolate(title)}» را نپذیرفت`,
  thanksTitle: 'سپاسگزاریم!',
  redirectText: 'در حال بازگرداندن شما به پنل پرسش‌نامه…',
  returnToPanel: 'بازگشت به پنل پرسش‌نامه',
  completionCodeLabel: 'کد تکمیل شما، اگر پنل پرسش‌نامه آن را بخواهد:',
  completeText: 'پاسخ‌های شما ثبت شد. اکنون می‌توانید این صفحه را ببندید.',
  overquotaTitle: 'از علاقهٔ شما سپاسگزاریم',
  overquotaText: 'همهٔ پاسخ‌هایی را که از افرادی مانند شما نیاز داشتیم دریافت کرده‌ایم، بنابراین پرسش‌نامه همین‌جا به پایان می‌رسد. اکنون می‌توانید این صفحه را ببندید.',
  declinedTitle: 'از وقتی که گذاشتید سپاسگزاریم',
  declinedText: 'شما تصمیم گرفتید شرکت نکنید، بنابراین پرسش‌نامه به پایان رسید. اکنون می‌توانید این صفحه را ببندید.',
};
