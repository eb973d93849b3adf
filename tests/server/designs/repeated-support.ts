// Shared by the repeated-vignette tests: the shipped repeated study, variants of it, and respondents who take it
// through the respondent service exactly as the page does (quota step, a save on every page, the completion).
import { readFileSync } from 'node:fs';
import type { Assignment } from '../../../server/domain/design.ts';
export { seededRandom as seededUniform } from '../../../support/seeded-random.ts';
import { parseStudyDefinition, type StudyDefinition } from '../../../server/domain/study-definition.ts';
import type { RespondentService } from '../../../server/services/respondent-service.ts';

export const REPEATED_ID = 'protege-bargaining-repeated';

/** The shipped repeated study's JSON (with its plan and simulation model) changed by `edit`, parsed. */
export function repeatedVariant(edit: (def: Record<string, any>) => void): StudyDefinition {
  const def = JSON.parse(readFileSync(`survey-definitions/${REPEATED_ID}/study.json`, 'utf8'));
  def.analysisPlan = JSON.parse(readFileSync(`survey-definitions/${REPEATED_ID}/analysis-plan.json`, 'utf8'));
  def.simulation = JSON.parse(readFileSync(`survey-definitions/${REPEATED_ID}/simulation.json`, 'utf8'));
  edit(def);
  return parseStudyDefinition(def, 'study.json');
}

export const PRETREATMENT = { consent: true, age_group: '30-44', gender: 'female', education: 'college', region: 'south', party: 'democrat', attention_check: 'radio' };
/** Pages of the shipped study's surveys: consent 0, about_you 1, news_habits 2, then vignette k at 3 + 2(k − 1), its outcomes after it. */
export const VIGNETTE_PAGES = [3, 5, 7];

/** A 1–5 answer whose mean rises with the planted effects of the vignette's levels, plus a respondent shift. */
export function plantedAnswer(assignment: Assignment, respondentShift: number, next: () => number): number {
  const effect = (assignment.strategy === 'cooperate' ? 0 : 0.8) + (assignment.troops === 'stationed' ? 0.4 : 0) + respondentShift;
  return Math.min(5, Math.max(1, Math.round(2 + effect + (next() - 0.5) * 2.5)));
}

/**
 * One respondent through the service: start, the quota step, for each vignette the move onto its page and
 * the answers on its outcome page (planted on the vignette's stored levels, `shown`), then the completion.
 * Resolves with the participant's code.
 */
export async function takeRepeatedSurvey(
  service: RespondentService,
  waveId: string,
  shown: (code: string) => Promise<Assignment[]>,
  next: () => number,
): Promise<string> {
  const session = await service.start({ waveId, panelParams: {} });
  const code = session.participant.code;
  const answers: Record<string, unknown> = { ...PRETREATMENT, party: next() < 0.5 ? 'democrat' : 'republican' };
  await service.checkQuota({ code, answers });
  const shift = next() - 0.5;
  const vignettes = await shown(code);
  for (const [i, page] of VIGNETTE_PAGES.entries()) {
    await service.savePartial({ code, answers, currentPage: page });
    for (const name of ['support_concede', 'support_punish', 'support_let_leave']) {
      answers[`${name}__V${i + 1}`] = plantedAnswer(vignettes[i]!, shift, next);
    }
    await service.savePartial({ code, answers, currentPage: page + 1 });
  }
  const outcome = await service.complete({ code, answers });
  if (outcome.status !== 'complete') throw new Error(`takeRepeatedSurvey: ${outcome.status}`);
  return code;
}
