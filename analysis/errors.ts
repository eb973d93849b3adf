/**
 * The one error type the analysis module throws for a caller's mistake (unknown column, malformed formula,
 * unknown se type). Messages follow `function: problem`, e.g. `lmRobust: formula references unknown column "regim"`.
 */
export class AnalysisError extends Error {
  readonly fn: string;

  constructor(fn: string, problem: string) {
    super(`${fn}: ${problem}`);
    this.name = 'AnalysisError';
    this.fn = fn;
  }
}
