import type { Assignment } from './design.ts';
import type { PanelParams, PanelSource } from './panel.ts';

export type ParticipantStatus = 'started' | 'complete' | 'screened_out' | 'overquota';

/** The unit of a study: one respondent in one wave, with the condition drawn for them once, on the server. */
export interface Participant {
  id: number;
  /** The respondent's credential for saving and completing: never sent anywhere but to the respondent. */
  code: string;
  /** A random reference that is not a credential: what redirect URLs send to the panel (`{participant}`). */
  publicRef: string;
  waveId: string;
  panelSource: PanelSource | null;
  panelId: string | null;
  panelParams: PanelParams;
  drawIndex: number;
  cellIndex: number;
  assignment: Assignment;
  assignmentProbability: number;
  status: ParticipantStatus;
  screenoutReason: string | null;
  currentPage: number;
  /** The locale the participant takes the study in (one of the study's locales), chosen at start. */
  locale: string;
  startedAt: string;
  updatedAt: string;
  completedAt: string | null;
}

/** Seconds from the participant's start to `completedAt` (their completion, screen-out or over-quota exit). */
export function durationSeconds(p: Pick<Participant, 'startedAt'>, completedAt: string): number {
  return (Date.parse(completedAt) - Date.parse(p.startedAt)) / 1000;
}

/**
 * Whether a duration is one a respondent can take: not negative. Timestamps come from each server process's wall
 * clock, so a clock stepped back between a start and its completion (NTP, a VM resumed) or two PostgreSQL hosts
 * whose clocks disagree give a negative one. Such a duration says nothing about how fast the respondent was: it
 * is exported as missing, never judged a speeder, and left out of the wave's median (docs/reliability.md).
 */
export const isPossibleDuration = (seconds: number): boolean => seconds >= 0;

/** Participant codes are 16 random bytes in base64url: 22 characters. */
export const PARTICIPANT_CODE = /^[A-Za-z0-9_-]{22}$/;
