import type { PanelIdentity } from '../domain/panel.ts';
import type { CompletionFlags, QualityFlagValues } from '../domain/quality-flags.ts';
import type { Db } from './db.ts';
import { panelIdentityLookup } from './panel-identity-lookup.ts';

export interface QualityFlagRecord {
  participantId: number;
  values: QualityFlagValues;
  straightlined: string[];
  durationSeconds: number;
  computedAt: string;
}

export interface QualityFlagRow {
  participant_id: number;
  duplicate_panel_id: 0 | 1;
  speeder: 0 | 1 | null;
  straightlining: 0 | 1;
  straightlined_batteries: string;
  honeypot: 0 | 1;
  attention_failed: 0 | 1 | null;
  duration_seconds: number;
  computed_at: string;
}

export const toRecord = (row: QualityFlagRow): QualityFlagRecord => ({
  participantId: row.participant_id,
  values: {
    duplicate_panel_id: row.duplicate_panel_id,
    speeder: row.speeder,
    straightlining: row.straightlining,
    honeypot: row.honeypot,
    attention_failed: row.attention_failed,
  },
  straightlined: JSON.parse(row.straightlined_batteries) as string[],
  durationSeconds: row.duration_seconds,
  computedAt: row.computed_at,
});

// Whole on purpose (~90 lines): a repository's prepared statements and the short methods that run them.
export function createQualityFlagRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO quality_flags (participant_id, duplicate_panel_id, speeder, straightlining, straightlined_batteries,
       honeypot, attention_failed, duration_seconds, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const get = db.prepare<[number], QualityFlagRow>('SELECT * FROM quality_flags WHERE participant_id = ?');
  const byWave = db.prepare<[string], QualityFlagRow>(
    `SELECT f.* FROM quality_flags f JOIN participants p ON p.id = f.participant_id WHERE p.wave_id = ? ORDER BY p.draw_index`,
  );
  const waveDurations = db
    .prepare<[string], number>('SELECT f.duration_seconds FROM quality_flags f JOIN participants p ON p.id = f.participant_id WHERE p.wave_id = ?')
    .pluck();
  const durations = db
    .prepare<[string, number], number>(
      'SELECT f.duration_seconds FROM quality_flags f JOIN participants p ON p.id = f.participant_id WHERE p.wave_id = ? AND p.id != ?',
    )
    .pluck();
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  const isComplete = db.prepare<[number], number>("SELECT 1 FROM participants WHERE id = ? AND status = 'complete'").pluck();
  // Another wave of a study with the same key (any version of its definition) where one of the identities started.
  // CROSS JOIN fixes each arm's order: the study's few waves first, then one panel-identity index lookup in each
  // (left to itself, SQLite scanned that index over every participant of every wave).
  const otherWave = panelIdentityLookup<{ found: 1 }>(
    db,
    (i) => `SELECT 1 AS found FROM waves here JOIN studies this ON this.id = here.study_id
         CROSS JOIN studies s CROSS JOIN waves w CROSS JOIN participants p
        WHERE here.id = @wave AND s.study_key = this.study_key AND w.study_id = s.id AND w.id != @wave
          AND p.wave_id = w.id AND p.panel_source = @source${i} AND p.panel_id = @panelId${i}`,
    (arms) => `${arms}\n LIMIT 1`,
  );

  return {
    /** The connection these statements run on (caches of derived values are kept per connection). */
    cacheKey: db as object,
    /**
     * Stores the flags; returns the wave's durations version after the insert, given the one read before it in
     * this transaction. On SQLite that is the same number: data_version does not move with this connection's own
     * writes, and no other connection commits while this one holds the write lock, so it is not asked again.
     */
    async insert(participantId: number, flags: CompletionFlags, durationSeconds: number, now: string, versionBefore: number): Promise<number> {
      const v = flags.values;
      insert.run(
        participantId, v.duplicate_panel_id, v.speeder, v.straightlining, JSON.stringify(flags.straightlined),
        v.honeypot, v.attention_failed, durationSeconds, now,
      );
      return versionBefore;
    },
    async get(participantId: number): Promise<QualityFlagRecord | undefined> {
      const row = get.get(participantId);
      return row && toRecord(row);
    },
    async listByWave(waveId: string): Promise<QualityFlagRecord[]> {
      return byWave.all(waveId).map(toRecord);
    },
    /**
     * Completion times (seconds) of every flagged complete of the wave, ascending. Read into a typed array and
     * sorted there: for a million completes, 8 MB instead of an SQL sort and an array of boxed numbers.
     */
    async sortedDurations(waveId: string): Promise<Float64Array> {
      let out = new Float64Array(1024);
      let n = 0;
      for (const seconds of waveDurations.iterate(waveId)) {
        if (n === out.length) {
          const grown = new Float64Array(2 * n);
          grown.set(out);
          out = grown;
        }
        out[n++] = seconds;
      }
      return out.slice(0, n).sort();
    },
    /** Completion times (seconds, as stored with their flags) of the wave's completes other than `exceptParticipantId`, in no order. */
    async completedDurations(waveId: string, exceptParticipantId: number): Promise<number[]> {
      return durations.all(waveId, exceptParticipantId);
    },
    /**
     * Changes whenever another connection may have added a complete to the wave; read after this connection's own
     * insert, it stays put until another connection commits. SQLite: data_version (unchanged by the connection's
     * own commits).
     */
    async durationsVersion(_waveId: string): Promise<number> {
      return dataVersion.get()!;
    },
    async isComplete(participantId: number): Promise<boolean> {
      return isComplete.get(participantId) !== undefined;
    },
    /** Whether any of `identities` started in another wave of the study: one statement for them all, in-process. */
    async panelIdInOtherWave(waveId: string, identities: readonly PanelIdentity[]): Promise<boolean> {
      return otherWave(waveId, identities) !== undefined;
    },
  };
}
export type QualityFlagRepository = ReturnType<typeof createQualityFlagRepository>;
