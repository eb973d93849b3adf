import { standardOutput } from '../standard-output.ts';
import type { Command } from 'commander';
import type { Config } from '../../config.ts';
import type { WaveAction, WaveStatusReport } from '../../domain/wave-lifecycle.ts';
import { cellTargetsWords, weightedFillWords } from '../../domain/cell-fill.ts';
import { MAX_WAVE_TARGET } from '../../domain/wave-target.ts';
import type { WaveService } from '../../services/wave-service.ts';
import type { Store } from '../../storage/store.ts';
import { textTable } from '../../../analysis/text-table.ts';
import { terminalText } from '../../../analysis/terminal-text.ts';
import { cliAction } from '../cli-action.ts';
import { DB_OPTION_HELP } from '../db-option.ts';
import { integerOption } from './integer-option.ts';

// Checked in the action, before the database opens, in the words every verb uses (integer-option.ts).
const targetOption = (value: string) => integerOption(value, '--target', 1, MAX_WAVE_TARGET);

interface CreateOptions {
  study: string;
  target: string;
  seed?: string;
  completeUrl?: string;
  screenoutUrl?: string;
  overquotaUrl?: string;
  locale?: string;
  db?: string;
  json?: boolean;
}

/** `vlab wave create|update|list|status|open|pause|close`: a study's waves, their settings and their lifecycle. */
export function registerWaveCommands(program: Command): void {
  const wave = program.command('wave').description('waves: one fielding of a study with its own seed and link');
  wave
    .command('create')
    .description('open a wave of a study; prints its id and respondent link')
    .requiredOption('--study <id>', 'study id, e.g. alliance-corrective-measures')
    .requiredOption('--target <n>', 'number of completes wanted')
    .option('--seed <seed>', 'randomization seed (default: 128 random bits); the same seed gives the same sequence')
    .option('--complete-url <url>', 'redirect after completion; {PROLIFIC_PID}, {RID}, {participant}... are filled in')
    .option('--screenout-url <url>', 'redirect after a screen-out (e.g. consent declined)')
    .option('--overquota-url <url>', 'redirect when the respondent’s quota cell is full')
    .option('--locale <code>', 'language of respondents whose link has no ?lang= (default: the study’s first locale)')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--json', 'print JSON')
    .action(
      cliAction('wave create', async (options: CreateOptions) => {
        const target = targetOption(options.target);
        const { openStorageForCli } = await import('./cli-storage.ts');
        const { config, store, studies } = await openStorageForCli({ dbPath: options.db });
        try {
          const { wave: created, study } = await studies.createWave({
            studyKey: options.study,
            target,
            seed: options.seed,
            completeUrl: options.completeUrl,
            screenoutUrl: options.screenoutUrl,
            overquotaUrl: options.overquotaUrl,
            locale: options.locale,
          });
          // Loaded when run: it reads config.ts's defaults, and with them zod, which `vlab --help` must not load.
          const { waveLinks } = await import('./wave-links.ts');
          const links = await waveLinks(config, store, 'link');
          const link = links.link(`/s/${created.id}`);
          const summary = {
            id: created.id,
            url: `/s/${created.id}`,
            link,
            study: study.key,
            studyVersion: study.version,
            contentHash: study.contentHash,
            status: created.status,
            target: created.target,
            seed: created.seed,
            completeUrl: created.completeUrl,
            screenoutUrl: created.screenoutUrl,
            overquotaUrl: created.overquotaUrl,
            locale: created.locale,
          };
          standardOutput().write(
            options.json
              ? `${JSON.stringify(summary)}\n`
              : `wave ${created.id} of ${study.key} v${study.version}: open, target ${created.target}, link ${link}\n`,
          );
          if (links.guessNote) process.stderr.write(`vlab wave create: ${links.guessNote}\n`);
          const missing = missingCompletionUrl(created);
          if (missing) process.stderr.write(`vlab wave create: warning: ${missing}\n`);
          const { answersBodyWarning } = await import('../../domain/answers-body-size.ts');
          const tooLarge = answersBodyWarning(study.key, study.definition, config.bodyLimitBytes);
          if (tooLarge) process.stderr.write(`vlab wave create: warning: ${tooLarge}\n`);
          // Known to the database from another definitions folder (vlab study list sets it apart): said, or a
          // researcher with a folder of their own fields a shipped study thinking it theirs (walk-through 16).
          if ((await studies.listStudies()).some((s) => s.id === study.key && s.notInDefinitions)) {
            process.stderr.write(`vlab wave create: warning: study "${study.key}" is not in ${terminalText(config.definitionsDir)} (VLAB_DEFINITIONS): the wave fields v${study.version} as the database stored it from another folder\n`);
          }
          // This folder is behind another's current version (folder-behind.ts): the wave fields that one, so say so.
          const behind = studies.folderNotices().find((n) => n.id === study.key);
          if (behind) process.stderr.write(`vlab wave create: study "${study.key}": ${terminalText(behind.message)}\n`);
        } catch (error) {
          throw inOptionNames(error);
        } finally {
          await store.close();
        }
      }),
    );
  registerWaveUpdateCommand(wave);
  registerWaveLifecycleCommands(wave);
}

