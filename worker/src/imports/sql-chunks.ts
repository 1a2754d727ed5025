import { type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

/**
 * Keys per look-up. The keys travel as ONE bound JSON array (`json_each`), so D1's limit of 100 bound
 * parameters does not cap the chunk; 2,000 codes are ~45 KB of SQL argument, well under D1's 100 KB
 * statement limit. Before (issue 7): 90 keys per `IN (?, …)`, i.e. 11,000 drizzle queries for a
 * 1M-row registry file.
 */
export const LOOKUP_CHUNK = 2000;

/** `column IN (…keys)` with the keys bound as one JSON array. Plans as an index search per key. */
export function inKeys(column: SQLiteColumn, keys: readonly string[]): SQL {
  return sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(keys)}))`;
}

export async function inChunks<K, T>(keys: K[], load: (chunk: K[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < keys.length; i += LOOKUP_CHUNK) {
    const rows = await load(keys.slice(i, i + LOOKUP_CHUNK));
    for (const r of rows) out.push(r);
  }
  return out;
}
