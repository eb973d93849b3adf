import { z } from 'zod';

/**
 * The input purposes of WCAG 2.2 §7 ("Input Purposes for User Interface Components"), which are HTML's autofill
 * field names for data about the user, plus `on` and `off`. A text question asking for the respondent's own data
 * (their town, postal code, email) names its purpose with SurveyJS's `autocomplete`, which the page writes on the
 * input (WCAG 1.3.5): the browser can fill it in and assistive technology can mark it. A value outside this list
 * means nothing to a browser, so a definition that has one is refused rather than shipped to the page.
 */
export const AUTOCOMPLETE_PURPOSES: ReadonlySet<string> = new Set([
  ...['name', 'honorific-prefix', 'given-name', 'additional-name', 'family-name', 'honorific-suffix', 'nickname'],
  ...['username', 'new-password', 'current-password', 'organization-title', 'organization'],
  ...['street-address', 'address-line1', 'address-line2', 'address-line3', 'address-level4', 'address-level3', 'address-level2', 'address-level1'],
  ...['country', 'country-name', 'postal-code'],
  ...['cc-name', 'cc-given-name', 'cc-additional-name', 'cc-family-name', 'cc-number', 'cc-exp', 'cc-exp-month', 'cc-exp-year', 'cc-csc', 'cc-type'],
  ...['transaction-currency', 'transaction-amount', 'language', 'bday', 'bday-day', 'bday-month', 'bday-year', 'sex', 'url', 'photo'],
  ...['tel', 'tel-country-code', 'tel-national', 'tel-area-code', 'tel-local', 'tel-local-prefix', 'tel-local-suffix', 'tel-extension'],
  ...['email', 'impp', 'on', 'off'],
]);

/** A text question's `autocomplete`: one of AUTOCOMPLETE_PURPOSES, else a message that says what is expected. */
export const autocompletePurpose = z.unknown().superRefine((value, ctx) => {
  if (typeof value === 'string' && AUTOCOMPLETE_PURPOSES.has(value)) return;
  ctx.addIssue({
    code: 'custom',
    message: `expected an HTML autofill field name (WCAG 1.3.5) such as "address-level2" (a town), "postal-code", "email" or "off", got ${JSON.stringify(value)}`,
  });
});
