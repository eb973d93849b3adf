import { createHash } from 'node:crypto';
import type { Assignment } from '../domain/design.ts';
import { studyLocales, textIn } from '../domain/localized-text.ts';
import { createConditionReader } from '../domain/simulation/condition.ts';
import { readConjointTasks, conjointTaskAnswers } from '../domain/simulation/conjoint-reader.ts';
import { simulateConjointRespondent } from '../domain/simulation/conjoint-respondent.ts';
import { freeAnswers } from '../domain/simulation/free-answers.ts';
import { simulateRepeatedRespondent, simulateRespondent, type SimulatedRespondent } from '../domain/simulation/respondent.ts';
import { studyDesign } from '../domain/study-design.ts';
import { VIGNETTE_ELEMENT, type StudyDefinition } from '../domain/study-definition.ts';
import { TREATMENT_PAGE } from '../domain/survey-names.ts';
import { drawnLanguage, languagesNotUsed, pageStudy, servesLanguage, unservedLanguage, wavePage } from './page-language.ts';
import { ApiRefusal, createApiClient, NetworkFailure, newRequestLog, type ApiClient, type Outcome } from './api-client.ts';

/**
 * Synthetic respondents taking a wave through the respondent API, `concurrency` at a time. Each one starts with
 * panel parameters of its own, reads its condition from the vignette it was sent, answers from the study's
 * simulation model page by page (saving at every page change, as the page does) and completes, or leaves as the
 * model says (declined consent, attrition).
 */

export interface SimulationOptions {
  baseUrl: string;
  waveId: string;
  n: number;
  concurrency: number;
  seed: string;
  /** Studies the wave may belong to: the one whose title and vignette match what the server sends is used. */
  definitions: readonly StudyDefinition[];
  /**
   * The wave's study id when it is known (the local database's record): among definitions that all answer the
   * survey (a copied study that kept its title and texts), the wave's own is used.
   */
  waveStudy?: string;
  /**
   * The wave's study as the local database records it (the snapshot the wave fields, with its simulation model):
   * it answers a survey no local definition reads any more, its texts edited (under a new version) since the wave
   * opened. A local definition that reads the survey is used first, with its current simulation model.
   */
  waveDefinition?: StudyDefinition;
  /** Called after each respondent finishes (whatever the outcome). */
  onProgress?: (done: number) => void;
  /** Called with the participant code of each completion the server acknowledged (a 2xx with status complete). */
  onAcknowledged?: (code: string) => void;
  retryDelayMs?: number;
  /**
   * Send the starts one after another in index order (everything else stays concurrent). On a wave nobody else
   * is starting, respondent i then gets draw i, so the whole data set follows from the wave seed and `seed`.
   */
  inOrder?: boolean;
  /**
   * The language respondents ask for, as a link's `?lang=` does (the start's `locale`): the server gives it when the
   * study has it, else the wave's default. Absent: the wave's default.
   */
  language?: string;
  /**
   * A researcher token sent with each start (`Authorization: Bearer`): the server then does not count the starts
   * against its per-address limit for respondents (server/routes/rate-limit.ts). Only the start carries it.
   */
  token?: string;
}

export type RespondentResult =
  | { kind: 'complete' | 'screened_out' | 'overquota' | 'abandoned' | 'already_finished'; code: string; condition: Assignment | null }
  | { kind: 'error'; code: string | null; reason: string; error: string };

export interface SimulationSummary {
  respondents: number;
  completes: number;
  screenedOut: number;
  overQuota: number;
  abandoned: number;
  /** Started before (same seed and index on this wave) and already finished: nothing was sent again. */
  alreadyFinished: number;
  errors: number;
  /** Respondents never started because the run stopped (`stoppedBy`). */
  notStarted: number;
  /**
   * Why the run stopped early: a refused start every later start would meet too (`rate_limited`, `wave_closed`, a
   * researcher token the server refused: `unauthorized`),
   * or a survey no local study, or several, can answer (`unknown_study`, `ambiguous_study`), or a `language` the
   * study does not have (`unknown_language`).
   */
  stoppedBy?: string;
  /** Which study answered, when it was not a local definition: the wave's study as the database records it. */
  studyNote?: string;
  /** Respondents run per language they asked for, when simulation.json's `languages` mixed them. */
  languages?: Record<string, number>;
  /** Why simulation.json's `languages` of the study that answered were not used (page-language.ts). */
  languagesNotUsed?: string;
  /** Error kind (an API code such as `rate_limited`, or `network`) → count. */
  errorsByKind: Record<string, number>;
  firstErrors: string[];
  requests: number;
  retries: number;
  seconds: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
}

