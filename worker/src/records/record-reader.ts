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
  type BucketToKeep,
  type BundleRow,
  decodeBundle,
  decodeSource,
  KEEP_BUCKET_SQL,
  KEPT_BUCKET_SQL,
  type KeptBucket,
  type MerchantBundle,
  RANGE_VERSION_SQL,
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
  /** The kept body of a range bucket if it is still good at `nowIso` (record-rows.ts KEPT_BUCKET_SQL). */
  keptBucket(prefix: string, nowIso: string): Promise<KeptBucket | null>;
  /** The bucket prefix's change counter (migration 0004 triggers); 0 if it never changed. */
  rangeVersion(prefix: string): Promise<number>;
  /** Keep a built bucket (a write to range_buckets only, which no trigger watches). */
  keepBucket(b: BucketToKeep): Promise<void>;
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
    async keptBucket(prefix, nowIso) {
      const rows = await db.all<BundleRow>(bound(KEPT_BUCKET_SQL, [prefix, nowIso]));
      return rows[0] ? { body: String(rows[0].body), etag: String(rows[0].etag) } : null;
    },
    async rangeVersion(prefix) {
      const rows = await db.all<BundleRow>(bound(RANGE_VERSION_SQL, [prefix]));
      return Number(rows[0]?.v ?? 0);
    },
    async keepBucket(b) {
      await db.run(bound(KEEP_BUCKET_SQL, [b.prefix, b.v, b.validUntil, b.etag, b.body]));
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
