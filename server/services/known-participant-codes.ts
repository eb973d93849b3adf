import { setMostRecent } from '../recent-map.ts';

/**
 * The participant codes this process has seen exist (given at a start, or found by the lookup before a write), so a
 * real respondent's saves skip the read that turns made-up codes away (respondent-steps.ts writeOnParticipant): on
 * PostgreSQL that read is a round trip (0.7 ms beside a save's 8 ms, docs/reliability.md). Participants are never
 * deleted, and the lookup under the write's lock still decides, so a code held here is only a skipped read.
 * Only real codes get in, and at most `maxEntries` (least recently used dropped: that code pays one read again).
 */
export const KNOWN_CODES_MAX = 50_000;

export function knownParticipantCodes(maxEntries = KNOWN_CODES_MAX) {
  const codes = new Map<string, true>();
  return {
    has(code: string): boolean {
      if (!codes.has(code)) return false;
      setMostRecent(codes, code, true, maxEntries);
      return true;
    },
    add: (code: string): void => setMostRecent(codes, code, true, maxEntries),
  };
}
