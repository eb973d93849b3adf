import { standardOutput } from '../standard-output.ts';
import { randomBytes } from 'node:crypto';
import { createWriteStream, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import type { SimulationSummary } from '../../simulate/run-simulation.ts';
import { overwritesDatabase } from '../../storage/sqlite-file-kind.ts';
import { cliAction, UsageError } from '../cli-action.ts';
import { DB_OPTION_HELP } from '../db-option.ts';
import { wrapWords } from '../../domain/plan/term-label-lines.ts';
import { integerOption } from './integer-option.ts';

interface SimulateOptions {
  wave: string;
  n: string;
  baseUrl?: string;
  concurrency: string;
  seed?: string;
  ackLog?: string;
  study?: string;
  db?: string;
  inOrder?: boolean;
  language?: string;
  token?: string;
  json?: boolean;
}

/** `vlab simulate`: synthetic respondents take a wave through the respondent API; prints a summary. */
export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description("synthetic respondents take a wave over HTTP, answering from the study's simulation model")
    .requiredOption('--wave <id>', 'wave id')
    .requiredOption('--n <n>', 'number of respondents')
    .option('--base-url <url>', 'server to talk to, e.g. http://localhost:3000 (required; no other host is contacted)')
    .option('--concurrency <c>', 'respondents in flight at once', '8')
    .option('--seed <seed>', 'seed of the answers (default: random, printed); respondent i answers the same for the same seed and condition')
    .option('--ack-log <file>', 'write the participant code of every acknowledged completion, one a line')
    .option('--study <id>', 'study of the wave, when the survey title alone is ambiguous')
    .option('--db <file>', `database the server serves, to learn the wave's study from when two local studies answer its survey; ${DB_OPTION_HELP}`)
    .option('--language <code>', "language the respondents ask for, as a link's ?lang= (e.g. es): they read the vignette and answer in it; default: simulation.json's languages shares, else the wave's")
    .option('--token <token>', "a researcher token (vlab token create; default VLAB_TOKEN): the server then does not count the run's starts against its limit for respondents (VLAB_RATE_LIMIT_START)")
    .option('--in-order', 'send the starts one at a time in respondent order: on a fresh wave respondent i gets draw i, so the data set is reproducible')
    .option('--json', 'print the summary as JSON')
    .action(
      cliAction('simulate', async (o: SimulateOptions) => {
        const n = integerOption(o.n, '--n', 1, 10_000_000);
        const concurrency = integerOption(o.concurrency, '--concurrency', 1, 1000);
        if (o.baseUrl === undefined) throw await import('./simulate-base-url.ts').then(({ missingBaseUrl }) => missingBaseUrl(o.db));
        let base: URL;
        try {
          base = new URL(o.baseUrl);
        } catch {
          throw new UsageError(`--base-url is not a URL: "${o.baseUrl}"`);
        }
        if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new UsageError('--base-url must start with http:// or https://');
        const [{ progressBar }, { runSimulation }, { loadDefinitionsForCli }, { waveStudyInLocalDatabase }] = await Promise.all([
          import('../../simulate/progress.ts'),
          import('../../simulate/run-simulation.ts'),
          import('./cli-storage.ts'),
          import('./simulate-wave-study.ts'),
        ]);
        let definitions = loadDefinitionsForCli(o.study);
        if (o.study) {
          definitions = definitions.filter((d) => d.id === o.study);
          if (definitions.length === 0) throw new UsageError(`no study "${o.study}"`);
        }
        if (!definitions.some((d) => d.simulation)) throw new UsageError('no study has a simulation model (simulation.json)');
        if (o.language !== undefined && !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(o.language)) {
          throw new UsageError(`--language: "${o.language}" is no language code (e.g. en, es, es-MX)`);
        }
        const seed = o.seed ?? randomBytes(8).toString('hex');
        const ackLog = o.ackLog ? openAckLog(o.ackLog) : null;

        await checkServer(base, o.wave);
        const recorded = await waveStudyInLocalDatabase(o.wave, o.db);
        const waveStudy = o.study ?? recorded?.key;
        // The wave's snapshot answers a survey the folder's definitions no longer read; not for another --study's wave.
        const waveDefinition = recorded && recorded.key === waveStudy ? recorded.definition : undefined;
        const bar = progressBar(n, 'simulate');
        const { summary } = await runSimulation({
          baseUrl: base.href,
          waveId: o.wave,
          n,
          concurrency,
          seed,
          definitions,
          waveStudy,
          waveDefinition,
          inOrder: o.inOrder,
          language: o.language,
          token: o.token ?? (process.env.VLAB_TOKEN || undefined),
          onProgress: (done) => bar.update(done),
          onAcknowledged: (code) => ackLog?.write(`${code}\n`),
        });
        bar.stop();
        if (ackLog) {
          ackLog.end();
          await once(ackLog, 'finish');
        }
        standardOutput().write(o.json ? `${JSON.stringify({ wave: o.wave, seed, ...summary }, null, 2)}\n` : summaryText(o.wave, seed, summary));
        // A run stopped before anyone started (a --language the study does not have) failed too.
        if (summary.errors > 0 || summary.stoppedBy) process.exitCode = 1;
      }),
    );
}

