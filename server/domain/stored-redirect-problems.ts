import { redirectTemplateProblem } from './panel.ts';
import type { Wave } from './wave.ts';

/** A wave's redirect settings, in the order `wave status` shows them. */
const REDIRECT_SETTINGS = ['completeUrl', 'screenoutUrl', 'overquotaUrl'] as const;

export interface StoredRedirectProblem {
  setting: (typeof REDIRECT_SETTINGS)[number];
  problem: string;
}

/**
 * What today's checks refuse in the redirect templates a wave has stored. A template is checked when it is set,
 * and never again: a wave made before attacker pass 28 may hold a completion code with an invisible character
 * pasted in (`cc=C1AB2CD3` + U+200B), which sends every respondent to a code the panel does not know. `wave
 * status`, `wave list` and `vlab serve` say so (attacker pass 30).
 *
 * @example storedRedirectProblems(wave) // [{ setting: 'completeUrl', problem: 'a URL must not contain invisible characters: U+200B at character 58 …' }]
 */
export function storedRedirectProblems(wave: Pick<Wave, (typeof REDIRECT_SETTINGS)[number]>): StoredRedirectProblem[] {
  const problems: StoredRedirectProblem[] = [];
  for (const setting of REDIRECT_SETTINGS) {
    const template = wave[setting];
    const problem = template === null ? null : redirectTemplateProblem(template);
    if (problem) problems.push({ setting, problem });
  }
  return problems;
}
