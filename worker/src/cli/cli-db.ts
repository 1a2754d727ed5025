/**
 * The database a command works on: `--db <url>`, else XINBIAO_DB, else the embedded default
 * (data/xinbiao.db, the same file `npm start` serves). Migrated, never seeded: an import into an empty
 * database must not pull in demo data.
 */
import { mkdirSync } from "node:fs";
import { userInfo } from "node:os";
import { dirname, isAbsolute, resolve } from "node:path";
import { openLibsql } from "@xinbiao/db/client";
import { migrateLibsql } from "@xinbiao/db/migrate";
import { DEFAULT_DB_URL } from "../node/embedded.ts";

/** npm runs scripts from the repo root; paths on the command line are relative to where the user was. */
export function userPath(p: string): string {
  return isAbsolute(p) ? p : resolve(process.env.INIT_CWD ?? process.cwd(), p);
}

export function dbUrl(flag: string | undefined): string {
  const raw = flag ?? process.env.XINBIAO_DB ?? DEFAULT_DB_URL;
  if (/^(file:|libsql:|https?:|wss?:|:memory:)/.test(raw)) return raw;
  return `file:${userPath(raw)}`;
}

export async function openCliDb(flag: string | undefined, opts: { migrate?: boolean } = {}) {
  const url = dbUrl(flag);
  if (url.startsWith("file:")) mkdirSync(dirname(url.slice(5)), { recursive: true });
  // Every pooled connection waits up to 5 s for a running server's write (db/client.ts).
  const handle = openLibsql({ url, authToken: process.env.LIBSQL_AUTH_TOKEN, busyTimeoutMs: 5000 });
  if (url.startsWith("file:")) await handle.client.execute("PRAGMA journal_mode = WAL");
  if (opts.migrate ?? true) await migrateLibsql(handle.db);
  return { ...handle, url };
}

export function cliActor(flag: string | undefined): string {
  let user = "unknown";
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (containers): keep "unknown"
  }
  return flag ? `cli:${flag}` : `cli:${user}`;
}