/** The panel identity of respondent `index` of a run: stable for a seed, so a rerun resumes instead of duplicating. */
export function panelParamsFor(seed: string, index: number): Record<string, string> {
  const run = createHash('sha256').update(seed).digest('hex').slice(0, 12);
  return { PROLIFIC_PID: `sim-${run}-${index}`, STUDY_ID: 'vlab-simulate', SESSION_ID: `${run}-${index}` };
}

export async function runSimulation(options: SimulationOptions): Promise<{ summary: SimulationSummary; results: RespondentResult[] }> {
  const log = newRequestLog();
  const api = createApiClient({ baseUrl: options.baseUrl, log, retryDelayMs: options.retryDelayMs, token: options.token });
  const resolveStudy = studyResolver(options.definitions, options.waveStudy, options.waveDefinition);
  let answered: StudyDefinition | undefined; // the study that answered the survey, for a note on its languages
  const studyOf: typeof resolveStudy = (survey) => {
    const found = resolveStudy(survey);
    answered = found.def;
    return found;
  };
  const started = performance.now();
  const page = await wavePage(options.baseUrl, options.waveId, options.language);
  const study = pageStudy(page, options.definitions, options.waveStudy);
  const unserved = page && options.language && unservedLanguage(page, options.language, study);
  if (unserved) return { summary: { ...summarize([], log, 0), firstErrors: [unserved], notStarted: options.n, stoppedBy: 'unknown_language' }, results: [] };
  // --language for everyone, else simulation.json's shares of languages (one run mixes them), else the wave's default.
  const shares = options.language ? undefined : study?.simulation?.languages;
  const languageOf = (index: number) => options.language ?? (shares && drawnLanguage(shares, options.seed, index));
  const results: RespondentResult[] = new Array(options.n);
  let nextIndex = 0;
  let done = 0;
  let gate: Promise<void> = Promise.resolve();
  // Taken synchronously with the index, so turns are queued in index order.
  const takeTurn = (): Turn => {
    const previous = gate;
    let release!: () => void;
    gate = new Promise((resolve) => (release = resolve));
    return { wait: previous, release };
  };
  let stoppedBy: string | undefined;
  const runNext = async () => {
    const index = nextIndex++;
    const result = await runRespondent(api, studyOf, { ...options, language: languageOf(index) }, index, options.inOrder ? takeTurn() : null);
    results[index] = result;
    // A start refused for a reason that holds for every later start, or a survey this run cannot answer: going
    // on would only fail n more times.
    if (result.kind === 'error' && (result.code === null ? STOPPING_REFUSALS : UNRESOLVED).includes(result.reason)) stoppedBy ??= result.reason;
    done++;
    options.onProgress?.(done);
  };
  const worker = async () => {
    while (nextIndex < options.n && !stoppedBy) await runNext();
  };
  // The first respondent runs alone: their survey says whether this run can answer the wave's study at all, before
  // more participants are started in a real wave (a survey no local study answers left one started per worker).
  if (options.n > 0) await runNext();
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, options.n)) }, worker));
  const seconds = (performance.now() - started) / 1000;
  const ran = results.slice(0, nextIndex); // indices are taken in order, so those run are the first nextIndex
  const languages = shares && ran.reduce<Record<string, number>>((count, _, i) => ((count[languageOf(i)!] = (count[languageOf(i)!] ?? 0) + 1), count), {});
  const notUsed = !options.language && !shares && answered?.simulation?.languages ? languagesNotUsed(answered, page, options.definitions) : undefined;
  const summary = {
    ...summarize(ran, log, seconds),
    notStarted: options.n - ran.length,
    ...(stoppedBy ? { stoppedBy } : {}),
    ...(languages ? { languages } : {}),
    ...(notUsed ? { languagesNotUsed: notUsed } : {}),
    ...(answered && answered === options.waveDefinition ? { studyNote: recordedStudyNote(answered, options.definitions) } : {}),
  };
  return { summary, results: ran };
}

