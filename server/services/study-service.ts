import { didYouMean } from '../../analysis/helpers/did-you-mean.ts';
import { allowedProfileCount } from '../domain/export/conjoint-rows.ts';
import { randomBytes } from 'node:crypto';
import type { BrokenStudy } from '../domain/broken-study.ts';
import { designOf } from '../domain/design.ts';
import { DomainError } from '../domain/errors.ts';
import { versionConflict, type FieldedSnapshot } from '../domain/fielded-version.ts';
import { randomCode } from '../domain/random-code.ts';
import { planHash } from '../domain/plan/plan-hash.ts';
import { defaultLocale } from '../domain/localized-text.ts';
import { contentHash, STUDY_ID, type StudyDefinition } from '../domain/study-definition.ts';
import { unusedRespondentLoadings } from '../domain/simulation/unused-loadings.ts';
import { waveLocaleProblem } from '../domain/wave-update.ts';
import { waveSettingsSchema, type Wave } from '../domain/wave.ts';
import { firstIssue } from '../domain/zod-issues.ts';
import { folderBehind } from '../domain/folder-behind.ts';
import type { Repositories } from '../storage/repositories.ts';
import type { Store } from '../storage/store.ts';
import type { StudyRecord } from '../storage/study-repository.ts';

/** The study the demo wave of a fresh database runs. */
export const FLAGSHIP_STUDY = 'alliance-corrective-measures';

