import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BrokenStudy } from '../domain/broken-study.ts';
import { firstPlace, pathOf } from '../domain/json-places.ts';
import { DefinitionError, parseStudyDefinition, type StudyDefinition } from '../domain/study-definition.ts';
import { issuePath } from '../domain/zod-issues.ts';
import { jsonPathOffset, jsonSyntaxPlace, lineAndColumn, repeatedKeyProblem, withoutByteOrderMark } from './json-location.ts';
import { notPlainFile } from './special-file.ts';

/**
 * A study lives in a folder named after its id: `study.json` holds the survey itself (consent, factors,
 * vignette, pages) and each other section has a file of its own, so the analysis plan, the population margins
 * and the simulation model can be read, reviewed and changed apart from the questionnaire.
 */
export const STUDY_FILE = 'study.json';
export const SECTION_FILES: Readonly<Record<string, string>> = {
  'analysis-plan.json': 'analysisPlan',
  'population-margins.json': 'populationMargins',
  'quotas.json': 'quotas',
  'simulation.json': 'simulation',
};

/** The valid studies of a definitions folder, and the broken ones with the message saying what to fix. */
export interface DefinitionFolder {
  studies: StudyDefinition[];
  broken: BrokenStudy[];
}

/**
 * Reads and validates every study folder in the definitions folder (a lone `<id>.json` holding every section
 * is accepted too). Each study stands alone: an invalid one is listed in `broken` with a message naming the
 * file and the field, and the others load. A study id that does not match its folder or file name is refused.
 */
export function loadDefinitionFolder(dir: string): DefinitionFolder {
  const studies: StudyDefinition[] = [];
  const broken: BrokenStudy[] = [];
  for (const entry of visibleEntries(dir)) {
    const path = join(dir, entry);
    const id = entry.endsWith('.json') ? entry.slice(0, -'.json'.length) : entry;
    let stats;
    try {
      stats = statSync(path, { throwIfNoEntry: false });
    } catch (error) {
      // Links that lead in a circle (ELOOP), a folder not to be searched (EACCES): ended `vlab serve` in a stack trace.
      broken.push({ id, message: `${path}: cannot be read (${unreadableWords(error)})` });
      continue;
    }
    if (!stats) {
      broken.push({ id, message: `${path}: a link to ${readlinkSync(path)}, which does not exist` });
      continue;
    }
    const isFolder = stats.isDirectory();
    // lstat, not exists: a study.json that is a link in a circle exists to the reader, who is told why it is not read.
    if (isFolder ? !lstatSync(join(path, STUDY_FILE), { throwIfNoEntry: false }) : !entry.endsWith('.json')) continue;
    try {
      studies.push(isFolder ? loadStudyFolder(path, entry) : loadStudyFile(path, entry));
    } catch (error) {
      if (!(error instanceof DefinitionError)) throw error;
      broken.push({ id, message: error.message });
    }
  }
  return { studies, broken };
}

/** Every study of the folder, all valid: the first broken one throws its DefinitionError (tests, tools). */
export function loadDefinitionFiles(dir: string): StudyDefinition[] {
  const { studies, broken } = loadDefinitionFolder(dir);
  if (broken[0]) throw new DefinitionError(broken[0].message);
  return studies;
}

function loadStudyFile(path: string, entry: string): StudyDefinition {
  const { value, text } = readJson(path);
  const def = parseStudyDefinition(value, (issuePath, at) => ({ file: located(path, text, at), path: issuePath }));
  if (`${def.id}.json` !== entry) {
    throw new DefinitionError(`${located(path, text, ['id'])}: id: "${def.id}" does not match the file name "${entry}": set "id": "${entry.slice(0, -'.json'.length)}" (or rename the file)`);
  }
  return def;
}

function loadStudyFolder(folder: string, name: string): StudyDefinition {
  const studyPath = join(folder, STUDY_FILE);
  const { value: merged, text: studyText } = readJson(studyPath);
  if (!merged || typeof merged !== 'object' || Array.isArray(merged)) {
    throw new DefinitionError(`${studyPath}: (root): expected an object`);
  }
  const record = merged as Record<string, unknown>;
  const fileOfKey = new Map<string, { path: string; text: string }>();
  for (const file of visibleEntries(folder)) {
    if (file === STUDY_FILE || !file.endsWith('.json')) continue;
    const key = SECTION_FILES[file];
    const path = join(folder, file);
    if (!key) {
      throw new DefinitionError(`${path}: not a known section file (expected ${Object.keys(SECTION_FILES).join(', ')})`);
    }
    if (key in record) throw new DefinitionError(`${path}: "${key}" is also given in ${STUDY_FILE}; keep one`);
    const section = readJson(path);
    record[key] = section.value;
    fileOfKey.set(key, { path, text: section.text });
  }
  const def = withMissingSectionFiles(folder, () =>
    parseStudyDefinition(record, (issuePath, at) => {
      const head = issuePath[0];
      const section = typeof head === 'string' ? fileOfKey.get(head) : undefined;
      return section
        ? { file: located(section.path, section.text, at.slice(1)), path: issuePath.slice(1) }
        : { file: located(studyPath, studyText, at), path: issuePath };
    }),
  );
  if (def.id !== name) {
    throw new DefinitionError(`${located(studyPath, studyText, ['id'])}: id: "${def.id}" does not match the folder name "${name}": set "id": "${name}" (or rename the folder)`);
  }
  return def;
}

