/**
 * Sizes of a benchmark run: `--name value` on the command line, else the environment variable, else the
 * default the issue states. Smoke runs on a busy machine use small values; the figures in docs/performance.md use the
 * defaults.
 *
 *   npm run bench:ingest -- --requests 2000      or   BENCH_REQUESTS=2000 npm run bench:ingest
 */
export function intOption(name: string, envName: string, fallback: number, argv = process.argv.slice(2)): number {
  const flag = argv.indexOf(`--${name}`);
  const raw = flag >= 0 ? argv[flag + 1] : process.env[envName];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`--${name} / ${envName}: expected a positive integer, got ${JSON.stringify(raw)}`);
  }
  return value;
}
