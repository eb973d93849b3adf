#!/usr/bin/env node
// Bundles every public/src/*.entry.ts (and its CSS imports) into public/dist/ with content-hashed names, so the
// server can cache them forever, and writes pre-compressed .br/.gz siblings plus manifest.json
// ({ "respondent.js": "respondent-3F2A1B.js", ... }) for the pages to reference. The bundle is written to a
// fresh folder and renamed into place, so a server or test reading public/dist never sees it half-built.
// It is built only when its inputs changed: public/dist/inputs.json records every file esbuild read (our sources,
// the packages' files, this script) with its hash, and the list of entry files (build-inputs.mjs).
import { build, version } from 'esbuild';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { packageManifest, PUBLIC_RECORD, publicBundleChange, recordInputs } from './build-inputs.mjs';

const srcDir = 'public/src';
const finalDir = 'public/dist';
const outDir = `public/.dist-${process.pid}`;
const entriesFolder = { dir: srcDir, suffix: '.entry.ts' };

const changed = publicBundleChange('.');
if (!changed) {
  console.log(`build-public: up to date (${finalDir})`);
} else {
  await buildPublic();
}

async function buildPublic() {
  const entries = readdirSync(srcDir).filter((f) => f.endsWith('.entry.ts')).map((f) => join(srcDir, f));

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  const startedMs = Date.now();
  const result = await build({
    entryPoints: Object.fromEntries(entries.map((e) => [basename(e, '.entry.ts'), e])),
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2020'],
    outdir: outDir,
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    metafile: true,
    legalComments: 'linked',
    logLevel: 'warning',
  });

  const manifest = {};
  for (const [file, meta] of Object.entries(result.metafile.outputs)) {
    const name = basename(file);
    if (meta.entryPoint) manifest[`${basename(meta.entryPoint, '.entry.ts')}.js`] = name;
    if (name.endsWith('.css') && meta.inputs) {
      manifest[`${name.replace(/-[A-Z0-9]+\.css$/, '')}.css`] = name;
    }
    if (/\.(js|css|svg)$/.test(name)) {
      const body = readFileSync(file);
      writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
    }
  }
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const inputs = [...new Set(Object.keys(result.metafile.inputs).map(packageManifest))];
  const record = recordInputs('.', [...inputs, 'scripts/build-public.mjs'], [entriesFolder], `esbuild ${version}`, startedMs);
  writeFileSync(join(outDir, basename(PUBLIC_RECORD)), `${JSON.stringify(record, null, 1)}\n`);
  // Swap folders: the old bundle stays readable until the new one is complete.
  const oldDir = `public/.dist-old-${process.pid}`;
  rmSync(oldDir, { recursive: true, force: true });
  try {
    renameSync(finalDir, oldDir);
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  renameSync(outDir, finalDir);
  rmSync(oldDir, { recursive: true, force: true });
  console.log(`build-public: ${Object.keys(manifest).length} assets in ${finalDir} (${changed})`);
}
