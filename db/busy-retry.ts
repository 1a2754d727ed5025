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

/** SQLITE_BUSY_SNAPSHOT: the connection's read snapshot is older than the newest commit. */
export function isStaleSnapshot(err: unknown, depth = 0): boolean {
  const e = err as { code?: unknown; extendedCode?: unknown; rawCode?: unknown; cause?: unknown } | null;
  if (!e || typeof e !== "object" || depth > 3) return false;
  if (e.code === "SQLITE_BUSY_SNAPSHOT" || e.extendedCode === "SQLITE_BUSY_SNAPSHOT" || e.rawCode === 517)
    return true;
  return isStaleSnapshot(e.cause, depth + 1);
}

/** After this many stale-snapshot refusals of one whole unit, its pooled connection is stuck. */
const STALE_REFUSALS = 2;

/**
 * Make `client`'s whole-unit calls retry while busy (see above), and its writing batches take the
 * write lock up front (batchMode). The instance is patched in place, so drizzle and anything else
 * holding it see the same object.
 *
 * Last resort for a pooled connection left on an old snapshot by a path not yet found (the soak, issue
 * 13: a deferred transaction whose write met SQLITE_BUSY does it too): a statement or writing batch
 * outside any transaction takes a fresh snapshot, so it can meet SQLITE_BUSY_SNAPSHOT only in a
 * microsecond race with another process's commit — twice in a row means the connection kept a stale
 * one, and every read through it is old data. The pool is then reopened (the client offers only
 * "all connections"), once no transaction of this client is open, so no open transaction is broken.
 */
export function retryClientWhileBusy(
  client: Client,
  opts: BusyRetryOptions & { onReopen?: () => void },
): Client {
  const c = client as unknown as Record<string, unknown>;
  let openTransactions = 0;
  const reconnect = (client as { reconnect?: () => Promise<void> | void }).reconnect?.bind(client);
  const guarded = (run: () => Promise<unknown>) => {
    let stale = 0;
    return retryWhileBusy(async () => {
      try {
        return await run();
      } catch (err) {
        if (isStaleSnapshot(err) && ++stale >= STALE_REFUSALS && openTransactions === 0 && reconnect) {
          stale = 0;
          await reconnect();
          opts.onReopen?.();
        }
        throw err;
      }
    }, opts);
  };
  for (const name of ["execute", "batch", "migrate", "executeMultiple", "transaction"] as const) {
    const original = c[name];
    if (typeof original !== "function") continue;
    const bound = (original as (...a: unknown[]) => Promise<unknown>).bind(client);
    if (name === "batch")
      c[name] = (stmts: BatchStatement[], mode?: string) =>
        guarded(() => bound(stmts, batchMode(stmts, mode)));
    else if (name === "transaction")
      c[name] = async (...args: unknown[]) => {
        const tx = (await retryWhileBusy(() => bound(...args), opts)) as Record<string, unknown>;
        openTransactions++;
        let open = true;
        for (const end of ["commit", "rollback", "close"]) {
          const fn = tx[end];
          if (typeof fn !== "function") continue;
          const endBound = (fn as (...a: unknown[]) => unknown).bind(tx);
          tx[end] = (...a: unknown[]) => {
            if (open) {
              open = false;
              openTransactions--;
            }
            return endBound(...a);
          };
        }
        return tx;
      };
    else if (name === "execute") c[name] = (...args: unknown[]) => guarded(() => bound(...args));
    else c[name] = (...args: unknown[]) => retryWhileBusy(() => bound(...args), opts);
  }
  return client;
}