interface UpdateOptions {
  target?: string;
  /** A URL, or false for --no-complete-url (clear it). */
  completeUrl?: string | false;
  screenoutUrl?: string | false;
  overquotaUrl?: string | false;
  locale?: string;
  db?: string;
  json?: boolean;
}

/** `--no-x-url` clears a redirect (null); an option not given stays undefined (unchanged). */
const urlSetting = (value: string | false | undefined) => (value === false ? null : value);

function registerWaveUpdateCommand(wave: Command): void {
  wave
    .command('update <id>')
    .description("change a running wave's redirects, target or default locale (checked as at create; each change is logged in wave status)")
    .option('--target <n>', 'number of completes wanted; at or below the completes so far, the wave closes')
    .option('--complete-url <url>', 'redirect after completion; {PROLIFIC_PID}, {RID}, {participant}... are filled in')
    .option('--no-complete-url', 'remove the completion redirect')
    .option('--screenout-url <url>', 'redirect after a screen-out')
    .option('--no-screenout-url', 'remove the screen-out redirect')
    .option('--overquota-url <url>', 'redirect when the respondent’s quota cell is full')
    .option('--no-overquota-url', 'remove the over-quota redirect')
    .option('--locale <code>', 'language of respondents whose link has no ?lang= (one of the study’s locales)')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--json', 'print JSON (the status, as wave status --json)')
    .action(
      cliAction('wave update', async (id: string, options: UpdateOptions) => {
        const settings = {
          target: options.target === undefined ? undefined : targetOption(options.target),
          completeUrl: urlSetting(options.completeUrl),
          screenoutUrl: urlSetting(options.screenoutUrl),
          overquotaUrl: urlSetting(options.overquotaUrl),
          locale: options.locale,
        };
        const report = await withWaves(options.db, (waves) => waves.update(id, settings, 'cli'));
        if (options.json) {
          standardOutput().write(`${JSON.stringify(report, null, 2)}\n`);
          return;
        }
        standardOutput().write(statusLines(report));
        const missing = missingCompletionUrl(report);
        if (missing) process.stderr.write(`vlab wave update: warning: ${missing}\n`);
      }),
    );
}

/**
 * An absolute link: from VLAB_PUBLIC_URL when set, else from the address the last `vlab serve` on this database
 * listened on, else http://localhost and PORT.
 */
/**
 * Why a panel-style wave (one that sends respondents back to a panel after a screen-out or when over quota) is
 * incomplete without a completion URL, or null: the panel could not credit those who finish.
 */
function missingCompletionUrl(wave: { completeUrl: string | null; screenoutUrl: string | null; overquotaUrl: string | null }): string | null {
  if (wave.completeUrl || (!wave.screenoutUrl && !wave.overquotaUrl)) return null;
  return (
    'the wave sends respondents back to a panel after a screen-out or when over quota, but has no --complete-url, so those who ' +
    'finish are not sent back and the panel cannot credit them (README: "Panel links" has the URLs for Prolific, MTurk and Lucid)'
  );
}

/** Runs fn with a wave service on the CLI's database, closing it after. */
async function withWaves<T>(dbPath: string | undefined, fn: (waves: WaveService, config: Config, store: Store) => Promise<T>): Promise<T> {
  const [{ openStorageForCli }, { createWaveService }] = await Promise.all([import('./cli-storage.ts'), import('../../services/wave-service.ts')]);
  const { config, store, studies } = await openStorageForCli({ dbPath });
  try {
    return await fn(createWaveService({ store, studies, quotaLeaseSeconds: config.quotaLeaseSeconds }), config, store);
  } catch (error) {
    throw inOptionNames(error);
  } finally {
    await store.close();
  }
}