/** Start refusals that hold for the rest of the run: the address's start limit, a wave paused, closed or full. */
const STOPPING_REFUSALS: readonly string[] = ['rate_limited', 'wave_closed', 'unauthorized'];
/** A survey no local study (or more than one) matches: the next respondents would be sent the same survey. */
const UNRESOLVED: readonly string[] = ['unknown_study', 'ambiguous_study', 'unknown_language'];

/**
 * A `language` the study does not have gets the wave's default from the server: the run would test another
 * language than the one asked for, so it stops instead (`es-MX` is served as `es`, which is what was asked). The
 * wave's page is asked first (unservedLanguage), so this is met only when that page could not be read.
 */
function checkLanguage(def: StudyDefinition, survey: unknown, language: string | undefined): void {
  const served = String((survey as { locale?: unknown }).locale ?? '');
  if (!language || servesLanguage(language, served)) return;
  throw new StudyNotResolved('unknown_language', `--language ${language}: study "${def.id}" is in ${studyLocales(def).join(', ')}, and the server sent the survey in ${served}`);
}

async function runRespondent(
  api: ApiClient,
  studyOf: (survey: unknown) => { def: StudyDefinition; read: (survey: unknown) => Assignment },
  options: SimulationOptions,
  index: number,
  turn: Turn | null,
): Promise<RespondentResult> {
  let code: string | null = null;
  try {
    let start;
    try {
      await turn?.wait;
      start = await api.start(options.waveId, panelParamsFor(options.seed, index), options.language);
    } finally {
      turn?.release();
    }
    code = start.participant.code;
    if (start.outcome) return { kind: 'already_finished', code, condition: null };
    const { def, read } = studyOf(start.survey);
    checkLanguage(def, start.survey, options.language);
    const { respondent, condition } = respondentFor(def, read, start.survey, { seed: options.seed, index });
    const { pages, treatmentPage } = surveyPages(start.survey);
    const data: Record<string, unknown> = {};
    const finished = (outcome: Outcome): RespondentResult => {
      if (outcome.status === 'complete') options.onAcknowledged?.(code!);
      return { kind: outcome.status, code: code!, condition };
    };

    for (let page = 0; page < pages.length; page++) {
      for (const name of pages[page]!) if (name in respondent.answers) data[name] = respondent.answers[name];
      // Declining consent ends the survey at once (the page's complete trigger on consent = false).
      if (page === 0 && data.consent === false) return finished(await api.complete(code, data));
      if (page === pages.length - 1) break;
      // The page runs the quota step with the pre-treatment answers before it shows the vignette.
      if (page + 1 === treatmentPage) {
        const quota = await api.quotaCheck(code, data);
        if (quota.outcome) return finished(quota.outcome);
      }
      const saved = await api.save(code, data, page + 1);
      if (saved.outcome) return finished(saved.outcome);
      if (respondent.fate === 'abandoned' && respondent.leaveOnPage === page + 1) return { kind: 'abandoned', code, condition };
    }
    return finished(await api.complete(code, data));
  } catch (error) {
    // An API refusal counts by its code (e.g. rate_limited); a server out of reach as `network`; a survey no local
    // study (or several) matches by its reason; anything else (a survey this run cannot read) as `simulation`.
    const reason = error instanceof ApiRefusal ? error.code : error instanceof NetworkFailure ? 'network' : error instanceof StudyNotResolved ? error.reason : 'simulation';
    return { kind: 'error', code, reason, error: (error as Error).message };
  }
}

