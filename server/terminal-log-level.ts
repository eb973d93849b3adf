/**
 * The log level `vlab serve` runs at. Typed in a terminal (stderr a TTY) with LOG_LEVEL unset, it writes warnings and
 * errors only: pino's JSON line per request buried the start-up links under 1,760 lines for 200 simulated respondents
 * (walk-throughs 30 to 32). Its note, printed with the start-up lines, says how to have them. To a pipe, a file or a
 * service manager's journal (no TTY), or with LOG_LEVEL set, the configured level stands, as graceful-shutdown.ts's
 * report also writes JSON there and plain lines on a terminal.
 */
export function serveLogLevel(
  configured: string,
  env: Record<string, string | undefined>,
  stderr: { isTTY?: boolean },
): { level: string; note: string | null } {
  if (!stderr.isTTY || env.LOG_LEVEL !== undefined || configured !== 'info') return { level: configured, note: null };
  return { level: 'warn', note: 'vlab serve: one log line per request is left out on a terminal (LOG_LEVEL=info writes them, as JSON on stderr)' };
}
