import { validateAnswers, type Answers } from './answers.ts';
import { DomainError } from './errors.ts';
import { checkVignetteOrder } from './repeated-vignettes.ts';
import type { StudyDefinition } from './study-definition.ts';
import { checkTreatmentOrder } from './treatment-order.ts';

/**
 * Answers a respondent took back. When a text box is emptied, every box of a checkbox unticked or a dropdown
 * cleared, SurveyJS drops the question from `survey.data`; since saves merge question by question (a resume on
 * another device starts with empty fields and must not wipe what was answered), the page sends such a question as
 * `null`. Without it the old answer stayed stored and was exported as given.
 */

/** Sets an own property, so that a name such as `__proto__` is a key like any other (an assignment would not be). */
function setOwn(target: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}

/** The request's answers split into the values given and the names sent as `null` (cleared). */
export function splitCleared(raw: unknown): { values: unknown; cleared: string[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { values: raw, cleared: [] };
  const record = raw as Record<string, unknown>;
  let cleared: string[] | null = null;
  // Every save and completion passes here: copy only when a null is there.
  for (const name in record) if (Object.hasOwn(record, name) && record[name] === null) (cleared ??= []).push(name);
  if (!cleared) return { values: raw, cleared: [] };
  const values: Record<string, unknown> = {};
  for (const name of Object.keys(record)) if (record[name] !== null) setOwn(values, name, record[name]);
  return { values, cleared };
}

/** Refuses (422, as an answer to an unknown question is) a cleared name the survey does not ask. */
export function checkClearedNames(def: StudyDefinition, cleared: readonly string[]): void {
  if (!cleared.length) return;
  const asAbsent: Record<string, unknown> = {};
  for (const name of cleared) setOwn(asAbsent, name, undefined);
  validateAnswers(def, asAbsent);
}

/** What the order rules read, as the respondent path holds it: the study's definition, the fielded one and the vignette page. */
export interface OrderRules {
  def: StudyDefinition;
  fielded: StudyDefinition;
  /** Index of the vignette page: the treatment was shown once the participant's current page reached it. */
  treatmentPage: number;
}

/**
 * `merged` (stored answers with the request's laid over) without the cleared answers the treatment order lets
 * change. A pre-treatment answer once the vignette was shown (or one about vignette k once k + 1 was) is kept:
 * those are fixed, and SurveyJS clears the answers of questions hidden at the end, which must not take back what
 * the quota step and the randomization read. A name never stored is nothing to clear.
 */
export function withoutCleared(study: OrderRules, currentPage: number, stored: Answers, merged: Answers, cleared: readonly string[]): Answers {
  for (const name of cleared) {
    if (!Object.hasOwn(stored, name) || !mayChange(study, currentPage, stored, name)) continue;
    delete merged[name];
  }
  return merged;
}

/** Whether the order rules would accept a change of this stored answer now: the same rules as for a new value. */
function mayChange({ def, fielded, treatmentPage }: OrderRules, currentPage: number, stored: Answers, name: string): boolean {
  const change: Answers = {};
  setOwn(change, name, null);
  try {
    checkTreatmentOrder(fielded, currentPage >= treatmentPage, stored, change);
    checkVignetteOrder(def, currentPage, stored, change);
    return true;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'conflict') return false;
    throw error;
  }
}
