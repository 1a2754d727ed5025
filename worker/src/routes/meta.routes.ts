/**
 * Service metadata: the signing keys (JWK set), health, and the OpenAPI document.
 */
import { merchants } from "@xinbiao/db/schema";
import { sql } from "drizzle-orm";
import { Hono } from "hono";
import type { AppEnv } from "../deps.ts";
import { openApiDocument } from "../openapi.ts";

export const metaRoutes = new Hono<AppEnv>()
  .get("/.well-known/xinbiao-keys.json", async (c) => {
    c.header("Cache-Control", "public, max-age=300, s-maxage=3600");
    return c.json(await c.var.deps.keySet());
  })
  .get("/healthz", async (c) => {
    const row = await c.var.deps.db.select({ n: sql<number>`count(*)` }).from(merchants).get();
    c.header("Cache-Control", "no-store");
    return c.json({
      ok: true,
      merchants: row?.n ?? 0,
      keyId: c.var.deps.signer.keyId,
      demo: c.var.deps.demo,
    });
  })
  .get("/api/v1/openapi.json", (c) => {
    c.header("Cache-Control", "public, max-age=300, s-maxage=3600");
    return c.json(openApiDocument(c.var.baseUrl));
  });
