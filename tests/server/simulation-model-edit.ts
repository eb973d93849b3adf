import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DefinitionError } from '../../server/domain/study-definition.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';

const SOURCE = 'survey-definitions/alliance-corrective-measures';

/**
 * Loads a shipped study's folder (the alliance study by default) with its simulation.json changed by `edit` (and its
 * study.json by `editStudy`); returns the error message or null.
 */
export function loadWithSimulation(
  edit: (model: Record<string, any>) => void,
  source = SOURCE,
  editStudy: (study: Record<string, any>) => void = () => undefined,
): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'vlab-sim-'));
  try {
    const study = join(dir, basename(source));
    cpSync(source, study, { recursive: true });
    const model = JSON.parse(readFileSync(join(study, 'simulation.json'), 'utf8'));
    edit(model);
    writeFileSync(join(study, 'simulation.json'), JSON.stringify(model));
    const definition = JSON.parse(readFileSync(join(study, 'study.json'), 'utf8'));
    editStudy(definition);
    writeFileSync(join(study, 'study.json'), JSON.stringify(definition));
    loadDefinitionFiles(dir);
    return null;
  } catch (error) {
    assert.ok(error instanceof DefinitionError);
    return error.message;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