/** The service names a wave's settings as the API does (completeUrl); here they are options (--complete-url). */
const OPTION_OF: Readonly<Record<string, string>> = {
  target: '--target', completeUrl: '--complete-url', screenoutUrl: '--screenout-url', overquotaUrl: '--overquota-url', locale: '--locale', seed: '--seed',
};

function inOptionNames(error: unknown): unknown {
  if (!(error instanceof Error) || (error as { code?: unknown }).code !== 'invalid_input') return error;
  if (error.message.startsWith('nothing to change:')) {
    error.message = `nothing to change: give one of ${['target', 'completeUrl', 'screenoutUrl', 'overquotaUrl', 'locale'].map((k) => OPTION_OF[k]).join(', ')} (--no-complete-url and the like remove a redirect)`;
  } else {
    error.message = error.message.replace(/^(\w+):/, (whole, field: string) => (OPTION_OF[field] ? `${OPTION_OF[field]}:` : whole));
  }
  return error;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const duration = (seconds: number) => (seconds % 3600 === 0 ? `${seconds / 3600} h` : seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`);

const settingText = (value: string | number | null) => (value === null ? '(none)' : String(value));

/** "pace: 12 completes in the last hour, 140 in the last 24 h; latest 2026-12-05 09:13:02 UTC". */
function paceLine(pace: WaveStatusReport['pace']): string {
  if (pace.lastCompleteAt === null) return 'pace: no completes yet';
  const latest = `${pace.lastCompleteAt.slice(0, 10)} ${pace.lastCompleteAt.slice(11, 19)} UTC`;
  return `pace: ${pace.lastHour} complete${pace.lastHour === 1 ? '' : 's'} in the last hour, ${pace.lastDay} in the last 24 h; latest ${latest}`;
}

/**
 * "(29%)", or past the target "(110%, 6 past the target)": respondents already in when the wave closed may finish,
 * and a target may be lowered below the completes. The report's `progress` is capped at 1 for the dashboard's bar.
 */
function shareOfTarget(s: WaveStatusReport): string {
  const past = s.completes - s.target;
  return past > 0 ? `(${pct(s.completes / s.target)}, ${past} past the target)` : `(${pct(s.progress)})`;
}

/**
 * A running wave of an older version than the definitions folder now holds (a wording edited mid-wave goes into a new
 * version): it goes on showing its own, which "v1" alone left a researcher who had just raised the version to guess.
 */
function newerVersionLine(s: WaveStatusReport, folderVersion: number | null): string[] {
  if (s.status === 'closed' || folderVersion === null || folderVersion <= s.studyVersion) return [];
  return [
    `  the definitions folder holds v${folderVersion} of ${s.study} now: this wave goes on showing v${s.studyVersion}'s texts; ` +
      `vlab wave create --study ${s.study} fields v${folderVersion}`,
  ];
}

function statusLines(s: WaveStatusReport, folderVersion: number | null = null): string {
  const lines = [
    `wave ${s.id} of ${s.study} v${s.studyVersion}: ${s.status}, ${s.completes}/${s.target} completes ${shareOfTarget(s)}`,
    ...newerVersionLine(s, folderVersion),
    `  screen-outs ${s.screenouts}, over quota ${s.overquota}, partials ${s.partials}: ${s.starts.live} active within ${duration(s.starts.leaseSeconds)}, ${s.starts.expired} idle longer${s.quotas.length ? ' (their quota slots are free)' : ''}`,
    `  funnel: started ${s.funnel.started} → consented ${s.funnel.consented} → ${s.treatmentStep} ${s.funnel.reachedVignette} → completed ${s.funnel.completed}`,
    `  ${paceLine(s.pace)}`,
  ];
  const done = s.cells.map((c) => c.completes);
  // A conjoint has no cells (its profiles are drawn per task).
  const weighted = weightedFillWords(s.cells);
  if (done.length) lines.push(`  completes per cell (${s.cells.length} cells): min ${Math.min(...done)}, max ${Math.max(...done)}${weighted ? `; ${cellTargetsWords(s.cells)}: ${weighted}` : ''}`);
  for (const q of s.quotas) {
    const over = q.overCapReason ? `; over cap by ${q.overCap}: ${q.overCapReason}` : '';
    lines.push(`  quota ${q.variable}=${q.level}: ${q.filled}/${q.cap} (${q.completes} complete, ${q.leased} leased)${over}`);
  }
  if (s.changes.length > 0) lines.push(`  settings changed (${s.changes.length}):`);
  for (const c of s.changes) lines.push(`    ${c.at} ${c.field}: ${settingText(c.oldValue)} → ${settingText(c.newValue)} (by ${c.by})`);
  if (s.definitionProblems.length > 0) {
    lines.push(
      `  definition problems (${s.definitionProblems.length}): this wave runs the definition it was opened with, which today's checks refuse; ` +
        `the page may store answers the server refuses (422). Close it (vlab wave close ${s.id}) and open a new wave once the study loads`,
    );
  }
  for (const problem of s.definitionProblems) lines.push(`    ${problem}`);
  if (s.redirectProblems.length > 0) {
    lines.push(`  redirect problems (${s.redirectProblems.length}): respondents are sent to these links as stored, which today's checks refuse; mend each with vlab wave update ${s.id}`);
  }
  for (const { setting, problem } of s.redirectProblems) lines.push(`    ${OPTION_OF[setting]}: ${problem}`);
  return `${lines.join('\n')}\n`;
}

