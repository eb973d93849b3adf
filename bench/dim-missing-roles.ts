// differenceInMeans on 1,000,000 rows, in process (R trial 42: the cost of trial 41's missing-role check): weights,
// blocks and clusters each missing on 0.5 % of rows, seed 42300000 (Mulberry32); median of 5 after one warm-up.
//   node --import tsx bench/dim-missing-roles.ts
import { differenceInMeans } from '../analysis/index.ts';
function mulberry32(a: number) { return () => { a |= 0; a = (a + 0x6d2b79f5) | 0; let t = Math.imul(a ^ (a >>> 15), 1 | a); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }
const rand = mulberry32(42300000);
const N = 1_000_000;
const rows = Array.from({ length: N }, (_, i) => {
  const block = i % 50; const cluster = Math.floor(i / 20); const t = cluster % 2;
  return { y: rand() + t * 0.1, t, b: rand() < 0.005 ? 'NA' : block, c: rand() < 0.005 ? 'NA' : `${block}-${cluster}`, w: rand() < 0.005 ? 'NA' : 0.5 + rand() };
});
const variants: Record<string, object> = { weighted: { weights: 'w' } };
for (const [name, extra] of Object.entries(variants)) {
  const times: number[] = [];
  let warnings = 0;
  for (let k = 0; k < 6; k++) {
    const t0 = performance.now();
    const r = differenceInMeans({ rows, outcome: 'y', treatment: 't', ...extra });
    if (k > 0) times.push(performance.now() - t0);
    warnings = r.warnings.length;
  }
  times.sort((a, b) => a - b);
  console.log(`${name}: median ${times[2].toFixed(0)} ms of 5 (${times.map((t) => t.toFixed(0)).join(', ')}), ${warnings} warnings`);
}
