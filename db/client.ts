/**
 * The one place that knows the drivers. Everything else takes a `Db` (drizzle over SQLite, async):
 *   - libSQL: a local file (`file:data/xinbiao.db`, the embedded default), `:memory:`, or a remote
 *     Turso/libsql URL with an auth token. On workerd the `@libsql/client` package resolves to its
 *     web (HTTP) build by export conditions, so this file serves both runtimes.
 *   - Cloudflare D1: a binding.
 * Atomic multi-statement writes use `db.batch([...])`, which both drivers run as one transaction.
 */
import { type Client, createClient } from "@libsql/client";
import { drizzle as drizzleD1 } from "drizzle-orm/d1";
import { drizzle as drizzleLibsql, type LibSQLDatabase } from "drizzle-orm/libsql";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import { retryClientWhileBusy } from "./busy-retry.ts";
import { schema } from "./schema/index.ts";

export type Schema = typeof schema;
/**
 * The query surface both drivers share, plus `batch` (a transaction on both). The run-result type
 * differs per driver (libSQL ResultSet vs D1Result), hence `any` there.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above
export type Db = BaseSQLiteDatabase<"async", any, Schema> & { batch: LibSQLDatabase<Schema>["batch"] };

export interface LibsqlOptions {
  /** `file:path.db`, `:memory:`, `libsql://…`, `https://…` */
  url: string;
  authToken?: string | undefined;
  /**
   * How long a call may wait for another writer's lock (ms), on EVERY connection of a local file's
   * pool (a `PRAGMA busy_timeout` reaches one pooled connection only; imports and ticks 503'd in the
   * soak). The synchronous driver waits only BUSY_SLICE_MS itself; the rest is waited asynchronously
   * (busy-retry.ts), so a held lock never freezes the event loop.
   */
  busyTimeoutMs?: number | undefined;
}

export interface LibsqlHandle {
  db: Db;
  client: Client;
  close(): void;
}

/** The longest a local-file call blocks the process inside SQLite's busy handler. */
export const BUSY_SLICE_MS = 10;

export function openLibsql(options: LibsqlOptions): LibsqlHandle {
  const budget = options.busyTimeoutMs;
  const client = createClient({
    url: options.url,
    authToken: options.authToken,
    ...(budget !== undefined ? { timeout: Math.min(budget, BUSY_SLICE_MS) } : {}),
  });
  if (budget !== undefined && budget > BUSY_SLICE_MS) retryClientWhileBusy(client, { budgetMs: budget });
  const db = drizzleLibsql(client, { schema }) as unknown as Db;
  return { db, client, close: () => client.close() };
}

export function openD1(binding: D1Database): Db {
  return drizzleD1(binding, { schema }) as unknown as Db;
}

/** What a Worker's `env` may carry; the same names are documented in wrangler.toml and the README. */
export interface DbEnv {
  DB?: D1Database;
  LIBSQL_URL?: string;
  LIBSQL_AUTH_TOKEN?: string;
}

/** Pick the database a Worker was configured with: a D1 binding wins, else libSQL remote. */
export function dbFromEnv(env: DbEnv): Db {
  if (env.DB) return openD1(env.DB);
  if (env.LIBSQL_URL) return openLibsql({ url: env.LIBSQL_URL, authToken: env.LIBSQL_AUTH_TOKEN }).db;
  throw new Error("no database configured: bind a D1 database as DB or set LIBSQL_URL (+ LIBSQL_AUTH_TOKEN)");
}