/** The simulated respondent for what the server sent: its vignette(s), or a conjoint's tables, read as shown. */
function respondentFor(
  def: StudyDefinition,
  read: (survey: unknown) => Assignment,
  survey: unknown,
  who: { seed: string; index: number },
): { respondent: SimulatedRespondent; condition: Assignment | null } {
  const locale = (survey as { locale?: unknown }).locale;
  // The optional number, text and comment boxes no model answers: some filled, as real respondents fill them.
  const withFree = (respondent: SimulatedRespondent, vignettes: number): SimulatedRespondent => {
    const free = freeAnswers(def, { ...who, locale: typeof locale === 'string' ? locale : 'en', vignettes });
    return { ...respondent, answers: { ...free, ...respondent.answers } };
  };
  if (studyDesign(def).kind === 'conjoint') {
    const simulated = simulateConjointRespondent(def, readConjointTasks(def, survey), who);
    return { respondent: withFree({ ...simulated, answers: { ...simulated.answers, ...conjointTaskAnswers(def, simulated.tasks) } }, 1), condition: null };
  }
  // A repeated design sends m vignette pages: each is read on its own, in reading order.
  const conditions = vignettePages(survey).map((page) => read({ pages: [page], locale }));
  const condition = conditions[0]!;
  const respondent = conditions.length > 1 ? simulateRepeatedRespondent(def, conditions, who) : simulateRespondent(def, condition, who);
  return { respondent: withFree(respondent, conditions.length), condition };
}

interface Turn {
  wait: Promise<void>;
  release: () => void;
}

/** The pages of the SurveyJS JSON the server sent that show a vignette (m of them in a repeated design). */
function vignettePages(survey: unknown): unknown[] {
  const pages = (survey as { pages?: { elements?: { name?: string }[] }[] }).pages ?? [];
  return pages.filter((p) => (p.elements ?? []).some((e) => e.name === VIGNETTE_ELEMENT));
}

/** The question names on each page of the SurveyJS JSON the server sent, and the index of the (first) vignette's page. */
function surveyPages(survey: unknown): { pages: string[][]; treatmentPage: number } {
  const pages = (survey as { pages?: { name?: string; elements?: { name?: string; type?: string }[] }[] }).pages ?? [];
  return {
    pages: pages.map((p) => (p.elements ?? []).filter((e) => e.type !== 'html' && e.name).map((e) => e.name!)),
    // The (first) vignette's page, or a conjoint's first task: both are named TREATMENT_PAGE.
    treatmentPage: pages.findIndex((p) => p.name === TREATMENT_PAGE),
  };
}

/** The survey sent is no local study's, or several's: every respondent of the run would fail the same way. */
class StudyNotResolved extends Error {
  constructor(readonly reason: 'unknown_study' | 'ambiguous_study' | 'unknown_language', message: string) {
    super(message);
  }
}

/**
 * Which study a survey belongs to, recognised like a respondent's reading would be: the definitions with the
 * survey's title whose template reads its vignette, narrowed to the wave's study when that is one of them. Anything
 * but exactly one with a simulation model is an error worth stopping for.
 */
