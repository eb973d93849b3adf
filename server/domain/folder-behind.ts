/** A snapshot as the definitions-folder rule reads it. */
export interface CurrentSnapshot {
  version: number;
  contentHash: string;
  /** The definitions folder (host:path) whose sync made it current, or null (unknown: before migration 015). */
  currentFrom: string | null;
}

/**
 * Null, or why this process's definitions folder (`folder`) must not make its stored earlier content (`held`) current
 * again: another folder made the current snapshot current. Processes on different folders (two hosts, one behind)
 * otherwise took turns at each start, and new waves fielded whichever had started last (pass 40). A folder that made
 * the current one itself may go back (a deliberate revert, issue 14); so may any when either folder is unknown.
 */
export function folderBehind(held: CurrentSnapshot, current: CurrentSnapshot, folder: string | null): string | null {
  if (folder === null || current.currentFrom === null || current.currentFrom === folder) return null;
  const content = (s: CurrentSnapshot) => `version ${s.version} (content ${s.contentHash.slice(0, 12)})`;
  return (
    `this definitions folder holds ${content(held)}, but ${content(current)} is current, made current from ${current.currentFrom}: ` +
    `new waves use version ${current.version}; update this folder, or run \`vlab study sync\` here to make its content current`
  );
}
