/**
 * The embedded default (DESIGN §5): a local libSQL file, migrated and seeded with demo data on first
 * start, a signing key generated once and kept. Used by `npm start`, the tests and the benchmarks.
 */
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Db, openLibsql } from "@xinbiao/db/client";
import { migrateLibsql } from "@xinbiao/db/migrate";
import { merchants, metaTable } from "@xinbiao/db/schema";
import { generateDataset, loadDataset } from "@xinbiao/db/seed";
import { sql } from "drizzle-orm";
import type { AppDeps } from "../deps.ts";
import { loadOrCreateSigningKey, publishedKeySet } from "../keys.ts";
import { registerRecordReader } from "../records/record-reader.ts";
import { type NativeRecordReader, openNativeRecordReader } from "./native-record-reader.ts";
import { createNodeSigner } from "./node-signer.ts";

const here = import.meta.url;
export const REPO_ROOT = fileURLToPath(new URL("../../../", here));
export const DEFAULT_DB_URL = `file:${join(REPO_ROOT, "data", "xinbiao.db")}`;
export const DEMO_MERCHANTS = 300;

export interface EmbeddedOptions {
  url?: string;
  /** Seed demo data when the database has no merchants (default true). */
  seed?: boolean;
  demoMerchants?: number;
  now?: () => Date;
  publicBaseUrl?: string;
  requestLog?: AppDeps["requestLog"];
}

export interface Embedded {
  db: Db;
  deps: AppDeps;
  seeded: boolean;
  close(): void;
}

export async function openEmbedded(opts: EmbeddedOptions = {}): Promise<Embedded> {
  const url = opts.url ?? process.env.XINBIAO_DB ?? DEFAULT_DB_URL;
  if (url.startsWith("file:")) mkdirSync(dirname(url.slice(5)), { recursive: true });
  const handle = openLibsql({ url, authToken: process.env.LIBSQL_AUTH_TOKEN });
  const db = handle.db;
  if (url.startsWith("file:")) {
    // WAL lets readers go on while an import writes; a busy timeout rides out short locks.
    await handle.client.execute("PRAGMA journal_mode = WAL");
    await handle.client.execute("PRAGMA busy_timeout = 5000");
  }
  await migrateLibsql(db);
  const now = opts.now ?? (() => new Date());
  let seeded = false;
  const count = await db.select({ n: sql<number>`count(*)` }).from(merchants).get();
  if ((opts.seed ?? true) && (count?.n ?? 0) === 0) {
    await loadDataset(db, generateDataset({ merchants: opts.demoMerchants ?? DEMO_MERCHANTS, now: now() }));
    seeded = true;
  }
  const demo =
    (await db.select().from(metaTable).where(sql`${metaTable.key} = 'dataset'`).get())?.value === "demo";
  // Record reads on a local file go through prepared statements on a read connection of their own.
  let reader: NativeRecordReader | undefined;
  if (url.startsWith("file:")) {
    reader = openNativeRecordReader(url.slice(5).split("?")[0]!, () => handle.client.closed);
    registerRecordReader(db, reader);
  }
  const key = await loadOrCreateSigningKey(db, now());
  const signer = createNodeSigner(key);
  const deps: AppDeps = {
    db,
    signer,
    keySet: () => publishedKeySet(db, key),
    publicBaseUrl: opts.publicBaseUrl ?? process.env.PUBLIC_BASE_URL,
    demo,
    now,
    requestLog: opts.requestLog,
  };
  return {
    db,
    deps,
    seeded,
    close: () => {
      reader?.close();
      handle.close();
    },
  };
}