function studyResolver(definitions: readonly StudyDefinition[], waveStudy: string | undefined, recorded: StudyDefinition | undefined) {
  const cache = new Map<string, { def: StudyDefinition; read: (survey: unknown) => Assignment }>();
  return (survey: unknown) => {
    const title = String((survey as { title?: unknown }).title ?? '');
    const known = cache.get(title);
    if (known) return known;
    const candidates = definitions
      // The survey's title is in the participant's language; a study in several gives one per locale.
      .filter((def) => studyLocales(def).some((locale) => textIn(def.title, locale) === title))
      .map((def) => ({ def, read: readerOf(def) }))
      .filter(({ read }) => reads(read, survey));
    // No local definition reads it (its texts edited since the wave opened): the wave's study as recorded does.
    if (candidates.length === 0 && recorded && studyLocales(recorded).some((locale) => textIn(recorded.title, locale) === title)) {
      const read = readerOf(recorded);
      if (reads(read, survey)) candidates.push({ def: recorded, read });
    }
    const own = candidates.filter(({ def }) => def.id === waveStudy);
    const readable = own.length > 0 ? own : candidates;
    const matches = readable.filter(({ def }) => def.simulation);
    if (matches.length === 0) throw new StudyNotResolved('unknown_study', unknownStudyMessage(title, readable.map(({ def }) => def.id)));
    if (matches.length > 1) {
      // Usually a study copied from another that kept its title and texts: the wave's study says which.
      const ids = matches.map(({ def }) => def.id).join(', ');
      throw new StudyNotResolved('ambiguous_study', `more than one local study with a simulation model matches the survey "${title}" (${ids}): give the wave's study with --study, or the database the server serves with --db`);
    }
    cache.set(title, matches[0]!);
    return matches[0]!;
  };
}

function reads(read: (survey: unknown) => Assignment, survey: unknown): boolean {
  try {
    read(survey);
    return true;
  } catch {
    return false;
  }
}

/** A study of one's own written before its simulation model (docs/simulation.md) is named, with what to add. */
function unknownStudyMessage(title: string, withoutModel: string[]): string {
  if (withoutModel.length === 0) {
    return (
      `no local study with a simulation model matches the survey "${title}": if its study was edited since the wave opened, ` +
      'give the database the server serves (--db, or VLAB_DB), whose record of the wave\'s study answers it'
    );
  }
  const ids = withoutModel.map((id) => `"${id}"`).join(', ');
  const studies = withoutModel.length > 1 ? `studies ${ids} have` : `study ${ids} has`;
  return `${studies} no simulation model to answer the survey "${title}": add a simulation.json beside its study.json (docs/simulation.md)`;
}

/** "answered as the database records the wave's study (my-study v1): the definitions folder's v2 does not read its survey". */
function recordedStudyNote(recorded: StudyDefinition, definitions: readonly StudyDefinition[]): string {
  const local = definitions.find((def) => def.id === recorded.id);
  const folder = local ? `the definitions folder's v${local.version} does not read its survey` : 'the definitions folder does not hold it';
  return `answered as the database records the wave's study (${recorded.id} v${recorded.version}): ${folder}`;
}

/** How a survey is recognised as this study's: its vignette read as a condition, or its conjoint tables read back. */
function readerOf(def: StudyDefinition): (survey: unknown) => Assignment {
  if (studyDesign(def).kind !== 'conjoint') return createConditionReader(def);
  return (survey) => {
    readConjointTasks(def, survey);
    return {};
  };
}

function summarize(
  results: RespondentResult[],
  log: { latencies: number[]; requests: number; retries: number },
  seconds: number,
): Omit<SimulationSummary, 'notStarted' | 'stoppedBy'> {
  const count = (kind: RespondentResult['kind']) => results.filter((r) => r.kind === kind).length;
  const errorsByKind: Record<string, number> = {};
  const firstErrors: string[] = [];
  for (const r of results) {
    if (r.kind !== 'error') continue;
    errorsByKind[r.reason] = (errorsByKind[r.reason] ?? 0) + 1;
    if (firstErrors.length < 3) firstErrors.push(r.error);
  }
  const sorted = Float64Array.from(log.latencies).sort();
  const pct = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : 0);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    respondents: results.length,
    completes: count('complete'),
    screenedOut: count('screened_out'),
    overQuota: count('overquota'),
    abandoned: count('abandoned'),
    alreadyFinished: count('already_finished'),
    errors: count('error'),
    errorsByKind,
    firstErrors,
    requests: log.requests,
    retries: log.retries,
    seconds: Math.round(seconds * 1000) / 1000,
    requestsPerSecond: round(seconds > 0 ? log.requests / seconds : 0),
    latencyMs: { p50: round(pct(0.5)), p90: round(pct(0.9)), p99: round(pct(0.99)), max: round(sorted.at(-1) ?? 0) },
  };
}
