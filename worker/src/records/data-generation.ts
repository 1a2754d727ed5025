/**
 * A cheap "has anything in the database changed?" token, so the record cache can serve hot records
 * without running the record queries and still never serve a record older than the data.
 *
 * - A reader that knows (the Node entry's native reader: node/native-record-reader.ts) answers itself,
 *   with the same `PRAGMA data_version` on its own read connection.
 * - libSQL local file (the embedded default, `npm start`, the tests): checked on EVERY call with one
 *   tiny statement, `PRAGMA data_version`, on a connection of its own that never writes. SQLite moves
 *   that number whenever any other connection commits — the app's own pool connections, a CLI import
 *   in another process beside the running server, a hand edit — so any write by anyone shows up,
 *   including writes that bypass the WriteSet. (`data_version` is per connection, and the app's client
 *   keeps a small pool, hence the dedicated one.) The app's client being closed fails here like any
 *   other query, so the last-good middleware answers stale instead of this cache (issue 8).
 *   `:memory:` databases have a single connection: there `total_changes()` is added to the token.
 * - D1 and remote libSQL (Turso): no connection-level counter, so the newest audit-log and change-feed
 *   sequence numbers are read at most once per POLL_MS. Every data-operations write goes through a
 *   WriteSet, which appends to both in the same transaction (worker/src/audit-log/write-set.ts), so a
 *   change shows within POLL_MS there.
 */

import { type Client, createClient } from "@libsql/client";
import type { Db } from "@xinbiao/db/client";
import { sql } from "drizzle-orm";
import { registeredRecordReader } from "./record-reader.ts";

export const POLL_MS = 1_000;

type Probe = () => Promise<string>;
const probes = new WeakMap<Db, Probe>();

function localLibsql(db: Db): Client | null {
  const client = (db as unknown as { $client?: Partial<Client> }).$client;
  if (client && client.protocol === "file" && typeof client.execute === "function") return client as Client;
  return null;
}

function libsqlProbe(app: Client): Probe {
  let watcher: Promise<Client | null> | null = null;
  const open = async (): Promise<Client | null> => {
    const rs = await app.execute("SELECT file FROM pragma_database_list WHERE name = 'main'");
    const file = String(rs.rows[0]?.[0] ?? "");
    // `:memory:` (and temporary) databases: one connection, nothing else can write to them.
    if (!file) return null;
    return createClient({ url: `file:${file}`, concurrency: 1 });
  };
  return async () => {
    if (app.closed) {
      void watcher?.then((w) => w?.close());
      watcher = null;
      // Fails with the driver's own CLIENT_CLOSED error, as any read of a closed database does.
      await app.execute("SELECT 1");
    }
    watcher ??= open().catch((err) => {
      watcher = null;
      throw err;
    });
    const w = await watcher;
    if (!w) {
      const rs = await app.execute("SELECT data_version, total_changes() FROM pragma_data_version");
      return `m:${rs.rows[0]![0]}:${rs.rows[0]![1]}`;
    }
    const rs = await w.execute("PRAGMA data_version");
    return `f:${rs.rows[0]![0]}`;
  };
}

function makeProbe(db: Db): Probe {
  const reader = registeredRecordReader(db);
  if (reader?.generation) return () => reader.generation!();
  const local = localLibsql(db);
  if (local) return libsqlProbe(local);
  let last: { at: number; token: string } | null = null;
  return async () => {
    const t = Date.now();
    if (last && t - last.at < POLL_MS && t >= last.at) return last.token;
    const rows = await db.all<{ a: number | null; c: number | null }>(
      sql`SELECT (SELECT max(seq) FROM audit_log) AS a, (SELECT max(seq) FROM changes) AS c`,
    );
    const token = `${rows[0]?.a ?? 0}:${rows[0]?.c ?? 0}`;
    last = { at: t, token };
    return token;
  };
}

/** The current data generation of `db`: equal tokens mean no write landed in between. */
export function dataGeneration(db: Db): Promise<string> {
  let p = probes.get(db);
  if (!p) {
    p = makeProbe(db);
    probes.set(db, p);
  }
  return p();
}
