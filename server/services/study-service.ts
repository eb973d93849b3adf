import { randomBytes } from 'node:crypto';
import { designOf } from '../domain/design.ts';
import { assertFieldable } from '../domain/design-support.ts';
import { DomainError } from '../domain/errors.ts';
import { randomCode } from '../domain/random-code.ts';
import { planHash } from '../domain/plan/plan-hash.ts';
import { studyLocales } from '../domain/localized-text.ts';
import { contentHash, type StudyDefinition } from '../domain/study-definition.ts';
import { waveSettingsSchema, type Wave } from '../domain/wave.ts';
import { firstIssue } from '../domain/zod-issues.ts';
import { immediate, type Db } from '../storage/db.ts';
import type { Repositories } from '../storage/repositories.ts';
import type { StudyRecord } from '../storage/study-repository.ts';

/** The study the demo wave of a fresh database runs. */
export const FLAGSHIP_STUDY = 'alliance-corrective-measures';

export interface StudySummary {
  id: string;
  version: number;
  title: string;
  contentHash: string;
  cells: number;
  waves: number;
}

export interface CreateWaveInput {
  studyKey: string;
  target: number;
  seed?: string;
  completeUrl?: string | null;
  screenoutUrl?: string | null;
  overquotaUrl?: string | null;
  /** Default locale of the wave's participants: one of the study's locales (default: the study's first). */
  locale?: string;
}

/** Study snapshots and waves: what `vlab serve` does at start and what the study/wave verbs call. */
export function createStudyService({ db, repos, now = () => new Date().toISOString() }: { db: Db; repos: Repositories; now?: () => string }) {
  return {
    /**
     * Stores a snapshot of every definition whose content is new. Waves keep pointing at the snapshot they
     * were created from, so an edited file affects new waves only.
     */
    syncDefinitions(defs: StudyDefinition[]): { study: StudyRecord; inserted: boolean }[] {
      return immediate(db, () =>
        defs.map((def) => {
          const hash = contentHash(def);
          const existing = repos.studies.findSnapshot(def.id, hash);
          return existing ? { study: existing, inserted: false } : { study: repos.studies.insert(def, hash, now()), inserted: true };
        }),
      );
    },

    listStudies(): StudySummary[] {
      const waves = repos.waves.list();
      return repos.studies.listLatest().map((s) => ({
        id: s.key,
        version: s.version,
        title: s.title,
        contentHash: s.contentHash,
        cells: designOf(s.definition).nCells,
        waves: waves.filter((w) => repos.studies.get(w.studyId)?.key === s.key).length,
      }));
    },

    /** Opens a wave on the newest snapshot of a study; the seed defaults to 128 random bits. */
    createWave(input: CreateWaveInput): { wave: Wave; study: StudyRecord } {
      return immediate(db, () => {
        const study = repos.studies.latest(input.studyKey);
        if (!study) throw new DomainError('not_found', `no study "${input.studyKey}"`);
        assertFieldable(study.definition);
        const locales = studyLocales(study.definition);
        if (input.locale !== undefined && !locales.includes(input.locale)) {
          throw new DomainError('invalid_input', `locale: "${input.locale}" is not a locale of study "${input.studyKey}" (${locales.join(', ')})`);
        }
        const parsed = waveSettingsSchema.safeParse({
          target: input.target,
          seed: input.seed ?? randomBytes(16).toString('hex'),
          completeUrl: input.completeUrl ?? null,
          screenoutUrl: input.screenoutUrl ?? null,
          overquotaUrl: input.overquotaUrl ?? null,
          locale: input.locale ?? locales[0],
        });
        if (!parsed.success) throw new DomainError('invalid_input', firstIssue(parsed.error));
        const wave = repos.waves.insert(randomCode(9), study.id, parsed.data, now());
        // Pre-registration: the plan is locked in the transaction that opens the wave.
        repos.waves.lockPlanHash(wave.id, planHash(study.definition));
        return { wave, study };
      });
    },

    /** On a database with no wave at all, opens a demo wave of the flagship study so there is a link to try. */
    ensureDemoWave(): Wave | null {
      return immediate(db, () =>
        repos.waves.count() > 0 ? null : this.createWave({ studyKey: FLAGSHIP_STUDY, target: 1000 }).wave,
      );
    },
  };
}
export type StudyService = ReturnType<typeof createStudyService>;