/** What a required section's missing file is for, said where the file is missing. */
const MISSING_SECTION: Readonly<Record<string, string>> = {
  analysisPlan: "the study's pre-registered hypotheses go in this file beside study.json (docs/analysis-plans.md; docs/study-definitions.md has a small complete one)",
};

/**
 * A required section given neither in study.json nor in its file was said as "study.json:1:1: analysisPlan:
 * missing", a field of a file the docs never put it in (newcomer16): the missing file is named instead.
 */
function withMissingSectionFiles(folder: string, parse: () => StudyDefinition): StudyDefinition {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof DefinitionError)) throw error;
    const lines = error.message.split('\n').map((line) => {
      for (const [file, key] of Object.entries(SECTION_FILES)) {
        const why = MISSING_SECTION[key];
        if (why && new RegExp(`: ${key}: missing( \\(.*\\))?$`).test(line)) return `${join(folder, file)}: missing: ${why}`;
      }
      return line;
    });
    throw new DefinitionError(lines.join('\n'));
  }
}

/**
 * A folder's entries in order, without hidden ones: editors and file managers leave them beside the files (Emacs
 * locks a file it edits with a dangling symlink `.#study.json`; macOS writes `._study.json` on shared volumes).
 */
function visibleEntries(folder: string): string[] {
  return readdirSync(folder)
    .filter((entry) => !entry.startsWith('.'))
    .sort();
}

/** Why a file could not be read, in words (a folder where the file should be, permissions), else undefined. */
const UNREADABLE: Readonly<Record<string, string>> = {
  EISDIR: 'a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'no such file',
  ELOOP: 'a link that leads back to itself',
};

/** UNREADABLE's words for a file system error; any other error is thrown on. */
function unreadableWords(error: unknown): string {
  const words = UNREADABLE[(error as NodeJS.ErrnoException).code ?? ''];
  if (!words) throw error;
  return words;
}

/** The most a definition file may hold: the shipped ones are under 20 KB, a study in many languages a few hundred. */
const MAX_DEFINITION_BYTES = 4 * 1024 * 1024;

/**
 * A definition file's text, from a regular file of at most MAX_DEFINITION_BYTES. Opened without blocking and
 * checked through the open descriptor: a study.json that was a FIFO blocked the read for ever, a link to /dev/zero
 * grew the process to 2.7 GB without end, a 300 MB file took 20 s and 1.7 GB — `vlab serve` and `study list`
 * hung with every other study (attacker pass 11).
 */
function readDefinitionText(path: string): string {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    const kind = notPlainFile(stats);
    if (kind) throw new DefinitionError(`${path}: cannot be read (not a plain file but ${kind}): a definition must be a regular file`);
    if (stats.size > MAX_DEFINITION_BYTES) {
      throw new DefinitionError(`${path}: cannot be read (${(stats.size / 1024 / 1024).toFixed(1)} MB, over the ${MAX_DEFINITION_BYTES / 1024 / 1024} MB a definition file may hold)`);
    }
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/** `path:line:column` of the field at `issuePath` in the file's text (an editor's go-to-line form). */
function located(path: string, text: string, issuePath: readonly PropertyKey[]): string {
  const { line, column } = lineAndColumn(text, jsonPathOffset(text, issuePath));
  return `${path}:${line}:${column}`;
}

/**
 * A JSON file's value and text; a syntax error names the line and column, as an editor would show them, in the
 * same words on every Node (jsonSyntaxError). A byte-order mark (Notepad writes one) is dropped: RFC 8259 lets a
 * parser ignore it, and editors do not count it as a column.
 */
function readJson(path: string): { value: unknown; text: string } {
  let text: string;
  try {
    text = withoutByteOrderMark(readDefinitionText(path));
  } catch (error) {
    if (error instanceof DefinitionError) throw error;
    const words = unreadableWords(error);
    throw new DefinitionError(`${path}: cannot be read (${words})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const { line, column, reason } = jsonSyntaxPlace(text, error);
    throw new DefinitionError(`${path}:${line}:${column}: not valid JSON (${reason})`);
  }
  const repeated = repeatedKeyProblem(text);
  if (repeated) throw new DefinitionError(`${path}:${repeated.line}:${repeated.column}: ${repeated.problem}`);
  const holder = prototypeKeyHolder(value);
  if (holder) throw new DefinitionError(`${located(path, text, [...holder, '__proto__'])}: ${issuePath(holder)}: unknown field "__proto__"`);
  return { value, text };
}

/**
 * The path of the first object holding a `__proto__` key, or undefined. JSON.parse keeps such a key as a field,
 * and zod's record leaves it out without a word: a margin, a share, a translation or a plan's direction under that
 * name was dropped and the study loaded (attacker pass 17), while every other unknown name is refused.
 */
function prototypeKeyHolder(root: unknown): PropertyKey[] | undefined {
  const holder = firstPlace(root, ({ value }) => (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, '__proto__')) || undefined);
  return holder && pathOf(holder.place);
}
