/**
 * Names the server gives pages and elements in every participant's survey (docs/api.md). Definitions may not
 * reuse them (study-definition.ts RESERVED_NAMES). The respondent page (public/src, bundled for the browser)
 * imports this file too, so it must stay free of imports.
 */
export const CONSENT_QUESTION = 'consent';
export const CONSENT_TEXT = 'consent_text';
export const CONSENT_PAGE = 'consent_page';
export const VIGNETTE_ELEMENT = 'vignette';
/** The page that shows the vignette; from it on, pre-treatment answers are fixed (treatment-order.ts). */
export const TREATMENT_PAGE = 'treatment_page';
/** The disclosure on the outcome pages that shows the vignette again (participant-survey.ts). */
export const VIGNETTE_REREAD_ELEMENT = 'vignette_reread';
/** Set to true in the answers by the page when the respondent opens that disclosure; exported as a derived 1/0. */
export const VIGNETTE_REOPENED = 'vignette_reopened';
