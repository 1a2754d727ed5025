/**
 * A write-through memory layer over the background's persistent store (issue 7, item 6). Every lookup
 * reads several keys (the bucket, the day's dismissal, the prefix set, the service URL); from
 * storage.local each read is a round trip to the browser process and a structured-clone of the value,
 * so a warm visit waited on four of them. While the service worker lives the answers come from here;
 * when Chromium stops the worker the map goes with it and the next read refills it from storage, so
 * nothing persistent changes. Absent keys are remembered too (most shops were never dismissed).
 *
 * Only the background writes these keys, through this layer, so the map cannot go stale behind its
 * back. A read that started before a write of the same key never overwrites that write's value.
 */
import type { KeyValue } from "./lookup.ts";

export interface MemoryKeyValue extends KeyValue {
  /** Drop the memory (the store is untouched): the next reads go to the store again. */
  forget(): void;
  /** How many reads reached the store (for the tests). */
  readonly storeReads: number;
}

export function memoryKv(store: KeyValue): MemoryKeyValue {
  const memo = new Map<string, { value: unknown }>();
  /** Bumped on every write or removal of a key; a read compares it before filling the map. */
  const writes = new Map<string, number>();
  const bump = (key: string) => writes.set(key, (writes.get(key) ?? 0) + 1);
  let storeReads = 0;
  let epoch = 0;
  return {
    async get<T>(key: string): Promise<T | undefined> {
      const hit = memo.get(key);
      if (hit) return hit.value as T | undefined;
      const seen = writes.get(key) ?? 0;
      const seenEpoch = epoch;
      storeReads++;
      const value = await store.get<T>(key);
      if ((writes.get(key) ?? 0) === seen && epoch === seenEpoch) memo.set(key, { value });
      return value;
    },
    async set(key, value) {
      bump(key);
      memo.set(key, { value });
      await store.set(key, value);
    },
    async removePrefix(prefix) {
      // Removal forgets every cached key with the prefix, including remembered absences.
      for (const key of [...memo.keys()]) if (key.startsWith(prefix)) memo.delete(key);
      for (const key of [...writes.keys()]) if (key.startsWith(prefix)) bump(key);
      epoch++;
      await store.removePrefix(prefix);
    },
    forget() {
      memo.clear();
      epoch++;
    },
    get storeReads() {
      return storeReads;
    },
  };
}
