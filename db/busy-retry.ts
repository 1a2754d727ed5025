/**
 * Waiting out another writer's lock without stopping the process.
 *
 * The local-file driver under `@libsql/client` (the `libsql` package) is synchronous: SQLite's own
 * busy handler sleeps inside the call, so a 5 s busy timeout froze the Node event loop for 5 s per
 * write while another connection held the write lock — every read in flight waited with it, and the
 * soak's "database locked" fault ended in thousands of queued reads and reset connections
 * (soak/report.md, issue 13). Here the driver waits only a short slice; a call that still meets
 * SQLITE_BUSY is retried after an asynchronous pause, with backoff, until the caller's budget is
 * spent — reads and everything else go on meanwhile.
 *
 * Only whole units are retried, which SQLite guarantees did nothing when they failed busy:
 *   - `execute` and `executeMultiple` outside a transaction (a statement is atomic);
 *   - `batch` and `migrate` (one transaction, rolled back on the error; SQLITE_BUSY_SNAPSHOT — a
 *     deferred batch whose snapshot another connection's commit made stale — is only cured this way);
 *   - `transaction(mode)`'s BEGIN (statements inside an open transaction are the caller's to redo).
 */
import type { Client } from "@libsql/client";

/** SQLite's BUSY family (https://sqlite.org/rescode.html#busy): another connection holds the lock. */
export function isBusy(err: unknown): boolean {
  const e = err as { code?: unknown; extendedCode?: unknown; rawCode?: unknown; message?: unknown } | null;
  if (!e || typeof e !== "object") return false;
  const codes = [e.code, e.extendedCode].filter((c): c is string => typeof c === "string");
  if (codes.some((c) => /^SQLITE_BUSY/.test(c))) return true;
  // Primary code 5 is SQLITE_BUSY; extended codes keep it in their low byte (517 = BUSY_SNAPSHOT).
  if (typeof e.rawCode === "number" && (e.rawCode & 0xff) === 5) return true;
  return typeof e.message === "string" && /database is locked/i.test(e.message);
}

export interface BusyRetryOptions {
  /** Total time one call may spend waiting for the lock (the old busy timeout). */
  budgetMs: number;
  /** Longest single pause between attempts. */
  maxPauseMs?: number;
  /** For tests: the clock and the pause. */
  now?: () => number;
  pause?: (ms: number) => Promise<void>;
}

const defaultPause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Run `attempt` until it succeeds, fails with something other than BUSY, or the budget is spent. */
export async function retryWhileBusy<T>(attempt: () => Promise<T>, opts: BusyRetryOptions): Promise<T> {
  const now = opts.now ?? Date.now;
  const pause = opts.pause ?? defaultPause;
  const maxPause = opts.maxPauseMs ?? 50;
  const deadline = now() + opts.budgetMs;
  let wait = 2;
  for (;;) {
    try {
      return await attempt();
    } catch (err) {
      const left = deadline - now();
      if (!isBusy(err) || left <= 0) throw err;
      // Jitter keeps several waiting writers from retrying in lockstep.
      await pause(Math.min(left, wait * (0.5 + Math.random() / 2)));
      wait = Math.min(maxPause, wait * 2);
    }
  }
}

type BatchStatement = string | { sql: string } | [string, unknown?];

const sqlOf = (s: BatchStatement): string => (typeof s === "string" ? s : Array.isArray(s) ? s[0] : s.sql);

/** Reads only: SELECT (and PRAGMA queries). Anything else — WITH included — may write. */
export function isReadOnlyBatch(stmts: readonly BatchStatement[]): boolean {
  return stmts.every((s) =>
    /^\s*(select|pragma)\b/i.test(sqlOf(s).replace(/^\s*(--[^\n]*\n|\/\*[\s\S]*?\*\/)*/g, "")),
  );
}

/**
 * The transaction mode a batch runs in. A batch that writes takes the write lock up front (BEGIN
 * IMMEDIATE) instead of at its first write: when a deferred batch's write met SQLITE_BUSY, the
 * driver left that statement un-reset on the pooled connection, and the connection kept the batch's
 * read snapshot from then on — every later write through it failed with SQLITE_BUSY_SNAPSHOT and
 * every read through it returned the data as it was (the soak: imports and ticks refused for the
 * rest of the run after a lock fault, busy-retry.test.ts). A busy BEGIN leaves nothing behind.
 */
export function batchMode(stmts: readonly BatchStatement[], mode: string | undefined): string {
  if (mode !== undefined && mode !== "deferred") return mode;
  return isReadOnlyBatch(stmts) ? "deferred" : "write";
}

/**
 * Make `client`'s whole-unit calls retry while busy (see above), and its writing batches take the
 * write lock up front (batchMode). The instance is patched in place, so drizzle and anything else
 * holding it see the same object.
 */
export function retryClientWhileBusy(client: Client, opts: BusyRetryOptions): Client {
  const c = client as unknown as Record<string, unknown>;
  for (const name of ["execute", "batch", "migrate", "executeMultiple", "transaction"] as const) {
    const original = c[name];
    if (typeof original !== "function") continue;
    const bound = (original as (...a: unknown[]) => Promise<unknown>).bind(client);
    c[name] =
      name === "batch"
        ? (stmts: BatchStatement[], mode?: string) =>
            retryWhileBusy(() => bound(stmts, batchMode(stmts, mode)), opts)
        : (...args: unknown[]) => retryWhileBusy(() => bound(...args), opts);
  }
  return client;
}
