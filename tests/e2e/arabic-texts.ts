// The every-element study in Arabic too, so that the browser tests can open a right-to-left page of every question
// type (page-languages.test.ts): each English text of survey-definitions/bus-line-funding and of the every-element
// page, translated. A text the table lacks stops the test with its words, so a change to the shipped study shows
// here as a missing line, not as an English sentence on an Arabic page.
import { withTranslation } from './study-translation.ts';

const ARABIC: Readonly<Record<string, string>> = {
  'A new bus line for your city': 'خط حافلات جديد لمدينتك',
  'Before you begin': 'قبل أن تبدأ',
  'You are invited to take part in a short research study about public transport in American cities. It takes about 3 minutes.':
    'أنت مدعو للمشاركة في دراسة بحثية قصيرة عن النقل العام في المدن الأمريكية. تستغرق نحو 3 دقائق.',
  'You will answer one question about yourself, read about a plan for a new bus line, and tell us what you think of it. The plan is hypothetical.':
    'ستجيب عن سؤال واحد عن نفسك، وتقرأ عن خطة لخط حافلات جديد، وتخبرنا برأيك فيها. الخطة افتراضية.',
  'Taking part is voluntary and you may stop at any time. We do not ask for your name, and your answers are used for research only.':
    'المشاركة طوعية ويمكنك التوقف في أي وقت. لا نسألك عن اسمك، وتُستخدم إجاباتك لأغراض البحث فقط.',
  'Do you agree to take part in this study?': 'هل توافق على المشاركة في هذه الدراسة؟',
  'Yes, I agree to take part': 'نعم، أوافق على المشاركة',
  'No, I do not want to take part': 'لا، لا أريد المشاركة',
  'The line would be paid for by raising the local sales tax by half a cent on the dollar.':
    'سيُموَّل الخط برفع ضريبة المبيعات المحلية نصف سنت على كل دولار.',
  'The line would be paid for by a grant from the federal government; local taxes would not change.':
    'سيُموَّل الخط بمنحة من الحكومة الفيدرالية؛ ولن تتغير الضرائب المحلية.',
  'A coalition of neighborhood associations from the east side supports the plan.': 'يؤيد الخطةَ تحالفٌ من جمعيات الأحياء في الجانب الشرقي.',
  'The downtown chamber of commerce supports the plan.': 'تؤيد غرفةُ التجارة في وسط المدينة الخطةَ.',
  'A plan for a new bus line': 'خطة لخط حافلات جديد',
  'Please read the following plan carefully. You will then be asked what you think of it.': 'يُرجى قراءة الخطة التالية بعناية. ثم سنسألك عن رأيك فيها.',
  'The city council is considering a new bus line that would connect the east side of the city with the downtown hospital and the community college. {funding}':
    'يدرس مجلس المدينة إنشاء خط حافلات جديد يربط الجانب الشرقي من المدينة بمستشفى وسط المدينة وبكلية المجتمع. {funding}',
  '{backer}': '{backer}',
  'About you': 'عنك',
  'How often do you ride a bus in your city?': 'كم مرة تركب الحافلة في مدينتك؟',
  'At least once a week': 'مرة في الأسبوع على الأقل',
  'Less than once a week': 'أقل من مرة في الأسبوع',
  Never: 'أبدًا',
  'Your opinion of the plan': 'رأيك في الخطة',
  'Think about the plan you just read.': 'فكّر في الخطة التي قرأتها للتو.',
  'How much do you support or oppose the new bus line?': 'إلى أي حد تؤيد خط الحافلات الجديد أو تعارضه؟',
  'Strongly oppose': 'أعارض بشدة',
  'Somewhat oppose': 'أعارض إلى حد ما',
  'Neither support nor oppose': 'لا أؤيد ولا أعارض',
  'Somewhat support': 'أؤيد إلى حد ما',
  'Strongly support': 'أؤيد بشدة',
  'If the plan were on the ballot, how would you vote?': 'لو طُرحت الخطة للتصويت، كيف ستصوّت؟',
  'For the plan': 'مع الخطة',
  'Against the plan': 'ضد الخطة',
  'I would not vote': 'لن أصوّت',
  'One last question': 'سؤال أخير',
  'In the plan you read about, how would the bus line be paid for?': 'في الخطة التي قرأت عنها، كيف سيُموَّل خط الحافلات؟',
  'A higher local sales tax': 'زيادة ضريبة المبيعات المحلية',
  'A grant from the federal government': 'منحة من الحكومة الفيدرالية',
  // The every-element page (every-element-study.ts).
  'A few more questions': 'بعض الأسئلة الإضافية',
  'The last one is optional.': 'السؤال الأخير اختياري.',
  'Which do you use? Pick any.': 'أيّها تستخدم؟ اختر ما شئت.',
  'Which one do you prefer?': 'أيّها تفضّل؟',
  'How satisfied are you, from 1 to 10?': 'ما مدى رضاك، من 1 إلى 10؟',
  'Do you own a car?': 'هل تملك سيارة؟',
  'Your town': 'مدينتك',
  'How many buses did you take last week?': 'كم حافلة ركبت الأسبوع الماضي؟',
  'Anything else?': 'هل من شيء آخر؟',
  'Not at all satisfied': 'غير راضٍ إطلاقًا',
  'Completely satisfied': 'راضٍ تمامًا',
  ...Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`Choice ${i + 1}`, `الخيار ${i + 1}`])),
};

/** `study` (a parsed study.json) with Arabic beside each English text, and "ar" among its locales. */
export const withArabic = <T>(study: T): T => withTranslation(study, 'ar', ARABIC, 'arabic-texts.ts');
