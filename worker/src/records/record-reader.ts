/**
 * Where record rows come from. Every runtime can use the SQL reader (drizzle `db.all`, so D1, Turso
 * and libSQL alike); the Node entry registers a faster one for its local file (prepared statements on
 * a read connection of its own: worker/src/node/native-record-reader.ts). Both run the same SQL
 * (record-rows.ts), so they return the same rows; a test holds them equal.
 */
import type { Db } from "@xinbiao/db/client";
import { type SQL, sql } from "drizzle-orm";
import {
  BUCKET_SQL,
  BUNDLE_SQL,
  type BundleRow,
  decodeBundle,
  decodeSource,
  type MerchantBundle,
  SOURCES_SQL,
  type SourceRowForRecord,
} from "./record-rows.ts";

export interface BucketRow {
  hash: string;
  uscc: string;
}

export interface RecordReader {
  bundles(usccs: string[]): Promise<MerchantBundle[]>;
  sources(ids: string[]): Promise<SourceRowForRecord[]>;
  /** The shops of a range bucket (DESIGN §6), ordered by hash. */
  bucket(prefix: string): Promise<BucketRow[]>;
  /**
   * The data generation (data-generation.ts) when this reader can tell it cheaply; readers that
   * cannot leave it to the polling probe.
   */
  generation?(): Promise<string>;
}

/** `text` with its `?` placeholders bound to `params`, as a drizzle SQL chunk. */
export function bound(text: string, params: unknown[]): SQL {
  const parts = text.split("?");
  if (parts.length - 1 !== params.length)
    throw new Error(`bound(): ${parts.length - 1} placeholders, ${params.length} parameters`);
  const chunks: SQL[] = [sql.raw(parts[0]!)];
  for (let i = 0; i < params.length; i++) chunks.push(sql`${params[i]}`, sql.raw(parts[i + 1]!));
  return sql.join(chunks);
}

export function sqlRecordReader(db: Db): RecordReader {
  return {
    async bundles(usccs) {
      if (usccs.length === 0) return [];
      const rows = await db.all<BundleRow>(bound(BUNDLE_SQL, [JSON.stringify(usccs)]));
      return rows.map(decodeBundle);
    },
    async sources(ids) {
      if (ids.length === 0) return [];
      const rows = await db.all<BundleRow>(bound(SOURCES_SQL, [JSON.stringify(ids)]));
      return rows.map(decodeSource);
    },
    async bucket(prefix) {
      const rows = await db.all<BundleRow>(bound(BUCKET_SQL, [prefix]));
      return rows.map((r) => ({ hash: String(r.hash), uscc: String(r.uscc) }));
    },
  };
}

const registered = new WeakMap<Db, RecordReader>();
const generic = new WeakMap<Db, RecordReader>();

/** Use `reader` for `db` from now on (the Node entry does this for its local file). */
export function registerRecordReader(db: Db, reader: RecordReader): void {
  registered.set(db, reader);
}

export function registeredRecordReader(db: Db): RecordReader | undefined {
  return registered.get(db);
}

export function recordReader(db: Db): RecordReader {
  const r = registered.get(db);
  if (r) return r;
  let g = generic.get(db);
  if (!g) {
    g = sqlRecordReader(db);
    generic.set(db, g);
  }
  return g;
}
