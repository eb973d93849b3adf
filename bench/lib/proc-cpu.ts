import { existsSync, readFileSync } from 'node:fs';

/** Linux's clock ticks per second for /proc/PID/stat (USER_HZ, 100 on every Linux build that matters). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system, µs, every thread) from Linux's /proc/<pid>/stat: the process's own (utime, stime) or
 * that of its children it has reaped (cutime, cstime); undefined where there is no such file (not Linux, or the
 * process is gone). The machine's other load moves a run's wall time far more than its CPU time.
 */
export function procCpuMicros(pid: number | 'self' | undefined, of: 'process' | 'reaped children' = 'process'): number | undefined {
  const file = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(file)) return undefined;
  // Fields after the command (which may hold spaces and parentheses, hence after its last closing parenthesis):
  // the first is the state (field 3), so utime, the 14th field, is at 11; cutime (16th) at 13.
  const stat = readFileSync(file, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const first = of === 'process' ? 11 : 13;
  return ((Number(fields[first]) + Number(fields[first + 1])) / TICKS_PER_SECOND) * 1e6;
}
