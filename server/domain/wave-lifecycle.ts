import { defaultLocale } from './localized-text.ts';
import { perRespondent } from './repeated-vignettes.ts';
import { DomainError } from './errors.ts';
import { studyExportFormats } from './export/study-export-formats.ts';
import type { QuotaCap } from './quota.ts';
import { quotaOverCapReason } from './quota-over-cap.ts';
import { storedRedirectProblems } from './stored-redirect-problems.ts';
import type { StudyDefinition } from './study-definition.ts';
import { vignetteSpace } from './vignette-cells.ts';
import type { WaveChangeRecord } from './wave-update.ts';
import type { Wave, WaveStatus } from './wave.ts';

/**
 * A wave is `open` (new participants start), `paused` (no new starts; those already in may finish; can be
 * reopened) or `closed` (final: no new starts, ever). It closes itself when its completes reach the target.
 */
export type WaveAction = 'open' | 'pause' | 'close';
export const WAVE_ACTIONS: readonly WaveAction[] = ['open', 'pause', 'close'];

const RESULT: Record<WaveAction, WaveStatus> = { open: 'open', pause: 'paused', close: 'closed' };

/** The status after `action`, or a `conflict` for a move the lifecycle does not allow. Repeating is a no-op. */
export function nextWaveStatus(current: WaveStatus, action: WaveAction): WaveStatus {
  const next = RESULT[action];
  if (current === 'closed' && next !== 'closed') {
    throw new DomainError('conflict', 'the wave is closed, and a closed wave stays closed; create a new wave instead');
  }
  return next;
}

/** Index of the vignette page in every participant's survey: consent, then the pre-treatment pages. */
export function treatmentPageIndex(def: StudyDefinition): number {
  return 1 + def.pages.pretreatment.length;
}

export interface WaveCounts {
  complete: number;
  screened_out: number;
  overquota: number;
  started: number;
}

export interface WaveStatusInput {
  wave: Wave;
  study: { key: string; version: number; title: string };
  def: StudyDefinition;
  counts: WaveCounts;
  funnel: { started: number; consented: number; reachedVignette: number; completed: number };
  /** Completed vignettes per cell: one per complete participant, m in a repeated design. */
  completesByCell: Map<number, number>;
  assignedByCell: Map<number, number>;
  quotaCaps: QuotaCap[];
  /** `variable\0level` → completes and live leases. */
  quotaFill: Map<string, { completes: number; leased: number }>;
  /** Started participants active within the lease, those idle longer, and the lease (VLAB_QUOTA_LEASE_SECONDS). */
  starts: { live: number; expired: number; leaseSeconds: number };
  /** Completes in the last hour and day, and the latest's time (WavePace). */
  pace: { lastHour: number; lastDay: number; lastCompleteAt: string | null };
  /** The settings changed since the wave was created (`vlab wave update`, PATCH), oldest first. */
  changes: WaveChangeRecord[];
  /** What today's checks refuse in the definition the wave runs (definitionProblems), a line each. */
  definitionProblems: string[];
}

/** The status report of `vlab wave status --json` and `GET /api/researcher/waves/:id`. */
export function waveStatusReport(input: WaveStatusInput) {
  const { wave, study, def, counts, funnel } = input;
  // The cells the design shows (restricted ones never are): vignettes assigned and completed in each, and the
  // completes each should reach at the target, target · m · w / L (equal shares without weights). A conjoint
  // participant has no cell (all are stored as cell 0): its profiles are drawn per task instead.
  const conjoint = def.design?.kind === 'conjoint';
  const space = conjoint ? { cells: [], total: 1 } : vignetteSpace(def);
  const m = perRespondent(def);
  const cells = space.cells.map(({ index, assignment, multiplicity }) => ({
    index,
    ...assignment,
    assigned: input.assignedByCell.get(index) ?? 0,
    completes: input.completesByCell.get(index) ?? 0,
    targetCompletes: (wave.target * m * multiplicity) / space.total,
  }));
  return {
    id: wave.id,
    url: `/s/${wave.id}`,
    study: study.key,
    studyVersion: study.version,
    title: study.title,
    // The title is stored in the study's first language: the dashboard marks it with lang where that is not its own.
    titleLang: defaultLocale(def),
    status: wave.status,
    target: wave.target,
    completes: counts.complete,
    screenouts: counts.screened_out,
    overquota: counts.overquota,
    partials: counts.started,
    progress: Math.min(1, counts.complete / wave.target),
    starts: input.starts,
    funnel,
    // The funnel's third step in the design's words: a conjoint has tasks, not a vignette.
    treatmentStep: conjoint ? 'reached the first task' : 'reached the vignette',
    pace: input.pace,
    cells,
    quotas: input.quotaCaps.map((q) => {
      const { completes, leased } = input.quotaFill.get(`${q.variable}\0${q.level}`) ?? { completes: 0, leased: 0 };
      const overCap = Math.max(0, completes - q.cap);
      return { ...q, filled: completes + leased, completes, leased, overCap, overCapReason: quotaOverCapReason(completes, q.cap, input.changes) };
    }),
    seed: wave.seed,
    completeUrl: wave.completeUrl,
    screenoutUrl: wave.screenoutUrl,
    overquotaUrl: wave.overquotaUrl,
    locale: wave.locale,
    changes: input.changes,
    /** The export formats that hold this study's data (study-export-formats.ts): the dashboard's downloads. */
    exports: studyExportFormats(def),
    definitionProblems: input.definitionProblems,
    /** Redirect templates stored before today's checks that those checks refuse (storedRedirectProblems). */
    redirectProblems: storedRedirectProblems(wave),
    createdAt: wave.createdAt,
    updatedAt: wave.updatedAt,
  };
}
export type WaveStatusReport = ReturnType<typeof waveStatusReport>;