export interface StudySummary {
  id: string;
  version: number;
  title: string;
  contentHash: string;
  /** What a respondent can be shown: the full factorial's cells, or a conjoint's allowed profiles (restrictions applied). */
  cells: number;
  /** The full factorial of the factors, restrictions ignored. */
  fullCells: number;
  waves: number;
  /** Set when the definitions folder's copy is broken: what to fix (its stored snapshot is shown meanwhile). */
  broken?: string;
  /** What the definition says that does nothing, not a mistake (unused-loadings.ts); absent when there is none. */
  notes?: string[];
  /**
   * Set when the database knows the study but the definitions folder synced does not hold it (VLAB_DEFINITIONS
   * names another folder): shown from its stored snapshot, so `vlab study list` sets it apart.
   */
  notInDefinitions?: true;
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

/**
 * Study snapshots and waves: what `vlab serve` does at start and what the study/wave verbs call. `broken`: the
 * studies of the definitions folder that did not load (definition-files.ts); they take no new wave.
 */
// Whole on purpose (~130 lines): a factory whose body is its methods, each short, sharing the definitions and the broken list.
export function createStudyService({
  store,
  now = () => new Date().toISOString(),
  broken = [],
  definitionsFolder = null,
}: {
  store: Store;
  now?: () => string;
  broken?: readonly BrokenStudy[];
  /** The definitions folder synced, as host:absolute path (index.ts), recorded with the snapshots it makes current. */
  definitionsFolder?: string | null;
}) {
  const problems = new Map(broken.map((b) => [b.id, b.message]));
  /** The studies whose folder content the last sync did not make current (folder-behind.ts), with why. */
  const behind = new Map<string, string>();
  /** The studies of the definitions folder (null until synced): a broken one is there too. */
  let inFolder: Set<string> | null = null;

  /** Refuses (409) work that needs a study's definition to be sound: a new wave, a wave reopened. */
  function assertUsable(studyKey: string): void {
    const problem = problems.get(studyKey);
    if (problem) throw new DomainError('conflict', `study "${studyKey}" is broken until its definition is fixed: ${problem}`);
  }

  /** Opens a wave on the current snapshot of a study, inside the caller's write transaction. */
  async function createWaveIn(tx: Repositories, input: CreateWaveInput): Promise<{ wave: Wave; study: StudyRecord }> {
    assertUsable(input.studyKey);
    await tx.studies.holdSnapshots();
    // A name no study can have is not looked up: PostgreSQL refused a NUL in it with a 500.
    const study = STUDY_ID.test(input.studyKey) ? await tx.studies.latest(input.studyKey) : undefined;
    if (!study) {
      const keys = (await tx.studies.listLatest()).map((s) => s.key);
      throw new DomainError('not_found', `no study "${input.studyKey}" (${didYouMean(input.studyKey, keys)})`);
    }
    const localeProblem = input.locale === undefined ? null : waveLocaleProblem(study.definition, input.locale);
    if (localeProblem) throw new DomainError('invalid_input', localeProblem);
    const parsed = waveSettingsSchema.safeParse({
      target: input.target,
      seed: input.seed ?? randomBytes(16).toString('hex'),
      completeUrl: input.completeUrl ?? null,
      screenoutUrl: input.screenoutUrl ?? null,
      overquotaUrl: input.overquotaUrl ?? null,
      locale: input.locale ?? defaultLocale(study.definition),
    });
    if (!parsed.success) throw new DomainError('invalid_input', firstIssue(parsed.error));
    const wave = await tx.waves.insert(randomCode(9), study.id, parsed.data, now());
    // Pre-registration: the plan is locked in the transaction that opens the wave.
    await tx.waves.lockPlanHash(wave.id, planHash(study.definition));
    return { wave, study };
  }

  /** Each study's waves with the definition snapshot each fielded, keyed by study id. */
  async function fieldedSnapshots(tx: Repositories): Promise<Map<string, FieldedSnapshot[]>> {
    const byStudy = new Map<string, FieldedSnapshot[]>();
    for (const w of await tx.waves.list()) {
      const study = await tx.studies.get(w.studyId);
      if (study) byStudy.set(study.key, [...(byStudy.get(study.key) ?? []), { waveId: w.id, definition: study.definition, status: w.status }]);
    }
    return byStudy;
  }

  return {
    /**
     * Stores a snapshot of every definition whose content is new, and makes it its study's current snapshot (the
     * one new waves use); a definition back at earlier content makes that stored snapshot current again. Waves keep
     * pointing at the snapshot they were created from, so an edited file affects new waves only. A definition that
     * changes the texts or design of a version a wave fielded is neither stored nor made current: it joins the
     * broken studies (fielded-version.ts). Earlier content is made current again only from the folder that made the
     * current snapshot current, or with `takeOver` (`vlab study sync`); otherwise it is listed by folderNotices().
     */
    syncDefinitions(defs: StudyDefinition[], { takeOver = false } = {}): Promise<{ study: StudyRecord; inserted: boolean }[]> {
      inFolder = new Set([...defs.map((d) => d.id), ...problems.keys()]);
      behind.clear();
      return store.write(async (tx) => {
        await tx.studies.holdSnapshots();
        const out: { study: StudyRecord; inserted: boolean }[] = [];
        let fieldedByStudy: Map<string, FieldedSnapshot[]> | undefined;
        for (const def of defs) {
          const hash = contentHash(def);
          const existing = await tx.studies.findSnapshot(def.id, hash);
          if (existing && (await tx.studies.latest(def.id))?.id === existing.id) {
            out.push({ study: existing, inserted: false });
            continue;
          }
          // Every wave with the snapshot it fielded, read once for all the changed definitions.
          fieldedByStudy ??= await fieldedSnapshots(tx);
          const conflict = versionConflict(def, fieldedByStudy.get(def.id) ?? []);
          if (conflict) {
            problems.set(def.id, conflict);
          } else if (existing) {
            // Reverted to earlier content: that snapshot is current again, so new waves show what the file says.
            const notice = takeOver ? null : folderBehind(existing, (await tx.studies.latest(def.id))!, definitionsFolder);
            if (notice) behind.set(def.id, notice);
            else await tx.studies.makeCurrent(existing.id, definitionsFolder);
            out.push({ study: existing, inserted: false });
          } else {
            out.push({ study: await tx.studies.insert(def, hash, now(), definitionsFolder), inserted: true });
          }
        }
        return out;
      });
    },

    /** The studies whose folder content the last sync left behind another folder's current snapshot, with why. */
    folderNotices(): BrokenStudy[] {
      return [...behind].map(([id, message]) => ({ id, message }));
    },

    /** The studies that take no new wave until their definition is fixed, each with what to fix. */
    brokenStudies(): BrokenStudy[] {
      return [...problems].map(([id, message]) => ({ id, message }));
    },

    assertUsable,

    listStudies(): Promise<StudySummary[]> {
      return store.read(async (tx) => {
        const waves = await tx.waves.list();
        const keyOfStudy = new Map<number, string | undefined>();
        for (const w of waves) if (!keyOfStudy.has(w.studyId)) keyOfStudy.set(w.studyId, (await tx.studies.get(w.studyId))?.key);
        return (await tx.studies.listLatest()).map((s) => ({
          id: s.key,
          version: s.version,
          title: s.title,
          contentHash: s.contentHash,
          cells: s.definition.design?.kind === 'conjoint' ? allowedProfileCount(s.definition) : designOf(s.definition).nCells,
          fullCells: designOf(s.definition).nCells,
          waves: waves.filter((w) => keyOfStudy.get(w.studyId) === s.key).length,
          ...(problems.has(s.key) ? { broken: problems.get(s.key) } : {}),
          ...notesOf(s.definition),
          ...(inFolder && !inFolder.has(s.key) ? { notInDefinitions: true as const } : {}),
        }));
      });
    },

    /** Opens a wave on the current snapshot of a study; the seed defaults to 128 random bits. */
    createWave(input: CreateWaveInput): Promise<{ wave: Wave; study: StudyRecord }> {
      return store.write((tx) => createWaveIn(tx, input));
    },

    /**
     * On a database with no wave at all, opens a demo wave of the flagship study so there is a link to try
     * (none when the flagship is not among the definitions, or is broken). A snapshot the database keeps from an
     * earlier folder does not count: a folder of one's own (VLAB_DEFINITIONS) gets no demo of a study it lacks.
     */
    ensureDemoWave(): Promise<Wave | null> {
      const absent = inFolder !== null && !inFolder.has(FLAGSHIP_STUDY);
      if (absent || problems.has(FLAGSHIP_STUDY)) return Promise.resolve(null);
      return store.write(async (tx) => {
        // Processes starting together on an empty database each counted no wave, and each opened one (pass 40).
        await tx.studies.holdSnapshots();
        return (await tx.waves.count()) > 0 || !(await tx.studies.latest(FLAGSHIP_STUDY))
          ? null
          : (await createWaveIn(tx, { studyKey: FLAGSHIP_STUDY, target: 1000 })).wave;
      });
    },
  };
}
export type StudyService = ReturnType<typeof createStudyService>;

/** A study summary's `notes`: present only when the definition has some. */
function notesOf(def: StudyDefinition): { notes?: string[] } {
  const notes = unusedRespondentLoadings(def);
  return notes.length ? { notes } : {};
}
