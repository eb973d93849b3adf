/**
 * The participant codes this process has seen exist (given at a start, or found by the lookup before a write), so a
 * real respondent's saves skip the read that turns made-up codes away (respondent-steps.ts writeOnParticipant): on
 * PostgreSQL that read is a round trip (0.7 ms beside a save's 8 ms, docs/reliability.md). Participants are never
 * deleted, and the lookup under the write's lock still decides, so a code held here is only a skipped read.
 * Only real codes get in, and at most `maxEntries` (least recently used dropped: that code pays one read again).
 */
export const KNOWN_CODES_MAX = 50_000;

export function knownParticipantCodes(maxEntries = KNOWN_CODES_MAX) {
  const codes = new Set<string>();
  return {
    has(code: string): boolean {
      if (!codes.delete(code)) return false;
      codes.add(code);
      return true;
    },
    add(code: string): void {
      codes.delete(code);
      if (codes.size >= maxEntries) codes.delete(codes.values().next().value!);
      codes.add(code);
    },
  };
}
