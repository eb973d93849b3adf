import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DefinitionError, parseStudyDefinition, type StudyDefinition } from '../domain/study-definition.ts';

/**
 * Reads and validates every `*.json` in the definitions folder. The first invalid file stops everything with a
 * message naming the file and the field; a study id that does not match its file name is refused too.
 */
export function loadDefinitionFiles(dir: string): StudyDefinition[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  return files.map((file) => {
    const path = join(dir, file);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new DefinitionError(`${path}: not valid JSON (${(error as Error).message})`);
    }
    const def = parseStudyDefinition(json, path);
    if (`${def.id}.json` !== file) throw new DefinitionError(`${path}: id: "${def.id}" does not match the file name`);
    return def;
  });
}
