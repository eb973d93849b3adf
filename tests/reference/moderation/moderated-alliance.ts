// The alliance study with a planted moderation (walk-through 26): autocracy raises support for sanctions by a further
// `shift` on the latent scale among Republicans (`interactions[].when` naming the covariate party beside the factor
// regime), and a plan whose one hypothesis tests it (`~ regime` moderated by party: R's `~ regime * party`).
import { parseStudyDefinition, type StudyDefinition } from '../../../server/domain/study-definition.ts';
import { loadDefinitionFiles } from '../../../server/storage/definition-files.ts';

export const MODERATION_SHIFT = 0.6;
export const MODERATION_TERM = 'regimeautocracy:partyrepublican';

const alliance = loadDefinitionFiles('survey-definitions').find((d) => d.id === 'alliance-corrective-measures')!;

export function moderatedAlliance(shift = MODERATION_SHIFT): StudyDefinition {
  const def = structuredClone(alliance) as StudyDefinition;
  def.simulation!.outcomes.economic_sanctions!.interactions = [{ when: { regime: 'autocracy', party: 'republican' }, shift }];
  const plan = {
    alpha: 0.05,
    exclusions: alliance.analysisPlan.exclusions,
    weights: 'none',
    hypotheses: [
      {
        id: 'H_mod',
        description: 'Regime matters more to Republicans.',
        estimator: 'lm_robust',
        outcomes: ['economic_sanctions'],
        formula: '~ regime',
        moderators: ['party'],
        seType: 'HC2',
        terms: ['regimeautocracy', MODERATION_TERM],
      },
    ],
  };
  return parseStudyDefinition({ ...def, analysisPlan: plan }, 'moderated-alliance');
}
