import type { Db } from './db.ts';

/** The address the last `vlab serve` on this database announced (its VLAB_PUBLIC_URL, else `http://localhost:4000`), and when it started. */
export interface ServedAddress {
  origin: string;
  recordedAt: string;
}

export const RECORD_SERVED_ADDRESS_SQL = (placeholder: (n: number) => string) =>
  `INSERT INTO served_address (id, origin, recorded_at) VALUES (1, ${placeholder(1)}, ${placeholder(2)})
   ON CONFLICT (id) DO UPDATE SET origin = excluded.origin, recorded_at = excluded.recorded_at`;

export function createServedAddressRepository(db: Db) {
  const upsert = db.prepare<[string, string]>(RECORD_SERVED_ADDRESS_SQL(() => '?'));
  const select = db.prepare<[], { origin: string; recorded_at: string }>('SELECT origin, recorded_at FROM served_address WHERE id = 1');
  return {
    async record(address: ServedAddress): Promise<void> {
      upsert.run(address.origin, address.recordedAt);
    },
    async get(): Promise<ServedAddress | undefined> {
      const row = select.get();
      return row && { origin: row.origin, recordedAt: row.recorded_at };
    },
  };
}

export type ServedAddressRepository = ReturnType<typeof createServedAddressRepository>;
