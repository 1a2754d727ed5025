/**
 * The embeddable badge: `GET /embed.js` (the script, see embed/embed-client.ts) and the JSON it reads,
 * `GET /embed/v1/shop/{platform}/{shopId}` or `GET /embed/v1/merchant/{uscc}`, each with `?origin=`.
 *
 * The page origin is taken from the browser's `Origin` header when present (a page cannot forge it),
 * else from `?origin=` (same-origin requests carry no header). The signed envelope in the answer is the
 * one `GET /api/v1/merchants/{uscc}` serves, so the badge shows exactly the public record.
 */
import { brandOf, NATIONAL_BRAND, type SignedEnvelope } from "@xinbiao/db/model";
import { type Context, Hono } from "hono";
import { cors } from "hono/cors";
import { z } from "zod";
import { shopFor } from "../badge/lookup.ts";
import type { AppEnv } from "../deps.ts";
import { EMBED_JS } from "../embed/embed.generated.ts";
import { isRegistered, merchantOrigins, parseOrigin, recordMisuse } from "../embed/origin-binding.ts";
import { ApiError } from "../lib/errors.ts";
import { validate } from "../lib/validate.ts";
import { bodyEtag, sendPublic } from "../middleware/public-body.ts";
import { recordService } from "../records/service-registry.ts";
import { assertPlatform, resolveUscc } from "./api.routes.ts";
import { platformShopParam, usccParam } from "./schemas.ts";

/** The script changes only on deploy: an hour in browsers, a day in shared caches. */
export const EMBED_JS_CACHE = "public, max-age=3600, s-maxage=86400, stale-while-revalidate=86400";
/** Answers for registered origins: same as the public API. */
const EMBED_DATA_CACHE = "public, max-age=60, s-maxage=300, stale-while-revalidate=600";

export type EmbedAnswer =
  | { state: "ok"; brand: { zh: string; en: string }; page: string; envelope: SignedEnvelope }
  | { state: "unregistered"; brand: { zh: string; en: string }; page: string }
  | { state: "not_listed"; brand: { zh: string; en: string }; page: null };

const originQuery = z.object({
  origin: z.string().max(300, "来源过长 / origin too long").optional(),
});

function pageOrigin(c: Context<AppEnv>, fromQuery: string | undefined): string {
  const raw = c.req.header("Origin") ?? fromQuery;
  if (!raw) {
    throw new ApiError(400, "missing_origin", "缺少页面来源 origin / the page origin is missing", "origin");
  }
  const origin = parseOrigin(raw);
  if (!origin) {
    throw new ApiError(
      400,
      "invalid_origin",
      `页面来源格式不正确（应如 https://mall.jd.com）/ malformed origin (expected like https://mall.jd.com): ${raw.slice(0, 80)}`,
      "origin",
    );
  }
  return origin;
}

async function answer(
  c: Context<AppEnv>,
  uscc: string,
  registered: string[],
  origin: string,
  misuseKey: [string, string],
): Promise<Response> {
  const deps = c.var.deps;
  const env = await recordService(deps).envelope(uscc, c.var.baseUrl, deps.now());
  // The answer depends on the page origin.
  c.header("Vary", "Origin");
  if (!env) {
    c.header("Cache-Control", EMBED_DATA_CACHE);
    const b = brandOf(uscc.slice(2, 8));
    return c.json({ state: "not_listed", brand: { zh: b.zh, en: b.en }, page: null } satisfies EmbedAnswer);
  }
  const brand = { zh: env.record.region.brand.zh, en: env.record.region.brand.en };
  // Our own site (the /platforms live preview) is always a legitimate place to show a badge.
  const own = [new URL(c.var.baseUrl).origin, new URL(c.req.url).origin];
  if (!isRegistered(origin, [...registered, ...own])) {
    await recordMisuse(deps, misuseKey[0], misuseKey[1], origin);
    // Never cached: every view on a foreign site is counted.
    c.header("Cache-Control", "no-store");
    return c.json({ state: "unregistered", brand, page: env.record.links.page } satisfies EmbedAnswer);
  }
  c.header("Cache-Control", EMBED_DATA_CACHE);
  return c.json({ state: "ok", brand, page: env.record.links.page, envelope: env } satisfies EmbedAnswer);
}

/** The script never changes while the process runs: its ETag is computed once. */
const EMBED_JS_ETAG = bodyEtag(EMBED_JS);

export const embedRoutes = new Hono<AppEnv>()
  .get("/embed.js", (c) => {
    c.header("Cache-Control", EMBED_JS_CACHE);
    c.header("Cross-Origin-Resource-Policy", "cross-origin");
    c.header("Access-Control-Allow-Origin", "*");
    return sendPublic(c, EMBED_JS, "text/javascript; charset=utf-8", EMBED_JS_ETAG);
  })
  .use("/embed/v1/*", cors({ origin: "*", allowMethods: ["GET", "HEAD", "OPTIONS"], maxAge: 86400 }))
  .get(
    "/embed/v1/shop/:platform/:shopId",
    validate("param", platformShopParam),
    validate("query", originQuery),
    async (c) => {
      const { platform, shopId } = c.req.valid("param");
      assertPlatform(platform);
      const origin = pageOrigin(c, c.req.valid("query").origin);
      const shop = await shopFor(c.var.deps, platform, shopId);
      if (!shop) {
        c.header("Cache-Control", EMBED_DATA_CACHE);
        c.header("Vary", "Origin");
        return c.json({
          state: "not_listed",
          brand: { zh: NATIONAL_BRAND.zh, en: NATIONAL_BRAND.en },
          page: null,
        } satisfies EmbedAnswer);
      }
      return answer(c, shop.uscc, shop.origins, origin, [platform, shopId]);
    },
  )
  .get(
    "/embed/v1/merchant/:uscc",
    validate("param", usccParam),
    validate("query", originQuery),
    async (c) => {
      const uscc = await resolveUscc(c, c.req.valid("param").uscc);
      const origin = pageOrigin(c, c.req.valid("query").origin);
      // A merchant-wide badge is bound to the origins of all the merchant's registered shops; misuse
      // is counted under platform "uscc" with the code as shop id.
      return answer(c, uscc, await merchantOrigins(c.var.deps, uscc), origin, ["uscc", uscc]);
    },
  );
