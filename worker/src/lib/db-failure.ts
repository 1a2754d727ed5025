/**
 * Is this error the database failing (unreachable, locked, corrupt, read-only) rather than a bug or
 * bad input? Such failures must never turn a warning green: public reads fall back to the last known
 * good response marked stale, writes answer 503 (DESIGN §6, issue 8).
 */
const DB_CODES =
  /^(CLIENT_CLOSED|SQLITE_(BUSY|LOCKED|CORRUPT|NOTADB|CANTOPEN|IOERR|READONLY|FULL|PROTOCOL)|SERVER_ERROR|HRANA_.*|D1_.*)/;
const DB_MESSAGES =
  /database is locked|database disk image is malformed|file is not a database|unable to open database|disk I\/O error|D1_ERROR|fetch failed|ECONNREFUSED|Network connection lost|no database configured|attempt to write a readonly database/i;

export function isDatabaseFailure(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== "object" || depth > 5) return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; name?: unknown };
  if (typeof e.code === "string" && DB_CODES.test(e.code)) return true;
  if (typeof e.message === "string" && DB_MESSAGES.test(e.message)) return true;
  return isDatabaseFailure(e.cause, depth + 1);
}

/** What is wrong with the database, as /healthz names it (node/db-health.ts). */
export type DbProblemCode = "corrupt" | "unreadable" | "missing" | "replaced" | "locked" | "unavailable";

export interface DbProblem {
  code: DbProblemCode;
  /** Bilingual, for /healthz and the start banner: what is wrong and what follows from it. */
  message: string;
  since: string;
}

/** The Node entry's database watcher (node/db-health.ts) as the app sees it (AppDeps.dbHealth). */
export interface DbWatch {
  /** The standing problem, or null when the file is sound. */
  problem(): DbProblem | null;
  /** Does the standing problem mean no answer may come from the database (corrupt, unreadable …)? */
  blocking(): boolean;
  /** A request failed: if the database is why, remember what kind of failure it was. */
  reportFailure(err: unknown): void;
}

/**
 * Which kind of failure `err` is (null: not a database failure). SQLite's primary result codes
 * (https://sqlite.org/rescode.html): CORRUPT means pages of the file are malformed; NOTADB (no SQLite
 * header), IOERR and CANTOPEN that it cannot be read as a database at all; BUSY and LOCKED that
 * another connection holds a lock (transient).
 */
export function classifyDbFailure(err: unknown, depth = 0): DbProblemCode | null {
  if (!err || typeof err !== "object" || depth > 5) return null;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown };
  const code = typeof e.code === "string" ? e.code : "";
  const msg = typeof e.message === "string" ? e.message : "";
  if (/^SQLITE_CORRUPT/.test(code) || /disk image is malformed/i.test(msg)) return "corrupt";
  if (
    /^SQLITE_(NOTADB|IOERR|CANTOPEN)/.test(code) ||
    /file is not a database|disk I\/O error|unable to open database/i.test(msg)
  )
    return "unreadable";
  if (/^SQLITE_(BUSY|LOCKED)/.test(code) || /database is locked/i.test(msg)) return "locked";
  const below = classifyDbFailure(e.cause, depth + 1);
  if (below) return below;
  return isDatabaseFailure(err, depth) ? "unavailable" : null;
}

/**
 * A loggable description: error names and codes only. Driver messages quote the query's parameters
 * (search terms, keys), which must never reach a log.
 */
export function describeDbFailure(err: unknown, depth = 0): string {
  if (!err || typeof err !== "object" || depth > 5) return "";
  const e = err as { code?: unknown; name?: unknown; cause?: unknown };
  const here = [e.name, e.code].filter((x) => typeof x === "string").join(":");
  const below = describeDbFailure(e.cause, depth + 1);
  return [here, below].filter(Boolean).join(" ← ");
}
