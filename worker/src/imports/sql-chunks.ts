/** D1 binds at most 100 parameters per statement; lookups by many keys go in chunks below that. */
export const SQL_IN_LIMIT = 90;

export async function inChunks<K, T>(keys: K[], load: (chunk: K[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < keys.length; i += SQL_IN_LIMIT)
    out.push(...(await load(keys.slice(i, i + SQL_IN_LIMIT))));
  return out;
}
