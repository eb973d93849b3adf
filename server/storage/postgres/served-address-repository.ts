import { RECORD_SERVED_ADDRESS_SQL, type ServedAddressRepository } from '../served-address-repository.ts';
import type { Sql } from './sql.ts';

export function createPgServedAddressRepository(sql: Sql): ServedAddressRepository {
  return {
    async record(address) {
      await sql.run(RECORD_SERVED_ADDRESS_SQL((n) => `$${n}`), [address.origin, address.recordedAt]);
    },
    async get() {
      const row = await sql.one<{ origin: string; recorded_at: string }>('SELECT origin, recorded_at FROM served_address WHERE id = 1');
      return row && { origin: row.origin, recordedAt: row.recorded_at };
    },
  };
}
