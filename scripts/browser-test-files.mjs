// Which test files open a browser: those that import tests/e2e/chromium.ts, directly or through the helpers they
// import (browser-session.ts, every-element-study.ts, …). Read from the files' own relative imports, so a new
// browser test is found without a list to keep up to date.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

const LAUNCHER = normalize('tests/e2e/chromium.ts');
const RELATIVE_IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/g;

/** The files among `files` (paths relative to the project folder) that reach the Chromium launcher. */
export function browserTestFiles(files) {
  const known = new Map();
  const reaches = (file, seen) => {
    const path = normalize(file);
    if (path === LAUNCHER) return true;
    if (known.has(path)) return known.get(path);
    if (seen.has(path) || !existsSync(path)) return false;
    seen.add(path);
    const source = readFileSync(path, 'utf8');
    const found = [...source.matchAll(RELATIVE_IMPORT)].some((m) => reaches(join(dirname(path), m[1]), seen));
    known.set(path, found);
    return found;
  };
  return files.filter((f) => reaches(f, new Set()));
}
