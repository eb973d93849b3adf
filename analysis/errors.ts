/** What a caller may read off an AnalysisError instead of parsing its message. */
export interface AnalysisErrorDetail {
  /** A stable name of the problem, e.g. `treatment_not_binary`. */
  code: string;
  /** The function's arguments (R's names, e.g. `condition1`) whose values would fix it, for callers that name them otherwise. */
  arguments?: readonly string[];
  /** The text after the problem that says how to fix it in those arguments' names (`name the two to compare: …`). */
  remedy?: string;
}

/**
 * The one error type the analysis module throws for a caller's mistake (unknown column, malformed formula,
 * unknown se type). Messages follow `function: problem`, e.g. `lmRobust: formula references unknown column "regim"`.
 * An error with a detail also carries its parts, so that a caller with other names for the arguments (the CLI's
 * `--condition1`) can write its own remedy without depending on the wording.
 */
export class AnalysisError extends Error {
  readonly fn: string;
  /** The message without the function's name and without the remedy. */
  readonly problem: string;
  readonly code?: string;
  readonly arguments?: readonly string[];

  constructor(fn: string, problem: string, detail?: AnalysisErrorDetail) {
    super(`${fn}: ${problem}${detail?.remedy ? `; ${detail.remedy}` : ''}`);
    this.name = 'AnalysisError';
    this.fn = fn;
    this.problem = problem;
    if (detail) {
      this.code = detail.code;
      if (detail.arguments) this.arguments = detail.arguments;
    }
  }
}
