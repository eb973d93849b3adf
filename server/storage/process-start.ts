import { readFileSync } from 'node:fs';

/**
 * Linux's USER_HZ, the unit of /proc/<pid>/stat's start time: 100 on every architecture Node runs on (the kernel
 * fixes it for user space whatever its own HZ).
 */
const TICKS_PER_SECOND = 100;

/** The boot time in epoch milliseconds (/proc/stat's btime, whole seconds), or undefined where there is no /proc. */
function bootTimeMs(): number | undefined {
  try {
    const line = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
    return line ? Number(line[1]) * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * When process `pid` started, in epoch milliseconds (field 22 of /proc/<pid>/stat, clock ticks after boot, read
 * after the command name in parentheses, which may hold spaces), or undefined where there is no /proc (macOS) or
 * no such process. Good to a second or so: btime is whole seconds, and moves if the clock is stepped.
 */
export function processStartMs(pid: number): number | undefined {
  const boot = bootTimeMs();
  if (boot === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    return Number.isFinite(ticks) ? boot + (ticks / TICKS_PER_SECOND) * 1000 : undefined;
  } catch {
    return undefined;
  }
}
