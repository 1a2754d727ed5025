/**
 * While the database file is known bad (corrupt, unreadable, missing, replaced: node/db-health.ts), no
 * answer may come from it — not even one the record cache holds, since that cache cannot know the file
 * under it went bad (issue 13 item 7). A public read gets its last-known-good copy marked stale
 * (last-good.ts) or 503; everything else 503 in the one JSON error shape. /healthz still answers and
 * says what is wrong. Every database failure a request meets is reported to the watcher, so a read
 * that hits a damaged page marks the file bad for all requests at once.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../deps.ts";
import { errorBody } from "../lib/errors.ts";
import type { LastGood } from "./last-good.ts";

export function dbGate(kept: LastGood): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const watch = c.var.deps.dbHealth;
    if (!watch) return next();
    if (c.req.path !== "/healthz" && watch.blocking()) {
      const stale = kept.staleFor(c);
      if (stale) {
        c.res = stale;
        return;
      }
      const p = watch.problem()!;
      c.header("Retry-After", "30");
      c.header("Cache-Control", "no-store");
      return c.json(
        errorBody(
          "database_unavailable",
          `数据库不可用，未做任何更改 / the database is unavailable; nothing was changed (${p.code})`,
          undefined,
          { problem: p.code, since: p.since },
        ),
        503,
      );
    }
    await next();
    if (c.error) watch.reportFailure(c.error);
  };
}
