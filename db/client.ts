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
   * soak). All of it is waited asynchronously (busy-retry.ts): the synchronous driver itself never
   * sleeps in SQLite's busy handler, so a held lock never freezes the event loop.
   */
  busyTimeoutMs?: number | undefined;
}

export interface LibsqlHandle {
  db: Db;
  client: Client;
  close(): void;
}

export function openLibsql(options: LibsqlOptions): LibsqlHandle {
  const budget = options.busyTimeoutMs;
  // No `timeout` for the driver: it would sleep in SQLite's busy handler, synchronously. Even 10 ms
  // slices starved the lock's holder — an import's transaction yields between slices and needs the
  // event loop to finish, and every waiter's slice took it away (7 waiters × 10 ms per turn: a
  // 40-slice transaction took 10.7 s and its waiters' 5 s budgets ran out: the soak's 503s).
  const client = createClient({
    url: options.url,
    authToken: options.authToken,
  });
  if (budget !== undefined && budget > 0)
    retryClientWhileBusy(client, {
      budgetMs: budget,
      onReopen: () =>
        console.error(
          "[xinbiao] 连接停留在旧快照，已重开连接池 / a pooled connection was stuck on an old snapshot: pool reopened",
        ),
    });
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
