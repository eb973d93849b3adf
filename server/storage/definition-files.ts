import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DefinitionError, parseStudyDefinition, type StudyDefinition } from '../domain/study-definition.ts';

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

/**
 * Reads and validates every study folder in the definitions folder (a lone `<id>.json` holding every section
 * is accepted too). The first invalid study stops everything with a message naming the file and the field; a
 * study id that does not match its folder or file name is refused too.
 */
export function loadDefinitionFiles(dir: string): StudyDefinition[] {
  const entries = readdirSync(dir).sort();
  const studies: StudyDefinition[] = [];
  for (const entry of entries) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (existsSync(join(path, STUDY_FILE))) studies.push(loadStudyFolder(path, entry));
    } else if (entry.endsWith('.json')) {
      const def = parseStudyDefinition(readJson(path), path);
      if (`${def.id}.json` !== entry) throw new DefinitionError(`${path}: id: "${def.id}" does not match the file name`);
      studies.push(def);
    }
  }
  return studies;
}

function loadStudyFolder(folder: string, name: string): StudyDefinition {
  const studyPath = join(folder, STUDY_FILE);
  const merged = readJson(studyPath);
  if (!merged || typeof merged !== 'object' || Array.isArray(merged)) {
    throw new DefinitionError(`${studyPath}: (root): expected an object`);
  }
  const record = merged as Record<string, unknown>;
  const fileOfKey = new Map<string, string>();
  for (const file of readdirSync(folder).sort()) {
    if (file === STUDY_FILE || !file.endsWith('.json')) continue;
    const key = SECTION_FILES[file];
    const path = join(folder, file);
    if (!key) {
      throw new DefinitionError(`${path}: not a known section file (expected ${Object.keys(SECTION_FILES).join(', ')})`);
    }
    if (key in record) throw new DefinitionError(`${path}: "${key}" is also given in ${STUDY_FILE}; keep one`);
    record[key] = readJson(path);
    fileOfKey.set(key, path);
  }
  const def = parseStudyDefinition(record, (issuePath) => {
    const head = issuePath[0];
    const file = typeof head === 'string' ? fileOfKey.get(head) : undefined;
    return file ? { file, path: issuePath.slice(1) } : { file: studyPath, path: issuePath };
  });
  if (def.id !== name) throw new DefinitionError(`${studyPath}: id: "${def.id}" does not match the folder name`);
  return def;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new DefinitionError(`${path}: not valid JSON (${(error as Error).message})`);
  }
}
