import { pooledRandomBytes } from '../domain/random-code.ts';
import { chooseLocale, studyLocales } from '../domain/localized-text.ts';
import { panelIdentity, type PanelParams } from '../domain/panel.ts';
import type { Participant } from '../domain/participant.ts';
import { drawParticipantVignettes, type StoredVignette } from '../domain/participant-vignettes.ts';
import type { Wave } from '../domain/wave.ts';
import type { Repositories } from '../storage/repositories.ts';
import { insertConjointParticipant } from './conjoint-start.ts';
import type { RespondentStudy } from './respondent-studies.ts';

/**
 * Draws and stores a new participant in the caller's transaction (the wave already locked): the wave's next draw
 * index, then what respondent-plan.ts gives for it — a conjoint's profiles (conjoint-start.ts), or the vignettes
 * (permuted blocks over the allowed, weighted cells): the participant's row keeps the first, and a repeated
 * design's m vignettes are stored beside it.
 */
export async function drawParticipant(
  tx: Repositories,
  { def, perRespondent }: RespondentStudy,
  wave: Wave,
  { panelParams, requestedLocale, code, at }: { panelParams: PanelParams; requestedLocale: string | undefined; code: string; at: string },
): Promise<{ participant: Participant; vignettes: StoredVignette[] }> {
  const identity = panelIdentity(panelParams);
  const drawIndex = await tx.participants.nextDrawIndex(wave.id);
  const who = {
    code,
    publicRef: pooledRandomBytes(8).toString('hex'),
    waveId: wave.id,
    panelSource: identity?.source ?? null,
    panelId: identity?.id ?? null,
    panelParams,
    drawIndex,
    locale: chooseLocale(requestedLocale, studyLocales(def), wave.locale),
    startedAt: at,
  };
  if (def.design?.kind === 'conjoint') return { participant: await insertConjointParticipant(tx, def, wave.seed, who), vignettes: [] };
  const drawn = drawParticipantVignettes(def, wave.seed, drawIndex);
  const participant = await tx.participants.insert({
    ...who,
    cellIndex: drawn.cellIndex,
    assignment: drawn.assignment,
    assignmentProbability: drawn.assignmentProbability,
  });
  const vignettes = perRespondent > 1 ? drawn.vignettes : [];
  if (vignettes.length) await tx.participantVignettes.insertAll(participant.id, vignettes);
  // Counters count vignettes shown per cell: one per participant, or m.
  for (const v of drawn.vignettes) await tx.assignmentCounters.increment(wave.id, v.cellIndex);
  return { participant, vignettes };
}
