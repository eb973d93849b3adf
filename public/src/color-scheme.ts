import type { ITheme, SurveyModel } from 'survey-core';
import { DefaultDark } from 'survey-core/themes';

/**
 * The respondent page follows the device's colour scheme. Light is our stylesheet's theme (respondent.css);
 * dark is SurveyJS's own DefaultDark, with the colours where it falls under WCAG AA taken from our stylesheet's
 * dark palette (the --vlab-* variables under prefers-color-scheme: dark): its secondary text (white at 42 %, 3.7:1
 * on its question background) and error red (3.8:1) are text, and need 4.5:1; and its orange (#ff9814, 6.1:1), the
 * text of its Next and Previous buttons, where AAA asks 7:1 (ours, #ffb55c, 7.6:1).
 */
/**
 * DefaultDark's variables less its line heights in px (`--sjs-article-font-default-lineHeight: 28px` for an html
 * element's text), which stayed 28 px at 32 px text and overlapped the lines: the stylesheet's ratios apply.
 */
const darkVariables = Object.fromEntries(Object.entries(DefaultDark.cssVariables ?? {}).filter(([name]) => !/^--sjs-article-font-.*-lineHeight$/.test(name)));

export const DARK_THEME: ITheme = {
  ...DefaultDark,
  cssVariables: {
    ...darkVariables,
    '--sjs-general-forecolor-light': 'var(--vlab-muted)',
    '--sjs-general-dim-forecolor-light': 'var(--vlab-muted)',
    '--sjs-font-questiondescription-color': 'var(--vlab-muted)',
    '--sjs-font-pagedescription-color': 'var(--vlab-muted)',
    '--sjs-special-red': 'var(--vlab-error)',
    '--sjs-primary-backcolor': 'var(--vlab-primary)',
    '--sjs-primary-backcolor-dark': 'var(--vlab-primary-dark)',
  },
};

/** No variables of SurveyJS's: the stylesheet's own (light) ones apply. */
const LIGHT_THEME: ITheme = { themeName: 'default', colorPalette: 'light', isPanelless: false, cssVariables: {} };

/**
 * Applies the theme of the scheme the device asks for now, and again whenever it changes (a phone switching to
 * dark at dusk). The scheme applied is on the document (data-color-scheme), for the browser tests to wait on.
 */
export function followColorScheme(survey: SurveyModel): void {
  const dark = window.matchMedia('(prefers-color-scheme: dark)');
  const apply = () => {
    survey.applyTheme(dark.matches ? DARK_THEME : LIGHT_THEME);
    document.documentElement.dataset.colorScheme = dark.matches ? 'dark' : 'light';
  };
  apply();
  dark.addEventListener('change', apply);
}
