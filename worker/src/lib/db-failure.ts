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
