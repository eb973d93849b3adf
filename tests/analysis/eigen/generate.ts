// Rewrites tests/analysis/fixtures/eigen_colpiv.expected.txt: Eigen's own ColPivHouseholderQR on eigenTestMatrices().
// Needs g++ and R's RcppEigen headers (Eigen 3.3.9, the version estimatr 1.0.0 is built with):
//   node --import tsx tests/analysis/eigen/generate.ts [path/to/RcppEigen/include]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eigenTestMatrices } from './matrices.ts';

const include = process.argv[2] ?? execFileSync('Rscript', ['-e', 'cat(system.file("include", package = "RcppEigen"))'], { encoding: 'utf8' });
const here = fileURLToPath(new URL('.', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'eigen-colpiv-'));
try {
  const binary = join(scratch, 'trace');
  execFileSync('g++', ['-std=gnu++14', '-O2', '-w', `-I${include}`, join(here, 'colpiv-trace.cpp'), '-o', binary]);
  const matrices = eigenTestMatrices();
  const parts: ArrayBufferView[] = [BigInt64Array.of(BigInt(matrices.length))];
  for (const { n, p, x } of matrices) parts.push(BigInt64Array.of(BigInt(n), BigInt(p)), x);
  const input = join(scratch, 'matrices.bin');
  writeFileSync(input, Buffer.concat(parts.map((part) => Buffer.from(part.buffer, part.byteOffset, part.byteLength))));
  const lines = execFileSync(binary, [input], { encoding: 'utf8' });
  writeFileSync(join(here, '..', 'fixtures', 'eigen_colpiv.expected.txt'), lines);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
