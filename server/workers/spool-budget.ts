/**
 * The bytes the temporary files of HTTP/1.0 downloads may hold together (send-file.ts spools such a download whole
 * before sending it with its length). Such a file lives while its client reads, however slowly, after the worker
 * and its job's place are done: without a budget, many slow HTTP/1.0 downloads at once could fill the temporary
 * folder (attacker pass 23).
 */
export function createSpoolBudget(bytes: number) {
  let used = 0;
  return {
    /** Takes `n` bytes, or takes nothing and says false when that would pass the budget. */
    take(n: number): boolean {
      if (used + n > bytes) return false;
      used += n;
      return true;
    },
    give(n: number): void {
      used -= n;
    },
    used: () => used,
  };
}
export type SpoolBudget = ReturnType<typeof createSpoolBudget>;