/** One line a wave whose stored redirect templates today's checks refuse (a wave made before attacker pass 28). */
function redirectProblemNotes(list: readonly WaveStatusReport[]): string {
  return list
    .filter((w) => w.redirectProblems.length > 0)
    .map((w) => `vlab wave list: wave ${w.id}: ${w.redirectProblems.map((p) => OPTION_OF[p.setting]).join(', ')} fails today's checks (respondents are sent to it as stored); see vlab wave status ${w.id}\n`)
    .join('');
}

function registerWaveLifecycleCommands(wave: Command): void {
  wave
    .command('list')
    .description('list waves with status and progress')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--json', 'print JSON')
    .action(
      cliAction('wave list', async (options: { db?: string; json?: boolean }) => {
        const { list, guessNote } = await withWaves(options.db, async (waves, config, store) => {
          const { waveLinks } = await import('./wave-links.ts');
          const links = await waveLinks(config, store, 'links');
          return { list: (await waves.list()).map((w) => ({ ...w, link: links.link(w.url) })), guessNote: links.guessNote };
        });
        if (guessNote && list.length > 0) process.stderr.write(`vlab wave list: ${guessNote}\n`);
        process.stderr.write(redirectProblemNotes(list));
        if (options.json) {
          standardOutput().write(`${JSON.stringify(list, null, 2)}\n`);
          return;
        }
        if (list.length === 0) {
          standardOutput().write(`no waves yet — create one with: vlab wave create --study ID --target N   (vlab study list shows the studies)\n`);
          return;
        }
        const records = list.map((w) => ({ wave: w.id, study: w.study, status: w.status, completes: `${w.completes}/${w.target}`, link: w.link }));
        standardOutput().write(textTable(records, ['wave', 'study', 'status', 'completes', 'link']));
      }),
    );
  wave
    .command('status <id>')
    .description('completes, screen-outs, over quota, partials, funnel, completes per cell and quotas of a wave')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--json', 'print JSON (as GET /api/researcher/waves/:id)')
    .action(
      cliAction('wave status', async (id: string, options: { db?: string; json?: boolean }) => {
        const [report, folderVersion] = await withWaves(options.db, async (waves, _config, store) => {
          const status = await waves.status(id);
          // The study's current snapshot: the folder's content, as the CLI synced it on opening the database.
          return [status, (await store.repos.studies.latest(status.study))?.version ?? null] as const;
        });
        standardOutput().write(options.json ? `${JSON.stringify(report, null, 2)}\n` : statusLines(report, folderVersion));
      }),
    );
  const actions: [WaveAction, string][] = [
    ['open', 'reopen a paused wave: new participants may start'],
    ['pause', 'stop new starts for now; participants already in may finish'],
    ['close', 'stop new starts for good; participants already in may finish'],
  ];
  for (const [action, description] of actions) {
    wave
      .command(`${action} <id>`)
      .description(description)
      .option('--db <path>', DB_OPTION_HELP)
      .option('--json', 'print JSON')
      .action(
        cliAction(`wave ${action}`, async (id: string, options: { db?: string; json?: boolean }) => {
          const report = await withWaves(options.db, (waves) => waves.transition(id, action));
          standardOutput().write(options.json ? `${JSON.stringify(report)}\n` : `wave ${report.id}: ${report.status}\n`);
        }),
      );
  }
}
