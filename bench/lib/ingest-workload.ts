// The requests of bench:ingest, shared by its SQLite run (bench/ingest.ts) and its PostgreSQL run
// (bench/ingest-postgres.ts), so both send the same bodies and judge a run the same way.
import { COMPLETE_ALLIANCE_ANSWERS, PRETREATMENT_ALLIANCE_ANSWERS } from '../../support/alliance-answers.ts';
import { runLoad, type LoadOptions, type LoadResult } from './load.ts';

// A panel sends all kinds of people: participant i gets one of the 8 quota cells (age group × gender), the same in
// its quota step and its completion. The baseline stores the same bodies.
const AGES = ['18-29', '30-44', '45-64', '65+'];
const demographics = (i: number) => ({ age_group: AGES[i % 4]!, gender: (i >> 2) % 2 ? 'female' : 'male' });
export const completeBody = (i: number) => JSON.stringify({ answers: { ...COMPLETE_ALLIANCE_ANSWERS, ...demographics(i) }, honeypot: '' });
// The quota step carries every pre-treatment answer, as the page sends it (the completion may not change them).
export const quotaBody = (i: number) => JSON.stringify({ answers: { ...PRETREATMENT_ALLIANCE_ANSWERS, ...demographics(i) } });
export const startBody = (i: number) => JSON.stringify({ panel: { PROLIFIC_PID: `bench-${i}`, STUDY_ID: 'bench', SESSION_ID: `s-${i}` } });
/** The start answer begins with the participant: no need to parse the whole survey to find the code. */
export const participantCode = (body: string) => /"code":"([^"]+)"/.exec(body)![1]!;

export interface RunSizes {
  warmup: number;
  requests: number;
}

/**
 * Warm-up run (not reported: JIT, page caches, WAL growth), then the measured run. With `serverCpu` (the server
 * process's CPU time so far, µs), the result carries the server's CPU per request over the measured run.
 */
export async function measured(
  options: Omit<LoadOptions, 'amount'>,
  { warmup, requests }: RunSizes,
  offset = 0,
  serverCpu?: () => number | undefined,
): Promise<LoadResult> {
  await runLoad({ ...options, name: `${options.name} (warm-up)`, amount: warmup, request: (i) => options.request(offset + i) });
  const before = serverCpu?.();
  const result = await runLoad({ ...options, amount: requests, request: (i) => options.request(offset + warmup + i) });
  const after = serverCpu?.();
  if (before !== undefined && after !== undefined && result.requests > 0) result.cpuPerRequest = (after - before) / result.requests;
  return result;
}

/** The runs that had a non-2xx answer or a connection error, with samples: such a run's figures are invalid. */
export function failures(results: LoadResult[]): string[] {
  return results
    .filter((r) => r.non2xx > 0 || r.errors > 0)
    .map((r) => `${r.name}: ${r.non2xx} non-2xx, ${r.errors} errors${r.samples.length ? ` — e.g. ${r.samples.join(' | ')}` : ''}`);
}
