import { AnalysisError } from '../../analysis/errors.ts';
import { DomainError } from '../domain/errors.ts';

/** A mistake in what the user asked for: printed as one line, exit code 2, never a stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

function isUserError(error: unknown): error is Error {
  return error instanceof UsageError || error instanceof AnalysisError || error instanceof DomainError;
}

/**
 * Wraps a command's action so that user mistakes become `vlab <verb>: <message>` on stderr with exit code 2.
 * Unexpected errors still surface with their stack: those are our bugs, and hiding them helps nobody.
 */
export function cliAction<Args extends unknown[]>(
  verb: string,
  run: (...args: Args) => Promise<void> | void,
): (...args: Args) => Promise<void> {
  return async (...args: Args) => {
    try {
      await run(...args);
    } catch (error) {
      if (!isUserError(error)) throw error;
      process.stderr.write(`vlab ${verb}: ${error.message}\n`);
      process.exitCode = 2;
    }
  };
}
