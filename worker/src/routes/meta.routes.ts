/**
 * Service metadata: the signing keys (JWK set), health, and the OpenAPI document.
 */
import { merchants } from "@xinbiao/db/schema";
import { sql } from "drizzle-orm";
import { Hono } from "hono";
import type { AppEnv } from "../deps.ts";
import { isDatabaseFailure } from "../lib/db-failure.ts";
import { openApiDocument } from "../openapi.ts";

export const metaRoutes = new Hono<AppEnv>()
  .get("/.well-known/xinbiao-keys.json", async (c) => {
    c.header("Cache-Control", "public, max-age=300, s-maxage=3600");
    return c.json(await c.var.deps.keySet());
  })
  // Says what is wrong, so a load balancer and an operator see it (issue 13 item 7): 503 with the first
  // problem's code — corrupt / unreadable / missing / replaced / locked (node/db-health.ts),
  // database_unavailable (the count below failed), missing_signing_key (node/embedded.ts).
  .get("/healthz", async (c) => {
    const { deps } = c.var;
    c.header("Cache-Control", "no-store");
    const problems: { code: string; message: string; since?: string }[] = [];
    const db = deps.dbHealth?.problem();
    if (db) problems.push(db);
    let merchantCount: number | null = null;
    if (!deps.dbHealth?.blocking()) {
      try {
        const row = await deps.db.select({ n: sql<number>`count(*)` }).from(merchants).get();
        merchantCount = row?.n ?? 0;
      } catch (err) {
        if (!isDatabaseFailure(err)) throw err;
        deps.dbHealth?.reportFailure(err);
        const now = deps.dbHealth?.problem();
        if (now && now !== db) problems.push(now);
        else if (!now)
          problems.push({
            code: "database_unavailable",
            message: "数据库暂时不可用 / the database is unavailable",
          });
      }
    }
    if (deps.signingProblem) problems.push(deps.signingProblem);
    const body = {
      ok: problems.length === 0,
      ...(problems.length ? { code: problems[0]!.code, problems } : {}),
      merchants: merchantCount,
      keyId: deps.signer.keyId || null,
      demo: deps.demo,
    };
    return c.json(body, problems.length ? 503 : 200);
  })
  .get("/api/v1/openapi.json", (c) => {
    c.header("Cache-Control", "public, max-age=300, s-maxage=3600");
    return c.json(openApiDocument(c.var.baseUrl));
  });
