// The TypeScript the tests load (tests/, server/, analysis/, support/, bench/, public/src/), compiled once per run into a folder of plain
// JavaScript that Node runs without a loader. Why: under `--import tsx` every module a test file loads goes through
// a loader hook on another thread; a server test loads about 320 of ours, which cost 1.9 CPU seconds per file with
// tsx's cache warm and 0.9 compiled (2026-12-07, measured on tests/server/test-app.ts): 15 to 38 % of a test file's
// CPU, by directory and file (docs/performance.md "CI time").
//
// The compiled files keep their sources' meaning: esbuild (tsx's own compiler) turns each file into one module of
// its own, every import left an import; `import.meta.url`, `.dirname` and `.filename` are the SOURCE file's, so a
// path found from a module's own place (fixtures, the project folder, a worker's entry, a spawned script) is the
// same as under tsx; stack traces point at the sources through inline source maps (`--enable-source-maps`).
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The folders whose .ts files are compiled: what the tests import, directly or through each other. */
export const COMPILED_ROOTS = ['analysis', 'bench', 'public/src', 'server', 'support', 'tests'];

function tsFiles(folder, out) {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules') tsFiles(path, out);
    } else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) {
      out.push(path);
    }
  }
  return out;
}

/** The compiled file of a source `.ts` file (both absolute or both relative to the project folder). */
export function compiledPath(projectDir, outDir, source) {
  const rel = relative(projectDir, resolve(projectDir, source));
  return join(outDir, rel.replace(/\.ts$/, '.js'));
}

// `import.meta.url`, `.dirname` and `.filename` are replaced (by esbuild's define, in the code only: a string that
// spells them, as a test writing a module does, stays) by constants each file declares at the start of its first
// line, holding its source's place; the line numbers stay the source's.
const META = { url: '__vlab_source_url', dirname: '__vlab_source_dirname', filename: '__vlab_source_filename' };
const DEFINE = Object.fromEntries(Object.entries(META).map(([key, name]) => [`import.meta.${key}`, name]));
// Files that keep their compiled place as `import.meta.url` (compiled without the define): start-worker.ts starts
// `./<module>.js` beside itself when it is not TypeScript (as in the built CLI), so a test's worker threads run the
// compiled worker modules too, without the loader the sources need (about 1.5 CPU seconds a thread).
const OWN_PLACE = new Set(['server/workers/start-worker.ts']);

/**
 * Compiles every .ts file of COMPILED_ROOTS under `projectDir` into `outDir` (same layout, `.js`). Each import of
 * another compiled file points at its compiled twin; any other relative import (a script's .mjs, a JSON file) at
 * the original file. Resolves to the number of files compiled.
 */
export async function compileTests(projectDir, outDir) {
  const sources = COMPILED_ROOTS.map((root) => join(projectDir, root)).filter(existsSync).flatMap((root) => tsFiles(root, []));
  const compiled = new Set(sources);
  const ownPlace = (path) => OWN_PLACE.has(relative(projectDir, path).split(sep).join('/'));
  const plugin = {
    name: 'one-module-per-file',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        if (!args.path.startsWith('.')) return { path: args.path, external: true };
        const target = resolve(dirname(args.importer), args.path);
        const from = dirname(compiledPath(projectDir, outDir, args.importer));
        const to = compiled.has(target) ? compiledPath(projectDir, outDir, target) : target;
        let spec = relative(from, to).split(sep).join('/');
        if (!spec.startsWith('.')) spec = `./${spec}`;
        return { path: spec, external: true };
      });
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        if (ownPlace(args.path) || !source.includes('import.meta')) return { contents: source, loader: 'ts' };
        const values = { url: pathToFileURL(args.path).href, dirname: dirname(args.path), filename: args.path };
        const constants = Object.entries(META).map(([key, name]) => `const ${name} = ${JSON.stringify(values[key])};`).join(' ');
        return { contents: `${constants} ${source}`, loader: 'ts' };
      });
    },
  };
  const options = { outdir: outDir, outbase: projectDir, bundle: true, format: 'esm', platform: 'node', target: 'node20', sourcemap: 'inline', logLevel: 'error', plugins: [plugin] };
  await build({ ...options, entryPoints: sources.filter((path) => !ownPlace(path)), define: DEFINE });
  await build({ ...options, entryPoints: sources.filter(ownPlace) });
  return sources.length;
}

// `node scripts/compile-tests.mjs OUT`: compile into OUT (for a look at what the tests run).
if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname) && extname(process.argv[1]) === '.mjs') {
  const projectDir = resolve(dirname(new URL(import.meta.url).pathname), '..');
  const n = await compileTests(projectDir, resolve(process.argv[2] ?? join(projectDir, '.test-build')));
  console.log(`compile-tests: ${n} files`);
}
