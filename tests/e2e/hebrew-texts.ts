// The every-element study in Hebrew too, so that page-languages.test.ts walks a Hebrew page of every question type as
// it walks the Arabic one. Researchers' Hebrew texts carry Latin words (a place's or a body's own name, a line's
// number), so some here do, one paragraph and one choice opening with them: a paragraph's direction must come from
// the page (dir="rtl"), not from its first strong letter, or "Downtown Chamber of Commerce, …" would be laid out left
// to right with its full stop on the right. Requests are worded for every respondent alike (the infinitive, nouns),
// as messages-he.ts is. A text the table lacks stops the test with its words (study-translation.ts).
import { withTranslation } from './study-translation.ts';

/** The Latin words the Hebrew texts below carry on purpose: the only Latin a Hebrew page may show. */
export const HEBREW_TEXTS_LATIN = ['USA', 'East Side', 'Downtown Chamber of Commerce', 'Line 7X'];

const HEBREW: Readonly<Record<string, string>> = {
  'A new bus line for your city': 'קו אוטובוס חדש בעיר שלך',
  'Before you begin': 'לפני שמתחילים',
  'You are invited to take part in a short research study about public transport in American cities. It takes about 3 minutes.':
    'הזמנה להשתתף במחקר קצר על תחבורה ציבורית בערים בארצות הברית (USA). המחקר נמשך כ-3 דקות.',
  'You will answer one question about yourself, read about a plan for a new bus line, and tell us what you think of it. The plan is hypothetical.':
    'במחקר שאלה אחת עליך, תיאור של תוכנית לקו אוטובוס חדש ושאלות על דעתך עליה. התוכנית היפותטית.',
  'Taking part is voluntary and you may stop at any time. We do not ask for your name, and your answers are used for research only.':
    'ההשתתפות מרצון ואפשר להפסיק בכל עת. איננו מבקשים את שמך, והתשובות משמשות למחקר בלבד.',
  'Do you agree to take part in this study?': 'האם ברצונך להשתתף במחקר זה?',
  'Yes, I agree to take part': 'כן, ברצוני להשתתף',
  'No, I do not want to take part': 'לא, אין ברצוני להשתתף',
  'The line would be paid for by raising the local sales tax by half a cent on the dollar.': 'הקו ימומן בהעלאת מס המכירות המקומי בחצי סנט לכל דולר.',
  'The line would be paid for by a grant from the federal government; local taxes would not change.': 'הקו ימומן במענק מהממשלה הפדרלית; המסים המקומיים לא ישתנו.',
  'A coalition of neighborhood associations from the east side supports the plan.': 'קואליציה של ועדי שכונות מהצד המזרחי (East Side) תומכת בתוכנית.',
  'The downtown chamber of commerce supports the plan.': 'Downtown Chamber of Commerce, לשכת המסחר של מרכז העיר, תומכת בתוכנית.',
  'A plan for a new bus line': 'תוכנית לקו אוטובוס חדש',
  'Please read the following plan carefully. You will then be asked what you think of it.': 'נא לקרוא את התוכנית הבאה בעיון. אחר כך תופיע שאלה על דעתך עליה.',
  'The city council is considering a new bus line that would connect the east side of the city with the downtown hospital and the community college. {funding}':
    'מועצת העיר שוקלת קו אוטובוס חדש, Line 7X, שיחבר את הצד המזרחי של העיר עם בית החולים במרכז העיר ועם המכללה הקהילתית. {funding}',
  '{backer}': '{backer}',
  'About you': 'קצת עליך',
  'How often do you ride a bus in your city?': 'באיזו תדירות יש לך נסיעה באוטובוס בעיר שלך?',
  'At least once a week': 'לפחות פעם בשבוע',
  'Less than once a week': 'פחות מפעם בשבוע',
  Never: 'אף פעם',
  'Your opinion of the plan': 'דעתך על התוכנית',
  'Think about the plan you just read.': 'נא לחשוב על התוכנית שהוצגה זה עתה.',
  'How much do you support or oppose the new bus line?': 'מהי עמדתך לגבי קו האוטובוס החדש?',
  'Strongly oppose': 'התנגדות חזקה',
  'Somewhat oppose': 'התנגדות מסוימת',
  'Neither support nor oppose': 'לא תמיכה ולא התנגדות',
  'Somewhat support': 'תמיכה מסוימת',
  'Strongly support': 'תמיכה חזקה',
  'If the plan were on the ballot, how would you vote?': 'אילו התוכנית הועמדה להצבעה, מה הייתה הצבעתך?',
  'For the plan': 'בעד התוכנית',
  'Against the plan': 'נגד התוכנית',
  'I would not vote': 'הימנעות מהצבעה',
  'One last question': 'שאלה אחרונה',
  'In the plan you read about, how would the bus line be paid for?': 'בתוכנית שהוצגה, כיצד ימומן קו האוטובוס?',
  'A higher local sales tax': 'העלאת מס המכירות המקומי',
  'A grant from the federal government': 'מענק מהממשלה הפדרלית',
  // The every-element page (every-element-study.ts).
  'A few more questions': 'עוד כמה שאלות',
  'The last one is optional.': 'השאלה האחרונה אינה חובה.',
  'Which do you use? Pick any.': 'באילו מהם יש לך שימוש? אפשר לסמן כמה.',
  'Which one do you prefer?': 'איזה מהם עדיף בעיניך?',
  'How satisfied are you, from 1 to 10?': 'מה מידת שביעות הרצון שלך, מ-1 עד 10?',
  'Do you own a car?': 'האם יש לך רכב?',
  'Your town': 'העיר שלך',
  'How many buses did you take last week?': 'בכמה אוטובוסים נסעת בשבוע שעבר?',
  'Anything else?': 'משהו נוסף?',
  'Not at all satisfied': 'כלל לא מרוצה',
  'Completely satisfied': 'מרוצה מאוד',
  ...Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`Choice ${i + 1}`, `אפשרות ${i + 1}`])),
};

/** `study` (a parsed study.json) with Hebrew beside each English text, and "he" among its locales. */
export const withHebrew = <T>(study: T): T => withTranslation(study, 'he', HEBREW, 'hebrew-texts.ts');