/** The `--ack-log` file, emptied now (so a file that cannot be written fails before the run, not after it). */
function openAckLog(path: string) {
  const problem = overwritesDatabase(path); // the truncation below would empty it
  if (problem) throw new UsageError(`--ack-log ${problem}`);
  try {
    writeFileSync(path, '', { mode: 0o600 }); // participant codes: owner-only
  } catch (error) {
    throw new UsageError(`cannot write --ack-log ${path}: ${(error as Error).message}`);
  }
  return createWriteStream(path, { flags: 'a' });
}

/**
 * Before thousands of respondents each retry five times: is a server there, and does it serve this wave? A
 * newcomer's usual slips are a server not started yet and one serving another database.
 */
async function checkServer(base: URL, wave: string): Promise<void> {
  let page: Response;
  try {
    await fetch(new URL('/healthz', base), { signal: AbortSignal.timeout(10_000) });
    page = await fetch(new URL(`/s/${encodeURIComponent(wave)}`, base), { signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    // fetch's cause: a system error, or an AggregateError of one per address tried (IPv4 and IPv6).
    const cause = (error as { cause?: { code?: string; message?: string; errors?: { code?: string }[] } }).cause;
    const reason = cause?.code ?? cause?.errors?.[0]?.code ?? cause?.message ?? (error as Error).message;
    throw new UsageError(`no server answers at ${base.origin} (${reason}): start one first (npm start, or vlab serve in another terminal) and give its address`);
  }
  await page.body?.cancel();
  if (page.status === 404) {
    throw new UsageError(`the server at ${base.origin} has no wave "${wave}": is it serving another database? (vlab wave list shows the waves of VLAB_DB or --db)`);
  }
}

const UNRESOLVED_STUDY = ['unknown_study', 'ambiguous_study'];

function summaryText(wave: string, seed: string, s: SimulationSummary): string {
  const lines = [`vlab simulate: wave ${wave}, seed ${seed}: ${s.respondents} respondent${s.respondents === 1 ? '' : 's'} in ${s.seconds.toFixed(1)} s`];
  // A run stopped before anyone started has no outcomes or latencies to show (a line of zeros said nothing).
  if (s.respondents > 0) {
    lines.push(
      `  completes ${s.completes}, screen-outs ${s.screenedOut}, over-quota ${s.overQuota}, abandoned ${s.abandoned}` +
        `${s.alreadyFinished ? `, already finished ${s.alreadyFinished}` : ''}, errors ${s.errors}`,
      `  requests ${s.requests} (${s.requestsPerSecond}/s, ${s.retries} retried), latency p50 ${s.latencyMs.p50} ms, p90 ${s.latencyMs.p90} ms, p99 ${s.latencyMs.p99} ms`,
    );
  }
  if (s.studyNote) lines.push(`  ${s.studyNote}`);
  if (s.languages) lines.push(`  languages (simulation.json): ${Object.entries(s.languages).map(([l, n]) => `${l} ${n}`).join(', ')}`);
  if (s.languagesNotUsed) lines.push(`  ${s.languagesNotUsed}`);
  if (s.errors) {
    lines.push(`  errors by kind: ${Object.entries(s.errorsByKind).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    for (const e of s.firstErrors) lines.push(`    e.g. ${e}`);
  } else for (const e of s.firstErrors) lines.push(`  ${e}`); // why a run stopped before anyone started
  if (s.stoppedBy) {
    const why =
      s.stoppedBy === 'unknown_language'
        ? 'the study is not in the --language asked for (unknown_language)'
        : UNRESOLVED_STUDY.includes(s.stoppedBy)
          ? `no local study to answer the survey (${s.stoppedBy})`
          : s.stoppedBy === 'unauthorized'
            ? 'the server refused the researcher token (unauthorized): check --token or VLAB_TOKEN (vlab token list)'
            : `the server refused a start (${s.stoppedBy})`;
    lines.push(`  stopped: ${why}; ${s.notStarted} of ${s.respondents + s.notStarted} respondents not started`);
  }
  if (s.errorsByKind.rate_limited) {
    lines.push(
      '  (the server allows VLAB_RATE_LIMIT_START starts per address in each VLAB_RATE_LIMIT_WINDOW, 300 per 600 s by ' +
        'default, to protect a live wave from floods of starts: give vlab simulate a researcher token (vlab token create ' +
        '--name simulate; then VLAB_TOKEN=vlab_… or --token): its starts are not counted, and the limit stays for ' +
        'respondents; or restart the server with a higher limit, e.g. VLAB_RATE_LIMIT_START=100000 npm start)',
    );
  }
  if (s.errorsByKind.wave_closed) lines.push('  (the wave stopped taking new participants: closed, paused, or its target of completes was reached)');
  return `${lines.flatMap(wrappedLine).join('\n')}\n`;
}

// The CLI's width: `vlab estimates`' table (TABLE_WIDTH), `--help` and the other verbs' notes keep to 100 columns.
const SUMMARY_WIDTH = 100;

/** A summary line in lines of the CLI's width, its continuation indented two more than it. */
function wrappedLine(line: string): string[] {
  const indent = line.length - line.trimStart().length;
  return wrapWords(line.trimStart(), SUMMARY_WIDTH - indent - 2).map((part, i) => `${' '.repeat(indent + (i ? 2 : 0))}${part}`);
}
