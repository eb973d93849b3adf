import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';

/** What a figure was measured on: printed at the top of every benchmark and copied into docs/performance.md. */
export interface Machine {
  date: string;
  nproc: number;
  cpu: string;
  ramGb: number;
  node: string;
  sqlite: string;
  /** 1-minute load average when the benchmark started: above nproc, the figures are noisy. */
  load1: number;
}

export function machine(): Machine {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const db = new Database(':memory:');
  try {
    return {
      date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      nproc: availableParallelism(),
      cpu: /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown',
      ramGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      sqlite: db.prepare('SELECT sqlite_version()').pluck().get() as string,
      load1: loadavg()[0]!,
    };
  } finally {
    db.close();
  }
}

/** One line for the top of a benchmark's output. */
export function machineLine(m = machine()): string {
  const busy = m.load1 > m.nproc / 2 ? ' — machine busy, figures noisy' : '';
  return `${m.date} · ${m.nproc} × ${m.cpu} · ${m.ramGb} GB RAM · node ${m.node} · SQLite ${m.sqlite} · load ${m.load1.toFixed(2)}${busy}`;
}
